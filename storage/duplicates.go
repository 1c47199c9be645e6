package storage

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"

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

// usableEvidence drops blacklisted MACs and tells whether the serial may count.
func (db *DB) usableEvidence(ctx context.Context, ident inventory.Identity) ([]string, bool, error) {
	// MySQL compares these case-insensitively (utf8mb3_general_ci); SQLite must too.
	nocase := ""
	if db.dialect == SQLite {
		nocase = " COLLATE NOCASE"
	}
	serialOK := true
	if ident.Level&inventory.DupSerial != 0 && ident.Serial != "" {
		var n int
		if err := db.sql.QueryRowContext(ctx, "SELECT COUNT(*) FROM blacklist_serials WHERE SERIAL = ?"+nocase, ident.Serial).Scan(&n); err != nil {
			return nil, false, fmt.Errorf("storage: blacklist_serials: %w", err)
		}
		serialOK = n == 0
	}
	if ident.Level&inventory.DupMAC == 0 || len(ident.MACs) == 0 {
		return nil, serialOK, nil
	}
	args := make([]any, len(ident.MACs))
	for i, m := range ident.MACs {
		args[i] = m
	}
	rows, err := db.sql.QueryContext(ctx, "SELECT MACADDRESS FROM blacklist_macaddresses WHERE MACADDRESS"+nocase+" IN "+placeholders(len(args)), args...)
	if err != nil {
		return nil, false, fmt.Errorf("storage: blacklist_macaddresses: %w", err)
	}
	defer rows.Close()
	black := map[string]bool{}
	for rows.Next() {
		var m string
		if err := rows.Scan(&m); err != nil {
			return nil, false, fmt.Errorf("storage: blacklist_macaddresses: %w", err)
		}
		black[strings.ToUpper(m)] = true
	}
	var macs []string
	for _, m := range ident.MACs {
		if !black[strings.ToUpper(m)] {
			macs = append(macs, m)
		}
	}
	return macs, serialOK, rows.Err()
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
