package dictionary

import (
	"context"
	"fmt"
	"sort"
)

// Audit actions of the dictionary.
const (
	ActionAssign     = "dictionary.assign"
	ActionIgnore     = "dictionary.ignore"
	ActionUnchanged  = "dictionary.unchanged"
	ActionMove       = "dictionary.move"
	ActionDelete     = "dictionary.delete"
	ActionAddRule    = "dictionary.add_rule"
	ActionDeleteRule = "dictionary.delete_rule"
)

// Assign files names under a category (dico_soft EXTRACTED → FORMATTED),
// taking them out of dico_ignored; a name equal to the category becomes
// UNCHANGED. It returns how many names changed.
func (a *Admin) Assign(ctx context.Context, who Actor, category string, names []string) (int, error) {
	if err := ValidateCategory(category); err != nil {
		return 0, err
	}
	return a.reclassify(ctx, who, ActionAssign, names, func(n string) Entry {
		if n == category {
			return Entry{Extracted: n, Formatted: n, Kind: Unchanged}
		}
		return Entry{Extracted: n, Formatted: category, Kind: Category}
	})
}

// Ignore moves names to dico_ignored.
func (a *Admin) Ignore(ctx context.Context, who Actor, names []string) (int, error) {
	return a.reclassify(ctx, who, ActionIgnore, names, func(n string) Entry {
		return Entry{Extracted: n, Kind: Ignored}
	})
}

// MarkUnchanged keeps names as they are (dico_soft FORMATTED = EXTRACTED),
// as the ocsreports UNCHANGED action does.
func (a *Admin) MarkUnchanged(ctx context.Context, who Actor, names []string) (int, error) {
	return a.reclassify(ctx, who, ActionUnchanged, names, func(n string) Entry {
		return Entry{Extracted: n, Formatted: n, Kind: Unchanged}
	})
}

// Delete takes names out of both tables: they are unclassified again.
func (a *Admin) Delete(ctx context.Context, who Actor, names []string) (int, error) {
	return a.reclassify(ctx, who, ActionDelete, names, func(n string) Entry {
		return Entry{Extracted: n, Kind: Unclassified}
	})
}

// reclassify gives each name the classification to returns for it, one
// audit record per name whose classification changes.
func (a *Admin) reclassify(ctx context.Context, who Actor, action string, names []string, to func(string) Entry) (int, error) {
	if err := who.Validate(); err != nil {
		return 0, err
	}
	names, err := checkNames(names)
	if err != nil {
		return 0, err
	}
	now := a.lim.now()
	var c Change
	for _, n := range names {
		before, err := a.st.DictionaryEntry(ctx, n)
		if err != nil {
			return 0, fmt.Errorf("dictionary: %s: %w", action, err)
		}
		after := to(n)
		if before.Kind == after.Kind && before.Formatted == after.Formatted {
			continue
		}
		c.add(after)
		c.Audit = append(c.Audit, who.Record(now, action, n, before.describe(), after.describe()))
	}
	return a.apply(ctx, action, c)
}

// add queues the write that gives e.Extracted its classification.
func (c *Change) add(e Entry) {
	switch e.Kind {
	case Category, Unchanged:
		c.Set = append(c.Set, e)
	case Ignored:
		c.Ignore = append(c.Ignore, e.Extracted)
	default:
		c.Remove = append(c.Remove, e.Extracted)
	}
}

// apply writes a change that has audit records; it returns their number.
func (a *Admin) apply(ctx context.Context, action string, c Change) (int, error) {
	if len(c.Audit) == 0 {
		return 0, nil
	}
	if _, err := a.st.ApplyDictionary(ctx, c); err != nil {
		return 0, fmt.Errorf("dictionary: %s: %w", action, err)
	}
	return len(c.Audit), nil
}

// Move files every name of category from under category to (renaming or
// merging the category). It fails with NOT_FOUND when from has no name.
func (a *Admin) Move(ctx context.Context, who Actor, from, to string) (int, error) {
	if err := who.Validate(); err != nil {
		return 0, err
	}
	if err := ValidateCategory(from); err != nil {
		return 0, err
	}
	if err := ValidateCategory(to); err != nil {
		return 0, err
	}
	entries, err := a.categoryEntries(ctx, from)
	if err != nil {
		return 0, err
	}
	now := a.lim.now()
	var c Change
	for _, e := range entries {
		after := Entry{Extracted: e.Extracted, Formatted: to, Kind: Category}
		if e.Extracted == to {
			after.Kind = Unchanged
		}
		if after.Formatted == e.Formatted && after.Kind == e.Kind {
			continue
		}
		c.add(after)
		c.Audit = append(c.Audit, who.Record(now, ActionMove, e.Extracted, e.describe(), after.describe()))
	}
	return a.apply(ctx, ActionMove, c)
}

// DeleteCategories deletes every dico_soft row of the categories (what
// the ocsreports "delete category" action does): their names are
// unclassified again.
func (a *Admin) DeleteCategories(ctx context.Context, who Actor, categories []string) (int, error) {
	if err := who.Validate(); err != nil {
		return 0, err
	}
	if len(categories) == 0 {
		return 0, invalid(CodeNoName, "no category given")
	}
	now := a.lim.now()
	var c Change
	for _, cat := range categories {
		if err := ValidateCategory(cat); err != nil {
			return 0, err
		}
		entries, err := a.categoryEntries(ctx, cat)
		if err != nil {
			return 0, err
		}
		for _, e := range entries {
			c.Remove = append(c.Remove, e.Extracted)
			c.Audit = append(c.Audit, who.Record(now, ActionDelete, e.Extracted, e.describe(), string(Unclassified)))
		}
	}
	return a.apply(ctx, ActionDelete, c)
}

// categoryEntries returns every entry filed under category, or NOT_FOUND.
func (a *Admin) categoryEntries(ctx context.Context, category string) ([]Entry, error) {
	var out []Entry
	for page := 0; ; page++ {
		p, err := a.st.DictionaryEntries(ctx, Query{Kind: All, Category: category, Offset: page * MaxPageSize, Limit: MaxPageSize})
		if err != nil {
			return nil, fmt.Errorf("dictionary: category %q: %w", category, err)
		}
		out = append(out, p.Entries...)
		if len(p.Entries) < MaxPageSize {
			break
		}
	}
	if len(out) == 0 {
		return nil, invalid(CodeNotFound, "category %q has no name", category)
	}
	return out, nil
}

// Rules returns the rules in the order they apply.
func (a *Admin) Rules(ctx context.Context) ([]Rule, error) {
	rules, err := a.st.DictionaryRules(ctx)
	if err != nil {
		return nil, fmt.Errorf("dictionary: rules: %w", err)
	}
	sort.SliceStable(rules, func(i, j int) bool {
		if rules[i].Priority != rules[j].Priority {
			return rules[i].Priority < rules[j].Priority
		}
		return rules[i].ID < rules[j].ID
	})
	return rules, nil
}

// AddRule validates and adds a rule; it returns its ID.
func (a *Admin) AddRule(ctx context.Context, who Actor, r Rule) (int64, error) {
	if err := who.Validate(); err != nil {
		return 0, err
	}
	kind, err := ParseRuleKind(string(r.Kind))
	if err != nil {
		return 0, err
	}
	r.Kind, r.ID = kind, 0
	if err := a.lim.CheckRule(r); err != nil {
		return 0, err
	}
	rules, err := a.Rules(ctx)
	if err != nil {
		return 0, err
	}
	if len(rules) >= a.lim.MaxRules {
		return 0, invalid(CodeTooManyRules, "the dictionary holds %d rules already, the most it may", len(rules))
	}
	for _, o := range rules {
		if o.Kind == r.Kind && o.Pattern == r.Pattern {
			return 0, invalid(CodeDuplicate, "rule %d has the same kind and pattern", o.ID)
		}
	}
	rec := who.Record(a.lim.now(), ActionAddRule, fmt.Sprintf("rule %s %q", r.Kind, r.Pattern), "", r.describe())
	id, err := a.st.ApplyDictionary(ctx, Change{AddRule: &r, Audit: []AuditRecord{rec}})
	if err != nil {
		return 0, fmt.Errorf("dictionary: add rule: %w", err)
	}
	return id, nil
}

// DeleteRule deletes the rule with id, or fails with NOT_FOUND.
func (a *Admin) DeleteRule(ctx context.Context, who Actor, id int64) error {
	if err := who.Validate(); err != nil {
		return err
	}
	if id <= 0 {
		return invalid(CodeBadID, "rule id %d is not a positive integer", id)
	}
	rules, err := a.Rules(ctx)
	if err != nil {
		return err
	}
	for _, r := range rules {
		if r.ID != id {
			continue
		}
		rec := who.Record(a.lim.now(), ActionDeleteRule, fmt.Sprintf("rule %d", id), r.describe(), "")
		if _, err := a.st.ApplyDictionary(ctx, Change{DeleteRule: id, Audit: []AuditRecord{rec}}); err != nil {
			return fmt.Errorf("dictionary: delete rule: %w", err)
		}
		return nil
	}
	return invalid(CodeNotFound, "no rule has id %d", id)
}
