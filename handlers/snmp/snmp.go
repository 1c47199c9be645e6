// Package snmp is the SNMP capability: the SNMP option of PROLOG replies,
// which tells an agent which networks and devices to scan and how, and the
// SNMP requests carrying what it found (mirrors
// Apache/Ocsinventory/Server/Capacities/Snmp.pm, 2.12, with table and column
// names whitelisted against the live schema).
package snmp

import (
	"context"
	"fmt"

	"github.com/rs/zerolog"

	"ocsd/handlers"
	"ocsd/inventory"
	"ocsd/settings"
)

// Store is what the SNMP capability needs from the database.
type Store interface {
	Settings(ctx context.Context) (settings.Snapshot, error)
	// Contact reads a machine and its devices rows (own and groups').
	Contact(ctx context.Context, deviceID string) (inventory.Contact, error)
	// SaveSNMP stores an SNMP inventory, sections keyed by element name; it
	// returns the rows written and the elements refused by the whitelist.
	SaveSNMP(ctx context.Context, deviceID string, linkTag bool, sections map[string]*inventory.SectionData) (int, []string, error)
	// SNMPTargets lists the hosts of a subnet no inventoried machine owns.
	SNMPTargets(ctx context.Context, subnet string) ([]inventory.DiscoveredHost, error)
	SNMPTypes(ctx context.Context) ([]inventory.Row, error)
	SNMPCommunities(ctx context.Context) ([]inventory.Row, error)
	SNMPMIBs(ctx context.Context) ([]inventory.Row, error)
}

// Module serves QUERY=SNMP and adds the SNMP prolog option.
type Module struct {
	store Store
}

var (
	_ handlers.Handler         = (*Module)(nil)
	_ handlers.PrologResponder = (*Module)(nil)
)

// New returns the SNMP module.
func New(store Store) *Module { return &Module{store: store} }

// Name implements handlers.Module.
func (m *Module) Name() string { return "snmp" }

// Query implements handlers.Handler.
func (m *Module) Query() string { return "SNMP" }

// Handle stores the devices an agent scanned and answers 200 with an empty
// body. Elements the whitelist refuses are logged and skipped; with SNMP
// switched off for the agent nothing is stored, as in OCS.
func (m *Module) Handle(ctx context.Context, req *handlers.Request) (*handlers.Response, error) {
	log := zerolog.Ctx(ctx)
	cfg, err := m.store.Settings(ctx)
	if err != nil {
		return nil, fmt.Errorf("snmp: settings: %w", err)
	}
	dev, err := m.store.Contact(ctx, req.DeviceID)
	if err != nil {
		return nil, fmt.Errorf("snmp: %w", err)
	}
	if !switchedOn(cfg, dev) {
		log.Info().Msg("snmp inventory ignored: snmp is off for this agent")
		return &handlers.Response{}, nil
	}
	sections := contentSections(req.Root.Child("CONTENT"))
	if len(sections) == 0 {
		log.Debug().Msg("empty snmp inventory")
		return &handlers.Response{}, nil
	}
	stored, rejected, err := m.store.SaveSNMP(ctx, req.DeviceID, cfg.Bool("SNMP_LINK_TAG"), sections)
	if err != nil {
		return nil, fmt.Errorf("snmp: %w", err)
	}
	if len(rejected) > 0 {
		log.Warn().Strs("rejected", rejected).Msg("snmp elements refused by the whitelist")
	}
	log.Info().Int("rows", stored).Int("elements", len(sections)).Msg("snmp inventory stored")
	return &handlers.Response{}, nil
}

// contentSections groups the CONTENT children by element name, each
// occurrence a row of its attributes and leaf children.
func contentSections(content *inventory.Element) map[string]*inventory.SectionData {
	out := map[string]*inventory.SectionData{}
	if content == nil {
		return out
	}
	for _, el := range content.Children {
		if el.IsEmpty() {
			continue
		}
		sd := out[el.Name]
		if sd == nil {
			sd = &inventory.SectionData{}
			out[el.Name] = sd
		}
		sd.Rows = append(sd.Rows, inventory.RowOf(el))
	}
	return out
}

// switchedOn is the effective SNMP switch (mirrors _get_snmp_switch): the
// global SNMP option, lowered by any group's SNMP_SWITCH, then replaced by
// the machine's own SNMP_SWITCH while still on.
func switchedOn(cfg settings.Snapshot, dev inventory.Contact) bool {
	var on int64
	if cfg.Bool("SNMP") {
		on = 1
		for _, g := range dev.GroupInts("SNMP_SWITCH") {
			on = min(on, g)
		}
	}
	if p, ok := dev.Param("SNMP_SWITCH"); ok && p.IValue != nil && on != 0 {
		on = *p.IValue
	}
	return on != 0
}
