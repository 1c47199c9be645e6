package dictionary

import (
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"time"
)

// ErrBudget is wrapped in the error of an export whose rules took longer
// than Limits.Budget.
var ErrBudget = errors.New("dictionary: rules exceeded the export's time budget")

// compiled is a rule ready to match.
type compiled struct {
	Rule
	folded string
	re     *regexp.Regexp
}

// Matcher holds the compiled rules, in the order they apply.
type Matcher struct {
	rules []compiled
	lim   Limits
}

// NewMatcher compiles rules under lim. A rule that fails CheckRule (one
// written to the table by hand) is left out and reported in the errors,
// so one bad row does not stop every export.
func NewMatcher(rules []Rule, lim Limits) (*Matcher, []error) {
	m := &Matcher{lim: lim}
	var errs []error
	for _, r := range rules {
		if err := lim.CheckRule(r); err != nil {
			errs = append(errs, fmt.Errorf("rule %d: %w", r.ID, err))
			continue
		}
		c := compiled{Rule: r, folded: strings.ToLower(r.Pattern)}
		if r.Kind == MatchRegexp {
			c.re, _ = lim.compile(r.Pattern) // CheckRule compiled it already
		}
		m.rules = append(m.rules, c)
	}
	sort.SliceStable(m.rules, func(i, j int) bool {
		a, b := m.rules[i], m.rules[j]
		if a.Priority != b.Priority {
			return a.Priority < b.Priority
		}
		return a.ID < b.ID
	})
	return m, errs
}

// Len returns the number of rules in force.
func (m *Matcher) Len() int { return len(m.rules) }

// Known is what the OCS tables say about one raw name.
type Known struct {
	// Formatted is the dico_soft entry's FORMATTED, when HasEntry.
	Formatted string
	HasEntry  bool
	// Ignored tells that dico_ignored holds the name.
	Ignored bool
}

// Source tells where a resolved name came from.
type Source uint8

// Sources of a resolution.
const (
	// FromNone: no entry, not ignored, no rule matched.
	FromNone Source = iota
	// FromEntry: the exact dico_soft entry.
	FromEntry
	// FromIgnored: dico_ignored holds the name (and it has no entry).
	FromIgnored
	// FromRule: an ocsd rule.
	FromRule
)

// Export resolves the names of one export (one SOAP reply) within the
// matcher's time budget, remembering each name it resolved.
type Export struct {
	m        *Matcher
	deadline time.Time
	memo     map[string]string
}

// Export starts an export: its time budget runs from now.
func (m *Matcher) Export() *Export {
	return &Export{m: m, deadline: m.lim.now().Add(m.lim.Budget), memo: map[string]string{}}
}

// Resolve returns the formatted name of a raw name with precedence: the
// exact dico_soft entry first (as OCS), then nothing for an ignored name,
// then the rules by priority. formatted is "" unless the source is
// FromEntry or FromRule.
func (e *Export) Resolve(name string, k Known) (formatted string, src Source, err error) {
	switch {
	case k.HasEntry:
		return k.Formatted, FromEntry, nil
	case k.Ignored:
		return "", FromIgnored, nil
	}
	f, ok, err := e.Match(name)
	if err != nil || !ok {
		return "", FromNone, err
	}
	return f, FromRule, nil
}

// Match returns the formatted name of the first rule matching name.
func (e *Export) Match(name string) (string, bool, error) {
	if len(e.m.rules) == 0 {
		return "", false, nil
	}
	if f, ok := e.memo[name]; ok {
		return f, f != "", nil
	}
	lower := strings.ToLower(name)
	for i := range e.m.rules {
		r := &e.m.rules[i]
		var hit bool
		switch r.Kind {
		case MatchIExact:
			hit = strings.EqualFold(name, r.Pattern)
		case MatchPrefix:
			hit = strings.HasPrefix(lower, r.folded)
		case MatchRegexp:
			if len(name) > e.m.lim.MaxInput {
				continue
			}
			if e.m.lim.now().After(e.deadline) {
				return "", false, fmt.Errorf("%w (%s, %d rules)", ErrBudget, e.m.lim.Budget, len(e.m.rules))
			}
			hit = r.re.MatchString(name)
		}
		if hit {
			e.memo[name] = r.Formatted
			return r.Formatted, true, nil
		}
	}
	e.memo[name] = ""
	return "", false, nil
}
