package inventory

import (
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// ZeroDate and ZeroDateTime are what MySQL stores, in non-strict mode, for a
// DATE or DATETIME value it cannot parse. OCS relies on that mode, and GLPI
// reads the result, so every dialect stores the same.
const (
	ZeroDate     = "0000-00-00"
	ZeroDateTime = "0000-00-00 00:00:00"
)

// IsEmptyValue reports whether an agent value counts as missing: empty, "??",
// "N/A" or "NA" (mirrors Apache/Ocsinventory/Server/Inventory/Data.pm).
func IsEmptyValue(v string) bool {
	switch v {
	case "", "??", "N/A", "NA":
		return true
	}
	return false
}

// ColumnValue turns an agent value into the value stored in column c: the
// fallback or an empty string for missing values, then MySQL's coercion.
// Section columns are never NULL.
func ColumnValue(v string, c Column) string {
	if IsEmptyValue(v) {
		v = ""
		if c.HasFallback {
			v = c.Fallback
		}
	}
	return Coerce(v, c.Kind, c.Size)
}

// Coerce reproduces what MySQL stores for v in a column of kind k, in the
// non-strict sql_mode OCS runs with: strings truncated to size characters and
// characters outside the BMP (which utf8mb3 cannot hold) replaced by '?';
// numbers parsed from their leading numeric prefix, rounded and clamped;
// unparseable dates stored as the zero date.
func Coerce(v string, k Kind, size int) string {
	switch k {
	case Int:
		return strconv.FormatInt(leadingInt(v, math.MinInt32, math.MaxInt32), 10)
	case SmallInt:
		return strconv.FormatInt(leadingInt(v, math.MinInt16, math.MaxInt16), 10)
	case TinyInt:
		return strconv.FormatInt(leadingInt(v, math.MinInt8, math.MaxInt8), 10)
	case BigInt:
		return strconv.FormatInt(leadingInt(v, math.MinInt64, math.MaxInt64), 10)
	case Date:
		if d, ok := ParseDate(v); ok {
			return d.Format("2006-01-02")
		}
		return ZeroDate
	case DateTime:
		if d, ok := ParseDate(v); ok {
			return d.Format("2006-01-02 15:04:05")
		}
		return ZeroDateTime
	}
	return TruncateText(v, size)
}

// TruncateText replaces characters outside the Basic Multilingual Plane by
// '?' and cuts s to size characters (size 0: no limit).
func TruncateText(s string, size int) string {
	clean := true
	n := 0
	for _, r := range s {
		if r > 0xFFFF {
			clean = false
		}
		n++
	}
	if clean && (size == 0 || n <= size) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	n = 0
	for _, r := range s {
		if size > 0 && n == size {
			break
		}
		if r > 0xFFFF || r == utf8.RuneError {
			r = '?'
		}
		b.WriteRune(r)
		n++
	}
	return b.String()
}

// leadingInt parses the longest numeric prefix of s as MySQL does when it
// converts a string to an integer column: leading spaces skipped, fraction
// rounded half away from zero, exponent honoured, result clamped.
func leadingInt(s string, lo, hi int64) int64 {
	s = strings.TrimLeft(s, " \t\r\n")
	end := numericPrefix(s)
	if end == 0 {
		return 0
	}
	p := s[:end]
	if i, err := strconv.ParseInt(p, 10, 64); err == nil {
		return clamp(i, lo, hi)
	}
	f, err := strconv.ParseFloat(p, 64)
	if err != nil {
		// Only overflow gets here: ParseFloat returns ±Inf with the error.
		if f > 0 {
			return hi
		}
		return lo
	}
	f = math.Round(f)
	if f >= float64(hi) {
		return hi
	}
	if f <= float64(lo) {
		return lo
	}
	return int64(f)
}

func clamp(i, lo, hi int64) int64 {
	if i < lo {
		return lo
	}
	if i > hi {
		return hi
	}
	return i
}

// numericPrefix returns the length of the prefix of s matching
// [+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?.
func numericPrefix(s string) int {
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	digits := 0
	for i < len(s) && isDigit(s[i]) {
		i++
		digits++
	}
	if i < len(s) && s[i] == '.' {
		j := i + 1
		frac := 0
		for j < len(s) && isDigit(s[j]) {
			j++
			frac++
		}
		if digits+frac > 0 {
			i = j
			digits += frac
		}
	}
	if digits == 0 {
		return 0
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		j := i + 1
		if j < len(s) && (s[j] == '+' || s[j] == '-') {
			j++
		}
		k := j
		for k < len(s) && isDigit(s[k]) {
			k++
		}
		if k > j {
			i = k
		}
	}
	return i
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// ParseDate reads the date forms agents send: year first with any
// punctuation between fields (2010-10-12, 2010/10/12 10:00:00) as MySQL does,
// and FusionInventory's day first form (12/10/2010). The time part is
// optional. It fails on anything else, including impossible dates.
func ParseDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	nums := splitNumbers(s)
	if len(nums) < 3 {
		return time.Time{}, false
	}
	y, m, d := nums[0], nums[1], nums[2]
	if len(nums[2].s) == 4 && len(nums[0].s) <= 2 {
		y, d = nums[2], nums[0]
	}
	if len(y.s) != 4 {
		return time.Time{}, false
	}
	var hh, mm, ss int
	if len(nums) >= 6 {
		hh, mm, ss = nums[3].v, nums[4].v, nums[5].v
	}
	if m.v < 1 || m.v > 12 || d.v < 1 || d.v > 31 || hh > 23 || mm > 59 || ss > 59 || y.v < 1000 {
		return time.Time{}, false
	}
	t := time.Date(y.v, time.Month(m.v), d.v, hh, mm, ss, 0, time.UTC)
	if t.Day() != d.v {
		return time.Time{}, false
	}
	return t, true
}

type number struct {
	s string
	v int
}

// splitNumbers returns the runs of digits of s, at most 6.
func splitNumbers(s string) []number {
	var out []number
	for i := 0; i < len(s) && len(out) < 6; {
		if !isDigit(s[i]) {
			i++
			continue
		}
		j := i
		for j < len(s) && isDigit(s[j]) && j-i < 9 {
			j++
		}
		v, _ := strconv.Atoi(s[i:j])
		out = append(out, number{s: s[i:j], v: v})
		i = j
	}
	return out
}
