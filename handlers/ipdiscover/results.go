package ipdiscover

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/rs/zerolog"

	"ocsd/agentcompat"
	"ocsd/handlers"
	"ocsd/inventory"
	"ocsd/inventory/ingest"
	"ocsd/settings"
)

// electable are the agent families that may be elected automatically.
var electable = map[string]bool{
	"OCS-NG_unified_unix_agent": true,
	"OCS-NG_windows_client":     true,
	"OCS-NG_WINDOWS_AGENT":      true,
}

var (
	dottedQuad  = regexp.MustCompile(`^\d{1,3}(?:\.\d{1,3}){3}$`)
	macLike     = regexp.MustCompile(`.{2}(?::.{2}){5}`)
	wideNetmask = regexp.MustCompile(`^(?:255\.){2}|^0x(?:ff){2}`)
	pppRE       = regexp.MustCompile(`(?i)ppp`)
	upRE        = regexp.MustCompile(`(?i)up`)
)

// PostInventory runs after each stored inventory: a machine holding the role
// of a subnet has its scan results stored and may lose the role; any other
// machine of an electable agent family may be elected. Local-mode requests
// (a User-Agent containing "local") are skipped, as in OCS.
func (m *Module) PostInventory(ctx context.Context, req *handlers.Request, c *inventory.Content, out *ingest.Outcome) error {
	cfg, err := m.store.Settings(ctx)
	if err != nil {
		return fmt.Errorf("ipdiscover: settings: %w", err)
	}
	if cfg.Int("IPDISCOVER") == 0 || strings.Contains(strings.ToLower(req.UserAgent), "local") {
		return nil
	}
	dev, err := m.store.Contact(ctx, req.DeviceID)
	if err != nil {
		return fmt.Errorf("ipdiscover: %w", err)
	}
	if dev.ID == 0 {
		return nil
	}
	role, has := dev.Param("IPDISCOVER")
	if has && role.IValue != nil && *role.IValue == roleNever {
		return nil
	}
	if vetoed(cfg, dev) {
		return nil
	}
	if subnet := perlTrue(role.TValue); has && subnet != "" {
		err = m.report(ctx, cfg, dev, role, subnet, c)
	} else {
		err = m.elect(ctx, cfg, req.UserAgent, dev, c)
	}
	if err != nil {
		return fmt.Errorf("ipdiscover: %w", err)
	}
	return nil
}

// linkTag is the machine's TAG when IPDISCOVER_LINK_TAG_NETWORK scopes
// subnets by TAG, nil otherwise (or when the machine has none).
func (m *Module) linkTag(ctx context.Context, cfg settings.Snapshot, id int64) (*string, error) {
	if !cfg.Bool("IPDISCOVER_LINK_TAG_NETWORK") {
		return nil, nil
	}
	tag, ok, err := m.store.AccountTag(ctx, id)
	if err != nil || !ok {
		return nil, err
	}
	return &tag, nil
}

// report stores the hosts a role holder found and demotes it, unless an
// admin forced the role (IVALUE 2), when its inventory carries no IPDISCOVER
// section, when its subnet has more holders than IPDISCOVER allows, or when
// the subnet is blacklisted (mirrors _ipdiscover_read_result).
func (m *Module) report(ctx context.Context, cfg settings.Snapshot, dev inventory.Contact, role inventory.DeviceParam, subnet string, c *inventory.Content) error {
	log := zerolog.Ctx(ctx)
	demote, reason := true, "no IPDISCOVER section"
	if c.HasIPDiscover {
		tag, err := m.linkTag(ctx, cfg, dev.ID)
		if err != nil {
			return err
		}
		hosts := validHosts(c.Discovered)
		if err := m.store.SaveDiscovered(ctx, dev.ID, subnet, netmaskOf(c, subnet), tag, hosts); err != nil {
			return err
		}
		log.Info().Str("subnet", subnet).Int("hosts", len(hosts)).Int("rejected", len(c.Discovered)-len(hosts)).Msg("ipdiscover results stored")
		if demote, reason, err = m.overSubscribed(ctx, cfg, subnet, tag); err != nil {
			return err
		}
	}
	if !demote || (role.IValue != nil && *role.IValue == roleForced) {
		return nil
	}
	if err := m.store.DemoteIPDiscover(ctx, dev.ID); err != nil {
		return err
	}
	log.Info().Str("subnet", subnet).Str("reason", reason).Msg("ipdiscover role removed")
	return nil
}

// overSubscribed reports whether a holder of subnet must give the role up:
// more holders than IPDISCOVER allows, or a blacklisted subnet. With TAG
// scoping the holders counted are those of the same TAG, as in the election
// (2.12 counts every holder here, so TAG-scoped subnets flap; docs/compat.md).
func (m *Module) overSubscribed(ctx context.Context, cfg settings.Snapshot, subnet string, tag *string) (bool, string, error) {
	n, err := m.store.IPDiscoverHolders(ctx, subnet, tag)
	if err != nil {
		return false, "", err
	}
	if int64(n) > cfg.Int("IPDISCOVER") {
		return true, "too many agents on the subnet", nil
	}
	black, err := m.store.SubnetBlacklisted(ctx, subnet)
	if err != nil || !black {
		return false, "", err
	}
	return true, "subnet blacklisted", nil
}

// validHosts keeps the hosts with a dotted-quad IP and a MAC-looking MAC.
func validHosts(hosts []inventory.DiscoveredHost) []inventory.DiscoveredHost {
	out := make([]inventory.DiscoveredHost, 0, len(hosts))
	for _, h := range hosts {
		if dottedQuad.MatchString(h.IP) && macLike.MatchString(h.MAC) {
			out = append(out, h)
		}
	}
	return out
}

// netmaskOf is the IPMASK of the inventory's interface on subnet; "" when
// none (OCS then writes NULL into the NOT NULL column, and the row is lost).
func netmaskOf(c *inventory.Content, subnet string) string {
	for _, r := range networks(c) {
		if r.Get("IPSUBNET") == subnet {
			return r.Get("IPMASK")
		}
	}
	return ""
}

func networks(c *inventory.Content) []inventory.Row {
	if sd := c.Sections["NETWORKS"]; sd != nil {
		return sd.Rows
	}
	return nil
}

// elect gives the role to a stable machine of an electable agent: the first
// suitable subnet with room, else the place of a holder that stopped
// reporting or is clearly worse (mirrors _ipdiscover_find_iface and
// _ipdiscover_evaluate, run here for every machine as 2.12 does).
func (m *Module) elect(ctx context.Context, cfg settings.Snapshot, ua string, dev inventory.Contact, c *inventory.Content) error {
	if name, _ := agentcompat.ParseUserAgent(ua); !electable[name] {
		return nil
	}
	stable := dev.Fidelity > 2 && dev.Quality != 0
	if !stable && !cfg.Bool("IPDISCOVER_NO_POSTPONE") {
		return nil
	}
	tag, err := m.linkTag(ctx, cfg, dev.ID)
	if err != nil {
		return err
	}
	subnet, err := m.subnetWithRoom(ctx, cfg, networks(c), tag)
	if err != nil {
		return err
	}
	if subnet != "" {
		if err := m.store.ElectIPDiscover(ctx, dev.ID, subnet); err != nil {
			return err
		}
		zerolog.Ctx(ctx).Info().Str("subnet", subnet).Msg("elected for ipdiscover")
		return nil
	}
	return m.replaceHolder(ctx, cfg, dev, networks(c), tag)
}

// subnetWithRoom returns the subnet of the first up, non-PPP interface with
// a /16-or-narrower netmask whose subnet is not blacklisted and has fewer
// holders than IPDISCOVER allows.
func (m *Module) subnetWithRoom(ctx context.Context, cfg settings.Snapshot, nets []inventory.Row, tag *string) (string, error) {
	for _, r := range nets {
		subnet := r.Get("IPSUBNET")
		if pppRE.MatchString(r.Get("DESCRIPTION")) || !upRE.MatchString(r.Get("STATUS")) ||
			!wideNetmask.MatchString(r.Get("IPMASK")) || !dottedQuad.MatchString(subnet) {
			continue
		}
		if black, err := m.store.SubnetBlacklisted(ctx, subnet); err != nil || black {
			if err != nil {
				return "", err
			}
			continue
		}
		n, err := m.store.IPDiscoverHolders(ctx, subnet, tag)
		if err != nil {
			return "", err
		}
		if int64(n) < cfg.Int("IPDISCOVER") {
			return subnet, nil
		}
	}
	return "", nil
}

// replaceHolder takes over, on one of the machine's subnets, the role of an
// automatic holder whose last inventory is older than IPDISCOVER_MAX_ALIVE
// days, or of the worst holder (highest QUALITY, the mean days between
// contacts) when ours is lower by more than IPDISCOVER_BETTER_THRESHOLD.
// Blacklisted subnets are skipped (2.12 does not check them here, and would
// demote the new holder at its next inventory).
func (m *Module) replaceHolder(ctx context.Context, cfg settings.Snapshot, dev inventory.Contact, nets []inventory.Row, tag *string) error {
	maxAge := time.Duration(cfg.Int("IPDISCOVER_MAX_ALIVE")) * 24 * time.Hour
	threshold := float64(cfg.Int("IPDISCOVER_BETTER_THRESHOLD"))
	for _, r := range nets {
		subnet := r.Get("IPSUBNET")
		if !dottedQuad.MatchString(subnet) {
			continue
		}
		if black, err := m.store.SubnetBlacklisted(ctx, subnet); err != nil || black {
			if err != nil {
				return err
			}
			continue
		}
		holders, err := m.store.ElectedHolders(ctx, subnet, tag, dev.ID)
		if err != nil {
			return err
		}
		worst, stale := m.pickReplaceable(holders, maxAge)
		if worst == nil || !(stale || (dev.Quality < worst.Quality && worst.Quality-dev.Quality > threshold)) {
			continue
		}
		if err := m.store.TransferIPDiscover(ctx, worst.ID, dev.ID); err != nil {
			return err
		}
		zerolog.Ctx(ctx).Info().Str("subnet", subnet).Int64("replaced", worst.ID).Bool("stale", stale).
			Float64("quality", dev.Quality).Float64("replaced_quality", worst.Quality).Msg("took over ipdiscover role")
		return nil
	}
	return nil
}

// pickReplaceable returns the first holder not heard of for maxAge (stale),
// else the holder with the highest QUALITY. A holder never inventoried
// counts as stale, as UNIX_TIMESTAMP(NULL) makes it in OCS.
func (m *Module) pickReplaceable(holders []inventory.Contact, maxAge time.Duration) (*inventory.Contact, bool) {
	var worst *inventory.Contact
	now := m.now()
	for i := range holders {
		h := &holders[i]
		if maxAge > 0 && (h.LastDate.IsZero() || now.Sub(h.LastDate) > maxAge) {
			return h, true
		}
		if worst == nil || worst.Quality < h.Quality {
			worst = h
		}
	}
	return worst, false
}
