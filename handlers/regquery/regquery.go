// Package regquery is the registry-query capability: the REGISTRY option of
// PROLOG replies, which tells Windows agents which registry values to read
// and report in their next inventory (mirrors
// Apache/Ocsinventory/Server/Capacities/Registry.pm).
package regquery

import (
	"context"
	"fmt"

	"github.com/rs/zerolog"

	"ocsd/agentcompat"
	"ocsd/handlers"
	"ocsd/inventory"
)

// Store is what registry queries need from the database.
type Store interface {
	// RegistryQueries returns the regconfig rows with the fields REGTREE,
	// REGKEY, NAME and REGVALUE.
	RegistryQueries(ctx context.Context) ([]inventory.Row, error)
}

// Module adds the REGISTRY prolog option.
type Module struct {
	store Store
}

var _ handlers.PrologResponder = (*Module)(nil)

// New returns the registry-query module.
func New(store Store) *Module { return &Module{store: store} }

// Name implements handlers.Module.
func (m *Module) Name() string { return "registry" }

// PrologRespond adds one OPTION NAME=REGISTRY with a PARAM per regconfig row
// when the REGISTRY option is on and rows exist. Like OCS it does so whatever
// RESPONSE is: Registry.pm means to skip STOP replies but compares an array
// reference with the string "STOP", which never matches, and agents cope.
func (m *Module) PrologRespond(ctx context.Context, _ *handlers.Request, p *handlers.PrologContext) error {
	if !p.Settings.Bool("REGISTRY") {
		return nil
	}
	rows, err := m.store.RegistryQueries(ctx)
	if err != nil {
		return fmt.Errorf("regquery: %w", err)
	}
	if len(rows) == 0 {
		return nil
	}
	params := make([]agentcompat.Node, 0, len(rows))
	for _, r := range rows {
		params = append(params, agentcompat.Param(r.Get("REGVALUE"),
			agentcompat.Attr{Name: "REGTREE", Value: r.Get("REGTREE")},
			agentcompat.Attr{Name: "REGKEY", Value: r.Get("REGKEY")},
			agentcompat.Attr{Name: "NAME", Value: r.Get("NAME")},
		))
	}
	p.Options = append(p.Options, agentcompat.Option("REGISTRY", params...))
	zerolog.Ctx(ctx).Debug().Int("registry_queries", len(params)).Msg("registry option sent")
	return nil
}
