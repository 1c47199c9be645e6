package soap

import (
	"context"
	"fmt"

	"ocsd/settings"
	"ocsd/wsdl"
)

// ActionSettingsSet is the audit action of a server option written over SOAP.
const ActionSettingsSet = "settings.set"

// settingDoc writes one <SETTING> of k as snap holds it: STORED tells
// whether the config table has a row (VALUE is then its value; without a
// row the server runs on DEFAULT).
func settingDoc(d *doc, level int, k settings.Key, snap settings.Snapshot) {
	v, stored := snap.Current(k)
	flag := "0"
	if stored {
		flag = "1"
	}
	d.open(level, "SETTING")
	d.leafText(level+1, "DEFAULT", k.Default)
	d.leafText(level+1, "MEANING", k.Meaning)
	d.leafText(level+1, "NAME", k.Name)
	d.leafText(level+1, "PATTERN", k.Pattern.String())
	d.leafText(level+1, "STORED", flag)
	d.leafText(level+1, "TYPE", k.Type.String())
	d.leafText(level+1, "VALUE", v)
	d.close(level, "SETTING")
}

// OcsdSettingsListV1 serves ocsd_settings_list_V1(): every server option
// with its type, current value, default, pattern and meaning, as `ocsd
// settings list` prints them.
func (s *service) OcsdSettingsListV1(ctx context.Context, _ wsdl.OcsdSettingsListV1Params) (wsdl.Result, error) {
	snap, err := s.b.Settings(ctx)
	if err != nil {
		return nil, fmt.Errorf("soap: ocsd_settings_list_V1: %w", err)
	}
	var d doc
	d.open(0, "RESULT")
	for _, k := range settings.Keys() {
		settingDoc(&d, 1, k, snap)
	}
	d.close(0, "RESULT")
	return wsdl.One(d.value()), nil
}

// OcsdSettingsSetV1 serves ocsd_settings_set_V1(name, value): the value is
// validated as `ocsd settings set` and ocs_config_V2 validate it (BAD_KEY,
// KEY_NOT_SUPPORTED, VALUE_NOT_VALID in-band), written to the key's own
// column, and recorded in the audit trail; the reply is the key's SETTING.
func (s *service) OcsdSettingsSetV1(ctx context.Context, p wsdl.OcsdSettingsSetV1Params) (wsdl.Result, error) {
	k, bad := configKey(p.Name)
	if bad != "" {
		return adminError(bad, "not a server option (see ocsd_settings_list_V1)"), nil
	}
	if !p.Value.Set {
		return adminError("VALUE_NOT_VALID", "no value given"), nil
	}
	value := decodeXML(p.Value.Text)
	v, err := k.Parse(value)
	if err != nil {
		return adminError("VALUE_NOT_VALID", err.Error()), nil
	}
	before, err := s.b.Settings(ctx)
	if err != nil {
		return nil, fmt.Errorf("soap: ocsd_settings_set_V1: %w", err)
	}
	old, _ := before.Current(k)
	if err := s.b.SetConfig(ctx, k.Name, v.IValue, v.TValue); err != nil {
		return nil, fmt.Errorf("soap: ocsd_settings_set_V1: %w", err)
	}
	rec := s.actor().Record(s.now(), ActionSettingsSet, k.Name, old, value)
	if err := s.b.RecordAudit(ctx, rec); err != nil {
		return nil, fmt.Errorf("soap: ocsd_settings_set_V1: %w", err)
	}
	after, err := s.b.Settings(ctx)
	if err != nil {
		return nil, fmt.Errorf("soap: ocsd_settings_set_V1: %w", err)
	}
	var d doc
	d.open(0, "RESULT")
	settingDoc(&d, 1, k, after)
	d.close(0, "RESULT")
	return wsdl.One(d.value()), nil
}
