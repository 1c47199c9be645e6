package storage

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
)

// schemaFS holds the schema migrations, one directory per dialect. Both
// directories carry the same numbers and names: NNNN_name.sql, one table (its
// CREATE TABLE and, on SQLite, its CREATE INDEXes) or one change per file.
// Numbers left free in the files belong to the seed steps of seed.go.
//
//go:embed schema/mysql/*.sql schema/sqlite/*.sql
var schemaFS embed.FS

// baselineVersion is the last migration of the OCS GUI_VERSION 7069 schema
// with its seeds: an adopted OCS database is brought to exactly this point,
// then later migrations apply to it like to any other.
const baselineVersion = 116

// migration is one forward step of the schema: DDL from a schema file, or
// rows written by a seed function.
type migration struct {
	version int
	name    string
	// stmts are the statements of a schema file, in the open dialect.
	stmts []string
	// seed writes the rows of a seed step.
	seed func(ctx context.Context, s *seeder) error
}

// label names m the way ocsd reports it ("0002_create_hardware").
func (m migration) label() string { return fmt.Sprintf("%04d_%s", m.version, m.name) }

// loadMigrations returns every migration of dialect d, in version order.
func loadMigrations(d Dialect) ([]migration, error) {
	files, err := schemaFiles(d)
	if err != nil {
		return nil, err
	}
	all := append(files, seeds()...)
	sort.Slice(all, func(i, j int) bool { return all[i].version < all[j].version })
	for i := 1; i < len(all); i++ {
		if all[i].version == all[i-1].version {
			return nil, fmt.Errorf("storage: migrations %s and %s share a number", all[i-1].label(), all[i].label())
		}
	}
	return all, nil
}

// schemaFiles reads the embedded schema files of dialect d.
func schemaFiles(d Dialect) ([]migration, error) {
	dir := path.Join("schema", d.String())
	entries, err := fs.ReadDir(schemaFS, dir)
	if err != nil {
		return nil, fmt.Errorf("storage: schema files: %w", err)
	}
	out := make([]migration, 0, len(entries))
	for _, e := range entries {
		version, name, err := parseMigrationName(e.Name())
		if err != nil {
			return nil, err
		}
		body, err := fs.ReadFile(schemaFS, path.Join(dir, e.Name()))
		if err != nil {
			return nil, fmt.Errorf("storage: schema file %s: %w", e.Name(), err)
		}
		stmts := splitStatements(string(body))
		if len(stmts) == 0 {
			return nil, fmt.Errorf("storage: schema file %s/%s holds no statement", dir, e.Name())
		}
		out = append(out, migration{version: version, name: name, stmts: stmts})
	}
	return out, nil
}

// parseMigrationName splits "0002_create_hardware.sql" into 2 and
// "create_hardware".
func parseMigrationName(file string) (int, string, error) {
	base, ok := strings.CutSuffix(file, ".sql")
	num, name, ok2 := strings.Cut(base, "_")
	version, err := strconv.Atoi(num)
	if !ok || !ok2 || err != nil || len(num) != 4 || version <= 0 || name == "" {
		return 0, "", fmt.Errorf("storage: schema file %q: want NNNN_name.sql", file)
	}
	return version, name, nil
}

// splitStatements cuts a schema file into its statements: on semicolons
// outside quotes, with "--" comments dropped. The files are ours, so this
// small lexer only needs what they use.
func splitStatements(src string) []string {
	var (
		out   []string
		cur   strings.Builder
		quote byte
	)
	flush := func() {
		if s := strings.TrimSpace(cur.String()); s != "" {
			out = append(out, s)
		}
		cur.Reset()
	}
	for i := 0; i < len(src); i++ {
		c := src[i]
		switch {
		case quote != 0:
			cur.WriteByte(c)
			if c == quote {
				quote = 0
			}
		case c == '\'' || c == '"' || c == '`':
			quote = c
			cur.WriteByte(c)
		case c == '-' && strings.HasPrefix(src[i:], "--"):
			for i < len(src) && src[i] != '\n' {
				i++
			}
			cur.WriteByte('\n')
		case c == ';':
			flush()
		default:
			cur.WriteByte(c)
		}
	}
	flush()
	return out
}
