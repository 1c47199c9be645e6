// Package ipdiscover is the IpDiscover capability: a few agents per subnet
// are elected to scan their network, told so in the IPDISCOVER option of
// their PROLOG reply, and report the hosts they saw in their next inventory,
// which land in netmap (mirrors
// Apache/Ocsinventory/Server/Capacities/Ipdiscover.pm, with 2.12's working
// auto-election).
package ipdiscover

import (
	"context"
	"regexp"
	"strconv"
	"time"

	"github.com/rs/zerolog"

	"ocsd/agentcompat"
	"ocsd/handlers"
	"ocsd/inventory"
	"ocsd/settings"
)

// Store is what IpDiscover needs from the database.
type Store interface {
	Settings(ctx context.Context) (settings.Snapshot, error)
	// Contact reads a machine and its devices rows (own and groups').
	Contact(ctx context.Context, deviceID string) (inventory.Contact, error)
	// AccountTag returns accountinfo.TAG; ok is false when there is none.
	AccountTag(ctx context.Context, id int64) (tag string, ok bool, err error)
	// SaveDiscovered upserts netmap rows for the hosts an agent found.
	SaveDiscovered(ctx context.Context, id int64, netID, mask string, tag *string, hosts []inventory.DiscoveredHost) error
	// IPDiscoverHolders counts the machines holding the role of a subnet.
	IPDiscoverHolders(ctx context.Context, subnet string, tag *string) (int, error)
	// ElectedHolders lists the other automatic holders of a subnet.
	ElectedHolders(ctx context.Context, subnet string, tag *string, exclude int64) ([]inventory.Contact, error)
	SubnetBlacklisted(ctx context.Context, subnet string) (bool, error)
	ElectIPDiscover(ctx context.Context, id int64, subnet string) error
	TransferIPDiscover(ctx context.Context, from, to int64) error
	DemoteIPDiscover(ctx context.Context, id int64) error
}

// Role values of the devices row NAME='IPDISCOVER' (IVALUE).
const (
	roleNever  = 0
	roleForced = 2
)

// Module adds the IPDISCOVER prolog option and processes scan results and
// elections after each inventory.
type Module struct {
	store Store
	now   func() time.Time
}

var (
	_ handlers.PrologResponder = (*Module)(nil)
	_ handlers.PostInventory   = (*Module)(nil)
)

// New returns the IpDiscover module; now is its clock (nil: time.Now).
func New(store Store, now func() time.Time) *Module {
	if now == nil {
		now = time.Now
	}
	return &Module{store: store, now: now}
}

// Name implements handlers.Module.
func (m *Module) Name() string { return "ipdiscover" }

// PrologRespond orders a known machine holding the role of a subnet to scan
// it: RESPONSE is forced to SEND (the results come with the inventory), the
// connection is closed after the reply, and the IPDISCOVER option names the
// subnet with the delay between ARP probes and 2.12's scan settings.
func (m *Module) PrologRespond(ctx context.Context, req *handlers.Request, p *handlers.PrologContext) error {
	if p.Settings.Int("IPDISCOVER") == 0 || p.Device.ID == 0 {
		return nil
	}
	role, ok := p.Device.Param("IPDISCOVER")
	if !ok || role.IValue == nil || *role.IValue == roleNever {
		return nil
	}
	subnet := perlTrue(role.TValue)
	if subnet == "" {
		return nil
	}
	if vetoed(p.Settings, p.Device) {
		zerolog.Ctx(ctx).Debug().Int64("hardware_id", p.Device.ID).Msg("ipdiscover vetoed by a group")
		return nil
	}
	p.Response = "SEND"
	if p.Header != nil {
		p.Header.Set("Connection", "close")
	}
	param := agentcompat.Param(subnet)
	if !legacyAgent(req.UserAgent) {
		param = agentcompat.Param(subnet,
			agentcompat.Attr{Name: "IPDISC_LAT", Value: strconv.FormatInt(latency(p.Settings, p.Device), 10)},
			agentcompat.Attr{Name: "SCAN_TYPE_IPDISCOVER", Value: handlers.ScanSetting(p.Settings, p.Device, "SCAN_TYPE_IPDISCOVER")},
			agentcompat.Attr{Name: "SCAN_ARP_BANDWIDTH", Value: handlers.ScanSetting(p.Settings, p.Device, "SCAN_ARP_BANDWIDTH")},
		)
	}
	p.Options = append(p.Options, agentcompat.Option("IPDISCOVER", param))
	zerolog.Ctx(ctx).Debug().Str("subnet", subnet).Msg("ipdiscover scan ordered")
	return nil
}

// perlTrue returns *v when Perl would find it true (set, not "" nor "0").
func perlTrue(v *string) string {
	if v == nil || *v == "" || *v == "0" {
		return ""
	}
	return *v
}

// vetoed reports whether a group of the machine forbids the role (group row
// IPDISCOVER with IVALUE 0), which only counts when groups are enabled and
// IPDISCOVER_USE_GROUPS is on.
func vetoed(cfg settings.Snapshot, dev inventory.Contact) bool {
	if !cfg.Bool("ENABLE_GROUPS") || !cfg.Bool("IPDISCOVER_USE_GROUPS") {
		return false
	}
	for _, v := range dev.GroupInts("IPDISCOVER") {
		if v == roleNever {
			return true
		}
	}
	return false
}

// legacyRE finds the old "OCS-NG_<os>_client_v<build>" agents.
var legacyRE = regexp.MustCompile(`OCS-NG_(\w+)_client_v(\d+)`)

// legacyAgent reports whether ua is an agent too old for the attributes of
// the IPDISCOVER parameter: Windows client builds up to 4027 and Linux
// client builds up to 13 take the bare subnet.
func legacyAgent(ua string) bool {
	m := legacyRE.FindStringSubmatch(ua)
	if m == nil {
		return false
	}
	build, err := strconv.ParseInt(m[2], 10, 64)
	if err != nil {
		return false
	}
	return (m[1] == "windows" && build <= 4027) || (m[1] == "linux" && build <= 13)
}

// latency is IPDISC_LAT in ms: the machine's IPDISCOVER_LATENCY, else the
// largest of its groups', else the global value (100 when unset). As in
// OCS, a machine value of 0 falls back to the global value directly.
func latency(cfg settings.Snapshot, dev inventory.Contact) int64 {
	var lat int64
	if p, ok := dev.Param("IPDISCOVER_LATENCY"); ok && p.IValue != nil {
		lat = *p.IValue
	} else {
		for _, g := range dev.GroupInts("IPDISCOVER_LATENCY") {
			lat = max(lat, g)
		}
	}
	if lat == 0 {
		lat = cfg.Int("IPDISCOVER_LATENCY")
	}
	if lat == 0 {
		lat = 100
	}
	return lat
}
