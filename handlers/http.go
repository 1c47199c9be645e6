package handlers

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"io"
	"net"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"time"

	"github.com/rs/zerolog"

	"ocsd/agentcompat"
	"ocsd/inventory"
)

// Observer receives one call per request, for metrics.
type Observer interface {
	ObserveRequest(query string, status int, elapsed time.Duration)
}

// Admitter bounds the requests that use the database at the same time;
// Admit fails with an Unavailable error when the pool stays saturated.
type Admitter interface {
	Admit(ctx context.Context) (release func(), err error)
}

// Options configure the agent endpoint.
type Options struct {
	// Limits cap body size, inflated size and ratio.
	Limits agentcompat.Limits
	// XML caps document depth and element count.
	XML inventory.XMLLimits
	// TrustedProxies may set X-Forwarded-For; other clients' header is ignored.
	TrustedProxies []netip.Prefix
	// RetryAfter is the Retry-After value of 503 answers (seconds).
	RetryAfter int
}

// Endpoint is the http.Handler of POST /ocsinventory.
type Endpoint struct {
	dec     agentcompat.Decoder
	replies replyCache
	reg     *Registry
	opt     Options
	log     zerolog.Logger
	obs     Observer
	admit   Admitter
}

// NewEndpoint returns the agent endpoint. obs and admit may be nil.
func NewEndpoint(reg *Registry, opt Options, log zerolog.Logger, obs Observer, admit Admitter) *Endpoint {
	if opt.RetryAfter == 0 {
		opt.RetryAfter = 30
	}
	return &Endpoint{reg: reg, opt: opt, log: log, obs: obs, admit: admit}
}

// ServeHTTP decodes, dispatches and answers one agent request. Every refusal
// is a clear 4xx with the request id in the log; nothing is written for it.
func (e *Endpoint) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	id := requestID()
	w.Header().Set("X-Request-Id", id)
	log := e.log.With().Str("request_id", id).Str("remote", r.RemoteAddr).Logger()
	ctx := log.WithContext(r.Context())
	query, status := e.serve(ctx, w, r, id)
	if e.obs != nil {
		e.obs.ObserveRequest(query, status, time.Since(start))
	}
}

func (e *Endpoint) serve(ctx context.Context, w http.ResponseWriter, r *http.Request, id string) (string, int) {
	log := zerolog.Ctx(ctx)
	if r.Method != http.MethodPost {
		// Only legacy GETs exist (deploy/update, both disabled); OCS answers
		// 400 to other GETs and 403 to other methods (Apache/Ocsinventory.pm).
		status := http.StatusForbidden
		if r.Method == http.MethodGet {
			status = http.StatusBadRequest
		}
		return "", e.fail(w, log, status, "method not allowed on the agent endpoint", nil)
	}
	req, err := e.decode(r, id)
	if err != nil {
		return "", e.fail(w, log, statusOf(err), "bad request", err)
	}
	sub := log.With().Str("query", req.Query).Str("device_id", req.DeviceID).Logger()
	ctx = sub.WithContext(ctx)
	h, ok := e.reg.Handler(req.Query)
	if !ok {
		return req.Query, e.fail(w, &sub, http.StatusBadRequest, "unknown QUERY", inventory.ErrUnknownQuery)
	}
	if e.admit != nil {
		release, err := e.admit.Admit(ctx)
		if err != nil {
			w.Header().Set("Retry-After", strconv.Itoa(e.opt.RetryAfter))
			return req.Query, e.fail(w, &sub, statusOf(err), "server busy", err)
		}
		defer release()
	}
	resp, err := h.Handle(ctx, req)
	if err != nil {
		if inventory.CodeOf(err) == inventory.Unavailable {
			w.Header().Set("Retry-After", strconv.Itoa(e.opt.RetryAfter))
		}
		return req.Query, e.fail(w, &sub, statusOf(err), "request failed", err)
	}
	return req.Query, e.write(w, req, resp)
}

// decode reads, inflates, repairs and parses the body.
func (e *Endpoint) decode(r *http.Request, id string) (*Request, error) {
	lim := e.opt.Limits
	if lim.MaxBody == 0 {
		lim = agentcompat.DefaultLimits()
	}
	body, err := readBody(r, lim.MaxBody)
	if err != nil {
		return nil, err
	}
	dec, err := e.dec.Decode(body, lim)
	if err != nil {
		return nil, err
	}
	doc := agentcompat.ToUTF8(dec.XML)
	xl := e.opt.XML
	if xl.MaxElements == 0 {
		xl = inventory.DefaultXMLLimits()
	}
	// Inventories are parsed lazily: the ingest parses only the sections
	// that changed. Other requests get their whole tree.
	parsed, err := inventory.ParseRequestLazy(doc, xl)
	if err != nil {
		return nil, err
	}
	if !strings.EqualFold(parsed.Query, "INVENTORY") {
		if err := parsed.Root.ExpandAll(xl); err != nil {
			return nil, err
		}
	}
	return &Request{
		Request: parsed, Document: doc, Encoding: dec.Encoding, ID: id, TLS: r.TLS != nil,
		ClientIP: clientIP(r, e.opt.TrustedProxies), UserAgent: agentcompat.SanitizeUserAgent(r.UserAgent()),
		RawUserAgent: r.UserAgent(),
	}, nil
}

// readBody reads the request body, at most max bytes: in one allocation of
// the announced length when there is one, as agents always send it.
func readBody(r *http.Request, max int64) ([]byte, error) {
	var body []byte
	var err error
	if n := r.ContentLength; n > 0 && n <= max {
		body = make([]byte, n)
		_, err = io.ReadFull(r.Body, body)
	} else if n > max {
		return nil, agentcompat.ErrTooLarge
	} else {
		body, err = io.ReadAll(http.MaxBytesReader(nil, r.Body, max+1))
	}
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) || int64(len(body)) > max {
		return nil, agentcompat.ErrTooLarge
	}
	if err != nil {
		return nil, inventory.Errorf(inventory.Invalid, "handlers: read body: %v", err)
	}
	if len(body) == 0 {
		return nil, inventory.Errorf(inventory.Invalid, "handlers: empty body")
	}
	return body, nil
}

// write sends a handler's answer in the request's own compression.
func (e *Endpoint) write(w http.ResponseWriter, req *Request, resp *Response) int {
	if resp == nil {
		resp = &Response{}
	}
	for k, vs := range resp.Header {
		for _, v := range vs {
			w.Header().Add(k, v)
		}
	}
	status := resp.Status
	if status == 0 {
		status = http.StatusOK
	}
	if resp.Reply == nil {
		w.Header().Set("Content-Length", "0")
		w.WriteHeader(status)
		return status
	}
	body := e.replies.encode(resp.Reply.Bytes(), req.Encoding)
	w.Header().Set("Content-Type", agentcompat.ContentType)
	w.Header().Set("Cache-Control", "no-cache")
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	_, _ = w.Write(body)
	return status
}

// fail answers an error status with a one-line explanation and logs it.
func (e *Endpoint) fail(w http.ResponseWriter, log *zerolog.Logger, status int, msg string, err error) int {
	ev := log.Warn()
	if status >= 500 {
		ev = log.Error()
	}
	ev.Err(err).Int("status", status).Msg(msg)
	text := msg
	if err != nil && status < 500 {
		text += ": " + err.Error()
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(status)
	_, _ = io.WriteString(w, text+"\n")
	return status
}

// statusOf maps an error's domain code to the HTTP status agents get.
func statusOf(err error) int {
	switch inventory.CodeOf(err) {
	case inventory.Invalid:
		return http.StatusBadRequest
	case inventory.TooLarge:
		return http.StatusRequestEntityTooLarge
	case inventory.Forbidden:
		return http.StatusForbidden
	case inventory.Unavailable:
		return http.StatusServiceUnavailable
	case inventory.NotFound:
		return http.StatusNotFound
	}
	return http.StatusInternalServerError
}

// clientIP is the peer address, or the first X-Forwarded-For hop when the
// peer is a trusted proxy (OCS 2.8.1 trusted the header from anyone).
func clientIP(r *http.Request, trusted []netip.Prefix) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	peer, err := netip.ParseAddr(host)
	if err != nil || len(trusted) == 0 {
		return host
	}
	for _, p := range trusted {
		if p.Contains(peer.Unmap()) {
			if xff := r.Header.Get("X-Forwarded-For"); xff != "" {
				first, _, _ := strings.Cut(xff, ",")
				if a, err := netip.ParseAddr(strings.TrimSpace(first)); err == nil {
					return a.String()
				}
			}
		}
	}
	return host
}

func requestID() string {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
