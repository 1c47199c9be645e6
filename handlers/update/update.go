// Package update answers QUERY=UPDATE, the deprecated agent self-update
// check: it tells an agent whether the files table holds another version of
// its binaries (mirrors Apache/Ocsinventory/Server/Capacities/Update.pm). No
// current agent relies on it; it stays for the old ones that still ask.
package update

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/rs/zerolog"

	"ocsd/agentcompat"
	"ocsd/handlers"
	"ocsd/inventory"
	"ocsd/settings"
)

// Store is what the update check needs from the database.
type Store interface {
	Settings(ctx context.Context) (settings.Snapshot, error)
	// AgentFiles returns the files rows of a platform as NAME/VERSION pairs.
	AgentFiles(ctx context.Context, platform string) ([]inventory.Field, error)
}

// Module serves QUERY=UPDATE.
type Module struct {
	store Store
}

var _ handlers.Handler = (*Module)(nil)

// New returns the update module.
func New(store Store) *Module { return &Module{store: store} }

// Name implements handlers.Module.
func (m *Module) Name() string { return "update" }

// Query implements handlers.Handler.
func (m *Module) Query() string { return "UPDATE" }

// Handle answers NO_UPDATE, or UPDATE with the versions the agent should
// fetch. As in OCS the UPDATE option is looked at first: while it is off
// every request gets NO_UPDATE, however malformed (capture 0014, and the
// reason OCS never answered 400 to the lower-case PLATFORM UnixAgent sends).
func (m *Module) Handle(ctx context.Context, req *handlers.Request) (*handlers.Response, error) {
	cfg, err := m.store.Settings(ctx)
	if err != nil {
		return nil, fmt.Errorf("update: settings: %w", err)
	}
	if !cfg.Bool("UPDATE") {
		return reply(nil), nil
	}
	platform := req.Root.Field("PLATFORM")
	agent := req.Root.Field("AGENT")
	if agent == "" || !validPlatform(platform) {
		return nil, inventory.Errorf(inventory.Invalid, "update: PLATFORM %q or AGENT %q not valid", platform, agent)
	}
	files, err := m.store.AgentFiles(ctx, platform)
	if err != nil {
		return nil, fmt.Errorf("update: %w", err)
	}
	offers := compare(files, []component{
		{tag: "AGENT", file: "agent", have: agent, asked: true},
		{tag: "DMI", file: "dmi", have: req.Root.Field("DMI"), asked: req.Root.Field("DMI") != ""},
		{tag: "IPDISCOVER", file: "ipdiscover", have: req.Root.Field("IPDISCOVER"), asked: req.Root.Field("IPDISCOVER") != ""},
	})
	zerolog.Ctx(ctx).Debug().Str("platform", platform).Int("offers", len(offers)).Msg("update check")
	return reply(offers), nil
}

// validPlatform accepts WINDOWS, MAC and LINUX in any case. OCS compares
// case-sensitively, but UnixAgent sends "linux": see docs/compat.md.
func validPlatform(p string) bool {
	switch strings.ToUpper(p) {
	case "WINDOWS", "MAC", "LINUX":
		return true
	}
	return false
}

// component is one updatable part of an agent: the request element carrying
// the installed version, and the word its files.NAME contains.
type component struct {
	tag, file, have string
	asked           bool
}

// offer is a newer (or just other) version to send.
type offer struct{ tag, version string }

// compare picks, for each component the agent asked about, the highest
// version among the files whose NAME contains the component's word (any
// case), and offers it when it differs from the installed one. Versions
// compare as Perl numbers, as Update.pm does ("2.10.0" is 2.1), and a
// different version is offered even when older.
func compare(files []inventory.Field, comps []component) []offer {
	var out []offer
	for _, c := range comps {
		if !c.asked {
			continue
		}
		best, bestNum, found := "", 0.0, false
		for _, f := range files {
			if !strings.Contains(strings.ToLower(f.Name), c.file) {
				continue
			}
			found = true
			if n := perlNumber(f.Value); n > bestNum {
				best, bestNum = f.Value, n
			}
		}
		if !found || perlNumber(c.have) == bestNum {
			continue
		}
		if best == "" {
			best = "0"
		}
		out = append(out, offer{tag: c.tag, version: best})
	}
	return out
}

func reply(offers []offer) *handlers.Response {
	r := &agentcompat.Reply{}
	if len(offers) == 0 {
		r.Add("RESPONSE", "NO_UPDATE")
		return &handlers.Response{Reply: r}
	}
	r.Add("RESPONSE", "UPDATE")
	for _, o := range offers {
		r.Add(o.tag, o.version)
	}
	return &handlers.Response{Reply: r}
}

// perlNumber reads s the way Perl numifies a string: the longest leading
// decimal number (after white space), 0 when there is none.
func perlNumber(s string) float64 {
	s = strings.TrimLeft(s, " \t\n\r\f\v")
	end := 0
	if end < len(s) && (s[end] == '+' || s[end] == '-') {
		end++
	}
	digits := scanDigits(s, &end)
	if end < len(s) && s[end] == '.' {
		end++
		digits += scanDigits(s, &end)
	}
	if digits == 0 {
		return 0
	}
	if end < len(s) && (s[end] == 'e' || s[end] == 'E') {
		exp := end + 1
		if exp < len(s) && (s[exp] == '+' || s[exp] == '-') {
			exp++
		}
		if scanDigits(s, &exp) > 0 {
			end = exp
		}
	}
	n, _ := strconv.ParseFloat(s[:end], 64)
	return n
}

func scanDigits(s string, i *int) int {
	start := *i
	for *i < len(s) && s[*i] >= '0' && s[*i] <= '9' {
		*i++
	}
	return *i - start
}
