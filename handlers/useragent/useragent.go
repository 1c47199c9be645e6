// Package useragent refuses PROLOGs from agents outside the accepted
// families (mirrors Apache/Ocsinventory/Server/Useragent.pm). Like
// OCS it checks PROLOG only: inventories and reports of an agent that once
// got through are never lost to a policy change.
package useragent

import (
	"context"

	"github.com/rs/zerolog"

	"ocsd/handlers"
)

// Policy decides which User-Agents are accepted.
type Policy interface {
	Allowed(ua string) bool
}

// Module is the prolog-read hook.
type Module struct{ policy Policy }

// New returns the module.
func New(p Policy) *Module { return &Module{policy: p} }

// Name implements handlers.Module.
func (m *Module) Name() string { return "useragent" }

// PrologRead implements handlers.PrologReader.
func (m *Module) PrologRead(ctx context.Context, req *handlers.Request) (handlers.Verdict, error) {
	if m.policy.Allowed(req.RawUserAgent) {
		return handlers.Continue, nil
	}
	zerolog.Ctx(ctx).Warn().Str("user_agent", req.UserAgent).Msg("user agent refused")
	return handlers.BadAgent, nil
}
