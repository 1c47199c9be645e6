package storage

import (
	"context"
	"fmt"
	"strings"
	"time"

	"ocsd/dictionary"
)

// insertAudit writes audit records with q (inside the transaction of the
// change they record). Dates are stored in the database's zone (loc), as
// every DATETIME ocsd writes.
func insertAudit(ctx context.Context, q queryer, loc *time.Location, recs []dictionary.AuditRecord) error {
	const cols = 7
	for start := 0; start < len(recs); start += 100 {
		batch := recs[start:min(start+100, len(recs))]
		var b strings.Builder
		b.WriteString("INSERT INTO ocsd_audit (DATE, ACTOR, VIA, ACTION, TARGET, BEFORE_VALUE, AFTER_VALUE) VALUES ")
		args := make([]any, 0, cols*len(batch))
		for i, r := range batch {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(placeholders(cols))
			args = append(args, r.When.In(loc).Format("2006-01-02 15:04:05"), r.Actor, r.Via, r.Action, r.Target,
				nullIfEmpty(r.Before), nullIfEmpty(r.After))
		}
		if _, err := q.ExecContext(ctx, b.String(), args...); err != nil {
			return fmt.Errorf("storage: audit: %w", err)
		}
	}
	return nil
}

func nullIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// RecordAudit writes audit records on their own (for changes whose write
// has a transaction of its own, such as a config row).
func (db *DB) RecordAudit(ctx context.Context, recs ...dictionary.AuditRecord) error {
	return insertAudit(ctx, db.sql, db.Now().Location(), recs)
}

// AuditRecords returns audit records, newest first, from offset on.
func (db *DB) AuditRecords(ctx context.Context, offset, limit int) ([]dictionary.AuditRecord, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT DATE, ACTOR, VIA, ACTION, TARGET, BEFORE_VALUE, AFTER_VALUE
 FROM ocsd_audit ORDER BY ID DESC LIMIT ? OFFSET ?`, limit, offset)
	if err != nil {
		return nil, fmt.Errorf("storage: audit records: %w", err)
	}
	defer rows.Close()
	var out []dictionary.AuditRecord
	for rows.Next() {
		var date, before, after dbText
		var r dictionary.AuditRecord
		if err := rows.Scan(&date, &r.Actor, &r.Via, &r.Action, &r.Target, &before, &after); err != nil {
			return nil, fmt.Errorf("storage: audit records: %w", err)
		}
		r.When = parseDBTimeIn(date.String, db.Now().Location())
		r.Before, r.After = before.String, after.String
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("storage: audit records: %w", err)
	}
	return out, nil
}
