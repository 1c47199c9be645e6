package storage

import (
	"strings"
	"sync"
	"unicode"

	"golang.org/x/text/unicode/norm"
	"modernc.org/sqlite"
)

// collationName is the SQLite collation that stands in for MySQL's
// utf8mb3_general_ci on the columns where OCS relies on it: the unique names
// of software_name/_publisher/_version and the dictionary keys. With it, both
// dialects agree on which names are "the same" (case, accents and trailing
// spaces ignored).
const collationName = "OCS_CI"

var registerCollation sync.Once

func ensureCollation() {
	registerCollation.Do(func() {
		sqlite.MustRegisterCollationUtf8(collationName, func(a, b string) int {
			return strings.Compare(foldName(a), foldName(b))
		})
	})
}

// foldName maps s to its utf8mb3_general_ci comparison key: accents
// stripped, letters upper-cased, trailing spaces dropped (PAD SPACE).
func foldName(s string) string {
	s = strings.TrimRight(s, " ")
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToUpper(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range norm.NFD.String(s) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		b.WriteRune(unicode.ToUpper(r))
	}
	return b.String()
}
