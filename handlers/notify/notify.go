// Package notify answers QUERY=NOTIFY, which the Windows agent sends instead
// of a full inventory when only a machine's IP settings changed (mirrors
// Apache/Ocsinventory/Server/Capacities/Notify.pm).
package notify

import (
	"context"
	"fmt"

	"github.com/rs/zerolog"

	"ocsd/handlers"
	"ocsd/inventory"
)

// Store is what NOTIFY needs from the database.
type Store interface {
	// LookupDevice finds the machine of a DEVICEID (ID 0: unknown).
	LookupDevice(ctx context.Context, deviceID string) (inventory.DeviceRef, error)
	// NotifyAddresses updates the machine's networks rows by MAC and flags
	// the change in hardware.CHECKSUM; it returns how many interfaces matched.
	NotifyAddresses(ctx context.Context, id int64, ifaces []inventory.Row, hardwareIP *string) (int, error)
}

// Module serves QUERY=NOTIFY.
type Module struct {
	store Store
}

var _ handlers.Handler = (*Module)(nil)

// New returns the notify module.
func New(store Store) *Module { return &Module{store: store} }

// Name implements handlers.Module.
func (m *Module) Name() string { return "notify" }

// Query implements handlers.Handler.
func (m *Module) Query() string { return "NOTIFY" }

// ifaceColumns maps IFACE children to the networks columns they update.
var ifaceColumns = [...]struct{ tag, column string }{
	{"GW", "IPGATEWAY"}, {"DHCP", "IPDHCP"}, {"SUBNET", "IPSUBNET"}, {"IP", "IPADDRESS"}, {"MASK", "IPMASK"},
}

// Handle applies a TYPE=IP notification and always answers 200 with an empty
// body: an unknown machine or another TYPE is only logged, as OCS does. The
// IFACE and HARDWARE elements are read directly under the request root, not
// under CONTENT, where the Windows agent puts them.
func (m *Module) Handle(ctx context.Context, req *handlers.Request) (*handlers.Response, error) {
	log := zerolog.Ctx(ctx)
	ref, err := m.store.LookupDevice(ctx, req.DeviceID)
	if err != nil {
		return nil, fmt.Errorf("notify: %w", err)
	}
	if ref.ID == 0 {
		log.Info().Msg("notify from an unknown machine ignored")
		return &handlers.Response{}, nil
	}
	if typ := req.Root.Field("TYPE"); typ != "IP" {
		// OCS log code 529: only IP notifications exist.
		log.Warn().Str("type", typ).Int64("hardware_id", ref.ID).Msg("notify type not supported")
		return &handlers.Response{}, nil
	}
	ifaces := interfaces(req.Root)
	matched, err := m.store.NotifyAddresses(ctx, ref.ID, ifaces, hardwareIP(req.Root))
	if err != nil {
		return nil, fmt.Errorf("notify: %w", err)
	}
	log.Info().Int64("hardware_id", ref.ID).Int("interfaces", len(ifaces)).Int("updated", matched).Msg("ip change notified")
	return &handlers.Response{}, nil
}

// interfaces turns the IFACE elements carrying an IP, a MASK and a MAC into
// networks updates: MACADDR to find the row, then the columns sent.
func interfaces(root *inventory.Element) []inventory.Row {
	var out []inventory.Row
	for _, el := range root.All("IFACE") {
		if el.Field("IP") == "" || el.Field("MASK") == "" || el.Field("MAC") == "" {
			continue
		}
		r := inventory.Row{{Name: "MACADDR", Value: el.Field("MAC")}}
		for _, c := range ifaceColumns {
			if v := el.Field(c.tag); v != "" {
				r = append(r, inventory.Field{Name: c.column, Value: v})
			}
		}
		out = append(out, r)
	}
	return out
}

// hardwareIP is HARDWARE/IPADDR under the root, nil when not sent. OCS
// writes IPADDR whenever a HARDWARE element exists, NULL when it carries no
// IPADDR; ocsd keeps the stored address then (docs/compat.md).
func hardwareIP(root *inventory.Element) *string {
	hw := root.Child("HARDWARE")
	if hw == nil {
		return nil
	}
	ip := hw.Field("IPADDR")
	if ip == "" {
		return nil
	}
	return &ip
}
