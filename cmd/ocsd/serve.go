package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"runtime/debug"
	"time"

	"github.com/rs/zerolog"

	"ocsd/storage"
)

// serveConfig is the configuration of `ocsd serve`, built from flags,
// environment and config file.
type serveConfig struct {
	listen, db          string
	logFormat, logLevel string
	tlsCert, tlsKey     string
	shutdownTimeout     time.Duration
	dbMaxConns          int
	dbAdmitWait         time.Duration
	agent               agentConfig
	soap                soapConfig
	readHeaderTimeout   time.Duration
	idleTimeout         time.Duration
	requestTimeout      time.Duration
	debugListen         string
	gcPercent           int
	memoryLimit         int64
}

func serveFlags(fs *flag.FlagSet) *serveConfig {
	c := &serveConfig{}
	fs.StringVar(&c.listen, "listen", "127.0.0.1:8080", "address to listen on (env OCSD_LISTEN)")
	fs.StringVar(&c.db, "db", "sqlite:./ocsd.db", "database: sqlite:PATH or mysql://USER:PASS@HOST:PORT/DB (env OCSD_DB)")
	fs.StringVar(&c.logFormat, "log-format", "json", "log format: json or console")
	fs.StringVar(&c.logLevel, "log-level", "info", "log level: debug, info, warn, error")
	fs.StringVar(&c.tlsCert, "tls-cert", "", "TLS certificate (PEM); with --tls-key serves HTTPS")
	fs.StringVar(&c.tlsKey, "tls-key", "", "TLS private key (PEM)")
	fs.DurationVar(&c.shutdownTimeout, "shutdown-timeout", 30*time.Second, "how long shutdown waits for in-flight requests")
	fs.IntVar(&c.dbMaxConns, "db-max-conns", 0, "database connection pool size (0: twice the processors, at least 4); requests beyond it wait, then get 503")
	fs.DurationVar(&c.dbAdmitWait, "db-admit-wait", 5*time.Second, "how long a request waits for a database connection before 503 + Retry-After")
	fs.DurationVar(&c.readHeaderTimeout, "read-header-timeout", 10*time.Second, "HTTP read header timeout")
	fs.DurationVar(&c.idleTimeout, "idle-timeout", 120*time.Second, "HTTP keep-alive idle timeout")
	fs.DurationVar(&c.requestTimeout, "request-timeout", 120*time.Second, "upper bound of one request's processing")
	fs.StringVar(&c.debugListen, "debug-listen", "", "address of a separate listener serving /debug/pprof (empty: off)")
	fs.IntVar(&c.gcPercent, "gc-percent", 400, "Go GC target percentage (GOGC wins when set)")
	fs.Int64Var(&c.memoryLimit, "memory-limit", 192<<20, "soft memory limit of the process in bytes (GOMEMLIMIT wins when set)")
	agentFlags(fs, &c.agent)
	soapFlags(fs, &c.soap)
	return c
}

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	cfg := serveFlags(fs)
	if err := loadFlags(fs, args); err != nil {
		return err
	}
	log, err := newLogger(stderr, cfg.logFormat, cfg.logLevel)
	if err != nil {
		return err
	}
	tuneGC(cfg)
	db, err := openAndMigrate(ctx, cfg, log, stdout)
	if err != nil {
		return err
	}
	defer db.Close()
	handler, err := buildServer(cfg, db, log)
	if err != nil {
		return err
	}
	if cfg.debugListen != "" {
		go serveDebug(ctx, cfg.debugListen, log)
	}
	return listenAndServe(ctx, cfg, handler, log)
}

// openAndMigrate opens the database and brings an ocsd schema up to date;
// an OCS database still needs `ocsd migrate` (storage.ErrNeedsAdopt).
func openAndMigrate(ctx context.Context, cfg *serveConfig, log zerolog.Logger, stdout io.Writer) (*storage.DB, error) {
	dblog := log.With().Str("component", "storage").Logger()
	db, err := storage.Open(ctx, cfg.db, storage.Options{MaxConns: cfg.dbMaxConns, AdmitWait: cfg.dbAdmitWait, Log: &dblog})
	if err != nil {
		return nil, err
	}
	res, err := db.Migrate(ctx)
	if err != nil {
		db.Close()
		return nil, err
	}
	if res.Created {
		fmt.Fprintf(stdout, "Created the OCS schema in %s.\nConsole operator: admin / %s  (shown once; change it in the console)\n",
			storage.Redact(cfg.db), res.AdminPassword)
	}
	if len(res.Applied) > 0 {
		log.Info().Strs("migrations", res.Applied).Msg("database migrated")
	}
	return db, nil
}

func listenAndServe(ctx context.Context, cfg *serveConfig, h http.Handler, log zerolog.Logger) error {
	srv := &http.Server{
		Addr:              cfg.listen,
		Handler:           h,
		ReadHeaderTimeout: cfg.readHeaderTimeout,
		IdleTimeout:       cfg.idleTimeout,
		ErrorLog:          nil,
	}
	ln, err := net.Listen("tcp", cfg.listen)
	if err != nil {
		return fmt.Errorf("serve: listen: %w", err)
	}
	tls := cfg.tlsCert != "" || cfg.tlsKey != ""
	log.Info().Str("listen", ln.Addr().String()).Bool("tls", tls).Msg("ocsd serving")
	errc := make(chan error, 1)
	go func() {
		if tls {
			errc <- srv.ServeTLS(ln, cfg.tlsCert, cfg.tlsKey)
		} else {
			errc <- srv.Serve(ln)
		}
	}()
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	log.Info().Msg("shutting down: draining in-flight requests")
	sctx, cancel := context.WithTimeout(context.Background(), cfg.shutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("serve: shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: %w", err)
	}
	log.Info().Msg("stopped")
	return nil
}

// tuneGC trades memory for CPU: inventories allocate a lot of short-lived
// garbage, and a higher GC target under a soft memory limit spends less CPU
// collecting it while keeping the process within its memory budget.
func tuneGC(cfg *serveConfig) {
	if _, ok := os.LookupEnv("GOGC"); !ok && cfg.gcPercent > 0 {
		debug.SetGCPercent(cfg.gcPercent)
	}
	if _, ok := os.LookupEnv("GOMEMLIMIT"); !ok && cfg.memoryLimit > 0 {
		debug.SetMemoryLimit(cfg.memoryLimit)
	}
}
