package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"ocsd/inventory"
)

// The devices row of the IpDiscover role: NAME 'IPDISCOVER', IVALUE 0 never
// elect / 1 elected automatically / 2 forced by an admin, TVALUE the subnet.
const ipdiscoverRole = "IPDISCOVER"

// AccountTag returns accountinfo.TAG of machine id; ok is false when the
// machine has no accountinfo row or a NULL TAG.
func (db *DB) AccountTag(ctx context.Context, id int64) (tag string, ok bool, err error) {
	var t sql.NullString
	err = db.sql.QueryRowContext(ctx, "SELECT TAG FROM accountinfo WHERE HARDWARE_ID = ?", id).Scan(&t)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	if err != nil {
		return "", false, fmt.Errorf("storage: read tag: %w", err)
	}
	return t.String, t.Valid, nil
}

// SaveDiscovered records the hosts an IpDiscover agent (machine id) found on
// subnet netID with netmask mask, upserting netmap by MAC with DATE now
// (mirrors _ipdiscover_read_result in
// Apache/Ocsinventory/Server/Capacities/Ipdiscover.pm, 2.12). With tag not
// nil (IPDISCOVER_LINK_TAG_NETWORK) rows get that TAG, and a MAC already
// recorded under another TAG is left to its owner. Values are cut to the
// column sizes, as MySQL's non-strict mode would.
func (db *DB) SaveDiscovered(ctx context.Context, id int64, netID, mask string, tag *string, hosts []inventory.DiscoveredHost) error {
	if len(hosts) == 0 {
		return nil
	}
	err := db.InTx(ctx, func(tx *Tx) error {
		now := db.nowText()
		for _, h := range hosts {
			vals := []any{
				inventory.TruncateText(h.IP, 15), inventory.TruncateText(h.MAC, 17), inventory.TruncateText(mask, 15),
				inventory.TruncateText(netID, 15), now, inventory.TruncateText(h.Name, 255), id,
			}
			if err := tx.saveHost(ctx, vals, tag); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("storage: save discovered hosts: %w", err)
	}
	return nil
}

// saveHost writes one netmap row; vals are IP, MAC, MASK, NETID, DATE, NAME,
// HARDWARE_ID.
func (tx *Tx) saveHost(ctx context.Context, vals []any, tag *string) error {
	cols := []string{"IP", "MAC", "MASK", "NETID", "DATE", "NAME", "HARDWARE_ID"}
	if tag == nil {
		if _, err := tx.tx.ExecContext(ctx, upsertSQL(tx.dialect, "netmap", cols, []string{"MAC"}), vals...); err != nil {
			return fmt.Errorf("upsert netmap: %w", err)
		}
		return nil
	}
	t := inventory.TruncateText(*tag, 255)
	ins := insertIgnore(tx.dialect) + " INTO netmap (IP, MAC, MASK, NETID, DATE, NAME, HARDWARE_ID, TAG) VALUES " + placeholders(8)
	if _, err := tx.tx.ExecContext(ctx, ins, append(vals, t)...); err != nil {
		return fmt.Errorf("insert netmap: %w", err)
	}
	upd := `UPDATE netmap SET IP = ?, MASK = ?, NETID = ?, DATE = ?, NAME = ?, HARDWARE_ID = ?, TAG = ?
		WHERE MAC = ? AND (TAG IS NULL OR TAG = ?)`
	args := []any{vals[0], vals[2], vals[3], vals[4], vals[5], vals[6], t, vals[1], t}
	if _, err := tx.tx.ExecContext(ctx, upd, args...); err != nil {
		return fmt.Errorf("update netmap: %w", err)
	}
	return nil
}

// IPDiscoverHolders counts the machines holding the IpDiscover role of
// subnet (any IVALUE). With tag not nil only machines whose accountinfo.TAG
// is tag count (IPDISCOVER_LINK_TAG_NETWORK).
func (db *DB) IPDiscoverHolders(ctx context.Context, subnet string, tag *string) (int, error) {
	q := "SELECT COUNT(*) FROM devices d WHERE d.NAME = ? AND d.TVALUE = ?"
	args := []any{ipdiscoverRole, subnet}
	if tag != nil {
		q = `SELECT COUNT(*) FROM devices d JOIN accountinfo a ON a.HARDWARE_ID = d.HARDWARE_ID
			WHERE d.NAME = ? AND d.TVALUE = ? AND a.TAG = ?`
		args = append(args, *tag)
	}
	var n int
	if err := db.sql.QueryRowContext(ctx, q, args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("storage: count ipdiscover holders: %w", err)
	}
	return n, nil
}

// ElectedHolders returns the machines other than exclude holding the
// automatic (IVALUE not 2) IpDiscover role of subnet, in id order, with their
// QUALITY and LASTDATE; tag scopes them as in IPDiscoverHolders.
func (db *DB) ElectedHolders(ctx context.Context, subnet string, tag *string, exclude int64) ([]inventory.Contact, error) {
	q := `SELECT h.ID, h.QUALITY, h.LASTDATE FROM hardware h JOIN devices d ON d.HARDWARE_ID = h.ID`
	if tag != nil {
		q += " JOIN accountinfo a ON a.HARDWARE_ID = h.ID"
	}
	q += " WHERE d.NAME = ? AND d.TVALUE = ? AND h.ID <> ? AND (d.IVALUE IS NULL OR d.IVALUE <> 2)"
	args := []any{ipdiscoverRole, subnet, exclude}
	if tag != nil {
		q += " AND a.TAG = ?"
		args = append(args, *tag)
	}
	rows, err := db.sql.QueryContext(ctx, q+" ORDER BY h.ID", args...)
	if err != nil {
		return nil, fmt.Errorf("storage: read ipdiscover holders: %w", err)
	}
	defer rows.Close()
	var out []inventory.Contact
	for rows.Next() {
		var c inventory.Contact
		var quality sql.NullFloat64
		var last dbText
		if err := rows.Scan(&c.ID, &quality, &last); err != nil {
			return nil, fmt.Errorf("storage: scan ipdiscover holders: %w", err)
		}
		c.Quality, c.LastDate = quality.Float64, parseDBTimeIn(last.String, db.Now().Location())
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("storage: read ipdiscover holders: %w", err)
	}
	return out, nil
}

// SubnetBlacklisted reports whether subnet is in blacklist_subnet.
func (db *DB) SubnetBlacklisted(ctx context.Context, subnet string) (bool, error) {
	var n int
	if err := db.sql.QueryRowContext(ctx, "SELECT COUNT(*) FROM blacklist_subnet WHERE SUBNET = ?", subnet).Scan(&n); err != nil {
		return false, fmt.Errorf("storage: read blacklist_subnet: %w", err)
	}
	return n > 0, nil
}

// ElectIPDiscover gives machine id the automatic IpDiscover role of subnet
// (IVALUE 1), replacing any IpDiscover row it had, so it keeps one.
func (db *DB) ElectIPDiscover(ctx context.Context, id int64, subnet string) error {
	err := db.InTx(ctx, func(tx *Tx) error {
		if _, err := tx.tx.ExecContext(ctx, "DELETE FROM devices WHERE HARDWARE_ID = ? AND NAME = ?", id, ipdiscoverRole); err != nil {
			return err
		}
		_, err := tx.tx.ExecContext(ctx,
			"INSERT INTO devices (HARDWARE_ID, NAME, IVALUE, TVALUE, COMMENTS) VALUES (?, ?, 1, ?, '')",
			id, ipdiscoverRole, inventory.TruncateText(subnet, 255))
		return err
	})
	if err != nil {
		return fmt.Errorf("storage: elect ipdiscover: %w", err)
	}
	return nil
}

// TransferIPDiscover moves the IpDiscover role of machine from to machine
// to, role and subnet unchanged (to's own IpDiscover rows are replaced).
func (db *DB) TransferIPDiscover(ctx context.Context, from, to int64) error {
	err := db.InTx(ctx, func(tx *Tx) error {
		if _, err := tx.tx.ExecContext(ctx, "DELETE FROM devices WHERE HARDWARE_ID = ? AND NAME = ?", to, ipdiscoverRole); err != nil {
			return err
		}
		_, err := tx.tx.ExecContext(ctx, "UPDATE devices SET HARDWARE_ID = ? WHERE HARDWARE_ID = ? AND NAME = ?",
			to, from, ipdiscoverRole)
		return err
	})
	if err != nil {
		return fmt.Errorf("storage: transfer ipdiscover: %w", err)
	}
	return nil
}

// DemoteIPDiscover removes machine id's IpDiscover role.
func (db *DB) DemoteIPDiscover(ctx context.Context, id int64) error {
	if _, err := db.sql.ExecContext(ctx, "DELETE FROM devices WHERE HARDWARE_ID = ? AND NAME = ?", id, ipdiscoverRole); err != nil {
		return fmt.Errorf("storage: demote ipdiscover: %w", err)
	}
	return nil
}
