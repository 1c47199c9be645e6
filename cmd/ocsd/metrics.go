package main

import (
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"ocsd/storage"
)

// metrics are the Prometheus series of the server, on a registry of their
// own (no process-wide default registry).
type metrics struct {
	reg      *prometheus.Registry
	requests *prometheus.CounterVec
	latency  *prometheus.HistogramVec
	stored   *prometheus.CounterVec
	rejected *prometheus.CounterVec
}

func newMetrics(db *storage.DB) *metrics {
	m := &metrics{reg: prometheus.NewRegistry()}
	m.requests = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "ocsd_agent_requests_total", Help: "Agent requests by QUERY and HTTP status.",
	}, []string{"query", "status"})
	m.latency = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name: "ocsd_agent_request_duration_seconds", Help: "Agent request latency by QUERY (INVENTORY: ingest latency, commit included).",
		Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30},
	}, []string{"query"})
	m.stored = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "ocsd_inventories_stored_total", Help: "Inventories committed, by whether they created a machine.",
	}, []string{"created"})
	m.rejected = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "ocsd_agent_requests_rejected_total", Help: "Agent requests refused (4xx) before anything was written, by QUERY and status.",
	}, []string{"query", "status"})
	retried := prometheus.NewCounterFunc(prometheus.CounterOpts{
		Name: "ocsd_db_transactions_retried_total", Help: "Transactions retried after a deadlock, lock timeout or lost connection.",
	}, func() float64 { return float64(db.Retries()) })
	m.reg.MustRegister(m.requests, m.latency, m.stored, m.rejected, retried,
		collectors.NewDBStatsCollector(db.SQL(), db.Dialect().String()),
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// ObserveRequest implements handlers.Observer.
func (m *metrics) ObserveRequest(query string, status int, elapsed time.Duration) {
	if query == "" {
		query = "none"
	}
	m.requests.WithLabelValues(query, strconv.Itoa(status)).Inc()
	m.latency.WithLabelValues(query).Observe(elapsed.Seconds())
	if status >= 400 && status < 500 {
		m.rejected.WithLabelValues(query, strconv.Itoa(status)).Inc()
	}
}

// InventoryStored implements handlers/inventory.Counter.
func (m *metrics) InventoryStored(created bool) {
	m.stored.WithLabelValues(strconv.FormatBool(created)).Inc()
}
