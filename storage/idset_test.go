package storage

import (
	"fmt"
	"reflect"
	"testing"
)

func TestIdsInWritesRunsAsRanges(t *testing.T) {
	cases := []struct {
		ids  []int64
		pred string
		args []any
	}{
		{nil, "1 = 0", nil},
		{[]int64{7}, "(c IN (?))", []any{int64(7)}},
		{[]int64{3, 1, 2}, "(c BETWEEN ? AND ?)", []any{int64(1), int64(3)}},
		{[]int64{1, 2, 4, 5, 6, 6, 9, 20, 21, 22, 23}, "(c BETWEEN ? AND ? OR c BETWEEN ? AND ? OR c IN (?,?,?))",
			[]any{int64(4), int64(6), int64(20), int64(23), int64(1), int64(2), int64(9)}},
	}
	for _, c := range cases {
		pred, args := idsIn("c", c.ids)
		if pred != c.pred || !reflect.DeepEqual(args, c.args) {
			t.Errorf("idsIn(%v) = %q %v, want %q %v", c.ids, pred, args, c.pred, c.args)
		}
	}
}

// TestIdsInSelectsExactlyTheIDs checks on both dialects that the predicate
// selects the given ids and nothing else, gaps included.
func TestIdsInSelectsExactlyTheIDs(t *testing.T) {
	for name, dsn := range dialectDSNs() {
		t.Run(name, func(t *testing.T) { checkIdsIn(t, openTest(t, dsn(t))) })
	}
}

func checkIdsIn(t *testing.T, db *DB) {
	ctx := testCtx(t)
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	for id := 1; id <= 40; id++ {
		if _, err := db.sql.ExecContext(ctx, "INSERT INTO bios (HARDWARE_ID, SSN) VALUES (?, ?)", id, fmt.Sprint(id)); err != nil {
			t.Fatal(err)
		}
	}
	want := []int64{2, 3, 4, 5, 9, 11, 12, 20, 21, 22, 40}
	pred, args := idsIn("HARDWARE_ID", want)
	rows, err := db.sql.QueryContext(ctx, "SELECT HARDWARE_ID FROM bios WHERE "+pred+" ORDER BY HARDWARE_ID", args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var got []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		got = append(got, id)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("selected %v, want %v", got, want)
	}
}
