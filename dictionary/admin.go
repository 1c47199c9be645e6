package dictionary

import (
	"context"
	"fmt"
	"strconv"
)

// Paging and batch bounds of the administrative operations.
const (
	DefaultPageSize = 100
	MaxPageSize     = 1000
	// MaxNames is the most names one change may name.
	MaxNames = 1000
	// maxPage bounds page numbers so that page × size stays an int.
	maxPage = 1 << 30
)

// Admin runs the administrative operations of the dictionary: listing,
// searching, classifying names and managing rules. Every change is
// validated first and written together with its audit records.
type Admin struct {
	st  Store
	lim Limits
}

// NewAdmin returns the operations on st under lim.
func NewAdmin(st Store, lim Limits) *Admin { return &Admin{st: st, lim: lim} }

// ParsePage reads a page number ("" is page 0).
func ParsePage(s string) (int, error) {
	if s == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 || n > maxPage {
		return 0, invalid(CodeBadOffset, "page %q is not a number between 0 and %d", s, maxPage)
	}
	return n, nil
}

// pageQuery checks the paging of a query.
func pageQuery(q Query, page, size int) (Query, error) {
	if size <= 0 || size > MaxPageSize {
		return q, invalid(CodeBadOffset, "page size %d is not between 1 and %d", size, MaxPageSize)
	}
	if page < 0 || page > maxPage {
		return q, invalid(CodeBadOffset, "page %d is not between 0 and %d", page, maxPage)
	}
	q.Offset, q.Limit = page*size, size
	return q, nil
}

// List returns one page of the entries of a kind (All, Category,
// Unchanged or Ignored), category first then name.
func (a *Admin) List(ctx context.Context, kind Kind, page, size int) (Page, error) {
	return a.Search(ctx, "", kind, page, size)
}

// Search is List restricted to the entries whose name or formatted name
// contains text, ignoring case.
func (a *Admin) Search(ctx context.Context, text string, kind Kind, page, size int) (Page, error) {
	if kind == Unclassified {
		return Page{}, invalid(CodeBadKind, "unclassified names are listed by Unclassified")
	}
	if text != "" {
		if msg := checkText("search text", text, MaxLen); msg != "" {
			return Page{}, invalid(CodeBadName, "%s", msg)
		}
	}
	q, err := pageQuery(Query{Kind: kind, Text: text}, page, size)
	if err != nil {
		return Page{}, err
	}
	p, err := a.st.DictionaryEntries(ctx, q)
	if err != nil {
		return Page{}, fmt.Errorf("dictionary: list: %w", err)
	}
	return p, nil
}

// Unclassified returns one page of the names in neither table (those
// containing text, if given), the most widespread first, each with what
// the rules make of it.
func (a *Admin) Unclassified(ctx context.Context, text string, page, size int) (UnclassifiedPage, error) {
	if text != "" {
		if msg := checkText("search text", text, MaxLen); msg != "" {
			return UnclassifiedPage{}, invalid(CodeBadName, "%s", msg)
		}
	}
	q, err := pageQuery(Query{Kind: Unclassified, Text: text}, page, size)
	if err != nil {
		return UnclassifiedPage{}, err
	}
	p, err := a.st.DictionaryUnclassified(ctx, q)
	if err != nil {
		return p, fmt.Errorf("dictionary: unclassified: %w", err)
	}
	m, err := a.matcher(ctx)
	if err != nil {
		return p, err
	}
	exp := m.Export()
	for i := range p.Names {
		f, _, err := exp.Match(p.Names[i].Name)
		if err != nil {
			return p, fmt.Errorf("dictionary: unclassified: %w", err)
		}
		p.Names[i].Formatted = f
	}
	return p, nil
}

// matcher compiles the rules in force.
func (a *Admin) matcher(ctx context.Context) (*Matcher, error) {
	rules, err := a.st.DictionaryRules(ctx)
	if err != nil {
		return nil, fmt.Errorf("dictionary: rules: %w", err)
	}
	m, _ := NewMatcher(rules, a.lim)
	return m, nil
}

// checkNames validates the names of a change: at least one, at most
// MaxNames, each valid; duplicates are dropped.
func checkNames(names []string) ([]string, error) {
	if len(names) == 0 {
		return nil, invalid(CodeNoName, "no name given")
	}
	if len(names) > MaxNames {
		return nil, invalid(CodeTooMany, "%d names given, at most %d at once", len(names), MaxNames)
	}
	seen := make(map[string]bool, len(names))
	out := make([]string, 0, len(names))
	for _, n := range names {
		if err := ValidateName(n); err != nil {
			return nil, err
		}
		if !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	return out, nil
}
