package dictionary_test

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"ocsd/dictionary"
	"ocsd/internal/testdb"
	"ocsd/storage"
)

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// seedSoftware gives devices 1–3 software: firefox-esr on three, thunderbird
// on two, bash on one, and an orphan name no device has.
func seedSoftware(t *testing.T, db *storage.DB) {
	t.Helper()
	ctx := context.Background()
	names := []string{"firefox-esr", "thunderbird", "bash", "orphan-tool"}
	for i, n := range names {
		must(t, db.FixtureRows(ctx, "software_name", map[string]any{"ID": i + 1, "NAME": n}))
	}
	for _, sw := range [][2]int{{1, 1}, {2, 1}, {3, 1}, {1, 2}, {2, 2}, {1, 3}} {
		must(t, db.FixtureRows(ctx, "software", map[string]any{"HARDWARE_ID": sw[0], "NAME_ID": sw[1], "PUBLISHER_ID": 1, "VERSION_ID": 1}))
	}
}

var alice = dictionary.Actor{Name: "alice", Via: "cli"}

func code(err error) string {
	var de *dictionary.Error
	if errors.As(err, &de) {
		return de.Code
	}
	return ""
}

func TestAdminClassifies(t *testing.T) {
	testdb.ForEachDialect(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		seedSoftware(t, db)
		adm := dictionary.NewAdmin(db, dictionary.DefaultLimits())
		if n, err := adm.Assign(ctx, alice, "Mozilla", []string{"firefox-esr", "thunderbird", "firefox-esr"}); err != nil || n != 2 {
			t.Fatalf("assign: %d %v", n, err)
		}
		if n, err := adm.Assign(ctx, alice, "Mozilla", []string{"FIREFOX-ESR"}); err != nil || n != 0 {
			t.Fatalf("assigning a name to its own category changes nothing: %d %v", n, err)
		}
		if n, err := adm.MarkUnchanged(ctx, alice, []string{"bash"}); err != nil || n != 1 {
			t.Fatalf("unchanged: %d %v", n, err)
		}
		if n, err := adm.Ignore(ctx, alice, []string{"thunderbird", "orphan-tool"}); err != nil || n != 2 {
			t.Fatalf("ignore: %d %v", n, err)
		}
		p, err := adm.List(ctx, dictionary.All, 0, 10)
		must(t, err)
		got := entries(p)
		want := "bash=bash UNCHANGED|firefox-esr=Mozilla CAT|orphan-tool= IGNORED|thunderbird= IGNORED"
		if p.Total != 4 || got != want {
			t.Fatalf("list: total %d\n got %s\nwant %s", p.Total, got, want)
		}
		for kind, want := range map[dictionary.Kind]string{dictionary.Category: "firefox-esr=Mozilla CAT",
			dictionary.Unchanged: "bash=bash UNCHANGED", dictionary.Ignored: "orphan-tool= IGNORED|thunderbird= IGNORED"} {
			p, err := adm.List(ctx, kind, 0, 10)
			if err != nil || entries(p) != want {
				t.Errorf("list %s: %s %v", kind, entries(p), err)
			}
		}
		if p, _ := adm.List(ctx, dictionary.All, 1, 3); p.Total != 4 || len(p.Entries) != 1 {
			t.Errorf("page 1 of 3: %+v", p)
		}
		if p, _ := adm.Search(ctx, "FIRE", dictionary.All, 0, 10); entries(p) != "firefox-esr=Mozilla CAT" {
			t.Errorf("search FIRE: %s", entries(p))
		}
		if p, _ := adm.Search(ctx, "mozil", dictionary.Category, 0, 10); p.Total != 1 {
			t.Errorf("search on the formatted name: %+v", p)
		}
		if p, _ := adm.Search(ctx, "100%_", dictionary.All, 0, 10); p.Total != 0 {
			t.Errorf("LIKE wildcards must be literal: %+v", p)
		}
		checkClassifyAudit(t, db)
	})
}

// checkClassifyAudit checks the records TestAdminClassifies leaves.
func checkClassifyAudit(t *testing.T, db *storage.DB) {
	t.Helper()
	ctx := context.Background()
	recs, err := db.AuditRecords(ctx, 0, 100)
	must(t, err)
	if len(recs) != 5 {
		t.Fatalf("%d audit records, want 5: %+v", len(recs), recs)
	}
	last, first := recs[0], recs[len(recs)-1]
	if first.Actor != "alice" || first.Via != "cli" || first.Action != dictionary.ActionAssign || first.Target != "firefox-esr" ||
		first.Before != "NEW" || first.After != "CAT:Mozilla" || time.Since(first.When) > time.Minute {
		t.Errorf("first record: %+v", first)
	}
	if last.Action != dictionary.ActionIgnore || last.Target != "orphan-tool" || last.Before != "NEW" || last.After != "IGNORED" {
		t.Errorf("last record: %+v", last)
	}
	thunder := recs[1]
	if thunder.Target != "thunderbird" || thunder.Before != "CAT:Mozilla" || thunder.After != "IGNORED" {
		t.Errorf("moving a name records where it was: %+v", thunder)
	}
}

func entries(p dictionary.Page) string {
	var out []string
	for _, e := range p.Entries {
		out = append(out, e.Extracted+"="+e.Formatted+" "+string(e.Kind))
	}
	return strings.Join(out, "|")
}

func TestAdminMoveDeleteUnclassified(t *testing.T) {
	testdb.ForEachDialect(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		seedSoftware(t, db)
		adm := dictionary.NewAdmin(db, dictionary.DefaultLimits())
		_, err := adm.Assign(ctx, alice, "Mail", []string{"thunderbird", "bash"})
		must(t, err)
		if n, err := adm.Move(ctx, alice, "Mail", "Mozilla Mail"); err != nil || n != 2 {
			t.Fatalf("move: %d %v", n, err)
		}
		if p, _ := adm.List(ctx, dictionary.Category, 0, 10); entries(p) != "bash=Mozilla Mail CAT|thunderbird=Mozilla Mail CAT" {
			t.Fatalf("after move: %s", entries(p))
		}
		if _, err := adm.Move(ctx, alice, "Mail", "X"); code(err) != dictionary.CodeNotFound {
			t.Fatalf("moving an empty category: %v", err)
		}
		if n, err := adm.Delete(ctx, alice, []string{"bash"}); err != nil || n != 1 {
			t.Fatalf("delete: %d %v", n, err)
		}
		if n, err := adm.DeleteCategories(ctx, alice, []string{"Mozilla Mail"}); err != nil || n != 1 {
			t.Fatalf("delete category: %d %v", n, err)
		}
		_, err = adm.AddRule(ctx, alice, dictionary.Rule{Kind: "regexp", Pattern: `^fire`, Formatted: "Firefox"})
		must(t, err)
		u, err := adm.Unclassified(ctx, "", 0, 10)
		must(t, err)
		var got []string
		for _, s := range u.Names {
			got = append(got, s.Name+":"+strconv.Itoa(s.Devices)+":"+s.Formatted)
		}
		want := "firefox-esr:3:Firefox|thunderbird:2:|bash:1:|orphan-tool:0:"
		if u.Total != 4 || strings.Join(got, "|") != want {
			t.Fatalf("unclassified: %d %s, want %s", u.Total, strings.Join(got, "|"), want)
		}
		if u, _ := adm.Unclassified(ctx, "THUNDER", 0, 10); u.Total != 1 || u.Names[0].Devices != 2 {
			t.Errorf("unclassified search: %+v", u)
		}
		recs, _ := db.AuditRecords(ctx, 0, 3)
		if recs[1].Action != dictionary.ActionDelete || recs[1].Target != "thunderbird" || recs[1].Before != "CAT:Mozilla Mail" || recs[1].After != "NEW" {
			t.Errorf("delete category record: %+v", recs[1])
		}
	})
}

func TestAdminRulesAndRefusals(t *testing.T) {
	testdb.ForEachDialect(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		adm := dictionary.NewAdmin(db, dictionary.DefaultLimits())
		id, err := adm.AddRule(ctx, alice, dictionary.Rule{Kind: "prefix", Pattern: "Microsoft Visual C++", Formatted: "VC++", Priority: 5})
		if err != nil || id <= 0 {
			t.Fatalf("add rule: %d %v", id, err)
		}
		for _, r := range adminRefusals(ctx, adm, id) {
			if got := code(r.do()); got != r.code {
				t.Errorf("%s: code %q, want %q", r.name, got, r.code)
			}
		}
		recs, _ := db.AuditRecords(ctx, 0, 100)
		if len(recs) != 1 || recs[0].Action != dictionary.ActionAddRule || !strings.Contains(recs[0].After, `"VC++"`) {
			t.Fatalf("refused changes must leave no audit record: %+v", recs)
		}
		rules, _ := adm.Rules(ctx)
		if len(rules) != 1 || rules[0].Kind != dictionary.MatchPrefix || rules[0].Priority != 5 {
			t.Fatalf("rules: %+v", rules)
		}
		must(t, adm.DeleteRule(ctx, alice, id))
		if rules, _ := adm.Rules(ctx); len(rules) != 0 {
			t.Fatalf("rule not deleted: %+v", rules)
		}
		recs, _ = db.AuditRecords(ctx, 0, 1)
		if recs[0].Action != dictionary.ActionDeleteRule || !strings.Contains(recs[0].Before, "Microsoft Visual C++") {
			t.Errorf("delete rule record: %+v", recs[0])
		}
	})
}

// refusal is an operation that must fail with a code.
type refusal struct {
	name string
	do   func() error
	code string
}

// adminRefusals are the changes the dictionary must refuse.
func adminRefusals(ctx context.Context, adm *dictionary.Admin, id int64) []refusal {
	return []refusal{
		{"duplicate rule", func() error {
			_, err := adm.AddRule(ctx, alice, dictionary.Rule{Kind: "PREFIX", Pattern: "Microsoft Visual C++", Formatted: "Y"})
			return err
		}, dictionary.CodeDuplicate},
		{"oversized pattern", func() error {
			_, err := adm.AddRule(ctx, alice, dictionary.Rule{Kind: "REGEXP", Pattern: strings.Repeat("x", 300), Formatted: "Y"})
			return err
		}, dictionary.CodePatternLength},
		{"invalid pattern", func() error {
			_, err := adm.AddRule(ctx, alice, dictionary.Rule{Kind: "REGEXP", Pattern: "a(", Formatted: "Y"})
			return err
		}, dictionary.CodeBadPattern},
		{"unknown rule", func() error { return adm.DeleteRule(ctx, alice, id+100) }, dictionary.CodeNotFound},
		{"anonymous actor", func() error {
			_, err := adm.Assign(ctx, dictionary.Actor{Via: "soap"}, "X", []string{"a"})
			return err
		}, dictionary.CodeBadActor},
		{"control character", func() error {
			_, err := adm.Assign(ctx, alice, "X", []string{"a\x01"})
			return err
		}, dictionary.CodeBadName},
		{"long category", func() error {
			_, err := adm.Assign(ctx, alice, strings.Repeat("c", 256), []string{"a"})
			return err
		}, dictionary.CodeBadCategory},
		{"no names", func() error {
			_, err := adm.Ignore(ctx, alice, nil)
			return err
		}, dictionary.CodeNoName},
		{"too many names", func() error {
			_, err := adm.Ignore(ctx, alice, make([]string, dictionary.MaxNames+1))
			return err
		}, dictionary.CodeTooMany},
		{"page size", func() error {
			_, err := adm.List(ctx, dictionary.All, 0, dictionary.MaxPageSize+1)
			return err
		}, dictionary.CodeBadOffset},
	}
}
