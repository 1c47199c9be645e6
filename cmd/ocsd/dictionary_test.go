package main

import (
	"context"
	"strings"
	"testing"

	"ocsd/dictionary"
	"ocsd/storage"
)

// dictionaryRun runs `ocsd dictionary --db dsn args…`.
func dictionaryRun(dsn string, args ...string) (int, string, string) {
	var out, errb strings.Builder
	code := run(context.Background(), append([]string{"dictionary", "--db", dsn}, args...), &out, &errb)
	return code, out.String(), errb.String()
}

// seedCLISoftware gives computer 1 three programs and computer 2 one.
func seedCLISoftware(t *testing.T, db *storage.DB) {
	t.Helper()
	ctx := context.Background()
	for i, n := range []string{"firefox-esr", "libreoffice-core", "bash"} {
		if err := db.FixtureRows(ctx, "software_name", map[string]any{"ID": i + 1, "NAME": n}); err != nil {
			t.Fatal(err)
		}
	}
	for _, sw := range [][2]int{{1, 1}, {1, 2}, {1, 3}, {2, 2}} {
		if err := db.FixtureRows(ctx, "software", map[string]any{"HARDWARE_ID": sw[0], "NAME_ID": sw[1], "PUBLISHER_ID": 1, "VERSION_ID": 1}); err != nil {
			t.Fatal(err)
		}
	}
}

func TestDictionaryCommand(t *testing.T) {
	for name, mk := range dialects(t) {
		t.Run(name, func(t *testing.T) {
			dsn := mk(t)
			if code, out, errs := dictionaryRun(dsn, "list"); code != 0 || !strings.Contains(out, "page 0: 0 of 0") {
				t.Fatalf("list on a fresh database: exit %d\n%s%s", code, out, errs)
			}
			ctx := context.Background()
			db, err := storage.Open(ctx, dsn, storage.Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			seedCLISoftware(t, db)
			checkDictionaryVerbs(t, dsn)
			checkDictionaryRefusals(t, dsn)
			checkDictionaryAudit(t, db)
			words, err := db.DictionaryWords(ctx, []int64{1, 2})
			if err != nil || strings.Join(words[1], ",") != "Firefox,LibreOffice" || strings.Join(words[2], ",") != "LibreOffice" {
				t.Errorf("DICO_SOFT words after the CLI: %v %v", words, err)
			}
		})
	}
}

// checkDictionaryVerbs runs each verb and checks what it prints.
func checkDictionaryVerbs(t *testing.T, dsn string) {
	t.Helper()
	steps := []struct {
		args []string
		want []string
	}{
		{[]string{"--actor", "carol", "assign", "Mozilla", "firefox-esr"}, []string{"1 changed"}},
		{[]string{"--actor", "carol", "move", "Mozilla", "Firefox"}, []string{"1 changed"}},
		{[]string{"--actor", "carol", "unchanged", "zsh"}, []string{"1 changed"}},
		{[]string{"--actor", "carol", "ignore", "bash"}, []string{"1 changed"}},
		{[]string{"list", "cat"}, []string{"CAT   firefox-esr  Firefox", "page 0: 1 of 1"}},
		{[]string{"list"}, []string{"UNCHANGED  zsh", "IGNORED    bash", "page 0: 3 of 3"}},
		{[]string{"--size", "1", "--page", "2", "list"}, []string{"IGNORED  bash", "page 2: 1 of 3"}},
		{[]string{"search", "ZS"}, []string{"zsh", "page 0: 1 of 1"}},
		{[]string{"--actor", "carol", "add-rule", "prefix", "libre", "LibreOffice", "20"}, []string{"rule 1 added"}},
		{[]string{"rules"}, []string{"1   20        PREFIX  libre    LibreOffice"}},
		{[]string{"unclassified"}, []string{"2        libreoffice-core  LibreOffice", "page 0: 1 of 1"}},
		{[]string{"--actor", "carol", "delete", "zsh"}, []string{"1 changed"}},
		{[]string{"--actor", "carol", "add-rule", "regexp", "^tmp-", "Scratch"}, []string{"rule 2 added"}},
		{[]string{"--actor", "carol", "delete-rule", "2"}, []string{"1 changed"}},
	}
	for _, s := range steps {
		code, out, errs := dictionaryRun(dsn, s.args...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", s.args, code, errs)
		}
		for _, w := range s.want {
			if !strings.Contains(out, w) {
				t.Errorf("%v: %q missing in\n%s", s.args, w, out)
			}
		}
	}
}

// checkDictionaryRefusals checks that invalid changes fail with a message.
func checkDictionaryRefusals(t *testing.T, dsn string) {
	t.Helper()
	refusals := []struct {
		args []string
		want string
	}{
		{[]string{"add-rule", "regexp", strings.Repeat("a", 300), "A"}, "pattern is 300 bytes long, more than 255"},
		{[]string{"add-rule", "regexp", "(unclosed", "A"}, "pattern does not compile"},
		{[]string{"add-rule", "regexp", "[a-z]{999}[0-9]{999}[A-Z]{999}", "A"}, "instructions, more than"},
		{[]string{"add-rule", "glob", "*", "A"}, "is not one of IEXACT, PREFIX, REGEXP"},
		{[]string{"add-rule", "prefix", "libre", "Other"}, "same kind and pattern"},
		{[]string{"assign", strings.Repeat("c", 256), "bash"}, "category is longer than 255 characters"},
		{[]string{"assign", "Tools", "tab\tname"}, "control character"},
		{[]string{"move", "Nothing", "Else"}, `category "Nothing" has no name`},
		{[]string{"delete-rule", "99"}, "no rule has id 99"},
		{[]string{"list", "deleted"}, "is not one of CAT"},
	}
	for _, r := range refusals {
		code, _, errs := dictionaryRun(dsn, r.args...)
		if code != 1 || !strings.Contains(errs, r.want) {
			t.Errorf("%v: exit %d, stderr %q, want %q", r.args, code, errs, r.want)
		}
	}
	if code, _, errs := dictionaryRun(dsn, "frobnicate"); code != 2 || !strings.Contains(errs, "usage: ocsd dictionary") {
		t.Errorf("unknown verb: exit %d %q", code, errs)
	}
}

// checkDictionaryAudit checks the trail the verbs left.
func checkDictionaryAudit(t *testing.T, db *storage.DB) {
	t.Helper()
	recs, err := db.AuditRecords(context.Background(), 0, 100)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for i := len(recs) - 1; i >= 0; i-- {
		r := recs[i]
		if r.Actor != "carol" || r.Via != "cli" {
			t.Errorf("record not attributed to --actor over cli: %+v", r)
		}
		got = append(got, r.Action+" "+r.Target+" "+r.Before+">"+r.After)
	}
	want := []string{
		dictionary.ActionAssign + " firefox-esr NEW>CAT:Mozilla",
		dictionary.ActionMove + " firefox-esr CAT:Mozilla>CAT:Firefox",
		dictionary.ActionUnchanged + " zsh NEW>UNCHANGED",
		dictionary.ActionIgnore + " bash NEW>IGNORED",
	}
	if len(got) != 8 || strings.Join(got[:4], "\n") != strings.Join(want, "\n") {
		t.Fatalf("audit trail:\n%s\nwant first\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if !strings.HasPrefix(got[4], dictionary.ActionAddRule+` rule PREFIX "libre" >PREFIX "libre" -> "LibreOffice" priority 20`) ||
		got[5] != dictionary.ActionDelete+" zsh UNCHANGED>NEW" || !strings.HasPrefix(got[7], dictionary.ActionDeleteRule+" rule 2 REGEXP") {
		t.Errorf("audit trail:\n%s", strings.Join(got, "\n"))
	}
}

func TestDictionaryActorDefault(t *testing.T) {
	if got := actorName("dave"); got != "dave" {
		t.Errorf("actorName(dave) = %q", got)
	}
	if got := actorName(""); got == "" {
		t.Error("no operating-system user found for the audit trail")
	}
}
