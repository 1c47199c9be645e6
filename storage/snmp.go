package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"ocsd/inventory"
)

// SNMPTargets returns the hosts IpDiscover found on subnet that no
// inventoried machine of that subnet owns (their MAC is not in networks):
// the devices an agent scanning the subnet should query by SNMP (mirrors
// snmp_prolog_resp in Apache/Ocsinventory/Server/Capacities/Snmp.pm). MACs
// compare case-insensitively on both dialects, as MySQL's collation does.
func (db *DB) SNMPTargets(ctx context.Context, subnet string) ([]inventory.DiscoveredHost, error) {
	rows, err := db.namedRows(ctx, `SELECT IP, MAC FROM netmap WHERE NETID = ? AND UPPER(MAC) NOT IN
		(SELECT UPPER(MACADDR) FROM networks WHERE MACADDR IS NOT NULL AND IPSUBNET = ?) ORDER BY IP, MAC`,
		[]string{"IP", "MAC"}, subnet, subnet)
	if err != nil {
		return nil, fmt.Errorf("storage: read snmp targets: %w", err)
	}
	out := make([]inventory.DiscoveredHost, len(rows))
	for i, r := range rows {
		out[i] = inventory.DiscoveredHost{IP: r.Get("IP"), MAC: r.Get("MAC")}
	}
	return out, nil
}

// SNMPTypes returns the SNMP types with their recognition conditions and
// label OIDs, one row per type, label and condition combination, with the
// fields TYPE_NAME, CONDITION_OID, CONDITION_VALUE, TABLE_TYPE_NAME,
// LABEL_NAME and OID (missing parts read as "").
func (db *DB) SNMPTypes(ctx context.Context) ([]inventory.Row, error) {
	out, err := db.namedRows(ctx, `SELECT t.TYPE_NAME, tc.CONDITION_OID, tc.CONDITION_VALUE, t.TABLE_TYPE_NAME, l.LABEL_NAME, c.OID
		FROM snmp_types t LEFT JOIN snmp_configs c ON t.ID = c.TYPE_ID LEFT JOIN snmp_labels l ON l.ID = c.LABEL_ID
		LEFT JOIN snmp_types_conditions tc ON tc.TYPE_ID = t.ID ORDER BY t.ID, c.ID, tc.ID`,
		[]string{"TYPE_NAME", "CONDITION_OID", "CONDITION_VALUE", "TABLE_TYPE_NAME", "LABEL_NAME", "OID"})
	if err != nil {
		return nil, fmt.Errorf("storage: read snmp types: %w", err)
	}
	return out, nil
}

// SNMPCommunities returns the SNMP credentials with the fields VERSION,
// NAME, USERNAME, AUTHPASSWD, LEVEL, AUTHPROTO, PRIVPASSWD and PRIVPROTO.
func (db *DB) SNMPCommunities(ctx context.Context) ([]inventory.Row, error) {
	out, err := db.namedRows(ctx, `SELECT VERSION, NAME, USERNAME, AUTHPASSWD, LEVEL, AUTHPROTO, PRIVPASSWD, PRIVPROTO
		FROM snmp_communities ORDER BY ID`,
		[]string{"VERSION", "NAME", "USERNAME", "AUTHPASSWD", "LEVEL", "AUTHPROTO", "PRIVPASSWD", "PRIVPROTO"})
	if err != nil {
		return nil, fmt.Errorf("storage: read snmp communities: %w", err)
	}
	return out, nil
}

// SNMPMIBs returns the custom MIBs with the fields VENDOR, URL, CHECKSUM,
// VERSION and PARSER.
func (db *DB) SNMPMIBs(ctx context.Context) ([]inventory.Row, error) {
	out, err := db.namedRows(ctx, "SELECT VENDOR, URL, CHECKSUM, VERSION, PARSER FROM snmp_mibs ORDER BY ID",
		[]string{"VENDOR", "URL", "CHECKSUM", "VERSION", "PARSER"})
	if err != nil {
		return nil, fmt.Errorf("storage: read snmp mibs: %w", err)
	}
	return out, nil
}

// snmpReservedTables are the SNMP configuration tables: never a target, even
// if an snmp_types row named one.
var snmpReservedTables = map[string]bool{
	"snmp_types": true, "snmp_configs": true, "snmp_labels": true, "snmp_communities": true,
	"snmp_mibs": true, "snmp_types_conditions": true, "snmp_accountinfo": true, "snmp_laststate": true,
}

// snmpTarget is a whitelisted SNMP type table: its name and columns as the
// live schema spells them (columns keyed upper-case).
type snmpTarget struct {
	table     string
	typeName  string
	columns   map[string]string
	reconcile string
	reason    string
}

// SaveSNMP stores an SNMP inventory sent by the agent deviceID in one
// transaction (2.12's _snmp_inventory in
// Apache/Ocsinventory/Server/Capacities/Snmp/Inventory.pm, with the
// recommended whitelist). sections maps each CONTENT element name to its
// rows. An element is stored only when its name is a TABLE_TYPE_NAME of
// snmp_types (any case) naming an existing table and every field names a
// column of that table (ID excepted); each row is then inserted, or updates
// the row whose unique key it matches. Identifiers come from the live schema,
// never from the request. When the type has a reconciliation label and the
// row carries it, snmp_accountinfo gets a row for the device, and with
// linkTag (SNMP_LINK_TAG) that row's TAG follows the agent's TAG. It returns
// how many rows were written and, as "element: reason", the elements (or
// rows) left out because a name is not in the whitelist.
func (db *DB) SaveSNMP(ctx context.Context, deviceID string, linkTag bool, sections map[string]*inventory.SectionData) (stored int, rejected []string, err error) {
	var res snmpResult
	names := make([]string, 0, len(sections))
	for name := range sections {
		names = append(names, name)
	}
	slices.Sort(names)
	err = db.InTx(ctx, func(tx *Tx) error {
		res = snmpResult{}
		w, err := tx.newSNMPWriter(ctx, deviceID, linkTag)
		if err != nil {
			return err
		}
		for _, name := range names {
			if err := w.saveElement(ctx, name, sections[name].Rows, &res); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return 0, nil, fmt.Errorf("storage: save snmp inventory: %w", err)
	}
	return res.stored, res.rejected, nil
}

// snmpResult is what SaveSNMP did.
type snmpResult struct {
	stored   int
	rejected []string
}

// snmpWriter writes one SNMP inventory inside a transaction.
type snmpWriter struct {
	tx       *Tx
	types    map[string]string // lower-case TABLE_TYPE_NAME → TABLE_TYPE_NAME
	targets  map[string]*snmpTarget
	linkTag  bool
	agentTag sql.NullString
}

func (tx *Tx) newSNMPWriter(ctx context.Context, deviceID string, linkTag bool) (*snmpWriter, error) {
	w := &snmpWriter{tx: tx, types: map[string]string{}, targets: map[string]*snmpTarget{}, linkTag: linkTag}
	rows, err := tx.tx.QueryContext(ctx, "SELECT DISTINCT TABLE_TYPE_NAME FROM snmp_types")
	if err != nil {
		return nil, fmt.Errorf("read snmp types: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return nil, fmt.Errorf("scan snmp types: %w", err)
		}
		w.types[strings.ToLower(name)] = name
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read snmp types: %w", err)
	}
	if linkTag {
		err := tx.tx.QueryRowContext(ctx, `SELECT a.TAG FROM hardware h JOIN accountinfo a ON a.HARDWARE_ID = h.ID
			WHERE h.DEVICEID = ? ORDER BY h.ID DESC LIMIT 1`, deviceID).Scan(&w.agentTag)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return nil, fmt.Errorf("read agent tag: %w", err)
		}
	}
	return w, nil
}

// saveElement stores the rows of one CONTENT element, or records why not.
func (w *snmpWriter) saveElement(ctx context.Context, name string, rows []inventory.Row, res *snmpResult) error {
	t, err := w.target(ctx, name)
	if err != nil {
		return err
	}
	if t.reason != "" {
		res.rejected = append(res.rejected, name+": "+t.reason)
		return nil
	}
	for _, r := range rows {
		cols, vals, bad := t.bind(r)
		if bad != "" {
			res.rejected = append(res.rejected, name+": "+bad)
			continue
		}
		if _, err := w.tx.tx.ExecContext(ctx, snmpUpsertSQL(w.tx.dialect, t.table, cols), vals...); err != nil {
			return fmt.Errorf("write %s: %w", t.table, err)
		}
		res.stored++
		if err := w.reconcile(ctx, t, r); err != nil {
			return err
		}
	}
	return nil
}

// target resolves and caches the whitelist entry of an element name.
func (w *snmpWriter) target(ctx context.Context, name string) (*snmpTarget, error) {
	key := strings.ToLower(name)
	if t := w.targets[key]; t != nil {
		return t, nil
	}
	t := &snmpTarget{}
	w.targets[key] = t
	typeName, ok := w.types[key]
	switch {
	case !reIdent.MatchString(name) || !strings.HasPrefix(key, "snmp_") || snmpReservedTables[key]:
		t.reason = "not an SNMP type table name"
		return t, nil
	case !ok:
		t.reason = "no snmp_types row names this table"
		return t, nil
	}
	t.typeName = typeName
	table, cols, err := liveColumns(ctx, w.tx, typeName)
	if err != nil {
		return nil, err
	}
	if table == "" {
		t.reason = "table does not exist"
		return t, nil
	}
	t.table, t.columns = table, cols
	t.reconcile, err = w.reconcileLabel(ctx, typeName)
	return t, err
}

// bind maps a row's fields to the table's columns, first occurrence of each
// winning; it returns the reason when a field is no column of the table.
func (t *snmpTarget) bind(r inventory.Row) (cols []string, vals []any, bad string) {
	seen := map[string]bool{}
	for _, f := range r {
		up := strings.ToUpper(f.Name)
		if seen[up] {
			continue
		}
		seen[up] = true
		col, ok := t.columns[up]
		if !ok || up == "ID" || !reIdent.MatchString(f.Name) {
			return nil, nil, "no column " + strconv.Quote(f.Name)
		}
		cols, vals = append(cols, col), append(vals, f.Value)
	}
	if len(cols) == 0 {
		return nil, nil, "no field"
	}
	return cols, vals, ""
}

// liveColumns returns a table's name and columns as the live schema spells
// them, matched case-insensitively; table is "" when it does not exist.
func liveColumns(ctx context.Context, tx *Tx, name string) (table string, cols map[string]string, err error) {
	q := `SELECT TABLE_NAME, COLUMN_NAME FROM information_schema.COLUMNS
		WHERE TABLE_SCHEMA = DATABASE() AND LOWER(TABLE_NAME) = LOWER(?) ORDER BY ORDINAL_POSITION`
	if tx.dialect == SQLite {
		q = `SELECT m.name, p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p
			WHERE m.type = 'table' AND LOWER(m.name) = LOWER(?) ORDER BY p.cid`
	}
	rows, err := tx.tx.QueryContext(ctx, q, name)
	if err != nil {
		return "", nil, fmt.Errorf("read columns of %s: %w", name, err)
	}
	defer rows.Close()
	cols = map[string]string{}
	for rows.Next() {
		var t, c string
		if err := rows.Scan(&t, &c); err != nil {
			return "", nil, fmt.Errorf("scan columns of %s: %w", name, err)
		}
		table, cols[strings.ToUpper(c)] = t, c
	}
	if err := rows.Err(); err != nil {
		return "", nil, fmt.Errorf("read columns of %s: %w", name, err)
	}
	return table, cols, nil
}

// snmpUpsertSQL inserts a row or updates the one it collides with on a
// unique key. Table and columns are whitelisted names, quoted all the same.
func snmpUpsertSQL(d Dialect, table string, cols []string) string {
	quoted := make([]string, len(cols))
	sets := make([]string, len(cols))
	for i, c := range cols {
		quoted[i] = quoteIdent(c)
		if d == MySQL {
			sets[i] = quoted[i] + " = VALUES(" + quoted[i] + ")"
		} else {
			sets[i] = quoted[i] + " = excluded." + quoted[i]
		}
	}
	q := "INSERT INTO " + quoteIdent(table) + " (" + strings.Join(quoted, ", ") + ") VALUES " + placeholders(len(cols))
	if d == MySQL {
		return q + " ON DUPLICATE KEY UPDATE " + strings.Join(sets, ", ")
	}
	return q + " ON CONFLICT DO UPDATE SET " + strings.Join(sets, ", ")
}

// reconcileLabel is the label that identifies devices of an SNMP type
// (snmp_configs.RECONCILIATION = 'Yes'), "" when none.
func (w *snmpWriter) reconcileLabel(ctx context.Context, typeName string) (string, error) {
	var label sql.NullString
	err := w.tx.tx.QueryRowContext(ctx, `SELECT l.LABEL_NAME FROM snmp_configs c
		JOIN snmp_types t ON t.ID = c.TYPE_ID JOIN snmp_labels l ON l.ID = c.LABEL_ID
		WHERE t.TABLE_TYPE_NAME = ? AND c.RECONCILIATION = 'Yes' ORDER BY c.ID LIMIT 1`, typeName).Scan(&label)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("read reconciliation label: %w", err)
	}
	return label.String, nil
}

// reconcile keeps snmp_accountinfo in step with a stored row: a row per
// (type, reconciliation label, value) is created when missing, and with
// SNMP_LINK_TAG its TAG is the agent's. Without SNMP_LINK_TAG, 2.12's insert
// names four columns for three values and always fails; ocsd inserts the
// row with the default TAG (docs/compat.md).
func (w *snmpWriter) reconcile(ctx context.Context, t *snmpTarget, r inventory.Row) error {
	if t.reconcile == "" {
		return nil
	}
	value := ""
	for _, f := range r {
		if strings.EqualFold(f.Name, t.reconcile) {
			value = inventory.TruncateText(f.Value, 255)
			break
		}
	}
	if value == "" {
		return nil
	}
	var id int64
	err := w.tx.tx.QueryRowContext(ctx, `SELECT ID FROM snmp_accountinfo WHERE SNMP_TYPE = ?
		AND SNMP_RECONCILIATION_FIELD = ? AND SNMP_RECONCILIATION_VALUE = ? ORDER BY ID LIMIT 1`,
		t.typeName, t.reconcile, value).Scan(&id)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("read snmp_accountinfo: %w", err)
	}
	switch {
	case id != 0 && w.linkTag:
		_, err = w.tx.tx.ExecContext(ctx, "UPDATE snmp_accountinfo SET TAG = ? WHERE ID = ?", nullString(w.agentTag), id)
	case id == 0 && w.linkTag:
		_, err = w.tx.tx.ExecContext(ctx, `INSERT INTO snmp_accountinfo (SNMP_TYPE, SNMP_RECONCILIATION_FIELD,
			SNMP_RECONCILIATION_VALUE, TAG) VALUES (?, ?, ?, ?)`, t.typeName, t.reconcile, value, nullString(w.agentTag))
	case id == 0:
		_, err = w.tx.tx.ExecContext(ctx, `INSERT INTO snmp_accountinfo (SNMP_TYPE, SNMP_RECONCILIATION_FIELD,
			SNMP_RECONCILIATION_VALUE) VALUES (?, ?, ?)`, t.typeName, t.reconcile, value)
	}
	if err != nil {
		return fmt.Errorf("write snmp_accountinfo: %w", err)
	}
	return nil
}
