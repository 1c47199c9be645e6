package settings

import (
	"errors"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	cases := []struct {
		name, key, value string
		ivalue           int64
		tvalue           string
		ok               bool
	}{
		{"int key", "PROLOG_FREQ", "6", 6, "", true},
		{"int key off pattern", "PROLOG_FREQ", "0", 0, "", false},
		{"int key beyond int32", "LOCK_REUSE_TIME", "4294967296", 0, "", false},
		{"frequency -1", "FREQUENCY", "-1", -1, "", true},
		{"text key", "OCS_FILES_FORMAT", "XML", 0, "XML", true},
		{"text key off pattern", "OCS_FILES_FORMAT", "JSON", 0, "", false},
		{"text key too long", "LOGPATH", "/" + strings.Repeat("d", 255), 0, "", false},
		{"empty int", "TRACE_DELETED", "", 0, "", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			k, _ := Lookup(c.key)
			v, err := k.Parse(c.value)
			if (err == nil) != c.ok {
				t.Fatalf("Parse(%q) = %+v, %v", c.value, v, err)
			}
			if !c.ok {
				if !errors.Is(err, ErrInvalid) {
					t.Fatalf("error %v does not wrap ErrInvalid", err)
				}
				return
			}
			if k.Type == Int && (v.IValue == nil || *v.IValue != c.ivalue || v.TValue != nil) {
				t.Fatalf("int value %+v", v)
			}
			if k.Type == Text && (v.TValue == nil || *v.TValue != c.tvalue || v.IValue != nil) {
				t.Fatalf("text value %+v", v)
			}
		})
	}
}

func TestCurrent(t *testing.T) {
	n, s := int64(24), "XML"
	snap := Snapshot{"PROLOG_FREQ": {IValue: &n}, "OCS_FILES_FORMAT": {TValue: &s}}
	freq, _ := Lookup("PROLOG_FREQ")
	format, _ := Lookup("OCS_FILES_FORMAT")
	trace, _ := Lookup("TRACE_DELETED")
	if v, ok := snap.Current(freq); !ok || v != "24" {
		t.Errorf("PROLOG_FREQ = %q %v", v, ok)
	}
	if v, ok := snap.Current(format); !ok || v != "XML" {
		t.Errorf("OCS_FILES_FORMAT = %q %v", v, ok)
	}
	if v, ok := snap.Current(trace); ok || v != "" {
		t.Errorf("absent row = %q %v", v, ok)
	}
}
