package storage

import (
	"context"
	"fmt"
	"strconv"

	"ocsd/inventory"
)

// writeExtras stores the changed sections that have no OCS table.
func (tx *Tx) writeExtras(ctx context.Context, id int64, extras []inventory.ExtraSection) error {
	if len(extras) == 0 {
		return nil
	}
	q := upsertSQL(tx.dialect, "ocsd_extra_sections", []string{"HARDWARE_ID", "SECTION", "CONTENT", "HASH"}, []string{"HARDWARE_ID", "SECTION"})
	for _, e := range extras {
		if _, err := tx.tx.ExecContext(ctx, q, id, e.Tag, e.XML, strconv.FormatUint(e.Hash, 16)); err != nil {
			return fmt.Errorf("storage: save section %s: %w", e.Tag, err)
		}
	}
	return nil
}

// syncDownloadHistory makes download_history list exactly the packages the
// agent reports installed (mirrors Apache/Ocsinventory/Server/Capacities/Download.pm).
func (tx *Tx) syncDownloadHistory(ctx context.Context, id int64, pkgs []string) error {
	want := map[int64]bool{}
	for _, p := range pkgs {
		if n, err := strconv.ParseInt(p, 10, 32); err == nil {
			want[n] = true
		}
	}
	rows, err := tx.tx.QueryContext(ctx, "SELECT PKG_ID FROM download_history WHERE HARDWARE_ID = ?", id)
	if err != nil {
		return fmt.Errorf("storage: read download_history: %w", err)
	}
	have := map[int64]bool{}
	for rows.Next() {
		var n int64
		if err := rows.Scan(&n); err != nil {
			rows.Close()
			return fmt.Errorf("storage: scan download_history: %w", err)
		}
		have[n] = true
	}
	rows.Close()
	for n := range have {
		if !want[n] {
			if _, err := tx.tx.ExecContext(ctx, "DELETE FROM download_history WHERE HARDWARE_ID = ? AND PKG_ID = ?", id, n); err != nil {
				return fmt.Errorf("storage: delete download_history: %w", err)
			}
		}
	}
	for n := range want {
		if !have[n] {
			if _, err := tx.tx.ExecContext(ctx, insertIgnore(tx.dialect)+" INTO download_history (HARDWARE_ID, PKG_ID) VALUES (?, ?)", id, n); err != nil {
				return fmt.Errorf("storage: insert download_history: %w", err)
			}
		}
	}
	return nil
}
