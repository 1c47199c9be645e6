package main

import (
	"net/http"

	"github.com/rs/zerolog"

	"ocsd/soap"
	"ocsd/storage"
)

// compile-time guard: the database is the SOAP service's backend.
var _ soap.Backend = (*storage.DB)(nil)

// soapService builds /ocsinterface. The request cap follows the agent
// endpoint's body cap.
func soapService(cfg *serveConfig, db *storage.DB, log zerolog.Logger) (http.Handler, error) {
	return soap.New(soap.Options{
		User:        cfg.soap.user,
		Password:    cfg.soap.password,
		Disabled:    cfg.soap.disabled,
		PageSize:    cfg.soap.pageSize,
		MaxBody:     cfg.agent.limits.MaxBody,
		MaxInflated: cfg.agent.limits.MaxInflated,
	}, db, log.With().Str("component", "soap").Logger())
}
