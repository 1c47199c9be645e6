// Package download is the deployment capability (télé-déploiement): the
// DOWNLOAD option of PROLOG replies — download settings and the packages a
// machine must fetch — and the DOWNLOAD requests agents send to report each
// package's status (mirrors Apache/Ocsinventory/Server/Capacities/Download.pm).
package download

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/rs/zerolog"

	"ocsd/agentcompat"
	"ocsd/handlers"
	"ocsd/inventory"
	"ocsd/settings"
)

// Store is what deployment needs from the database.
type Store interface {
	Activations(ctx context.Context, enableIDs []int64) (map[int64]inventory.Activation, error)
	PackageHistory(ctx context.Context, id int64) (map[string]bool, error)
	AssignPackages(ctx context.Context, id int64, enableIDs []int64) error
	SetPackageStatus(ctx context.Context, id int64, enableIDs []int64, status, comment string, onlyUnset bool) error
	ReportPackage(ctx context.Context, deviceID, fileID, status, comment string) (bool, error)
}

// Module serves QUERY=DOWNLOAD and adds the DOWNLOAD prolog option.
type Module struct {
	store Store
	now   func() time.Time
}

// New returns the deployment module.
func New(store Store, now func() time.Time) *Module {
	if now == nil {
		now = time.Now
	}
	return &Module{store: store, now: now}
}

// Name implements handlers.Module.
func (m *Module) Name() string { return "download" }

// Query implements handlers.Handler.
func (m *Module) Query() string { return "DOWNLOAD" }

// timestamp is the text OCS stores in devices.COMMENTS: Perl's localtime.
func (m *Module) timestamp() string { return m.now().Format("Mon Jan _2 15:04:05 2006") }

// Handle records a package status report. Reports for packages the machine
// is not assigned are logged and still acknowledged, as OCS does.
func (m *Module) Handle(ctx context.Context, req *handlers.Request) (*handlers.Response, error) {
	fileID := req.Root.Field("ID")
	status := req.Root.Field("ERR")
	if status == "" {
		status = inventory.PackageUnknownCode
	}
	found, err := m.store.ReportPackage(ctx, req.DeviceID, fileID, inventory.TruncateText(status, 255), m.timestamp())
	if err != nil {
		return nil, fmt.Errorf("download: %w", err)
	}
	log := zerolog.Ctx(ctx)
	if !found {
		log.Warn().Str("package", fileID).Str("status", status).Msg("status report for a package not assigned to this machine")
	} else {
		log.Info().Str("package", fileID).Str("status", status).Msg("package status")
	}
	return &handlers.Response{}, nil
}

// PrologRespond adds the DOWNLOAD option: always its CONF parameter (even
// when deployment is off, as OCS does), then one PACK per package to fetch.
func (m *Module) PrologRespond(ctx context.Context, req *handlers.Request, p *handlers.PrologContext) error {
	on := switchedOn(p)
	params := []agentcompat.Node{confParam(p, on)}
	if on && p.Device.ID != 0 {
		packs, err := m.packs(ctx, p)
		if err != nil {
			return err
		}
		params = append(params, packs...)
	}
	p.Options = append(p.Options, agentcompat.Option("DOWNLOAD", params...))
	return nil
}

// switchedOn: the global DOWNLOAD switch, which a group or the machine's
// own DOWNLOAD_SWITCH can only turn off.
func switchedOn(p *handlers.PrologContext) bool {
	if !p.Settings.Bool("DOWNLOAD") {
		return false
	}
	for _, g := range p.Device.GroupInts("DOWNLOAD_SWITCH") {
		if g == 0 {
			return false
		}
	}
	if d, ok := p.Device.Param("DOWNLOAD_SWITCH"); ok && d.IValue != nil && *d.IValue == 0 {
		return false
	}
	return true
}

// confParam builds PARAM TYPE="CONF": latencies take the largest group
// value, lengths and timeouts the smallest; the machine's own value wins.
func confParam(p *handlers.PrologContext, on bool) agentcompat.Node {
	onText := "0"
	if on {
		onText = "1"
	}
	v := func(attr, key string, largest bool) agentcompat.Attr {
		return agentcompat.Attr{Name: attr, Value: strconv.FormatInt(resolve(p.Device, p.Settings, key, largest), 10)}
	}
	return agentcompat.Param("",
		agentcompat.Attr{Name: "TYPE", Value: "CONF"},
		agentcompat.Attr{Name: "ON", Value: onText},
		v("CYCLE_LATENCY", "DOWNLOAD_CYCLE_LATENCY", true),
		v("FRAG_LATENCY", "DOWNLOAD_FRAG_LATENCY", true),
		v("PERIOD_LATENCY", "DOWNLOAD_PERIOD_LATENCY", true),
		v("PERIOD_LENGTH", "DOWNLOAD_PERIOD_LENGTH", false),
		v("TIMEOUT", "DOWNLOAD_TIMEOUT", false),
		v("EXECUTION_TIMEOUT", "DOWNLOAD_EXECUTION_TIMEOUT", false),
	)
}

func resolve(dev inventory.Contact, cfg settings.Snapshot, key string, largest bool) int64 {
	if d, ok := dev.Param(key); ok && d.IValue != nil && *d.IValue != 0 {
		return *d.IValue
	}
	var best int64
	found := false
	for _, g := range dev.GroupInts(key) {
		if g == 0 {
			continue
		}
		if !found || (largest && g > best) || (!largest && g < best) {
			best, found = g, true
		}
	}
	if found {
		return best
	}
	return cfg.Int(key)
}
