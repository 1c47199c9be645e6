package storage

import (
	"slices"
	"strings"
)

// idsIn returns the predicate "col is one of ids" and its arguments, with
// runs of consecutive ids written as ranges: (col BETWEEN ? AND ? OR … OR
// col IN (…)). Device ids are handed out in sequence, so a page of them is
// mostly a few runs; MariaDB plans a list of n values with n index dives and
// reads it as n ranges, each a B-tree descent, and a run costs it one.
func idsIn(col string, ids []int64) (string, []any) {
	if len(ids) == 0 {
		return "1 = 0", nil
	}
	sorted := slices.Clone(ids)
	slices.Sort(sorted)
	sorted = slices.Compact(sorted)
	var b strings.Builder
	var args, singles []any
	b.WriteByte('(')
	for i := 0; i < len(sorted); {
		j := i + 1
		for j < len(sorted) && sorted[j] == sorted[j-1]+1 {
			j++
		}
		if j-i < 3 {
			for _, id := range sorted[i:j] {
				singles = append(singles, id)
			}
		} else {
			if len(args) > 0 {
				b.WriteString(" OR ")
			}
			b.WriteString(col + " BETWEEN ? AND ?")
			args = append(args, sorted[i], sorted[j-1])
		}
		i = j
	}
	if len(singles) > 0 {
		if len(args) > 0 {
			b.WriteString(" OR ")
		}
		b.WriteString(col + " IN " + placeholders(len(singles)))
		args = append(args, singles...)
	}
	b.WriteByte(')')
	return b.String(), args
}
