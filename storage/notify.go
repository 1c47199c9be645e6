package storage

import (
	"context"
	"fmt"
	"strings"

	"ocsd/inventory"
)

// notifyColumns are the networks columns a NOTIFY may change.
var notifyColumns = map[string]bool{
	"IPGATEWAY": true, "IPDHCP": true, "IPSUBNET": true, "IPADDRESS": true, "IPMASK": true,
}

// NotifyAddresses applies an IP-change notification to machine id in one
// transaction (mirrors Apache/Ocsinventory/Server/Capacities/Notify.pm).
// Each iface row names networks columns (IPGATEWAY, IPDHCP, IPSUBNET,
// IPADDRESS, IPMASK) and carries the interface's MACADDR; the machine's
// networks rows with that MAC get the given columns. When at least one row
// matched, hardware.CHECKSUM gains the networks bit, and when hardwareIP is
// not nil hardware.IPADDR is set to it and CHECKSUM gains the hardware bit
// too. It returns how many interfaces matched a row. A row counts as
// matched even when its values were already those sent, as OCS's count is
// DBD::mysql's (found rows, not changed rows).
func (db *DB) NotifyAddresses(ctx context.Context, id int64, ifaces []inventory.Row, hardwareIP *string) (int, error) {
	matched := 0
	err := db.InTx(ctx, func(tx *Tx) error {
		matched = 0
		for _, iface := range ifaces {
			ok, err := tx.notifyInterface(ctx, id, iface)
			if err != nil {
				return err
			}
			if ok {
				matched++
			}
		}
		if matched == 0 {
			return nil
		}
		return tx.markNotified(ctx, id, hardwareIP)
	})
	if err != nil {
		return 0, fmt.Errorf("storage: notify: %w", err)
	}
	return matched, nil
}

// notifyInterface updates the networks rows of machine id whose MACADDR is
// the iface's; it reports whether any exists.
func (tx *Tx) notifyInterface(ctx context.Context, id int64, iface inventory.Row) (bool, error) {
	mac := iface.Get("MACADDR")
	var sets []string
	var args []any
	for _, f := range iface {
		if notifyColumns[f.Name] && f.Value != "" {
			sets = append(sets, f.Name+" = ?")
			args = append(args, inventory.TruncateText(f.Value, 255))
		}
	}
	if mac == "" || len(sets) == 0 {
		return false, nil
	}
	var n int
	err := tx.tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM networks WHERE MACADDR = ? AND HARDWARE_ID = ?", mac, id).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("read networks: %w", err)
	}
	if n == 0 {
		return false, nil
	}
	args = append(args, mac, id)
	q := "UPDATE networks SET " + strings.Join(sets, ", ") + " WHERE MACADDR = ? AND HARDWARE_ID = ?"
	if _, err := tx.tx.ExecContext(ctx, q, args...); err != nil {
		return false, fmt.Errorf("update networks: %w", err)
	}
	return true, nil
}

// markNotified flags the change for GLPI: CHECKSUM gains the networks bit,
// and the hardware bit with the new IPADDR when one was sent.
func (tx *Tx) markNotified(ctx context.Context, id int64, hardwareIP *string) error {
	mask := int64(networksMask())
	if hardwareIP != nil {
		mask |= 1
		if _, err := tx.tx.ExecContext(ctx, "UPDATE hardware SET IPADDR = ? WHERE ID = ?",
			inventory.TruncateText(*hardwareIP, 255), id); err != nil {
			return fmt.Errorf("update hardware address: %w", err)
		}
	}
	if _, err := tx.tx.ExecContext(ctx, "UPDATE hardware SET CHECKSUM = CHECKSUM | ? WHERE ID = ?", mask, id); err != nil {
		return fmt.Errorf("update checksum: %w", err)
	}
	return nil
}

// networksMask is the NETWORKS section's CHECKSUM bit (4096).
func networksMask() uint64 {
	if s, ok := inventory.SectionByTag("NETWORKS"); ok {
		return s.Mask
	}
	return 4096
}
