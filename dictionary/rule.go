package dictionary

import (
	"fmt"
	"math"
	"regexp"
	"regexp/syntax"
	"strconv"
	"strings"
	"time"
)

// RuleKind says how a rule's pattern is compared with a raw name.
type RuleKind string

// Rule kinds. Exact names stay in dico_soft, as in OCS; rules add what an
// exact entry cannot say.
const (
	// MatchIExact matches a name equal to the pattern ignoring case
	// (Unicode simple folding).
	MatchIExact RuleKind = "IEXACT"
	// MatchPrefix matches a name that starts with the pattern ignoring case.
	MatchPrefix RuleKind = "PREFIX"
	// MatchRegexp matches a name the pattern (RE2 syntax, unanchored unless
	// the pattern anchors itself) finds a match in.
	MatchRegexp RuleKind = "REGEXP"
)

// ParseRuleKind reads a rule kind in any case.
func ParseRuleKind(s string) (RuleKind, error) {
	switch k := RuleKind(strings.ToUpper(strings.TrimSpace(s))); k {
	case MatchIExact, MatchPrefix, MatchRegexp:
		return k, nil
	}
	return "", invalid(CodeBadKind, "rule kind %q is not one of IEXACT, PREFIX, REGEXP", s)
}

// Rule maps every raw name its pattern matches to a formatted name. Rules
// apply to names that have no exact dico_soft entry and are not ignored,
// in ascending Priority, then ID; the first match wins.
type Rule struct {
	ID        int64
	Kind      RuleKind
	Pattern   string
	Formatted string
	Priority  int
}

// describe renders a rule for the audit trail.
func (r Rule) describe() string {
	return fmt.Sprintf("%s %q -> %q priority %d", r.Kind, r.Pattern, r.Formatted, r.Priority)
}

// DefaultPriority is the priority of a rule added without one.
const DefaultPriority = 100

// ParsePriority reads a priority: an integer in the int32 range of the
// PRIORITY column; "" is DefaultPriority.
func ParsePriority(s string) (int, error) {
	if strings.TrimSpace(s) == "" {
		return DefaultPriority, nil
	}
	n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 32)
	if err != nil || n < math.MinInt32 {
		return 0, invalid(CodeBadPriority, "priority %q is not an integer between %d and %d", s, math.MinInt32, math.MaxInt32)
	}
	return int(n), nil
}

// Limits bound what rules may cost. Go's regexp package implements RE2:
// matching runs in time linear in the size of the compiled program times
// the length of the input, with no backtracking, so a hostile pattern
// cannot blow up; these limits bound both factors and the total.
type Limits struct {
	// MaxPattern is the longest pattern, in bytes.
	MaxPattern int
	// MaxProgram is the most instructions a compiled regular expression
	// may have (counted repetitions expand: x{1000} is 1000 copies of x).
	MaxProgram int
	// MaxInput is the longest name, in bytes, regular expressions are run
	// on; longer names match no regexp rule.
	MaxInput int
	// MaxRules is the most rules the dictionary holds.
	MaxRules int
	// Budget is the time one export may spend matching rules.
	Budget time.Duration
	// Now is the clock (nil: time.Now).
	Now func() time.Time
}

// DefaultLimits are the limits ocsd runs with.
func DefaultLimits() Limits {
	return Limits{MaxPattern: 255, MaxProgram: 2000, MaxInput: 1024, MaxRules: 1000, Budget: 5 * time.Second, Now: time.Now}
}

func (l Limits) now() time.Time {
	if l.Now == nil {
		return time.Now()
	}
	return l.Now()
}

// CheckRule validates a rule: its kind, a pattern within the size limits
// (for REGEXP: one that compiles, into a bounded program), a valid
// formatted name.
func (l Limits) CheckRule(r Rule) error {
	if _, err := ParseRuleKind(string(r.Kind)); err != nil {
		return err
	}
	if len(r.Pattern) > l.MaxPattern {
		return invalid(CodePatternLength, "pattern is %d bytes long, more than %d", len(r.Pattern), l.MaxPattern)
	}
	if msg := checkText("pattern", r.Pattern, MaxLen); msg != "" {
		return invalid(CodeBadPattern, "%s", msg)
	}
	if err := ValidateCategory(r.Formatted); err != nil {
		return err
	}
	if r.Kind == MatchRegexp {
		if _, err := l.compile(r.Pattern); err != nil {
			return err
		}
	}
	return nil
}

// compile compiles an RE2 pattern and refuses one whose program exceeds
// MaxProgram instructions.
func (l Limits) compile(pattern string) (*regexp.Regexp, error) {
	re, err := regexp.Compile(pattern)
	if err != nil {
		return nil, invalid(CodeBadPattern, "pattern does not compile: %v", err)
	}
	parsed, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return nil, invalid(CodeBadPattern, "pattern does not compile: %v", err)
	}
	prog, err := syntax.Compile(parsed.Simplify())
	if err != nil {
		return nil, invalid(CodeBadPattern, "pattern does not compile: %v", err)
	}
	if len(prog.Inst) > l.MaxProgram {
		return nil, invalid(CodePatternLength, "pattern compiles to %d instructions, more than %d", len(prog.Inst), l.MaxProgram)
	}
	return re, nil
}
