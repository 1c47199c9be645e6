package dictionary

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestValidateName(t *testing.T) {
	cases := []struct {
		name, in string
		ok       bool
	}{
		{"plain", "Mozilla Firefox (x64 fr)", true},
		{"accents", "Café Éditeur", true},
		{"255 characters", strings.Repeat("é", 255), true},
		{"256 characters", strings.Repeat("é", 256), false},
		{"empty", "", false},
		{"blank", "   ", false},
		{"newline", "a\nb", false},
		{"nul", "a\x00b", false},
		{"DEL", "a\x7fb", false},
		{"beyond the BMP", "app 🚀", false},
		{"invalid UTF-8", "a\xffb", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := ValidateName(c.in)
			if (err == nil) != c.ok {
				t.Fatalf("ValidateName(%q) = %v, want ok=%v", c.in, err, c.ok)
			}
			var de *Error
			if err != nil && (!errors.As(err, &de) || de.Code != CodeBadName) {
				t.Fatalf("error %v is not a BAD_NAME *Error", err)
			}
		})
	}
}

func TestCheckRuleLimits(t *testing.T) {
	lim := DefaultLimits()
	cases := []struct {
		name string
		rule Rule
		code string
	}{
		{"regexp", Rule{Kind: MatchRegexp, Pattern: `^firefox(-esr)?$`, Formatted: "Firefox"}, ""},
		{"prefix", Rule{Kind: MatchPrefix, Pattern: "Microsoft Visual C++", Formatted: "VC++"}, ""},
		{"255-byte pattern", Rule{Kind: MatchPrefix, Pattern: strings.Repeat("a", 255), Formatted: "A"}, ""},
		{"oversized pattern", Rule{Kind: MatchRegexp, Pattern: strings.Repeat("a", 256), Formatted: "A"}, CodePatternLength},
		{"does not compile", Rule{Kind: MatchRegexp, Pattern: `(firefox`, Formatted: "F"}, CodeBadPattern},
		{"backreference (not RE2)", Rule{Kind: MatchRegexp, Pattern: `(a)\1`, Formatted: "F"}, CodeBadPattern},
		{"repeat beyond RE2's limit", Rule{Kind: MatchRegexp, Pattern: `a{1001}`, Formatted: "F"}, CodeBadPattern},
		{"program too large", Rule{Kind: MatchRegexp, Pattern: `(\w{1000}){1000}`, Formatted: "F"}, CodeBadPattern},
		{"large program under the byte cap", Rule{Kind: MatchRegexp, Pattern: `[a-z]{999}[0-9]{999}[A-Z]{999}`, Formatted: "F"}, CodePatternLength},
		{"unknown kind", Rule{Kind: "GLOB", Pattern: "*", Formatted: "F"}, CodeBadKind},
		{"empty pattern", Rule{Kind: MatchPrefix, Pattern: "", Formatted: "F"}, CodeBadPattern},
		{"control in pattern", Rule{Kind: MatchIExact, Pattern: "a\tb", Formatted: "F"}, CodeBadPattern},
		{"empty formatted", Rule{Kind: MatchIExact, Pattern: "a", Formatted: ""}, CodeBadCategory},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := lim.CheckRule(c.rule)
			var de *Error
			switch {
			case c.code == "" && err != nil:
				t.Fatalf("refused: %v", err)
			case c.code != "" && (!errors.As(err, &de) || de.Code != c.code):
				t.Fatalf("CheckRule = %v, want code %s", err, c.code)
			}
		})
	}
}

func TestResolvePrecedence(t *testing.T) {
	m, errs := NewMatcher([]Rule{
		{ID: 1, Kind: MatchRegexp, Pattern: `(?i)^firefox`, Formatted: "Firefox (rule)", Priority: 50},
		{ID: 2, Kind: MatchPrefix, Pattern: "FIREFOX-ESR", Formatted: "Firefox ESR", Priority: 10},
		{ID: 3, Kind: MatchIExact, Pattern: "libreoffice", Formatted: "LibreOffice", Priority: 100},
		{ID: 4, Kind: MatchRegexp, Pattern: `(`, Formatted: "broken", Priority: 0},
		{ID: 5, Kind: MatchPrefix, Pattern: "lib", Formatted: "Libraries", Priority: 100},
	}, DefaultLimits())
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), "rule 4") || m.Len() != 4 {
		t.Fatalf("errs %v, %d rules", errs, m.Len())
	}
	exp := m.Export()
	cases := []struct {
		name, in string
		known    Known
		want     string
		src      Source
	}{
		{"exact entry wins over rules", "firefox-esr", Known{HasEntry: true, Formatted: "Firefox"}, "Firefox", FromEntry},
		{"ignored name gets no rule", "firefox-esr", Known{Ignored: true}, "", FromIgnored},
		{"lower priority number first", "firefox-esr 115", Known{}, "Firefox ESR", FromRule},
		{"regexp", "Firefox Nightly", Known{}, "Firefox (rule)", FromRule},
		{"iexact ignores case", "LibreOffice", Known{}, "LibreOffice", FromRule},
		{"same priority: lower id first", "LIBREOFFICE", Known{}, "LibreOffice", FromRule},
		{"prefix ignores case", "LibXML2", Known{}, "Libraries", FromRule},
		{"no match", "bash", Known{}, "", FromNone},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, src, err := exp.Resolve(c.in, c.known)
			if err != nil || got != c.want || src != c.src {
				t.Fatalf("Resolve(%q) = %q, %d, %v; want %q, %d", c.in, got, src, err, c.want, c.src)
			}
		})
	}
}

func TestMatchInputBound(t *testing.T) {
	lim := DefaultLimits()
	lim.MaxInput = 10
	m, _ := NewMatcher([]Rule{{ID: 1, Kind: MatchRegexp, Pattern: `a`, Formatted: "A"}}, lim)
	if _, ok, _ := m.Export().Match("bbbbbbbbbba"); ok {
		t.Fatal("a regexp ran on a name longer than MaxInput")
	}
	if f, ok, _ := m.Export().Match("bba"); !ok || f != "A" {
		t.Fatalf("short name: %q %v", f, ok)
	}
}

func TestExportBudget(t *testing.T) {
	clock := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	lim := DefaultLimits()
	lim.Budget = time.Second
	lim.Now = func() time.Time { return clock }
	m, _ := NewMatcher([]Rule{
		{ID: 1, Kind: MatchPrefix, Pattern: "git", Formatted: "Git"},
		{ID: 2, Kind: MatchRegexp, Pattern: `^x`, Formatted: "X"},
	}, lim)
	exp := m.Export()
	if f, ok, err := exp.Match("xterm"); err != nil || !ok || f != "X" {
		t.Fatalf("within budget: %q %v %v", f, ok, err)
	}
	clock = clock.Add(2 * time.Second)
	if f, ok, err := exp.Match("xterm"); err != nil || f != "X" || !ok {
		t.Fatalf("a name resolved before is remembered: %q %v %v", f, ok, err)
	}
	if f, ok, err := exp.Match("git-gui"); err != nil || f != "Git" || !ok {
		t.Fatalf("a rule before any regexp still applies: %q %v %v", f, ok, err)
	}
	if _, _, err := exp.Match("xeyes"); !errors.Is(err, ErrBudget) {
		t.Fatalf("over budget: %v, want ErrBudget", err)
	}
	if _, _, err := m.Export().Match("xeyes"); err != nil {
		t.Fatalf("a new export has a budget of its own: %v", err)
	}
}

func TestParsers(t *testing.T) {
	for in, want := range map[string]Kind{"": All, "cat": Category, "Category": Category, "new": Unclassified,
		"UNCLASSIFIED": Unclassified, "ignored": Ignored, "unchanged": Unchanged} {
		if k, err := ParseKind(in); err != nil || k != want {
			t.Errorf("ParseKind(%q) = %q, %v", in, k, err)
		}
	}
	if _, err := ParseKind("deleted"); err == nil {
		t.Error("ParseKind accepted deleted")
	}
	if k, err := ParseRuleKind("regexp"); err != nil || k != MatchRegexp {
		t.Errorf("ParseRuleKind = %q %v", k, err)
	}
	if p, err := ParsePriority(""); err != nil || p != DefaultPriority {
		t.Errorf("ParsePriority empty = %d %v", p, err)
	}
	for _, bad := range []string{"x", "1.5", "4294967296"} {
		if _, err := ParsePriority(bad); err == nil {
			t.Errorf("ParsePriority(%q) accepted", bad)
		}
	}
	if _, err := ParsePage("-1"); err == nil {
		t.Error("ParsePage(-1) accepted")
	}
}
