// Package dictionary is ocsd's software dictionary: the classification of raw
// software names (software_name.NAME) that OCS keeps in dico_soft and
// dico_ignored, ocsd's matching rules on top of it, and the administrative
// operations that change both, each validated and recorded in the audit
// trail. SOAP and the command line share this code; the storage package
// implements the Store it needs.
//
// The kinds of a raw name follow the four tabs of the ocsreports dictionary
// page (plugins/main_sections/ms_dict/ms_dict.php):
//
//   - CAT: a dico_soft row whose FORMATTED differs from EXTRACTED (a category);
//   - UNCHANGED: a dico_soft row whose FORMATTED equals EXTRACTED;
//   - IGNORED: a dico_ignored row;
//   - NEW: a software_name in neither table (unclassified).
package dictionary

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Kind classifies a raw software name; its values are the ocsreports tab names.
type Kind string

// Kinds of names, and All for queries that take every classified kind.
const (
	Category     Kind = "CAT"
	Unchanged    Kind = "UNCHANGED"
	Ignored      Kind = "IGNORED"
	Unclassified Kind = "NEW"
	All          Kind = "ALL"
)

// ParseKind reads a kind in any case, with the long spellings CATEGORY and
// UNCLASSIFIED accepted; "" reads as All.
func ParseKind(s string) (Kind, error) {
	switch strings.ToUpper(strings.TrimSpace(s)) {
	case "", "ALL":
		return All, nil
	case "CAT", "CATEGORY":
		return Category, nil
	case "UNCHANGED":
		return Unchanged, nil
	case "IGNORED":
		return Ignored, nil
	case "NEW", "UNCLASSIFIED":
		return Unclassified, nil
	}
	return "", invalid(CodeBadKind, "kind %q is not one of CAT, UNCHANGED, IGNORED, NEW, ALL", s)
}

// Entry is the classification of one raw name.
type Entry struct {
	// Extracted is the raw name as the dictionary stores it.
	Extracted string
	// Formatted is the display name (dico_soft.FORMATTED); empty for
	// ignored and unclassified names.
	Formatted string
	Kind      Kind
}

// describe renders an entry's classification for the audit trail.
func (e Entry) describe() string {
	if e.Kind == Category {
		return string(Category) + ":" + e.Formatted
	}
	return string(e.Kind)
}

// MaxLen is the longest name or category, in characters: the width of the
// dico_soft and dico_ignored columns (varchar(255)).
const MaxLen = 255

// Error codes of validation failures; SOAP returns them in-band as
// <RESULT><ERROR>CODE</ERROR>…</RESULT>.
const (
	CodeBadName       = "BAD_NAME"
	CodeBadCategory   = "BAD_CATEGORY"
	CodeBadKind       = "BAD_KIND"
	CodeBadPattern    = "BAD_PATTERN"
	CodePatternLength = "PATTERN_TOO_LONG"
	CodeBadPriority   = "BAD_PRIORITY"
	CodeBadID         = "BAD_ID"
	CodeBadOffset     = "BAD_OFFSET"
	CodeBadActor      = "BAD_ACTOR"
	CodeNoName        = "NO_NAME"
	CodeTooMany       = "TOO_MANY_NAMES"
	CodeTooManyRules  = "TOO_MANY_RULES"
	CodeDuplicate     = "DUPLICATE_RULE"
	CodeNotFound      = "NOT_FOUND"
)

// Error is a validation failure: a stable code and a message for people.
type Error struct {
	Code    string
	Message string
}

// Error implements error.
func (e *Error) Error() string { return "dictionary: " + e.Message }

func invalid(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// checkText validates a name, category or pattern for a dictionary column:
// not blank, valid UTF-8 in the Basic Multilingual Plane (the dictionary
// columns are utf8mb3, which stores nothing beyond it), no control
// characters, at most max characters.
func checkText(what, s string, max int) string {
	switch {
	case strings.TrimSpace(s) == "":
		return what + " is empty"
	case !utf8.ValidString(s):
		return what + " is not valid UTF-8"
	case utf8.RuneCountInString(s) > max:
		return fmt.Sprintf("%s is longer than %d characters", what, max)
	}
	for _, r := range s {
		if unicode.IsControl(r) {
			return fmt.Sprintf("%s holds the control character %U", what, r)
		}
		if r > 0xFFFF {
			return fmt.Sprintf("%s holds %U, beyond what the dictionary columns store", what, r)
		}
	}
	return ""
}

// ValidateName checks a raw software name.
func ValidateName(s string) error {
	if msg := checkText("name", s, MaxLen); msg != "" {
		return invalid(CodeBadName, "%s", msg)
	}
	return nil
}

// ValidateCategory checks a formatted name (a category).
func ValidateCategory(s string) error {
	if msg := checkText("category", s, MaxLen); msg != "" {
		return invalid(CodeBadCategory, "%s", msg)
	}
	return nil
}
