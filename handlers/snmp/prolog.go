package snmp

import (
	"context"
	"fmt"
	"strings"

	"github.com/rs/zerolog"

	"ocsd/agentcompat"
	"ocsd/handlers"
	"ocsd/inventory"
)

// ipdiscoverForced is the IpDiscover role an admin set (devices IVALUE 2):
// 2.12 only hands such agents the unknown devices of their subnet.
const ipdiscoverForced = 2

// PrologRespond adds the SNMP option for a known machine talking HTTPS with
// SNMP switched on: NETWORK, DEVICE and SNMP_TYPE parameters, then — only
// when there is at least one of those — the COMMUNITY and MIB parameters and
// 2.12's scan OPTION. Credentials never travel in clear, which is why OCS
// requires HTTPS here.
func (m *Module) PrologRespond(ctx context.Context, req *handlers.Request, p *handlers.PrologContext) error {
	if !switchedOn(p.Settings, p.Device) {
		return nil
	}
	log := zerolog.Ctx(ctx)
	if !req.TLS {
		log.Debug().Msg("snmp option withheld: request not over https")
		return nil
	}
	if p.Device.ID == 0 {
		return nil
	}
	params := networkParams(p.Device)
	devices, err := m.deviceParams(ctx, p.Device)
	if err != nil {
		return err
	}
	params = append(params, devices...)
	types, err := m.store.SNMPTypes(ctx)
	if err != nil {
		return fmt.Errorf("snmp: %w", err)
	}
	params = append(params, rowParams("SNMP_TYPE", types)...)
	if len(params) == 0 {
		return nil
	}
	communities, err := m.store.SNMPCommunities(ctx)
	if err != nil {
		return fmt.Errorf("snmp: %w", err)
	}
	mibs, err := m.store.SNMPMIBs(ctx)
	if err != nil {
		return fmt.Errorf("snmp: %w", err)
	}
	params = append(params, rowParams("COMMUNITY", communities)...)
	params = append(params, rowParams("MIB", mibs)...)
	params = append(params, agentcompat.Param("",
		agentcompat.Attr{Name: "TYPE", Value: "OPTION"},
		agentcompat.Attr{Name: "SCAN_TYPE_SNMP", Value: handlers.ScanSetting(p.Settings, p.Device, "SCAN_TYPE_SNMP")},
		agentcompat.Attr{Name: "SCAN_ARP_BANDWIDTH", Value: handlers.ScanSetting(p.Settings, p.Device, "SCAN_ARP_BANDWIDTH")},
	))
	p.Options = append(p.Options, agentcompat.Option("SNMP", params...))
	log.Debug().Int("snmp_params", len(params)).Msg("snmp option sent")
	return nil
}

// networkParams are the subnets of the machine's SNMP_NETWORK row, a
// comma-separated list in one TVALUE.
func networkParams(dev inventory.Contact) []agentcompat.Node {
	p, ok := dev.Param("SNMP_NETWORK")
	if !ok || p.TValue == nil {
		return nil
	}
	var out []agentcompat.Node
	for _, n := range strings.Split(*p.TValue, ",") {
		if n = strings.TrimSpace(n); n != "" {
			out = append(out, agentcompat.Param("",
				agentcompat.Attr{Name: "TYPE", Value: "NETWORK"}, agentcompat.Attr{Name: "SUBNET", Value: n}))
		}
	}
	return out
}

// deviceParams are the hosts IpDiscover saw on the subnet of an agent an
// admin made its IpDiscover scanner, which no inventoried machine owns.
func (m *Module) deviceParams(ctx context.Context, dev inventory.Contact) ([]agentcompat.Node, error) {
	role, ok := dev.Param("IPDISCOVER")
	if !ok || role.IValue == nil || *role.IValue != ipdiscoverForced || role.TValue == nil || *role.TValue == "" {
		return nil, nil
	}
	hosts, err := m.store.SNMPTargets(ctx, *role.TValue)
	if err != nil {
		return nil, fmt.Errorf("snmp: %w", err)
	}
	out := make([]agentcompat.Node, len(hosts))
	for i, h := range hosts {
		out[i] = agentcompat.Param("", agentcompat.Attr{Name: "TYPE", Value: "DEVICE"},
			agentcompat.Attr{Name: "IPADDR", Value: h.IP}, agentcompat.Attr{Name: "MACADDR", Value: h.MAC})
	}
	return out, nil
}

// rowParams turns rows into PARAMs of a TYPE, one attribute per field.
func rowParams(typ string, rows []inventory.Row) []agentcompat.Node {
	out := make([]agentcompat.Node, len(rows))
	for i, r := range rows {
		attrs := make([]agentcompat.Attr, 0, len(r)+1)
		attrs = append(attrs, agentcompat.Attr{Name: "TYPE", Value: typ})
		for _, f := range r {
			attrs = append(attrs, agentcompat.Attr{Name: f.Name, Value: f.Value})
		}
		out[i] = agentcompat.Param("", attrs...)
	}
	return out
}
