package storage

import (
	"context"
	"fmt"

	"ocsd/soap/store"
)

// DiscoveredInterfaces returns netmap rows seen after since, ordered by DATE
// (then MAC); unknownOnly drops MACs found in networks or network_devices.
func (db *DB) DiscoveredInterfaces(ctx context.Context, since string, offset, limit int, unknownOnly bool) ([]store.Interface, error) {
	q := "SELECT DATE, IP, MAC, MASK, NAME FROM netmap WHERE DATE > ?"
	if unknownOnly {
		q += " AND MAC NOT IN (SELECT MACADDR FROM networks WHERE MACADDR IS NOT NULL)" +
			" AND MAC NOT IN (SELECT MACADDR FROM network_devices WHERE MACADDR IS NOT NULL)"
	}
	q += " ORDER BY DATE, MAC LIMIT ? OFFSET ?"
	rows, err := db.sql.QueryContext(ctx, q, since, limit, offset)
	if err != nil {
		return nil, fmt.Errorf("storage: discovered interfaces: %w", err)
	}
	defer rows.Close()
	var out []store.Interface
	for rows.Next() {
		var date, ip, mac, mask, name dbText
		if err := rows.Scan(&date, &ip, &mac, &mask, &name); err != nil {
			return nil, fmt.Errorf("storage: discovered interfaces: %w", err)
		}
		i := store.Interface{Date: date.String, IP: ip.String, MAC: mac.String, Mask: mask.String}
		if name.Valid {
			i.Name = &name.String
		}
		out = append(out, i)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("storage: discovered interfaces: %w", err)
	}
	return out, nil
}

func (db *DB) exists(ctx context.Context, what, q string, arg any) (bool, error) {
	var n int
	if err := db.sql.QueryRowContext(ctx, "SELECT COUNT(*) FROM ("+q+" LIMIT 1) x", arg).Scan(&n); err != nil {
		return false, fmt.Errorf("storage: %s: %w", what, err)
	}
	return n > 0, nil
}

// DeviceTypeExists tells whether devicetype has the name.
func (db *DB) DeviceTypeExists(ctx context.Context, name string) (bool, error) {
	return db.exists(ctx, "device type", "SELECT ID FROM devicetype WHERE NAME = ?", name)
}

// OperatorExists tells whether operators has the id.
func (db *DB) OperatorExists(ctx context.Context, id string) (bool, error) {
	return db.exists(ctx, "operator", "SELECT ID FROM operators WHERE ID = ?", id)
}

// TagNetworkDevice declares a MAC as a network device; a MAC already
// declared has its declaration replaced, so none is ever listed twice.
func (db *DB) TagNetworkDevice(ctx context.Context, d store.NetworkDevice) (int64, error) {
	err := db.InTx(ctx, func(tx *Tx) error {
		if _, err := tx.tx.ExecContext(ctx, "DELETE FROM network_devices WHERE MACADDR = ?", d.MAC); err != nil {
			return fmt.Errorf("storage: tag network device: %w", err)
		}
		if _, err := tx.tx.ExecContext(ctx, "INSERT INTO network_devices (DESCRIPTION, TYPE, MACADDR, `USER`) VALUES (?, ?, ?, ?)",
			d.Description, d.Type, d.MAC, d.User); err != nil {
			return fmt.Errorf("storage: tag network device: %w", err)
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return 1, nil
}

// UntagNetworkDevice removes the declarations of a MAC.
func (db *DB) UntagNetworkDevice(ctx context.Context, mac string) (int64, error) {
	res, err := db.sql.ExecContext(ctx, "DELETE FROM network_devices WHERE MACADDR = ?", mac)
	if err != nil {
		return 0, fmt.Errorf("storage: untag network device: %w", err)
	}
	n, _ := res.RowsAffected()
	return n, nil
}

// CreateDeviceType adds a network device type; false when it existed.
func (db *DB) CreateDeviceType(ctx context.Context, name string) (bool, error) {
	created := false
	err := db.InTx(ctx, func(tx *Tx) error {
		var n int
		if err := tx.tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM devicetype WHERE NAME = ?", name).Scan(&n); err != nil {
			return fmt.Errorf("storage: create device type: %w", err)
		}
		if created = n == 0; !created {
			return nil
		}
		if _, err := tx.tx.ExecContext(ctx, "INSERT INTO devicetype (NAME) VALUES (?)", name); err != nil {
			return fmt.Errorf("storage: create device type: %w", err)
		}
		return nil
	})
	return created, err
}

// DeleteDeviceType removes a network device type.
func (db *DB) DeleteDeviceType(ctx context.Context, name string) (int64, error) {
	res, err := db.sql.ExecContext(ctx, "DELETE FROM devicetype WHERE NAME = ?", name)
	if err != nil {
		return 0, fmt.Errorf("storage: delete device type: %w", err)
	}
	n, _ := res.RowsAffected()
	return n, nil
}
