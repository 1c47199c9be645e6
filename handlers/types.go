package handlers

import (
	"net/http"

	"ocsd/agentcompat"
	"ocsd/inventory"
	"ocsd/settings"
)

// Request is a decoded agent request.
type Request struct {
	*inventory.Request
	// Document is the decoded, UTF-8 XML the request was parsed from.
	Document []byte
	// Encoding is the body's compression; the reply uses the same.
	Encoding agentcompat.Encoding
	// ClientIP is the agent's address (proxies only when trusted).
	ClientIP string
	// UserAgent is the sanitised User-Agent header, for storing and logging.
	UserAgent string
	// RawUserAgent is the header as sent, for the User-Agent policy: the
	// GLPI Android app's contains ';', which sanitising replaces.
	RawUserAgent string
	// TLS tells whether the request came over HTTPS.
	TLS bool
	// ID identifies the request in logs and in the X-Request-Id header.
	ID string
}

// Response is a handler's answer.
type Response struct {
	// Status is the HTTP status (0 means 200).
	Status int
	// Reply is the XML reply; nil answers an empty body.
	Reply *agentcompat.Reply
	// Header carries extra response headers (e.g. Connection: close).
	Header http.Header
}

// PrologContext is the PROLOG reply being built, shared by the hooks.
type PrologContext struct {
	Device   inventory.Contact
	Settings settings.Snapshot
	// Response is SEND or STOP.
	Response string
	// Options are the OPTION blocks (agentcompat.Option), in hook order.
	Options []agentcompat.Node
	// Header carries response headers hooks need (IpDiscover sets Connection: close).
	Header http.Header
}
