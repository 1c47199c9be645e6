package inventory

import "testing"

func TestCoerce(t *testing.T) {
	cases := []struct {
		name string
		v    string
		k    Kind
		size int
		want string
	}{
		{"int plain", "42", Int, 0, "42"},
		{"int empty", "", Int, 0, "0"},
		{"int leading number", "4194MB", Int, 0, "4194"},
		{"int rounds half up", "1.5", Int, 0, "2"},
		{"int rounds negative", "-2.5", Int, 0, "-3"},
		{"int exponent", "1e3", Int, 0, "1000"},
		{"int garbage", "abc", Int, 0, "0"},
		{"int leading spaces", "  7 GB", Int, 0, "7"},
		{"int clamps", "99999999999", Int, 0, "2147483647"},
		{"smallint clamps", "-70000", SmallInt, 0, "-32768"},
		{"tinyint clamps", "300", TinyInt, 0, "127"},
		{"bigint", "3000000000", BigInt, 0, "3000000000"},
		{"date dashes", "2010-10-12", Date, 0, "2010-10-12"},
		{"date slashes with time", "2010/10/12 10:00:00", Date, 0, "2010-10-12"},
		{"date day first", "12/10/2010", Date, 0, "2010-10-12"},
		{"date impossible", "2010-02-31", Date, 0, ZeroDate},
		{"date garbage", "yesterday", Date, 0, ZeroDate},
		{"datetime", "2024/01/02 03:04:05", DateTime, 0, "2024-01-02 03:04:05"},
		{"datetime date only", "2024-01-02", DateTime, 0, "2024-01-02 00:00:00"},
		{"text truncated by characters", "ééééé", Text, 3, "ééé"},
		{"text outside BMP", "a😀b", Text, 0, "a?b"},
		{"text unbounded", "long text", Text, 0, "long text"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := Coerce(c.v, c.k, c.size); got != c.want {
				t.Errorf("Coerce(%q) = %q, want %q", c.v, got, c.want)
			}
		})
	}
}

func TestColumnValueFallbacks(t *testing.T) {
	mac := Column{Name: "MACADDR", Kind: Text, Size: 255, Fallback: "00:00:00:00:00:00", HasFallback: true}
	for _, v := range []string{"", "??", "N/A", "NA"} {
		if got := ColumnValue(v, mac); got != "00:00:00:00:00:00" {
			t.Errorf("ColumnValue(%q) = %q, want the fallback", v, got)
		}
	}
	plain := Column{Name: "NAME", Kind: Text, Size: 255}
	if got := ColumnValue("N/A", plain); got != "" {
		t.Errorf("missing value without fallback = %q, want empty", got)
	}
	num := Column{Name: "FREE", Kind: Int, HasFallback: true, Fallback: "0"}
	if got := ColumnValue("", num); got != "0" {
		t.Errorf("numeric fallback = %q", got)
	}
}

func TestDiffRows(t *testing.T) {
	stored := []StoredRow{{1, []string{"a", "1"}}, {2, []string{"a", "1"}}, {3, []string{"b", "2"}}, {4, []string{"c", "3"}}}
	fresh := [][]string{{"a", "1"}, {"b", "2"}, {"d", "4"}, {"d", "4"}}
	del, ins := DiffRows(stored, fresh)
	if len(del) != 2 || !(contains64(del, 4) && (contains64(del, 1) || contains64(del, 2))) {
		t.Errorf("deleted %v, want one duplicate 'a' and 'c'", del)
	}
	if len(ins) != 2 || ins[0] != 2 || ins[1] != 3 {
		t.Errorf("inserted %v, want both 'd' rows", ins)
	}
	if d, i := DiffRows(stored[:2], [][]string{{"a", "1"}, {"a", "1"}}); len(d)+len(i) != 0 {
		t.Errorf("identical multisets differ: %v %v", d, i)
	}
	// Values are compared whole: no separator ambiguity ("ab","c" vs "a","bc").
	if d, i := DiffRows([]StoredRow{{1, []string{"ab", "c"}}}, [][]string{{"a", "bc"}}); len(d) != 1 || len(i) != 1 {
		t.Errorf("ambiguous concatenation matched")
	}
}

func contains64(s []int64, v int64) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

func TestValidDeviceID(t *testing.T) {
	for id, ok := range map[string]bool{
		"pc01-2024-01-02-03-04-05":          true,
		"Вймшв-ПК-2010-09-13-11-17-16":      true,
		"a-b-c-2024-01-02-03-04-05":         true,
		"-2024-01-02-03-04-05":              false,
		"pc01":                              false,
		"pc01-2024-01-02-03-04":             false,
		"pc01-2024-1-02-03-04-05":           false,
		"pc01-2024-01-02-03-04-0x":          false,
		"pc\n01-2024-01-02-03-04-05":        false,
		"port003-20101101":                  false,
		"placeholder-2024-01-02-03-04-05-6": false,
	} {
		if got := ValidDeviceID(id); got != ok {
			t.Errorf("ValidDeviceID(%q) = %v, want %v", id, got, ok)
		}
	}
}
