// Package inventory answers QUERY=INVENTORY: it stores the agent's inventory
// through the ingest unit of work and tells the agent whether to update its
// account info (mirrors Apache/Ocsinventory/Server/Inventory.pm).
package inventory

import (
	"context"
	"fmt"
	"time"

	"github.com/rs/zerolog"

	"ocsd/agentcompat"
	"ocsd/handlers"
	core "ocsd/inventory"
	"ocsd/inventory/ingest"
	"ocsd/settings"
)

// Ingester stores one inventory.
type Ingester interface {
	Ingest(ctx context.Context, req *core.Request, content *core.Content, meta ingest.Meta) (*ingest.Outcome, error)
}

// Sessions checks and closes PROLOG sessions (INVENTORY_SESSION_ONLY).
type Sessions interface {
	Settings(ctx context.Context) (settings.Snapshot, error)
	SessionValid(ctx context.Context, deviceID string, validity time.Duration) (bool, error)
	CloseSession(ctx context.Context, deviceID string) error
}

// Counter counts committed inventories, for metrics.
type Counter interface {
	InventoryStored(created bool)
}

// Handler serves QUERY=INVENTORY.
type Handler struct {
	ingest   Ingester
	sessions Sessions
	reg      *handlers.Registry
	count    Counter
}

// New returns the INVENTORY handler. count may be nil.
func New(in Ingester, sessions Sessions, reg *handlers.Registry, count Counter) *Handler {
	return &Handler{ingest: in, sessions: sessions, reg: reg, count: count}
}

// Name implements handlers.Module.
func (h *Handler) Name() string { return "inventory" }

// Query implements handlers.Handler.
func (h *Handler) Query() string { return "INVENTORY" }

// Handle stores the inventory and answers ACCOUNT_UPDATE or NO_ACCOUNT_UPDATE.
// The 200 goes out only once the inventory is committed.
func (h *Handler) Handle(ctx context.Context, req *handlers.Request) (*handlers.Response, error) {
	content := core.ExtractContent(req.Root.Child("CONTENT"), req.Document)
	if err := h.checkSession(ctx, req); err != nil {
		return nil, err
	}
	v, err := h.reg.RunPreInventory(ctx, req, content)
	if err != nil {
		return nil, fmt.Errorf("inventory: pre-inventory hooks: %w", err)
	}
	if v != handlers.Continue {
		return nil, core.Errorf(core.Forbidden, "inventory: refused by a pre-inventory hook")
	}
	out, err := h.ingest.Ingest(ctx, req.Request, content, ingest.Meta{
		Document: req.Document, ClientIP: req.ClientIP, UserAgent: req.UserAgent,
	})
	if err != nil {
		return nil, err
	}
	if h.count != nil {
		h.count.InventoryStored(out.Created)
	}
	log := zerolog.Ctx(ctx)
	for _, e := range h.reg.RunPostInventory(ctx, req, content, out) {
		log.Error().Err(e).Int64("hardware_id", out.ID).Msg("post-inventory hook failed; inventory kept")
	}
	if h.sessionsOn(ctx) {
		if err := h.sessions.CloseSession(ctx, req.DeviceID); err != nil {
			log.Warn().Err(err).Msg("close prolog session")
		}
	}
	log.Info().Int64("hardware_id", out.ID).Bool("created", out.Created).Ints64("merged", out.Merged).
		Strs("written", out.Written).Msg("inventory stored")
	return &handlers.Response{Reply: reply(out)}, nil
}

// sessionsOn tells whether PROLOG sessions are in use (INVENTORY_SESSION_ONLY).
func (h *Handler) sessionsOn(ctx context.Context) bool {
	cfg, err := h.sessions.Settings(ctx)
	return err == nil && cfg.Bool("INVENTORY_SESSION_ONLY")
}

// checkSession enforces INVENTORY_SESSION_ONLY: an inventory must follow a
// PROLOG answered SEND within SESSION_VALIDITY_TIME.
func (h *Handler) checkSession(ctx context.Context, req *handlers.Request) error {
	cfg, err := h.sessions.Settings(ctx)
	if err != nil {
		return fmt.Errorf("inventory: settings: %w", err)
	}
	if !cfg.Bool("INVENTORY_SESSION_ONLY") {
		return nil
	}
	ok, err := h.sessions.SessionValid(ctx, req.DeviceID, time.Duration(cfg.Int("SESSION_VALIDITY_TIME"))*time.Second)
	if err != nil {
		return fmt.Errorf("inventory: %w", err)
	}
	if !ok {
		return core.Errorf(core.Forbidden, "inventory: no PROLOG session (INVENTORY_SESSION_ONLY)")
	}
	return nil
}

func reply(out *ingest.Outcome) *agentcompat.Reply {
	r := &agentcompat.Reply{}
	if !out.AccountUpdate {
		r.Add("RESPONSE", "NO_ACCOUNT_UPDATE")
		return r
	}
	r.Add("RESPONSE", "ACCOUNT_UPDATE")
	for _, a := range out.Account {
		r.AddBlock("ACCOUNTINFO", agentcompat.Elem("KEYNAME", a.Name), agentcompat.Elem("KEYVALUE", a.Value))
	}
	return r
}
