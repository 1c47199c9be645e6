package dictionary

import (
	"context"
	"time"
)

// Store is what the dictionary needs from the OCS database; the storage
// package's *DB implements it.
type Store interface {
	// DictionaryEntries returns one page of dico_soft and dico_ignored rows
	// matching q (Kind All, Category, Unchanged or Ignored), and how many
	// match in all.
	DictionaryEntries(ctx context.Context, q Query) (Page, error)
	// DictionaryUnclassified returns one page of the software_name names in
	// neither table, the most widespread first, and how many there are.
	DictionaryUnclassified(ctx context.Context, q Query) (UnclassifiedPage, error)
	// DictionaryEntry returns the classification of one raw name, under
	// the collation of the dictionary columns; Kind Unclassified when
	// neither table holds it.
	DictionaryEntry(ctx context.Context, name string) (Entry, error)
	// DictionaryRules returns every rule.
	DictionaryRules(ctx context.Context) ([]Rule, error)
	// ApplyDictionary makes a change and writes its audit records in one
	// transaction; it returns the ID of the rule it added, if any.
	ApplyDictionary(ctx context.Context, c Change) (int64, error)
}

// Query selects dictionary entries or unclassified names.
type Query struct {
	Kind Kind
	// Text keeps names (or formatted names) containing it, ignoring case.
	Text string
	// Category keeps the entries of one formatted name.
	Category string
	// Offset is the first row (0-based); Limit the page size.
	Offset, Limit int
}

// Page is one page of entries.
type Page struct {
	Entries []Entry
	Total   int
}

// Software is an unclassified name and how many devices have it.
type Software struct {
	Name    string
	Devices int
	// Formatted is what the rules make of the name ("" when none matches).
	Formatted string
}

// UnclassifiedPage is one page of unclassified names.
type UnclassifiedPage struct {
	Names []Software
	Total int
}

// Change is one administrative change of the dictionary, applied
// atomically with its audit records.
type Change struct {
	// Set writes dico_soft rows (replacing the FORMATTED of an existing
	// one) and removes their names from dico_ignored.
	Set []Entry
	// Ignore adds names to dico_ignored and removes their dico_soft rows.
	Ignore []string
	// Remove deletes names from both tables.
	Remove []string
	// AddRule, when set, inserts a rule.
	AddRule *Rule
	// DeleteRule, when non-zero, deletes the rule with that ID.
	DeleteRule int64
	// Audit are the records of the change.
	Audit []AuditRecord
}

// AuditRecord is one row of ocsd's audit trail (ocsd_audit): who changed
// what, when, and through which interface. Every administrative change of
// ocsd writes one per object it changed.
type AuditRecord struct {
	When time.Time
	// Actor is the SOAP Basic-auth user, or the operating-system user (or
	// --actor) of the command line.
	Actor string
	// Via is "soap" or "cli".
	Via string
	// Action names the operation ("dictionary.assign", "settings.set", …).
	Action string
	// Target is the object changed (a name, a category, a rule, a key).
	Target string
	// Before and After describe the object before and after the change.
	Before, After string
}

// Actor is who makes a change and through what.
type Actor struct {
	Name string
	Via  string
}

// Validate refuses an anonymous actor: an unattributed change cannot be
// audited.
func (a Actor) Validate() error {
	if msg := checkText("actor", a.Name, MaxLen); msg != "" {
		return invalid(CodeBadActor, "%s", msg)
	}
	if msg := checkText("interface", a.Via, 16); msg != "" {
		return invalid(CodeBadActor, "%s", msg)
	}
	return nil
}

// Record returns the audit record of a change made by a at when.
func (a Actor) Record(when time.Time, action, target, before, after string) AuditRecord {
	return AuditRecord{When: when, Actor: a.Name, Via: a.Via, Action: action, Target: target, Before: before, After: after}
}
