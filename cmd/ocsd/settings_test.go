package main

import (
	"context"
	"strings"
	"testing"
)

func TestSettingsCommand(t *testing.T) {
	dsn := dialectsSQLite(t)
	run1 := func(args ...string) (int, string, string) {
		var out, errb strings.Builder
		code := run(context.Background(), append([]string{"settings", "--db", dsn}, args...), &out, &errb)
		return code, out.String(), errb.String()
	}
	code, out, _ := run1("list")
	if code != 0 || !strings.Contains(out, "TRACE_DELETED") || !strings.Contains(out, "GLPI requires 1") {
		t.Fatalf("list: exit %d\n%s", code, out)
	}
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(line, "PROLOG_FREQ ") && !strings.Contains(line, " 24 ") {
			t.Errorf("fresh PROLOG_FREQ should read 24 (OCS seed): %q", line)
		}
	}
	if code, _, errs := run1("set", "PROLOG_FREQ", "0"); code == 0 || !strings.Contains(errs, "not a valid PROLOG_FREQ") {
		t.Errorf("invalid value accepted: exit %d %s", code, errs)
	}
	if code, _, errs := run1("set", "NO_SUCH_KEY", "1"); code == 0 || !strings.Contains(errs, "not a server option") {
		t.Errorf("unknown key accepted: exit %d %s", code, errs)
	}
	if code, _, errs := run1("set", "OCS_FILES_FORMAT", "XML"); code != 0 {
		t.Fatalf("set text key: exit %d %s", code, errs)
	}
	if code, _, _ := run1("set", "PROLOG_FREQ", "6"); code != 0 {
		t.Fatal("set failed")
	}
	if _, out, _ := run1("get", "PROLOG_FREQ"); strings.TrimSpace(out) != "6" {
		t.Errorf("get after set: %q", out)
	}
	if _, out, _ := run1("get", "OCS_FILES_FORMAT"); strings.TrimSpace(out) != "XML" {
		t.Errorf("get text key after set: %q", out)
	}
}
