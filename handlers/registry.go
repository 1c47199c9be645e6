// Package handlers serves POST /ocsinventory: it decodes agent requests,
// dispatches them on their QUERY to registered handlers and runs the hooks
// modules add around PROLOG and INVENTORY — the same extension points as OCS's
// capacity modules (Apache/Ocsinventory/Server/Modperl2.pm hook table).
package handlers

import (
	"context"
	"fmt"
	"strings"

	"ocsd/inventory"
	"ocsd/inventory/ingest"
)

// Module is a named unit of behaviour. A module takes part in request
// handling through the interfaces below it implements; the registry
// discovers them when the module is registered.
type Module interface {
	Name() string
}

// Handler serves one QUERY (OCS's REQUEST_NAME + HANDLER_REQUEST).
type Handler interface {
	Module
	Query() string
	Handle(ctx context.Context, req *Request) (*Response, error)
}

// Verdict is what a "read" hook decides.
type Verdict uint8

// Verdicts.
const (
	// Continue lets the request go on.
	Continue Verdict = iota
	// Stop ends the request: PROLOG replies STOP with no option, INVENTORY
	// answers 403.
	Stop
	// BadAgent refuses the request with 400 (PROLOG's User-Agent check).
	BadAgent
)

// PrologReader runs before the PROLOG decision (HANDLER_PROLOG_READ).
type PrologReader interface {
	PrologRead(ctx context.Context, req *Request) (Verdict, error)
}

// PrologResponder adds to a PROLOG reply once RESPONSE is decided
// (HANDLER_PROLOG_RESP). It may add options or change RESPONSE.
type PrologResponder interface {
	PrologRespond(ctx context.Context, req *Request, p *PrologContext) error
}

// PreInventory runs before anything of an inventory is written
// (HANDLER_PRE_INVENTORY); Stop answers 403. The content is parsed lazily:
// a hook reading a section other than HARDWARE, BIOS, NETWORKS, REGISTRY,
// ACCOUNTINFO, DOWNLOAD or IPDISCOVER calls Content.Load for it first.
type PreInventory interface {
	PreInventory(ctx context.Context, req *Request, c *inventory.Content) (Verdict, error)
}

// PostInventory runs after an inventory is committed (HANDLER_POST_INVENTORY).
// Its failure is logged; the agent still gets its 200, the inventory being
// safe. Sections the ingest did not need may still be unparsed (see
// PreInventory).
type PostInventory interface {
	PostInventory(ctx context.Context, req *Request, c *inventory.Content, out *ingest.Outcome) error
}

// Registry holds the modules of a server. It is a value built by cmd, not a
// global; hooks run in registration order.
type Registry struct {
	modules   []Module
	handlers  map[string]Handler
	readers   []PrologReader
	responder []PrologResponder
	pre       []PreInventory
	post      []PostInventory
}

// NewRegistry returns an empty registry.
func NewRegistry() *Registry { return &Registry{handlers: map[string]Handler{}} }

// Register adds a module and the hooks it implements. It refuses a second
// module of the same name or a second handler of the same QUERY.
func (r *Registry) Register(m Module) error {
	for _, x := range r.modules {
		if x.Name() == m.Name() {
			return fmt.Errorf("handlers: module %q registered twice", m.Name())
		}
	}
	if h, ok := m.(Handler); ok {
		q := strings.ToUpper(h.Query())
		if prev, dup := r.handlers[q]; dup {
			return fmt.Errorf("handlers: QUERY %s served by both %q and %q", q, prev.Name(), m.Name())
		}
		r.handlers[q] = h
	}
	if h, ok := m.(PrologReader); ok {
		r.readers = append(r.readers, h)
	}
	if h, ok := m.(PrologResponder); ok {
		r.responder = append(r.responder, h)
	}
	if h, ok := m.(PreInventory); ok {
		r.pre = append(r.pre, h)
	}
	if h, ok := m.(PostInventory); ok {
		r.post = append(r.post, h)
	}
	r.modules = append(r.modules, m)
	return nil
}

// MustRegister registers modules and panics on a conflict: for wiring code
// whose module list is fixed at build time.
func (r *Registry) MustRegister(ms ...Module) *Registry {
	for _, m := range ms {
		if err := r.Register(m); err != nil {
			panic(err)
		}
	}
	return r
}

// Handler returns the handler of a QUERY.
func (r *Registry) Handler(query string) (Handler, bool) {
	h, ok := r.handlers[strings.ToUpper(query)]
	return h, ok
}

// Modules returns the registered module names, in order.
func (r *Registry) Modules() []string {
	out := make([]string, len(r.modules))
	for i, m := range r.modules {
		out[i] = m.Name()
	}
	return out
}

// RunPrologRead runs the prolog-read hooks; the first verdict other than
// Continue wins.
func (r *Registry) RunPrologRead(ctx context.Context, req *Request) (Verdict, error) {
	for _, h := range r.readers {
		v, err := h.PrologRead(ctx, req)
		if err != nil || v != Continue {
			return v, err
		}
	}
	return Continue, nil
}

// RunPrologRespond runs every prolog-response hook in order.
func (r *Registry) RunPrologRespond(ctx context.Context, req *Request, p *PrologContext) error {
	for _, h := range r.responder {
		if err := h.PrologRespond(ctx, req, p); err != nil {
			return err
		}
	}
	return nil
}

// RunPreInventory runs the pre-inventory hooks; the first Stop wins.
func (r *Registry) RunPreInventory(ctx context.Context, req *Request, c *inventory.Content) (Verdict, error) {
	for _, h := range r.pre {
		v, err := h.PreInventory(ctx, req, c)
		if err != nil || v != Continue {
			return v, err
		}
	}
	return Continue, nil
}

// RunPostInventory runs every post-inventory hook; errors are collected so
// one failing module does not starve the next.
func (r *Registry) RunPostInventory(ctx context.Context, req *Request, c *inventory.Content, out *ingest.Outcome) []error {
	var errs []error
	for _, h := range r.post {
		if err := h.PostInventory(ctx, req, c, out); err != nil {
			errs = append(errs, err)
		}
	}
	return errs
}
