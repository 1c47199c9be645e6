package storage

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	"ocsd/internal/testsupport"
)

// The reference dumps of the OCS schema (mysqldump --no-data of a real
// install), read from ../shared/reference/schema.
const (
	reference7069 = "ocs-gui7069-ocsreports2.11.1.sql"
	reference7039 = "ocs-gui7039-server2.8.1.sql"
)

// ocsdColumns are the columns of ocsd's own tables (docs/compat.md D3).
func ocsdColumns() map[string][]string {
	return map[string][]string{
		"ocsd_migrations":     {"VERSION", "NAME", "APPLIED"},
		"ocsd_device_state":   {"HARDWARE_ID", "SECTIONS", "UPDATED"},
		"ocsd_extra_sections": {"HARDWARE_ID", "SECTION", "CONTENT", "HASH"},
	}
}

func referencePath(t *testing.T, file string) string {
	t.Helper()
	return filepath.Join(testsupport.SharedDir(t), "reference", "schema", file)
}

func referenceSchema(t *testing.T, file string) *dbSchema {
	t.Helper()
	text, err := os.ReadFile(referencePath(t, file))
	if err != nil {
		testsupport.Unavailable(t, "reference dump: %v", err)
	}
	s, err := parseDump(string(text))
	if err != nil {
		t.Fatalf("parse %s: %v", file, err)
	}
	if len(s.order) < 90 {
		t.Fatalf("parse %s: only %d tables", file, len(s.order))
	}
	return s
}

func TestSchemaParity(t *testing.T) {
	want := referenceSchema(t, reference7069)
	t.Run("mysql", func(t *testing.T) {
		db := openTest(t, testsupport.MySQLDSN(t, DropDatabase))
		ctx := testCtx(t)
		res, err := db.Migrate(ctx)
		if err != nil {
			t.Fatal(err)
		}
		live, err := readLiveSchema(ctx, db.SQL())
		if err != nil {
			t.Fatal(err)
		}
		compareMySQLSchema(t, want, live)
		checkSeeds(t, db, res.AdminPassword)
	})
	t.Run("sqlite", func(t *testing.T) {
		db := openTest(t, testsupport.SQLiteDSN(t))
		ctx := testCtx(t)
		res, err := db.Migrate(ctx)
		if err != nil {
			t.Fatal(err)
		}
		compareSQLiteSchema(t, want, db)
		checkSeeds(t, db, res.AdminPassword)
	})
}

// compareMySQLSchema checks that live has exactly the tables, columns
// (order, type, nullability, auto-increment, default, collation) and keys of
// want, all on InnoDB (docs/compat.md D4), plus ocsd's tables.
func compareMySQLSchema(t *testing.T, want, live *dbSchema) {
	t.Helper()
	compareTableSets(t, want.order, live.order)
	for _, name := range want.order {
		wt, lt := want.tables[name], live.tables[name]
		if lt == nil {
			continue
		}
		if lt.engine != "InnoDB" {
			t.Errorf("%s: engine %s, want InnoDB", name, lt.engine)
		}
		if !reflect.DeepEqual(columnsOf(wt), columnsOf(lt)) {
			t.Errorf("%s: columns differ\nwant %v\nhave %v", name, columnsOf(wt), columnsOf(lt))
		}
		if !slices.Equal(wt.primary, lt.primary) {
			t.Errorf("%s: primary key %v, want %v", name, lt.primary, wt.primary)
		}
		if w, l := indexesOf(wt.indexes, ""), indexesOf(lt.indexes, ""); !reflect.DeepEqual(w, l) {
			t.Errorf("%s: keys differ\nwant %v\nhave %v", name, w, l)
		}
	}
	for table, cols := range ocsdColumns() {
		lt := live.tables[table]
		if lt == nil {
			t.Errorf("%s missing", table)
			continue
		}
		if got := columnNames(lt); !slices.Equal(got, cols) {
			t.Errorf("%s: columns %v, want %v", table, got, cols)
		}
	}
}

// compareTableSets checks that have holds want's tables and ocsd's, nothing else.
func compareTableSets(t *testing.T, want, have []string) {
	t.Helper()
	var ocs []string
	for _, n := range have {
		if !isOCSDTable(n) && !strings.HasPrefix(n, "sqlite_") {
			ocs = append(ocs, n)
		}
	}
	w := slices.Clone(want)
	sort.Strings(w)
	sort.Strings(ocs)
	if !slices.Equal(w, ocs) {
		t.Errorf("tables differ\nwant %v\nhave %v", w, ocs)
	}
}

// columnsOf renders the columns for comparison, one string each.
func columnsOf(t *dbTable) []string {
	var out []string
	for _, c := range t.columns {
		s := c.name + " " + c.typ
		if !c.nullable {
			s += " NOT NULL"
		}
		if c.autoInc {
			s += " AUTO_INCREMENT"
		}
		if c.hasDflt {
			s += " DEFAULT '" + c.dflt + "'"
		}
		if c.collation != "" {
			s += " COLLATE " + c.collation
		}
		out = append(out, s)
	}
	return out
}

func columnNames(t *dbTable) []string {
	var out []string
	for _, c := range t.columns {
		out = append(out, c.name)
	}
	return out
}

// indexesOf renders keys by name, without the prefix SQLite names carry.
func indexesOf(ixs []dbIndex, prefix string) map[string]string {
	out := map[string]string{}
	for _, ix := range ixs {
		kind := "KEY"
		if ix.unique {
			kind = "UNIQUE"
		}
		out[strings.TrimPrefix(ix.name, prefix)] = kind + "(" + strings.Join(ix.columns, ",") + ")"
	}
	return out
}

// sqliteFamily is the SQLite type a MySQL type of the dump maps to.
func sqliteFamily(mysqlType string) string {
	switch {
	case isIntType(mysqlType):
		return "INTEGER"
	case strings.HasPrefix(mysqlType, "double"), strings.HasPrefix(mysqlType, "float"):
		return "REAL"
	case strings.HasPrefix(mysqlType, "decimal"):
		return "NUMERIC"
	case strings.Contains(mysqlType, "blob"):
		return "BLOB"
	}
	return "TEXT" // char, varchar, text, date, datetime, timestamp
}

// compareSQLiteSchema checks that the SQLite database has want's tables and
// columns in SQLite types, with the same nullability, defaults and keys.
func compareSQLiteSchema(t *testing.T, want *dbSchema, db *DB) {
	t.Helper()
	ctx := testCtx(t)
	have, err := queryStrings(ctx, db.SQL(), "SELECT name FROM sqlite_master WHERE type = 'table'")
	if err != nil {
		t.Fatal(err)
	}
	compareTableSets(t, want.order, have)
	for _, name := range want.order {
		wt := want.tables[name]
		lt, err := readSQLiteTable(ctx, db.SQL(), name)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		compareSQLiteTable(t, wt, lt)
	}
	for table, cols := range ocsdColumns() {
		lt, err := readSQLiteTable(ctx, db.SQL(), table)
		if err != nil || !slices.Equal(columnNames(lt), cols) {
			t.Errorf("%s: columns %v (%v), want %v", table, lt, err, cols)
		}
	}
}

func compareSQLiteTable(t *testing.T, wt, lt *dbTable) {
	t.Helper()
	var wantCols, haveCols []string
	for i, c := range wt.columns {
		wantCols = append(wantCols, sqliteColumn(c.name, sqliteFamily(c.typ), !c.nullable || c.autoInc, c.dflt, c.hasDflt))
		if i < len(lt.columns) {
			h := lt.columns[i]
			haveCols = append(haveCols, sqliteColumn(h.name, h.typ, !h.nullable, h.dflt, h.hasDflt))
		}
	}
	if !slices.Equal(wantCols, haveCols) || len(lt.columns) != len(wt.columns) {
		t.Errorf("%s: columns differ\nwant %v\nhave %v", wt.name, wantCols, haveCols)
	}
	// SQLite auto-increments only a lone INTEGER PRIMARY KEY: a MySQL
	// composite key led by an auto-increment column keys on that column.
	wantPK := wt.primary
	for _, c := range wt.columns {
		if c.autoInc {
			wantPK = []string{c.name}
		}
	}
	if !slices.Equal(wantPK, lt.primary) {
		t.Errorf("%s: primary key %v, want %v", wt.name, lt.primary, wantPK)
	}
	if w, h := indexesOf(wt.indexes, ""), indexesOf(lt.indexes, wt.name+"_"); !reflect.DeepEqual(w, h) {
		t.Errorf("%s: indexes differ\nwant %v\nhave %v", wt.name, w, h)
	}
}

func sqliteColumn(name, typ string, notNull bool, dflt string, hasDflt bool) string {
	s := name + " " + typ
	if notNull {
		s += " NOT NULL"
	}
	if hasDflt {
		s += " DEFAULT '" + dflt + "'"
	}
	return s
}

// readSQLiteTable reads a table's columns, primary key and created indexes.
func readSQLiteTable(ctx context.Context, db *sql.DB, name string) (*dbTable, error) {
	t := &dbTable{name: name}
	rows, err := db.QueryContext(ctx, "SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info(?)", name)
	if err != nil {
		return nil, err
	}
	pk := map[int]string{}
	for rows.Next() {
		var (
			c       dbColumn
			notNull int
			pkPos   int
			dflt    sql.NullString
		)
		if err := rows.Scan(&c.name, &c.typ, &notNull, &dflt, &pkPos); err != nil {
			rows.Close()
			return nil, err
		}
		c.nullable = notNull == 0
		if dflt.Valid {
			c.dflt, c.hasDflt = normDefault(dflt.String)
		}
		if pkPos > 0 {
			pk[pkPos] = c.name
		}
		t.columns = append(t.columns, c)
	}
	rows.Close()
	for i := 1; i <= len(pk); i++ {
		t.primary = append(t.primary, pk[i])
	}
	// A lone INTEGER PRIMARY KEY is the rowid: never NULL, whatever it says.
	if c, i, ok := t.column(pk[1]); len(pk) == 1 && ok && c.typ == "INTEGER" {
		t.columns[i].nullable = false
	}
	idx, err := readSQLiteIndexes(ctx, db, name)
	t.indexes = idx
	return t, err
}

func readSQLiteIndexes(ctx context.Context, db *sql.DB, table string) ([]dbIndex, error) {
	rows, err := db.QueryContext(ctx, "SELECT name, \"unique\" FROM pragma_index_list(?) WHERE origin = 'c'", table)
	if err != nil {
		return nil, err
	}
	var out []dbIndex
	for rows.Next() {
		var ix dbIndex
		if err := rows.Scan(&ix.name, &ix.unique); err != nil {
			rows.Close()
			return nil, err
		}
		out = append(out, ix)
	}
	rows.Close()
	for i := range out {
		cols, err := queryStrings(ctx, db, "SELECT name FROM pragma_index_info(?) ORDER BY seqno", out[i].name)
		if err != nil {
			return nil, err
		}
		out[i].columns = cols
	}
	return out, nil
}

// TestSQLiteNamesCompareLikeMySQL checks that the OCS_CI columns are unique
// the way utf8mb3_general_ci makes them unique on MySQL.
func TestSQLiteNamesCompareLikeMySQL(t *testing.T) {
	db := openTest(t, testsupport.SQLiteDSN(t))
	ctx := testCtx(t)
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	tests := []struct{ table, column, first, second string }{
		{"software_name", "NAME", "Mozilla Firefox", "MOZILLA FIREFOX"},
		{"software_publisher", "PUBLISHER", "Société Générale", "SOCIETE GENERALE"},
		{"software_version", "VERSION", "1.0-beta", "1.0-BETA "},
		{"dico_ignored", "EXTRACTED", "café", "Cafe"},
	}
	for _, tc := range tests {
		t.Run(tc.table, func(t *testing.T) {
			ins := "INSERT INTO " + tc.table + " (" + tc.column + ") VALUES (?)"
			if _, err := db.SQL().ExecContext(ctx, ins, tc.first); err != nil {
				t.Fatal(err)
			}
			if _, err := db.SQL().ExecContext(ctx, ins, tc.second); !isDuplicateKey(err) {
				t.Errorf("%q after %q: %v, want a unique violation", tc.second, tc.first, err)
			}
		})
	}
	if _, err := db.SQL().ExecContext(ctx, "INSERT INTO dico_soft (EXTRACTED, FORMATTED) VALUES ('ABC', 'x'), ('abc', 'y')"); !isDuplicateKey(err) {
		t.Errorf("dico_soft accepted two spellings of one name: %v", err)
	}
}
