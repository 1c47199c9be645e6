package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// snmpDefaultLabel is one column of the built-in 'Default' SNMP type and the
// OID that fills it.
type snmpDefaultLabel struct {
	label, oid string
	// reconcile marks the label that identifies a device ('Yes' in OCS).
	reconcile bool
}

// snmpDefaultConfigs are the labels of the 'Default' SNMP type in the order
// OCS 7054 configures them (its labels are created in another order, see
// snmpDefaultLabelOrder).
func snmpDefaultConfigs() []snmpDefaultLabel {
	return []snmpDefaultLabel{
		{"DefaultName", "1.3.6.1.2.1.1.5.0", true},
		{"DefaultDescription", "1.3.6.1.2.1.1.1.0", false},
		{"DefaultLocation", "1.3.6.1.2.1.1.6.0", false},
		{"DefaultUptime", "1.3.6.1.2.1.1.3.0", false},
		{"DefaultAddressIP", "1.3.6.1.2.1.4.20.1.1", false},
		{"DefaultGateway", "1.3.6.1.2.1.4.20.1.3", false},
	}
}

// snmpDefaultLabelOrder is the order OCS 7054 inserts the labels in, which
// fixes their ids on a fresh install.
func snmpDefaultLabelOrder() []string {
	return []string{"DefaultDescription", "DefaultName", "DefaultUptime", "DefaultLocation", "DefaultAddressIP", "DefaultGateway"}
}

// seedSNMPDefault creates the built-in 'Default' SNMP type (table
// snmp_default), recognised by sysDescr, with its six labels and their OIDs.
// Only what is missing is inserted, so adoption can run it on a database
// that already has part of it.
func seedSNMPDefault(ctx context.Context, s *seeder) error {
	typeID, err := s.idOrInsert(ctx,
		"SELECT ID FROM snmp_types WHERE TYPE_NAME = 'Default'",
		"INSERT INTO snmp_types (TYPE_NAME, TABLE_TYPE_NAME) VALUES ('Default', 'snmp_default')")
	if err != nil {
		return fmt.Errorf("seed snmp type: %w", err)
	}
	const sysDescr = "1.3.6.1.2.1.1.1.0"
	if _, err := s.idOrInsert(ctx,
		"SELECT ID FROM snmp_types_conditions WHERE TYPE_ID = ? AND CONDITION_OID = ?",
		"INSERT INTO snmp_types_conditions (TYPE_ID, CONDITION_OID) VALUES (?, ?)", typeID, sysDescr); err != nil {
		return fmt.Errorf("seed snmp condition: %w", err)
	}
	labels := map[string]int64{}
	for _, name := range snmpDefaultLabelOrder() {
		id, err := s.idOrInsert(ctx,
			"SELECT ID FROM snmp_labels WHERE LABEL_NAME = ?",
			"INSERT INTO snmp_labels (LABEL_NAME) VALUES (?)", name)
		if err != nil {
			return fmt.Errorf("seed snmp label %s: %w", name, err)
		}
		labels[name] = id
	}
	for _, c := range snmpDefaultConfigs() {
		var reconcile any
		if c.reconcile {
			reconcile = "Yes"
		}
		ok, err := s.exists(ctx, "SELECT 1 FROM snmp_configs WHERE TYPE_ID = ? AND LABEL_ID = ?", typeID, labels[c.label])
		if err == nil && !ok {
			_, err = s.q.ExecContext(ctx, "INSERT INTO snmp_configs (TYPE_ID, LABEL_ID, OID, RECONCILIATION) VALUES (?, ?, ?, ?)",
				typeID, labels[c.label], c.oid, reconcile)
		}
		if err != nil {
			return fmt.Errorf("seed snmp config %s: %w", c.label, err)
		}
	}
	return nil
}

// idOrInsert returns the ID the lookup query finds, or runs insert (with the
// same arguments) and returns the new row's id.
func (s *seeder) idOrInsert(ctx context.Context, lookup, insert string, args ...any) (int64, error) {
	var id int64
	err := s.q.QueryRowContext(ctx, lookup, args...).Scan(&id)
	if err == nil {
		return id, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return 0, err
	}
	res, err := s.q.ExecContext(ctx, insert, args...)
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}
