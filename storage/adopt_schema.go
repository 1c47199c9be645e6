package storage

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// dbSchema is the shape of a MySQL database: its tables, columns and keys,
// read either from CREATE TABLE statements (ocsd's target, mysqldump output)
// or from information_schema (a live database).
type dbSchema struct {
	order  []string
	tables map[string]*dbTable
}

// dbTable is one table of a dbSchema.
type dbTable struct {
	name      string
	engine    string
	collation string // the table's default collation
	columns   []dbColumn
	primary   []string
	indexes   []dbIndex // every key but the primary one
	// create are the statements creating the table (target schema only).
	create []string
}

// dbColumn is one column of a dbTable.
type dbColumn struct {
	name string
	// def is the definition after the name, as written (target schema only).
	def       string
	typ       string // normalised: lower case, integer display widths dropped
	nullable  bool
	autoInc   bool
	dflt      string
	hasDflt   bool   // false for no default and for DEFAULT NULL
	collation string // text columns only
}

// dbIndex is a non-primary key.
type dbIndex struct {
	name    string
	unique  bool
	columns []string
}

func newSchema() *dbSchema { return &dbSchema{tables: map[string]*dbTable{}} }

func (s *dbSchema) add(t *dbTable) {
	if _, ok := s.tables[t.name]; !ok {
		s.order = append(s.order, t.name)
	}
	s.tables[t.name] = t
}

// column returns the column called name and its position.
func (t *dbTable) column(name string) (dbColumn, int, bool) {
	for i, c := range t.columns {
		if c.name == name {
			return c, i, true
		}
	}
	return dbColumn{}, -1, false
}

func (t *dbTable) index(name string) (dbIndex, bool) {
	for _, ix := range t.indexes {
		if ix.name == name {
			return ix, true
		}
	}
	return dbIndex{}, false
}

// targetSchema is the schema ocsd's MySQL migrations build up to the
// baseline: OCS GUI_VERSION 7069 plus ocsd's tables.
func targetSchema() (*dbSchema, error) {
	ms, err := loadMigrations(MySQL)
	if err != nil {
		return nil, err
	}
	s := newSchema()
	for _, m := range ms {
		if m.version > baselineVersion {
			break
		}
		for _, stmt := range m.stmts {
			if !strings.HasPrefix(stmt, "CREATE TABLE") {
				continue
			}
			t, err := parseCreateTable(stmt)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", m.label(), err)
			}
			t.create = m.stmts
			s.add(t)
		}
	}
	return s, nil
}

// parseDump reads the CREATE TABLE statements of SQL text laid out the way
// mysqldump and ocsd's schema files write them (one clause per line).
func parseDump(text string) (*dbSchema, error) {
	s := newSchema()
	for _, stmt := range splitStatements(text) {
		if !strings.HasPrefix(stmt, "CREATE TABLE") {
			continue
		}
		t, err := parseCreateTable(stmt)
		if err != nil {
			return nil, err
		}
		s.add(t)
	}
	return s, nil
}

// parseCreateTable reads one CREATE TABLE statement.
func parseCreateTable(stmt string) (*dbTable, error) {
	lines := strings.Split(stmt, "\n")
	t := &dbTable{name: identifiers(lines[0])[0]}
	for _, raw := range lines[1:] {
		l := strings.TrimSuffix(strings.TrimSpace(raw), ",")
		switch {
		case strings.HasPrefix(l, "`"):
			c, err := parseColumn(l)
			if err != nil {
				return nil, fmt.Errorf("table %s: %w", t.name, err)
			}
			t.columns = append(t.columns, c)
		case strings.HasPrefix(l, "PRIMARY KEY"):
			t.primary = identifiers(l)
		case strings.HasPrefix(l, "KEY"), strings.HasPrefix(l, "UNIQUE KEY"):
			ids := identifiers(l)
			t.indexes = append(t.indexes, dbIndex{name: ids[0], unique: strings.HasPrefix(l, "UNIQUE"), columns: ids[1:]})
		case strings.HasPrefix(l, ")"):
			t.engine, t.collation = tableOptions(l)
		}
	}
	if len(t.columns) == 0 {
		return nil, fmt.Errorf("table %s: no columns", t.name)
	}
	for i := range t.columns {
		if t.columns[i].collation == "" && isTextType(t.columns[i].typ) {
			t.columns[i].collation = t.collation
		}
	}
	return t, nil
}

// parseColumn reads "`NAME` type [attributes]".
func parseColumn(l string) (dbColumn, error) {
	name := identifiers(l)[0]
	def := strings.TrimSpace(l[len(name)+2:])
	toks := sqlTokens(def)
	if len(toks) == 0 {
		return dbColumn{}, fmt.Errorf("column %s has no type", name)
	}
	c := dbColumn{name: name, def: def, typ: normType(toks[0]), nullable: true}
	for i := 1; i < len(toks); i++ {
		next := ""
		if i+1 < len(toks) {
			next = toks[i+1]
		}
		switch strings.ToUpper(toks[i]) {
		case "UNSIGNED":
			c.typ += " unsigned"
		case "NOT":
			c.nullable, i = false, i+1
		case "DEFAULT":
			c.dflt, c.hasDflt = normDefault(next)
			i++
		case "AUTO_INCREMENT":
			c.autoInc = true
		case "COLLATE":
			c.collation, i = next, i+1
		case "CHARACTER", "ON":
			i += 2 // CHARACTER SET x, ON UPDATE x
		}
	}
	return c, nil
}

// tableOptions reads ENGINE= and COLLATE= from ") ENGINE=InnoDB … ;".
func tableOptions(l string) (engine, collation string) {
	for _, f := range strings.Fields(strings.Trim(l, ");")) {
		if v, ok := strings.CutPrefix(f, "ENGINE="); ok {
			engine = v
		}
		if v, ok := strings.CutPrefix(f, "COLLATE="); ok {
			collation = v
		}
	}
	return engine, collation
}

// identifiers returns the backquoted names of l, in order.
func identifiers(l string) []string {
	var out []string
	for {
		start := strings.IndexByte(l, '`')
		if start < 0 {
			return out
		}
		end := strings.IndexByte(l[start+1:], '`')
		if end < 0 {
			return out
		}
		out = append(out, l[start+1:start+1+end])
		l = l[start+end+2:]
	}
}

// sqlTokens splits a column definition on spaces outside single quotes.
func sqlTokens(s string) []string {
	var (
		out   []string
		cur   strings.Builder
		quote bool
	)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '\'' {
			quote = !quote
		}
		if c == ' ' && !quote {
			if cur.Len() > 0 {
				out = append(out, cur.String())
				cur.Reset()
			}
			continue
		}
		cur.WriteByte(c)
	}
	if cur.Len() > 0 {
		out = append(out, cur.String())
	}
	return out
}

// normType lower-cases a column type and drops the display width of integer
// types, which MySQL 8 no longer reports and which does not change storage.
func normType(t string) string {
	t = strings.ToLower(strings.TrimSpace(t))
	for _, p := range []string{"tinyint", "smallint", "mediumint", "integer", "bigint", "int"} {
		rest, ok := strings.CutPrefix(t, p)
		if !ok || (rest != "" && rest[0] != '(' && rest[0] != ' ') {
			continue
		}
		if strings.HasPrefix(rest, "(") {
			if end := strings.IndexByte(rest, ')'); end >= 0 {
				rest = rest[end+1:]
			}
		}
		if p == "integer" {
			p = "int"
		}
		return p + rest
	}
	return t
}

// normDefault normalises a default as written in DDL or reported by
// information_schema (MariaDB quotes strings, MySQL does not).
func normDefault(v string) (string, bool) {
	switch {
	case strings.EqualFold(v, "NULL"):
		return "", false
	case len(v) >= 2 && v[0] == '\'' && v[len(v)-1] == '\'':
		return strings.ReplaceAll(v[1:len(v)-1], "''", "'"), true
	case strings.HasPrefix(strings.ToLower(v), "current_timestamp"):
		return "current_timestamp", true
	}
	return v, true
}

func isTextType(t string) bool {
	for _, p := range []string{"varchar", "char", "text", "tinytext", "mediumtext", "longtext", "enum", "set"} {
		if strings.HasPrefix(t, p) {
			return true
		}
	}
	return false
}

func isIntType(t string) bool {
	for _, p := range []string{"tinyint", "smallint", "mediumint", "int", "bigint"} {
		if t == p || strings.HasPrefix(t, p+" ") {
			return true
		}
	}
	return false
}

// readLiveSchema reads the current MySQL database from information_schema.
func readLiveSchema(ctx context.Context, q queryer) (*dbSchema, error) {
	s := newSchema()
	if err := readLiveTables(ctx, q, s); err != nil {
		return nil, fmt.Errorf("read tables: %w", err)
	}
	if err := readLiveColumns(ctx, q, s); err != nil {
		return nil, fmt.Errorf("read columns: %w", err)
	}
	if err := readLiveIndexes(ctx, q, s); err != nil {
		return nil, fmt.Errorf("read indexes: %w", err)
	}
	return s, nil
}

func readLiveTables(ctx context.Context, q queryer, s *dbSchema) error {
	rows, err := q.QueryContext(ctx, `SELECT TABLE_NAME, COALESCE(ENGINE, ''), COALESCE(TABLE_COLLATION, '')
		FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		t := &dbTable{}
		if err := rows.Scan(&t.name, &t.engine, &t.collation); err != nil {
			return err
		}
		s.add(t)
	}
	return rows.Err()
}

func readLiveColumns(ctx context.Context, q queryer, s *dbSchema) error {
	rows, err := q.QueryContext(ctx, `SELECT TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COLUMN_DEFAULT, EXTRA,
		COALESCE(COLLATION_NAME, '') FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE()
		ORDER BY TABLE_NAME, ORDINAL_POSITION`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var (
			table, typ, nullable, extra string
			dflt                        sql.NullString
			c                           dbColumn
		)
		if err := rows.Scan(&table, &c.name, &typ, &nullable, &dflt, &extra, &c.collation); err != nil {
			return err
		}
		c.typ, c.nullable = normType(typ), nullable == "YES"
		c.autoInc = strings.Contains(strings.ToLower(extra), "auto_increment")
		if dflt.Valid {
			c.dflt, c.hasDflt = normDefault(dflt.String)
		}
		if t := s.tables[table]; t != nil {
			t.columns = append(t.columns, c)
		}
	}
	return rows.Err()
}

func readLiveIndexes(ctx context.Context, q queryer, s *dbSchema) error {
	rows, err := q.QueryContext(ctx, `SELECT TABLE_NAME, INDEX_NAME, NON_UNIQUE, COLUMN_NAME
		FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var (
			table, name, column string
			nonUnique           int
		)
		if err := rows.Scan(&table, &name, &nonUnique, &column); err != nil {
			return err
		}
		t := s.tables[table]
		switch {
		case t == nil:
		case name == "PRIMARY":
			t.primary = append(t.primary, column)
		case len(t.indexes) > 0 && t.indexes[len(t.indexes)-1].name == name:
			last := &t.indexes[len(t.indexes)-1]
			last.columns = append(last.columns, column)
		default:
			t.indexes = append(t.indexes, dbIndex{name: name, unique: nonUnique == 0, columns: []string{column}})
		}
	}
	return rows.Err()
}
