package main

import (
	"context"
	"net/http"
	"strings"
	"time"

	"github.com/gorilla/mux"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"github.com/rs/zerolog"

	"ocsd/agentcompat"
	"ocsd/handlers"
	"ocsd/handlers/download"
	invhandler "ocsd/handlers/inventory"
	"ocsd/handlers/ipdiscover"
	"ocsd/handlers/notify"
	"ocsd/handlers/prolog"
	"ocsd/handlers/regquery"
	"ocsd/handlers/snmp"
	"ocsd/handlers/update"
	"ocsd/handlers/useragent"
	"ocsd/history"
	"ocsd/inventory/ingest"
	"ocsd/storage"
)

// buildServer wires the concrete types: the only place that does.
func buildServer(cfg *serveConfig, db *storage.DB, log zerolog.Logger) (http.Handler, error) {
	m := newMetrics(db)
	endpoint, err := agentEndpoint(cfg, db, log, m)
	if err != nil {
		return nil, err
	}
	r := mux.NewRouter()
	r.PathPrefix("/ocsinventory").Handler(endpoint)
	soapHandler, err := soapService(cfg, db, log)
	if err != nil {
		return nil, err
	}
	r.PathPrefix("/ocsinterface").Handler(soapHandler)
	r.Handle("/healthz", http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		_, _ = w.Write([]byte("ok\n"))
	})).Methods(http.MethodGet)
	r.Handle("/readyz", readyHandler(db)).Methods(http.MethodGet)
	r.Handle("/metrics", promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{})).Methods(http.MethodGet)
	return withDeadline(r, cfg.requestTimeout), nil
}

// withDeadline bounds each request's processing: its context ends after d,
// which rolls back an unfinished transaction (the agent gets an error, never
// a 200 for an inventory that was not committed).
func withDeadline(h http.Handler, d time.Duration) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), d)
		defer cancel()
		h.ServeHTTP(w, r.WithContext(ctx))
	})
}

// agentEndpoint builds /ocsinventory with the built-in modules, registered in
// OCS's hook order (prolog responders: Registry, IpDiscover, Download, SNMP).
func agentEndpoint(cfg *serveConfig, db *storage.DB, log zerolog.Logger, m *metrics) (http.Handler, error) {
	proxies, err := cfg.agent.proxies()
	if err != nil {
		return nil, err
	}
	reg := handlers.NewRegistry()
	merger := history.NewMerger(db, db)
	in := ingest.New(db, db, merger, ingest.Options{AcceptTagUpdate: cfg.agent.acceptTagUpdate, Now: db.Now, XML: cfg.agent.xml})
	policy := agentcompat.NewUserAgentPolicy(cfg.agent.families, cfg.agent.extraAgents)
	modules := []handlers.Module{
		useragent.New(policy),
		prolog.New(db, reg, db.Now),
		invhandler.New(in, db, reg, m),
	}
	modules = append(modules, capabilityModules(db)...)
	for _, mod := range modules {
		if err := reg.Register(mod); err != nil {
			return nil, err
		}
	}
	opt := handlers.Options{Limits: cfg.agent.limits, XML: cfg.agent.xml, TrustedProxies: proxies}
	return handlers.NewEndpoint(reg, opt, log.With().Str("component", "agents").Logger(), m, db), nil
}

// capabilityModules are the OCS capacities, in OCS's hook order.
func capabilityModules(db *storage.DB) []handlers.Module {
	return []handlers.Module{
		regquery.New(db),
		ipdiscover.New(db, db.Now),
		download.New(db, db.Now),
		snmp.New(db),
		notify.New(db),
		update.New(db),
	}
}

func readyHandler(db *storage.DB) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 3*time.Second)
		defer cancel()
		w.Header().Set("Content-Type", "text/plain")
		if err := db.Ping(ctx); err != nil {
			w.WriteHeader(http.StatusServiceUnavailable)
			_, _ = w.Write([]byte("database unreachable: " + strings.TrimPrefix(err.Error(), "storage: ") + "\n"))
			return
		}
		_, _ = w.Write([]byte("ready\n"))
	})
}
