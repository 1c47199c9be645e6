// Package prolog answers PROLOG, the contact every agent run starts with:
// should the agent send an inventory now, how often should it come back,
// and which options (registry queries, IpDiscover, deployment, SNMP) apply
// (mirrors Apache/Ocsinventory/Server/Communication.pm and Prolog handling).
package prolog

import (
	"context"
	"fmt"
	"math"
	"net/http"
	"strconv"
	"time"

	"github.com/rs/zerolog"

	"ocsd/agentcompat"
	"ocsd/handlers"
	"ocsd/inventory"
	"ocsd/settings"
)

// Store is what PROLOG needs from the database.
type Store interface {
	Contact(ctx context.Context, deviceID string) (inventory.Contact, error)
	TouchContact(ctx context.Context, id int64, quality float64, userAgent string) error
	OpenSession(ctx context.Context, deviceID string) error
	Settings(ctx context.Context) (settings.Snapshot, error)
}

// Handler serves QUERY=PROLOG.
type Handler struct {
	store Store
	reg   *handlers.Registry
	now   func() time.Time
}

// New returns the PROLOG handler; its hooks come from reg.
func New(store Store, reg *handlers.Registry, now func() time.Time) *Handler {
	if now == nil {
		now = time.Now
	}
	return &Handler{store: store, reg: reg, now: now}
}

// Name implements handlers.Module.
func (h *Handler) Name() string { return "prolog" }

// Query implements handlers.Handler.
func (h *Handler) Query() string { return "PROLOG" }

type decision uint8

const (
	send decision = iota
	stop
	// brk is OCS's BREAK: STOP without any option (FREQUENCY -1).
	brk
)

// Handle decides SEND or STOP and gathers the options of every module.
func (h *Handler) Handle(ctx context.Context, req *handlers.Request) (*handlers.Response, error) {
	v, err := h.reg.RunPrologRead(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("prolog: read hooks: %w", err)
	}
	if v == handlers.BadAgent {
		return nil, inventory.Errorf(inventory.Invalid, "prolog: User-Agent %q not accepted", req.UserAgent)
	}
	cfg, err := h.store.Settings(ctx)
	if err != nil {
		return nil, fmt.Errorf("prolog: settings: %w", err)
	}
	dev, err := h.store.Contact(ctx, req.DeviceID)
	if err != nil {
		return nil, fmt.Errorf("prolog: %w", err)
	}
	d := stop
	if v == handlers.Continue {
		d = h.decide(cfg, dev)
	}
	if dev.ID != 0 && v == handlers.Continue {
		if err := h.store.TouchContact(ctx, dev.ID, quality(dev, h.now()), req.UserAgent); err != nil {
			return nil, fmt.Errorf("prolog: %w", err)
		}
	}
	p := &handlers.PrologContext{Device: dev, Settings: cfg, Response: "SEND", Header: http.Header{}}
	if d != send {
		p.Response = "STOP"
	}
	if d != brk && v == handlers.Continue {
		if err := h.reg.RunPrologRespond(ctx, req, p); err != nil {
			return nil, fmt.Errorf("prolog: response hooks: %w", err)
		}
	}
	if p.Response == "SEND" && cfg.Bool("INVENTORY_SESSION_ONLY") {
		if err := h.store.OpenSession(ctx, req.DeviceID); err != nil {
			return nil, fmt.Errorf("prolog: %w", err)
		}
	}
	zerolog.Ctx(ctx).Debug().Str("response", p.Response).Int64("hardware_id", dev.ID).Msg("prolog")
	return &handlers.Response{Reply: render(p, dev, cfg), Header: p.Header}, nil
}

// decide applies FREQUENCY (mirrors Apache/Ocsinventory/Server/Communication.pm
// _prolog): the global value 0 always sends and -1 never does, whatever the
// per-device value; otherwise the smallest device or group FREQUENCY counts
// in days since the last inventory.
func (h *Handler) decide(cfg settings.Snapshot, dev inventory.Contact) decision {
	global := cfg.Int("FREQUENCY")
	switch {
	case global == -1:
		return brk
	case global == 0 || dev.ID == 0:
		return send
	}
	freq := global
	if p, ok := dev.Param("FREQUENCY"); ok && p.IValue != nil {
		freq = *p.IValue
	}
	for _, g := range dev.GroupInts("FREQUENCY") {
		freq = min(freq, g)
	}
	switch {
	case freq == 0:
		return send
	case freq == -1:
		return brk
	case dev.LastDate.IsZero():
		return send
	case dev.LastDate.Add(time.Duration(freq) * 24 * time.Hour).Before(h.now()):
		return send
	}
	return stop
}

// quality is the running mean of days between contacts OCS keeps in
// hardware.QUALITY (lower is better), bounded by the DECIMAL(7,4) column.
func quality(dev inventory.Contact, now time.Time) float64 {
	d := 0.0
	if !dev.LastCome.IsZero() {
		d = now.Sub(dev.LastCome).Hours() / 24
	}
	q := d
	if dev.Fidelity > 1 {
		q = (d + dev.Quality*float64(dev.Fidelity)) / float64(dev.Fidelity+1)
	}
	return math.Max(-999.9999, math.Min(999.9999, math.Round(q*10000)/10000))
}

// render writes the reply: PROLOG_FREQ and INVENTORY_ON_STARTUP always,
// RESPONSE, then the options the hooks added.
func render(p *handlers.PrologContext, dev inventory.Contact, cfg settings.Snapshot) *agentcompat.Reply {
	r := &agentcompat.Reply{}
	r.Add("RESPONSE", p.Response)
	r.Add("PROLOG_FREQ", strconv.FormatInt(deviceFirst(dev, cfg, "PROLOG_FREQ"), 10))
	r.Add("INVENTORY_ON_STARTUP", strconv.FormatInt(deviceFirst(dev, cfg, "INVENTORY_ON_STARTUP"), 10))
	for _, o := range p.Options {
		r.AddNode(o)
	}
	return r
}

// deviceFirst resolves a value set per device, per group or globally: the
// device's own non-zero value, else the smallest non-zero group value, else
// the global one (a 0 falls through, as Perl truthiness makes it in OCS).
func deviceFirst(dev inventory.Contact, cfg settings.Snapshot, name string) int64 {
	if p, ok := dev.Param(name); ok && p.IValue != nil && *p.IValue != 0 {
		return *p.IValue
	}
	best := int64(0)
	for _, g := range dev.GroupInts(name) {
		if g != 0 && (best == 0 || g < best) {
			best = g
		}
	}
	if best != 0 {
		return best
	}
	return cfg.Int(name)
}
