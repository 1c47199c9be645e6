package loadgen

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"runtime"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	"github.com/klauspost/compress/zlib"
)

// Mode is what the simulated agents do.
type Mode string

// Modes.
const (
	// New: each agent run is a PROLOG then the INVENTORY of a machine never seen.
	New Mode = "new"
	// Unchanged: machines already stored send the same inventory again.
	Unchanged Mode = "unchanged"
	// PrologOnly: machines already stored send PROLOG.
	PrologOnly Mode = "prolog"
)

// Config drives a run.
type Config struct {
	// Target is the agent endpoint URL (http://host:port/ocsinventory).
	Target string
	// Agents is the number of concurrent agents.
	Agents int
	// Count is the number of measured agent runs (0: until Duration).
	Count int
	// Duration bounds the measured phase when Count is 0.
	Duration time.Duration
	Mode     Mode
	// Machines is how many machines the Unchanged and PrologOnly modes cycle
	// through (stored first, unmeasured).
	Machines int
	// UserAgent is sent with every request.
	UserAgent string
	// Offset shifts clone numbers, so successive runs use fresh machines.
	Offset int
}

// Result reports a run.
type Result struct {
	Mode     Mode
	Runs     int
	Failed   int
	Elapsed  time.Duration
	Rate     float64
	P50      time.Duration
	P95      time.Duration
	P99      time.Duration
	Statuses map[int]int
	// Acked lists the DEVICEIDs whose inventory got a 200.
	Acked []string
}

// Run replays agent traffic as configured.
func Run(ctx context.Context, cfg Config, t *Template) (Result, error) {
	if cfg.Agents <= 0 {
		cfg.Agents = 1
	}
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: cfg.Agents * 2, MaxConnsPerHost: cfg.Agents * 2}, Timeout: 120 * time.Second}
	r := &runner{cfg: cfg, t: t, client: client, statuses: map[int]int{}}
	if cfg.Mode != New {
		if cfg.Machines <= 0 {
			cfg.Machines = cfg.Agents * 4
			r.cfg.Machines = cfg.Machines
		}
		if err := r.seed(ctx); err != nil {
			return Result{}, err
		}
	}
	r.prepare()
	return r.measure(ctx), nil
}

type runner struct {
	cfg    Config
	t      *Template
	client *http.Client
	// bodies caches the compressed inventory of each revisited machine: a
	// real agent compresses its inventory once per run, which is not the
	// server's cost, and the client's CPU would otherwise cap what is measured.
	bodies   sync.Map
	mu       sync.Mutex
	lat      []time.Duration
	statuses map[int]int
	acked    []string
	failed   int
}

// seed stores the machines the Unchanged and PrologOnly modes revisit.
func (r *runner) seed(ctx context.Context) error {
	var next atomic.Int64
	var firstErr atomic.Value
	var wg sync.WaitGroup
	for a := 0; a < r.cfg.Agents; a++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= r.cfg.Machines || ctx.Err() != nil {
					return
				}
				doc, _ := r.t.Render(r.cfg.Offset + i)
				if st, err := r.post(ctx, doc); err != nil || st != http.StatusOK {
					firstErr.CompareAndSwap(nil, fmt.Errorf("loadgen: seeding machine %d: status %d: %v", i, st, err))
				}
			}
		}()
	}
	wg.Wait()
	if err, ok := firstErr.Load().(error); ok {
		return err
	}
	return nil
}

func (r *runner) measure(ctx context.Context) Result {
	var next atomic.Int64
	start := time.Now()
	deadline := start.Add(r.cfg.Duration)
	var wg sync.WaitGroup
	for a := 0; a < r.cfg.Agents; a++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				i := int(next.Add(1)) - 1
				if (r.cfg.Count > 0 && i >= r.cfg.Count) || (r.cfg.Count == 0 && time.Now().After(deadline)) {
					return
				}
				r.agentRun(ctx, i)
			}
		}()
	}
	wg.Wait()
	return r.result(time.Since(start))
}

// agentRun is one simulated agent contact.
func (r *runner) agentRun(ctx context.Context, i int) {
	n := r.cfg.Offset + i
	if r.cfg.Mode != New {
		n = r.cfg.Offset + i%r.cfg.Machines
	}
	t0 := time.Now()
	var st int
	var err error
	var id string
	switch r.cfg.Mode {
	case PrologOnly:
		id = r.t.DeviceID(n)
		st, err = r.send(ctx, r.cached(n, func() []byte { return Prolog(id) }))
	case Unchanged:
		id = r.t.DeviceID(n)
		st, err = r.send(ctx, r.cached(n, func() []byte { doc, _ := r.t.Render(n); return doc }))
	default:
		id = r.t.DeviceID(n)
		body := r.newMachine(n)
		if st, err = r.post(ctx, Prolog(id)); err == nil && st == http.StatusOK {
			t0 = time.Now()
			st, err = r.send(ctx, body)
		}
	}
	r.record(time.Since(t0), st, err, id)
}

func (r *runner) record(d time.Duration, st int, err error, id string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.statuses[st]++
	if err != nil || st != http.StatusOK {
		r.failed++
		return
	}
	r.lat = append(r.lat, d)
	if r.cfg.Mode != PrologOnly {
		r.acked = append(r.acked, id)
	}
}

func (r *runner) result(elapsed time.Duration) Result {
	sort.Slice(r.lat, func(i, j int) bool { return r.lat[i] < r.lat[j] })
	pct := func(p float64) time.Duration {
		if len(r.lat) == 0 {
			return 0
		}
		return r.lat[min(len(r.lat)-1, int(p*float64(len(r.lat))))]
	}
	return Result{
		Mode: r.cfg.Mode, Runs: len(r.lat), Failed: r.failed, Elapsed: elapsed,
		Rate: float64(len(r.lat)) / elapsed.Seconds(), P50: pct(.50), P95: pct(.95), P99: pct(.99),
		Statuses: r.statuses, Acked: r.acked,
	}
}

// post sends one zlib-compressed agent request, as agents do.
func (r *runner) post(ctx context.Context, doc []byte) (int, error) {
	return r.send(ctx, compress(doc))
}

// newMachine returns the compressed inventory of new machine n: prepared
// before the measured phase when the run has a --count (see prepare), else
// now.
func (r *runner) newMachine(n int) []byte {
	if b, ok := r.bodies.LoadAndDelete(n); ok {
		return b.([]byte)
	}
	doc, _ := r.t.Render(n)
	return compress(doc)
}

// prepare renders and compresses the inventories of a counted New run
// before it is measured, so the client's CPU does not compete with the
// server's during the measurement.
func (r *runner) prepare() {
	if r.cfg.Mode != New || r.cfg.Count == 0 {
		return
	}
	var wg sync.WaitGroup
	var next atomic.Int64
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1)) - 1; i < r.cfg.Count; i = int(next.Add(1)) - 1 {
				doc, _ := r.t.Render(r.cfg.Offset + i)
				r.bodies.Store(r.cfg.Offset+i, compress(doc))
			}
		}()
	}
	wg.Wait()
}

// cached returns machine n's request body, rendered and compressed once.
func (r *runner) cached(n int, render func() []byte) []byte {
	if b, ok := r.bodies.Load(n); ok {
		return b.([]byte)
	}
	b := compress(render())
	r.bodies.Store(n, b)
	return b
}

func compress(doc []byte) []byte {
	var b bytes.Buffer
	w, _ := zlib.NewWriterLevel(&b, zlib.BestSpeed)
	_, _ = w.Write(doc)
	_ = w.Close()
	return b.Bytes()
}

// send posts a compressed body.
func (r *runner) send(ctx context.Context, body []byte) (int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, r.cfg.Target, bytes.NewReader(body))
	if err != nil {
		return 0, fmt.Errorf("loadgen: %w", err)
	}
	req.Header.Set("Content-Type", "application/x-compress")
	req.Header.Set("User-Agent", r.cfg.UserAgent)
	resp, err := r.client.Do(req)
	if err != nil {
		return 0, fmt.Errorf("loadgen: %w", err)
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode, nil
}
