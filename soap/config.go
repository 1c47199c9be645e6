package soap

import (
	"context"
	"fmt"
	"math"
	"regexp"
	"strconv"

	"ocsd/settings"
	"ocsd/soap/store"
	"ocsd/wsdl"
)

var reKey = regexp.MustCompile(`^[_\w]+$`)

// configKey validates a key as ocs_config_V1/V2 do: a word (checked before
// the entity decode), and one of the server's options.
func configKey(a wsdl.Arg) (settings.Key, string) {
	if !a.Set || !reKey.MatchString(a.Text) {
		return settings.Key{}, "BAD_KEY"
	}
	k, ok := settings.Lookup(decodeXML(a.Text))
	if !ok {
		return settings.Key{}, "KEY_NOT_SUPPORTED"
	}
	return k, ""
}

// ivalueOf validates a value for config.IVALUE (INT): the key's own pattern
// for an int key, any int32 for a text key; "" stores 0 there, as MySQL did.
func ivalueOf(k settings.Key, v string) (*int64, bool) {
	if k.Type == settings.Int && !k.Valid(v) {
		return nil, false
	}
	if v == "" {
		v = "0"
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < math.MinInt32 || n > math.MaxInt32 {
		return nil, false
	}
	return &n, true
}

// tvalueOf validates a value for config.TVALUE (VARCHAR(255)): the key's
// pattern for a text key, any short string for an int key.
func tvalueOf(k settings.Key, v string) (*string, bool) {
	if k.Type == settings.Text && !k.Valid(v) || len([]rune(v)) > 255 {
		return nil, false
	}
	return &v, true
}

// OCSConfigV1 serves ocs_config_V1(key [, value]): an optional write of the
// key's own column, then the row's IVALUE (nil without a row).
func (s *service) OCSConfigV1(ctx context.Context, p wsdl.OCSConfigV1Params) (wsdl.Result, error) {
	k, bad := configKey(p.Key)
	if bad != "" {
		return errorResult(bad), nil
	}
	if p.Value.Set {
		var iv *int64
		var tv *string
		ok := false
		if k.Type == settings.Int {
			iv, ok = ivalueOf(k, p.Value.Text)
		} else {
			tv, ok = tvalueOf(k, p.Value.Text)
		}
		if !ok {
			return errorResult("VALUE_NOT_VALID"), nil
		}
		if err := s.b.SetConfig(ctx, k.Name, iv, tv); err != nil {
			return nil, fmt.Errorf("soap: ocs_config_V1: %w", err)
		}
	}
	row, found, err := s.b.ConfigRow(ctx, k.Name)
	if err != nil {
		return nil, fmt.Errorf("soap: ocs_config_V1: %w", err)
	}
	if !found || row.IValue == nil {
		return wsdl.One(wsdl.NilValue()), nil
	}
	return wsdl.One(wsdl.IntValue(*row.IValue)), nil
}

// OCSConfigV2 serves ocs_config_V2(key [, ivalue [, tvalue]]): optional
// writes of either column, each validated, then <RESULT> with both values
// (the server's default, the value it runs with, without a row). It also
// reads GUI_VERSION (readOnlyConfig).
func (s *service) OCSConfigV2(ctx context.Context, p wsdl.OCSConfigV2Params) (wsdl.Result, error) {
	if isReadOnlyKey(p.Key) {
		return s.readOnlyConfig(ctx, p)
	}
	k, bad := configKey(p.Key)
	if bad != "" {
		return errorResult(bad), nil
	}
	if p.Ivalue.Set || p.Tvalue.Set {
		var iv *int64
		var tv *string
		ok := true
		if p.Ivalue.Set {
			iv, ok = ivalueOf(k, p.Ivalue.Text)
		}
		if ok && p.Tvalue.Set {
			tv, ok = tvalueOf(k, p.Tvalue.Text)
		}
		if !ok {
			return errorResult("VALUE_NOT_VALID"), nil
		}
		if err := s.b.SetConfig(ctx, k.Name, iv, tv); err != nil {
			return nil, fmt.Errorf("soap: ocs_config_V2: %w", err)
		}
	}
	row, found, err := s.b.ConfigRow(ctx, k.Name)
	if err != nil {
		return nil, fmt.Errorf("soap: ocs_config_V2: %w", err)
	}
	if !found {
		row = defaultRow(k)
	}
	return configResult(row), nil
}

// configResult renders <RESULT> with a row's IVALUE and TVALUE.
func configResult(row store.ConfigRow) wsdl.Result {
	var d doc
	d.open(0, "RESULT")
	var iv *string
	if row.IValue != nil {
		iv = strp(strconv.FormatInt(*row.IValue, 10))
	}
	d.leaf(1, "IVALUE", iv)
	d.leaf(1, "TVALUE", row.TValue)
	d.close(0, "RESULT")
	return wsdl.One(d.value())
}
