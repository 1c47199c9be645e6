package storage

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"ocsd/inventory"
)

// FindDuplicates returns the other machines that match every criterion of
// ident.Level (AUTO_DUPLICATE_LVL): hostname, serial, MAC, model, UUID, asset
// tag, compared with the values the inventory carried. Blacklisted serials
// and MACs never count as evidence; an empty value never matches. The ids
// come in the order OCS merges them: sorted as strings (mirrors
// Apache/Ocsinventory/Server/Duplicate.pm).
func (db *DB) FindDuplicates(ctx context.Context, ident inventory.Identity) ([]int64, error) {
	const known = inventory.DupHostname | inventory.DupSerial | inventory.DupMAC | inventory.DupModel | inventory.DupUUID | inventory.DupAssetTag
	lvl := ident.Level
	if lvl == 0 || lvl&^known != 0 {
		return nil, nil
	}
	macs, serialOK, err := db.usableEvidence(ctx, ident)
	if err != nil {
		return nil, err
	}
	nocase := ""
	if db.dialect == SQLite {
		nocase = " COLLATE NOCASE"
	}
	q := strings.Builder{}
	q.WriteString(`SELECT h.ID FROM hardware h WHERE h.ID <> ? AND h.DEVICEID NOT LIKE '!_%' ESCAPE '!'`)
	args := []any{ident.ID}
	add := func(bit uint64, value, cond string) bool {
		if lvl&bit == 0 {
			return true
		}
		if value == "" {
			return false
		}
		q.WriteString(" AND " + cond)
		args = append(args, value)
		return true
	}
	serial := ident.Serial
	if !serialOK {
		serial = ""
	}
	ok := add(inventory.DupHostname, ident.Hostname, "h.NAME = ?"+nocase) &&
		add(inventory.DupUUID, ident.UUID, "h.UUID = ?"+nocase) &&
		add(inventory.DupSerial, serial, "EXISTS (SELECT 1 FROM bios b WHERE b.HARDWARE_ID = h.ID AND b.SSN = ?"+nocase+")") &&
		add(inventory.DupModel, ident.Model, "EXISTS (SELECT 1 FROM bios b WHERE b.HARDWARE_ID = h.ID AND b.SMODEL = ?"+nocase+")") &&
		add(inventory.DupAssetTag, ident.AssetTag, "EXISTS (SELECT 1 FROM bios b WHERE b.HARDWARE_ID = h.ID AND b.ASSETTAG = ?"+nocase+")")
	if !ok {
		return nil, nil
	}
	if lvl&inventory.DupMAC != 0 {
		if len(macs) == 0 {
			return nil, nil
		}
		q.WriteString(" AND EXISTS (SELECT 1 FROM networks n WHERE n.HARDWARE_ID = h.ID AND n.MACADDR" + nocase + " IN " + placeholders(len(macs)) + ")")
		for _, m := range macs {
			args = append(args, m)
		}
	}
	return db.queryIDs(ctx, q.String(), args...)
}

// usableEvidence drops blacklisted MACs and tells whether the serial may
// count. Blacklists compare case- and accent-insensitively, as MySQL's
// utf8mb3_general_ci does.
func (db *DB) usableEvidence(ctx context.Context, ident inventory.Identity) ([]string, bool, error) {
	bl, err := db.blacklists(ctx)
	if err != nil {
		return nil, false, err
	}
	serialOK := !bl.serials[foldName(ident.Serial)]
	var macs []string
	for _, m := range ident.MACs {
		if !bl.macs[foldName(m)] {
			macs = append(macs, m)
		}
	}
	return macs, serialOK, nil
}

// blacklistTTL bounds how long the blacklist tables are cached: they change
// when an admin edits them in the console.
const blacklistTTL = 30 * time.Second

type blacklistCache struct {
	mu      sync.Mutex
	serials map[string]bool
	macs    map[string]bool
	until   time.Time
}

type blacklistSets struct{ serials, macs map[string]bool }

func (db *DB) blacklists(ctx context.Context) (blacklistSets, error) {
	c := &db.black
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.serials != nil && db.now().Before(c.until) {
		return blacklistSets{c.serials, c.macs}, nil
	}
	serials, err := db.foldedColumn(ctx, "SELECT SERIAL FROM blacklist_serials")
	if err != nil {
		return blacklistSets{}, err
	}
	macs, err := db.foldedColumn(ctx, "SELECT MACADDRESS FROM blacklist_macaddresses")
	if err != nil {
		return blacklistSets{}, err
	}
	c.serials, c.macs, c.until = serials, macs, db.now().Add(blacklistTTL)
	return blacklistSets{serials, macs}, nil
}

func (db *DB) foldedColumn(ctx context.Context, q string) (map[string]bool, error) {
	rows, err := db.sql.QueryContext(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("storage: read blacklist: %w", err)
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			return nil, fmt.Errorf("storage: read blacklist: %w", err)
		}
		out[foldName(v)] = true
	}
	return out, rows.Err()
}

// DevicesByDeviceID returns the machines whose DEVICEID is deviceID, except
// exclude (the explicit rename of OLD_DEVICEID).
func (db *DB) DevicesByDeviceID(ctx context.Context, deviceID string, exclude int64) ([]int64, error) {
	return db.queryIDs(ctx, "SELECT ID FROM hardware WHERE DEVICEID = ? AND ID <> ?", deviceID, exclude)
}

func (db *DB) queryIDs(ctx context.Context, q string, args ...any) ([]int64, error) {
	rows, err := db.sql.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("storage: find devices: %w", err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("storage: find devices: %w", err)
		}
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return strconv.FormatInt(ids[i], 10) < strconv.FormatInt(ids[j], 10) })
	return ids, rows.Err()
}
