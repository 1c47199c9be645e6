// Package soap serves /ocsinterface, the OCS Inventory NG SOAP web service:
// an rpc/encoded SOAP 1.1/1.2 codec shaped like SOAP::Lite's, HTTP Basic
// authentication, the dispatcher driven by the operation table generated from
// wsdl/ocsinterface.wsdl, faults, and the fifteen methods of the OCS
// interface on top of a Backend (the OCS database).
package soap

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/rs/zerolog"

	"ocsd/wsdl"
)

// Options configure the service. cmd builds them from flags, environment
// and config file.
type Options struct {
	// User and Password are the HTTP Basic credentials clients must send.
	// With none configured the service refuses every request (403) with a
	// message saying how to configure it, rather than opening unauthenticated.
	User, Password string
	// Disabled turns the service off: every request gets 403.
	Disabled bool
	// PageSize is the number of computers, events or interfaces per page
	// (OCS_OPT_WEB_SERVICE_RESULTS_LIMIT; 0: 100).
	PageSize int
	// MaxBody caps the request body as received (0: 16 MiB): 413 beyond.
	MaxBody int64
	// MaxInflated caps a deflated request once inflated (0: 4 × MaxBody).
	MaxInflated int64
	// SelectionTTL is how long the ids a computer query selects, and which
	// section tables are empty, are reused across pages (0: 2s; negative:
	// never, every page runs its own selection).
	SelectionTTL time.Duration
	// Now is the clock (nil: time.Now).
	Now func() time.Time
}

// Defaults of Options.
const (
	DefaultPageSize     = 100
	DefaultMaxBody      = 16 << 20
	DefaultSelectionTTL = 2 * time.Second
)

// Refusal messages of an unusable configuration.
const (
	msgDisabled     = "403 Forbidden: the SOAP web service is disabled on this server\n"
	msgUnconfigured = "403 Forbidden: the SOAP web service has no credentials configured; set --soap-user and " +
		"--soap-password (OCSD_SOAP_USER, OCSD_SOAP_PASSWORD or the config file), or turn it off explicitly\n"
)

// handler is the http.Handler of /ocsinterface.
type handler struct {
	opt     Options
	refusal string
	creds   *credentials
	svc     wsdl.Service
	log     zerolog.Logger
	bufs    sync.Pool
}

// New returns the handler of /ocsinterface (mount it on that path and its
// sub-paths). The backend is the OCS database; it may be nil only when the
// service is disabled or has no credentials.
func New(opt Options, backend Backend, log zerolog.Logger) (http.Handler, error) {
	if opt.PageSize == 0 {
		opt.PageSize = DefaultPageSize
	}
	if opt.MaxBody == 0 {
		opt.MaxBody = DefaultMaxBody
	}
	if opt.MaxInflated == 0 {
		opt.MaxInflated = 4 * opt.MaxBody
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.SelectionTTL == 0 {
		opt.SelectionTTL = DefaultSelectionTTL
	}
	if opt.PageSize < 1 || opt.PageSize > 10000 || opt.MaxBody < 0 || opt.MaxInflated < 0 {
		return nil, fmt.Errorf("soap: invalid options: page size %d (1…10000), body caps %d/%d",
			opt.PageSize, opt.MaxBody, opt.MaxInflated)
	}
	h := &handler{opt: opt, log: log}
	h.bufs.New = func() any { return new(bytes.Buffer) }
	switch {
	case opt.Disabled:
		h.refusal = msgDisabled
	case opt.User == "" || opt.Password == "":
		h.refusal = msgUnconfigured
		log.Warn().Msg("SOAP web service refuses every request: no credentials configured")
	case backend == nil:
		return nil, errors.New("soap: no backend")
	default:
		h.creds = newCredentials(opt.User, opt.Password)
		h.svc = newService(backend, opt, log)
	}
	return h, nil
}

// ServeHTTP implements http.Handler.
func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if h.refusal != "" {
		http.Error(w, h.refusal, http.StatusForbidden)
		return
	}
	if !h.creds.allow(r) {
		challenge(w)
		return
	}
	switch r.Method {
	case http.MethodPost:
		h.serveCall(w, r)
	case http.MethodGet, http.MethodHead:
		if _, ok := r.URL.Query()["wsdl"]; ok {
			h.serveWSDL(w, r)
			return
		}
		fallthrough
	default:
		w.Header().Set("Allow", "POST, GET")
		http.Error(w, "405 Method Not Allowed: POST a SOAP envelope, or GET ?wsdl", http.StatusMethodNotAllowed)
	}
}

// serveWSDL answers GET ?wsdl with the WSDL addressed to this very endpoint.
// The address asks for joined results: WSDL-mode clients read one part only.
func (h *handler) serveWSDL(w http.ResponseWriter, r *http.Request) {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	addr := scheme + "://" + r.Host + r.URL.Path + "?parts=joined"
	w.Header().Set("Content-Type", "text/xml; charset=utf-8")
	_, _ = w.Write(wsdl.Document(addr))
}

// serveCall runs one SOAP call.
func (h *handler) serveCall(w http.ResponseWriter, r *http.Request) {
	start := h.opt.Now()
	id := requestID(r)
	log := h.log.With().Str("request_id", id).Logger()
	ctx := log.WithContext(r.Context())
	buf := h.bufs.Get().(*bytes.Buffer)
	buf.Reset()
	defer h.bufs.Put(buf)

	call, status, res, err := h.run(ctx, w, r)
	ev := log.Info()
	if call != nil {
		ev = ev.Str("method", call.Method).Int("args", len(call.Args))
	}
	var f *Fault
	switch {
	case status != 0:
		ev.Int("status", status).Err(err).Msg("soap request refused")
		http.Error(w, http.StatusText(status)+": "+err.Error(), status)
		return
	case errors.As(err, &f):
	case err != nil:
		log.Error().Err(err).Str("method", call.Method).Msg("soap call failed")
		f = serverFault("Internal server error (request " + id + ")")
	}
	version := SOAP11
	if call != nil {
		version = call.Version
	}
	if f != nil {
		encodeFault(buf, version, f.Code, f.Message)
		ev.Str("fault", f.Message)
		status = http.StatusInternalServerError
	} else {
		if r.URL.Query().Get("parts") == "joined" {
			res = joinParts(res)
		}
		encodeResult(buf, version, call.Method, call.Namespace, res)
		status = http.StatusOK
	}
	writeReply(w, r, status, buf.Bytes())
	ev.Int("status", status).Dur("duration", h.opt.Now().Sub(start)).Msg("soap call")
}

// run decodes and dispatches a call. A non-zero status is an HTTP-level
// refusal; otherwise err is nil, a *Fault, or an internal failure.
func (h *handler) run(ctx context.Context, w http.ResponseWriter, r *http.Request) (*Call, int, wsdl.Result, error) {
	if f := checkContentType(r.Header.Get("Content-Type")); f != nil {
		return nil, 0, nil, f
	}
	body, status, err := readBody(w, r, h.opt.MaxBody, h.opt.MaxInflated)
	if status != 0 {
		return nil, status, nil, err
	}
	call, err := Decode(bytes.NewReader(body))
	if err == nil {
		err = checkArrays(call)
	}
	if err != nil {
		return nil, 0, nil, clientFault("Application failed during request deserialization: " + err.Error())
	}
	action, hasAction := r.Header["Soapaction"]
	act := ""
	if hasAction {
		act = action[0]
	}
	if f := checkTarget(call, act, hasAction); f != nil {
		return call, 0, nil, f
	}
	res, ok, err := wsdl.Call(ctx, h.svc, call.Method, call.Args)
	if !ok {
		return call, 0, nil, unknownMethod(call.Method)
	}
	return call, 0, res, err
}

// joinParts makes a multi-part result one string, for clients that read a
// single part (WSDL mode): one value made of the parts' texts, in order.
func joinParts(res wsdl.Result) wsdl.Result {
	if len(res) < 2 {
		return res
	}
	var chunks []string
	for _, v := range res {
		if v.Kind == wsdl.Escaped {
			chunks = append(append(chunks, v.Text), v.Chunks...)
			continue
		}
		var esc bytes.Buffer
		escapeText(&esc, v.Text)
		chunks = append(chunks, esc.String())
	}
	return wsdl.One(wsdl.EscapedChunks(chunks))
}

// requestID returns the client's X-Request-Id, or a fresh one.
func requestID(r *http.Request) string {
	if id := r.Header.Get("X-Request-Id"); id != "" && len(id) <= 64 {
		return id
	}
	var b [8]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
