package inventory

import (
	"errors"
	"fmt"
)

// Code classifies a failure for the edge that reports it: handlers map it to
// an HTTP status, the SOAP service to a fault or an in-band error.
type Code uint8

// Error codes.
const (
	// Internal is an unexpected failure (database down, bug): HTTP 500, agents retry.
	Internal Code = iota
	// Invalid is bad input from the client: HTTP 400, nothing written.
	Invalid
	// TooLarge is input over a configured cap: HTTP 413, nothing written.
	TooLarge
	// Forbidden is a refusal by policy (user agent, lock, session): HTTP 403.
	Forbidden
	// Unavailable is a transient overload: HTTP 503 with Retry-After.
	Unavailable
	// NotFound is a missing object.
	NotFound
)

// String names the code for logs.
func (c Code) String() string {
	switch c {
	case Invalid:
		return "invalid"
	case TooLarge:
		return "too_large"
	case Forbidden:
		return "forbidden"
	case Unavailable:
		return "unavailable"
	case NotFound:
		return "not_found"
	}
	return "internal"
}

// Error is a domain failure carrying its Code.
type Error struct {
	Code Code
	Msg  string
}

// Error implements error.
func (e *Error) Error() string { return e.Msg }

// Errorf returns a new *Error with a formatted message. Wrap it with %w to add
// context; CodeOf still finds the code.
func Errorf(code Code, format string, args ...any) error {
	return &Error{Code: code, Msg: fmt.Sprintf(format, args...)}
}

// CodeOf returns the Code of the first *Error in err's chain, Internal if none.
func CodeOf(err error) Code {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return Internal
}

// Domain errors shared by parsers and handlers.
var (
	// ErrMalformedXML is a document that does not parse.
	ErrMalformedXML = &Error{Code: Invalid, Msg: "inventory: malformed XML"}
	// ErrTooLarge is a document over a depth or element cap.
	ErrTooLarge = &Error{Code: TooLarge, Msg: "inventory: document too large"}
	// ErrBadDeviceID is a missing or malformed DEVICEID.
	ErrBadDeviceID = &Error{Code: Invalid, Msg: "inventory: bad DEVICEID"}
	// ErrNoQuery is a request without QUERY.
	ErrNoQuery = &Error{Code: Invalid, Msg: "inventory: missing QUERY"}
	// ErrUnknownQuery is a QUERY no handler serves.
	ErrUnknownQuery = &Error{Code: Invalid, Msg: "inventory: unknown QUERY"}
	// ErrBusy is returned when the database pool is saturated.
	ErrBusy = &Error{Code: Unavailable, Msg: "inventory: server busy"}
	// ErrLocked is a device being written by another request.
	ErrLocked = &Error{Code: Forbidden, Msg: "inventory: device locked by another request"}
)
