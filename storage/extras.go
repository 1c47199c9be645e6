package storage

import (
	"context"
	"fmt"
	"strconv"

	"ocsd/inventory"
)

// extrasBatchBytes bounds the content of one extra-sections statement, well
// under MySQL's default max_allowed_packet (16 MiB).
const extrasBatchBytes = 4 << 20

// writeExtras stores the changed sections that have no OCS table, several
// per statement.
func (tx *Tx) writeExtras(ctx context.Context, id int64, extras []inventory.ExtraSection) error {
	for len(extras) > 0 {
		n, size := 0, 0
		for n < len(extras) && (n == 0 || size+len(extras[n].XML) <= extrasBatchBytes) {
			size += len(extras[n].XML)
			n++
		}
		q := upsertRowsSQL(tx.dialect, "ocsd_extra_sections", []string{"HARDWARE_ID", "SECTION", "CONTENT", "HASH"}, []string{"HARDWARE_ID", "SECTION"}, n)
		args := make([]any, 0, 4*n)
		for _, e := range extras[:n] {
			args = append(args, id, e.Tag, e.XML, strconv.FormatUint(e.Hash, 16))
		}
		if err := tx.queue(ctx, q, args...); err != nil {
			return err
		}
		extras = extras[n:]
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
	rows, err := tx.query(ctx, "SELECT PKG_ID FROM download_history WHERE HARDWARE_ID = ?", id)
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
			if err := tx.queue(ctx, "DELETE FROM download_history WHERE HARDWARE_ID = ? AND PKG_ID = ?", id, n); err != nil {
				return err
			}
		}
	}
	for n := range want {
		if !have[n] {
			if err := tx.queue(ctx, insertIgnore(tx.dialect)+" INTO download_history (HARDWARE_ID, PKG_ID) VALUES (?, ?)", id, n); err != nil {
				return err
			}
		}
	}
	return nil
}
