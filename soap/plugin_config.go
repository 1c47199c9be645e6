package soap

import (
	"context"
	"fmt"
	"strconv"

	"ocsd/settings"
	"ocsd/soap/store"
	"ocsd/wsdl"
)

// guiVersion is the config row holding the schema version of the database
// (TVALUE), which the GLPI plugin checks through ocs_config_V2 before
// anything else. It is no server option: ocs_config_V2 reads it and
// refuses to write it.
const guiVersion = "GUI_VERSION"

// isReadOnlyKey tells the keys ocs_config_V2 reads without their being
// server options.
func isReadOnlyKey(a wsdl.Arg) bool { return a.Set && a.Text == guiVersion }

// readOnlyConfig serves ocs_config_V2 for GUI_VERSION: its row (nil
// without one); a write gets KEY_NOT_SUPPORTED, as for any unknown key.
func (s *service) readOnlyConfig(ctx context.Context, p wsdl.OCSConfigV2Params) (wsdl.Result, error) {
	if p.Ivalue.Set || p.Tvalue.Set {
		return errorResult("KEY_NOT_SUPPORTED"), nil
	}
	row, found, err := s.b.ConfigRow(ctx, guiVersion)
	if err != nil {
		return nil, fmt.Errorf("soap: ocs_config_V2: %w", err)
	}
	if !found {
		return wsdl.One(wsdl.NilValue()), nil
	}
	return configResult(row), nil
}

// defaultRow is the row a key without one stands for: its server default
// in its own column, the other one empty.
func defaultRow(k settings.Key) store.ConfigRow {
	if k.Type == settings.Text {
		return store.ConfigRow{TValue: strp(k.Default)}
	}
	n, err := strconv.ParseInt(k.Default, 10, 64)
	if err != nil {
		return store.ConfigRow{}
	}
	return store.ConfigRow{IValue: &n}
}
