package storage

import (
	"context"
	"fmt"
	"strings"

	"ocsd/inventory"
)

// AgentFiles returns the files rows of a platform as NAME/VERSION pairs,
// ordered by name then version. The platform matches files.OS whatever its
// case, as OCS's lookup does under MySQL's case-insensitive collation.
func (db *DB) AgentFiles(ctx context.Context, platform string) ([]inventory.Field, error) {
	rows, err := db.namedRows(ctx, "SELECT NAME, VERSION FROM files WHERE UPPER(OS) = ? ORDER BY NAME, VERSION",
		[]string{"NAME", "VERSION"}, strings.ToUpper(platform))
	if err != nil {
		return nil, fmt.Errorf("storage: read files: %w", err)
	}
	out := make([]inventory.Field, len(rows))
	for i, r := range rows {
		out[i] = inventory.Field{Name: r.Get("NAME"), Value: r.Get("VERSION")}
	}
	return out, nil
}
