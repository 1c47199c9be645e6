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
	"os/exec"
	"strings"
	"time"

	"ocsd/loadgen"
	"ocsd/storage"
)

type benchConfig struct {
	target, db, sample, mode, userAgent string
	agents, count, machines, offset     int
	duration                            time.Duration
	serverArgs                          string
	soapUser, soapPassword              string
	seed                                bool
}

func benchFlags(fs *flag.FlagSet) *benchConfig {
	c := &benchConfig{}
	fs.StringVar(&c.target, "target", "", "agent endpoint to load (empty: start `ocsd serve` on --db and load it)")
	fs.StringVar(&c.db, "db", "sqlite:./ocsd-bench.db", "database of the server, checked afterwards for lost inventories")
	fs.StringVar(&c.sample, "sample", "", "inventory (XML) whose identity every agent clones (required)")
	fs.StringVar(&c.mode, "mode", "new", "new (PROLOG + INVENTORY of new machines), unchanged (same inventory again), prolog (known machines), "+
		"soap-meta or soap-inventory (get_computers_V1 pages of 100 over --machines machines)")
	fs.StringVar(&c.userAgent, "user-agent", "OCS-NG_unified_unix_agent_v2.10.0", "User-Agent of the simulated agents")
	fs.IntVar(&c.agents, "agents", 32, "concurrent agents")
	fs.IntVar(&c.count, "count", 0, "agent runs to measure (0: run for --duration)")
	fs.DurationVar(&c.duration, "duration", 20*time.Second, "length of the measured phase when --count is 0")
	fs.IntVar(&c.machines, "machines", 0, "machines the unchanged and prolog modes cycle through (0: 4 per agent)")
	fs.IntVar(&c.offset, "offset", int(time.Now().Unix()%100000)*1000, "first clone number (fresh machines per run)")
	fs.StringVar(&c.serverArgs, "server-args", "", "extra flags for the started server")
	fs.StringVar(&c.soapUser, "soap-user", "bench", "SOAP user (soap modes; set on the started server)")
	fs.StringVar(&c.soapPassword, "soap-password", "bench-password", "SOAP password (soap modes)")
	fs.BoolVar(&c.seed, "seed", true, "soap modes: first store --machines machines through the agent endpoint")
	return c
}

func runBench(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	c := benchFlags(fs)
	if err := loadFlags(fs, args); err != nil {
		return err
	}
	if c.sample == "" {
		return errors.New("bench: --sample is required")
	}
	doc, err := os.ReadFile(c.sample)
	if err != nil {
		return fmt.Errorf("bench: %w", err)
	}
	tmpl, err := loadgen.NewTemplate(doc)
	if err != nil {
		return err
	}
	var server *benchServer
	if c.target == "" {
		if server, c.target, err = startServer(ctx, c); err != nil {
			return err
		}
		defer server.stop()
	}
	if strings.HasPrefix(c.mode, "soap-") {
		if err := benchSOAP(ctx, stdout, c, tmpl); err != nil {
			return err
		}
		if server != nil {
			fmt.Fprintf(stdout, "server_peak_rss_mb=%.1f\n", peakRSS(server.cmd.Process.Pid))
		}
		return nil
	}
	res, err := loadgen.Run(ctx, loadgen.Config{
		Target: c.target, Agents: c.agents, Count: c.count, Duration: c.duration, Mode: loadgen.Mode(c.mode),
		Machines: c.machines, UserAgent: c.userAgent, Offset: c.offset,
	}, tmpl)
	if err != nil {
		return err
	}
	report(stdout, c, res)
	if err := reportMissing(ctx, stdout, c.db, res.Acked); err != nil {
		return err
	}
	if server != nil {
		fmt.Fprintf(stdout, "server_peak_rss_mb=%.1f\n", peakRSS(server.cmd.Process.Pid))
	}
	return nil
}

func report(w io.Writer, c *benchConfig, r loadgen.Result) {
	unit := "inventories/s"
	if r.Mode == loadgen.PrologOnly {
		unit = "prologs/s"
	}
	fmt.Fprintf(w, "mode=%s agents=%d runs=%d failed=%d elapsed=%s\n", r.Mode, c.agents, r.Runs, r.Failed, r.Elapsed.Round(time.Millisecond))
	fmt.Fprintf(w, "rate=%.1f %s p50=%s p95=%s p99=%s statuses=%v\n", r.Rate, unit,
		r.P50.Round(10*time.Microsecond), r.P95.Round(10*time.Microsecond), r.P99.Round(10*time.Microsecond), r.Statuses)
}

// reportMissing checks every acknowledged inventory against the database.
func reportMissing(ctx context.Context, w io.Writer, dsn string, acked []string) error {
	if len(acked) == 0 {
		return nil
	}
	db, err := storage.Open(ctx, dsn, storage.Options{})
	if err != nil {
		return err
	}
	defer db.Close()
	found, err := db.ExistingDeviceIDs(ctx, acked)
	if err != nil {
		return err
	}
	missing := 0
	for _, id := range acked {
		if !found[id] {
			missing++
		}
	}
	fmt.Fprintf(w, "missing=%d (acknowledged inventories absent from the database, of %d)\n", missing, len(acked))
	if missing > 0 {
		return fmt.Errorf("bench: %d acknowledged inventories are missing", missing)
	}
	return nil
}

// benchServer is the ocsd serve a bench run started.
type benchServer struct {
	cmd *exec.Cmd
	// exited is closed when the process has ended.
	exited chan struct{}
}

// startServer runs this binary's `serve` on a free loopback port.
func startServer(ctx context.Context, c *benchConfig) (*benchServer, string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, "", fmt.Errorf("bench: %w", err)
	}
	addr := ln.Addr().String()
	ln.Close()
	self, err := os.Executable()
	if err != nil {
		return nil, "", fmt.Errorf("bench: %w", err)
	}
	args := append([]string{"serve", "--listen", addr, "--db", c.db, "--log-level", "warn",
		"--soap-user", c.soapUser, "--soap-password", c.soapPassword}, strings.Fields(c.serverArgs)...)
	cmd := exec.CommandContext(ctx, self, args...)
	cmd.Stdout, cmd.Stderr = io.Discard, os.Stderr
	if err := cmd.Start(); err != nil {
		return nil, "", fmt.Errorf("bench: start server: %w", err)
	}
	srv := &benchServer{cmd: cmd, exited: make(chan struct{})}
	go func() { _ = cmd.Wait(); close(srv.exited) }()
	base := "http://" + addr
	for i := 0; i < 600; i++ {
		if resp, err := http.Get(base + "/readyz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return srv, base + "/ocsinventory", nil
			}
		}
		select {
		case <-srv.exited:
			// A server that cannot start (a bad --db, say) has said why on stderr.
			return nil, "", errors.New("bench: the server exited before it was ready")
		case <-time.After(100 * time.Millisecond):
		}
	}
	srv.stop()
	return nil, "", errors.New("bench: server did not become ready")
}

// stop interrupts the server and waits for it, killing it after 30 s.
func (s *benchServer) stop() {
	_ = s.cmd.Process.Signal(os.Interrupt)
	select {
	case <-s.exited:
	case <-time.After(30 * time.Second):
		_ = s.cmd.Process.Kill()
		<-s.exited
	}
}

// peakRSS reads a process's peak resident set (VmHWM) in MB.
func peakRSS(pid int) float64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, "VmHWM:") {
			var kb float64
			fmt.Sscanf(strings.TrimSpace(strings.TrimPrefix(line, "VmHWM:")), "%f", &kb)
			return kb / 1024
		}
	}
	return 0
}

// benchSOAP stores --machines machines (unless --seed=false), then pages
// through them with get_computers_V1 from --agents concurrent clients.
func benchSOAP(ctx context.Context, w io.Writer, c *benchConfig, tmpl *loadgen.Template) error {
	machines := c.machines
	if machines == 0 {
		machines = 10000
	}
	if c.seed {
		res, err := loadgen.Run(ctx, loadgen.Config{Target: c.target, Agents: 16, Count: machines, Mode: loadgen.New,
			UserAgent: c.userAgent, Offset: c.offset}, tmpl)
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "seeded %d machines in %s (%d failed)\n", res.Runs, res.Elapsed.Round(time.Second), res.Failed)
	}
	kind := loadgen.SOAPMeta
	if c.mode == "soap-inventory" {
		kind = loadgen.SOAPInventory
	}
	agents := c.agents
	if agents == 32 {
		agents = 4 // the flag's default is sized for agents, not SOAP clients
	}
	res, err := loadgen.RunSOAP(ctx, loadgen.SOAPConfig{
		Target: strings.TrimSuffix(c.target, "/ocsinventory") + "/ocsinterface", User: c.soapUser, Password: c.soapPassword,
		Clients: agents, Duration: c.duration, Kind: kind, Pages: (machines + 99) / 100,
	})
	if err != nil {
		return err
	}
	fmt.Fprintln(w, res.String())
	return nil
}
