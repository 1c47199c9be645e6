package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rs/zerolog"

	"ocsd/agentcompat"
	"ocsd/internal/testsupport"
	"ocsd/inventory"
	"ocsd/storage"
)

// dialects lists the databases every end-to-end test runs on.
func dialects(t *testing.T) map[string]func(t *testing.T) string {
	return map[string]func(t *testing.T) string{
		"sqlite":  func(t *testing.T) string { return testsupport.SQLiteDSN(t) },
		"mariadb": func(t *testing.T) string { return testsupport.MySQLDSN(t, storage.DropDatabase) },
	}
}

// testServer is ocsd wired exactly as `ocsd serve` wires it, on httptest.
type testServer struct {
	URL  string
	DB   *storage.DB
	srv  *httptest.Server
	logs *syncBuffer
}

// syncBuffer collects the server's log lines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// newTestServer starts ocsd on dsn with extra serve flags.
func newTestServer(t *testing.T, dsn string, args ...string) *testServer {
	t.Helper()
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	cfg := serveFlags(fs)
	if err := fs.Parse(append([]string{"--db", dsn}, args...)); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	logs := &syncBuffer{}
	log := zerolog.New(logs)
	if os.Getenv("OCSD_TEST_LOG") != "" {
		log = zerolog.New(io.MultiWriter(logs, zerolog.ConsoleWriter{Out: os.Stderr}))
	}
	db, err := openAndMigrate(ctx, cfg, log, io.Discard)
	if err != nil {
		t.Fatalf("open %s: %v", dsn, err)
	}
	t.Cleanup(func() { db.Close() })
	h, err := buildServer(cfg, db, log)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return &testServer{URL: srv.URL, DB: db, srv: srv, logs: logs}
}

// post sends an agent request in the given encoding and returns the status
// and the decoded reply body.
func (s *testServer) post(t *testing.T, doc []byte, enc agentcompat.Encoding, ua string) (int, []byte) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, s.URL+"/ocsinventory", bytes.NewReader(agentcompat.Encode(doc, enc)))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-compress")
	req.Header.Set("User-Agent", ua)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode == http.StatusOK && len(body) > 0 {
		dec, err := agentcompat.Decode(body, agentcompat.DefaultLimits())
		if err != nil {
			t.Fatalf("reply does not decode: %v", err)
		}
		if dec.Encoding != enc {
			t.Fatalf("reply encoding %v, request %v", dec.Encoding, enc)
		}
		body = dec.XML
	}
	return resp.StatusCode, body
}

// count runs a COUNT(*) query.
func (s *testServer) count(t *testing.T, q string, args ...any) int {
	t.Helper()
	var n int
	if err := s.DB.SQL().QueryRowContext(context.Background(), q, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return n
}

// deviceRows dumps every row of every per-device table of one machine as
// sorted text lines: the fingerprint of what is stored for it.
func (s *testServer) deviceRows(t *testing.T, id int64, skipHardware ...string) []string {
	t.Helper()
	var out []string
	tables := append(inventory.DeviceTables(), inventory.DeviceTable{Table: "accountinfo", Column: "HARDWARE_ID"},
		inventory.DeviceTable{Table: "hardware", Column: "ID"})
	for _, tb := range tables {
		rows, err := s.DB.SQL().Query("SELECT * FROM "+tb.Table+" WHERE "+tb.Column+" = ?", id)
		if err != nil {
			t.Fatalf("dump %s: %v", tb.Table, err)
		}
		cols, _ := rows.Columns()
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			var b strings.Builder
			b.WriteString(tb.Table)
			for i, c := range cols {
				if tb.Table == "hardware" && contains(skipHardware, c) {
					continue
				}
				fmt.Fprintf(&b, " %s=%v", c, printable(vals[i]))
			}
			out = append(out, b.String())
		}
		rows.Close()
	}
	sort.Strings(out)
	return out
}

func printable(v any) string {
	switch x := v.(type) {
	case []byte:
		return string(x)
	case time.Time:
		return x.Format("2006-01-02 15:04:05")
	case nil:
		return "NULL"
	}
	return fmt.Sprint(v)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// sharedFile reads a file under ../shared.
func sharedFile(t *testing.T, rel string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(testsupport.SharedDir(t), rel))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

func waitReady(t *testing.T, base string) {
	t.Helper()
	for i := 0; i < 300; i++ {
		if resp, err := http.Get(base + "/readyz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatal("server never became ready")
}
