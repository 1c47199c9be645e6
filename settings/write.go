package settings

import (
	"errors"
	"fmt"
	"strconv"
	"unicode/utf8"
)

// ErrInvalid is wrapped in the error of a value a key does not accept.
var ErrInvalid = errors.New("invalid value")

// MaxText is the longest text value: the width of config.TVALUE.
const MaxText = 255

// Parse validates a value written to k as ocs_config_V2 validates the
// column of the key's type (mirrors Apache/Ocsinventory/Interface/Config.pm):
// it must match the key's pattern, and fit its column: an int32 in IVALUE
// for an int key, at most MaxText characters in TVALUE for a text key. The
// result holds the one column to write.
func (k Key) Parse(value string) (Value, error) {
	if !k.Valid(value) {
		return Value{}, fmt.Errorf("settings: %q is not a valid %s (must match %s): %w", value, k.Name, k.Pattern, ErrInvalid)
	}
	if k.Type == Text {
		if utf8.RuneCountInString(value) > MaxText {
			return Value{}, fmt.Errorf("settings: a %s longer than %d characters: %w", k.Name, MaxText, ErrInvalid)
		}
		return Value{TValue: &value}, nil
	}
	n, err := strconv.ParseInt(value, 10, 32)
	if err != nil {
		return Value{}, fmt.Errorf("settings: %q is not a valid %s (an integer of 32 bits): %w", value, k.Name, ErrInvalid)
	}
	return Value{IValue: &n}, nil
}

// Current returns the value the config table stores for k, as text (the
// column of the key's type), and false when it has no row for k.
func (s Snapshot) Current(k Key) (string, bool) {
	if !s.Has(k.Name) {
		return "", false
	}
	if k.Type == Text {
		return s.Text(k.Name), true
	}
	return strconv.FormatInt(s.Int(k.Name), 10), true
}
