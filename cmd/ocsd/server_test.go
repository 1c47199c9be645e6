package main

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"ocsd/agentcompat"
	"ocsd/internal/testsupport"
	"ocsd/storage"
)

// TestSaturatedPoolAnswers503: when no database connection frees up in
// time, agents get 503 with Retry-After (they retry), not a hung request.
func TestSaturatedPoolAnswers503(t *testing.T) {
	s := newTestServer(t, dialectsSQLite(t), "--db-max-conns", "1", "--db-admit-wait", "50ms")
	release, err := s.DB.Admit(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	status, _, body := s.rawPost(t, zlibBytes(baseMachine(1).doc()))
	if status != http.StatusServiceUnavailable {
		t.Fatalf("status %d (%s), want 503", status, body)
	}
	req, _ := http.NewRequest(http.MethodPost, s.URL+"/ocsinventory", strings.NewReader(string(zlibBytes(baseMachine(1).doc()))))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.Header.Get("Retry-After") == "" {
		t.Error("503 without Retry-After")
	}
	if n := s.count(t, "SELECT COUNT(*) FROM hardware"); n != 0 {
		t.Errorf("a refused inventory wrote %d machines", n)
	}
	release()
	if status, body := s.post(t, baseMachine(1).doc(), agentcompat.Zlib, "OCS-NG_unified_unix_agent_v2.10.0"); status != http.StatusOK {
		t.Fatalf("after release: status %d %s", status, body)
	}
}

// TestHealthReadyMetrics checks the operational endpoints.
func TestHealthReadyMetrics(t *testing.T) {
	s := newTestServer(t, dialectsSQLite(t))
	s.post(t, baseMachine(1).doc(), agentcompat.Zlib, "OCS-NG_unified_unix_agent_v2.10.0")
	s.post(t, []byte("<REQUEST><DEVICEID>x</DEVICEID><QUERY>PROLOG</QUERY></REQUEST>"), agentcompat.Zlib, "OCS-NG_unified_unix_agent_v2.10.0")
	for path, want := range map[string]string{
		"/healthz": "ok",
		"/readyz":  "ready",
		"/metrics": `ocsd_agent_requests_total{query="INVENTORY",status="200"} 1`,
	} {
		resp, err := http.Get(s.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || !strings.Contains(string(b), want) {
			t.Errorf("%s: %d, body lacks %q", path, resp.StatusCode, want)
		}
	}
	resp, _ := http.Get(s.URL + "/metrics")
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	for _, series := range []string{
		"ocsd_agent_request_duration_seconds_bucket", "ocsd_inventories_stored_total", `ocsd_agent_requests_rejected_total{query="none",status="400"} 1`,
		"ocsd_db_transactions_retried_total", "go_sql_max_open_connections",
	} {
		if !strings.Contains(string(b), series) {
			t.Errorf("/metrics lacks %s", series)
		}
	}
	s.DB.Close()
	resp, err := http.Get(s.URL + "/readyz")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("/readyz with the database closed: %d, want 503", resp.StatusCode)
	}
}

// TestServeCommandLifecycle runs `ocsd serve` as users do — environment
// instead of flags — stores an inventory, then stops it with an inventory in
// flight: shutdown drains it (the agent gets its 200) before returning.
func TestServeCommandLifecycle(t *testing.T) {
	dsn := dialectsSQLite(t)
	addr := freeAddr(t)
	t.Setenv("OCSD_LISTEN", addr)
	t.Setenv("OCSD_DB", dsn)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	var out strings.Builder
	go func() { done <- run(ctx, []string{"serve", "--log-level", "warn"}, &out, io.Discard) }()
	waitReady(t, "http://"+addr)
	s := &testServer{URL: "http://" + addr}
	if status, body := s.post(t, baseMachine(1).doc(), agentcompat.Zlib, "OCS-NG_unified_unix_agent_v2.10.0"); status != http.StatusOK {
		t.Fatalf("status %d %s", status, body)
	}
	inflight := make(chan int, 1)
	go func() {
		st, _ := s.post(t, concurrentDocBytes(7), agentcompat.Zlib, "OCS-NG_unified_unix_agent_v2.10.0")
		inflight <- st
	}()
	time.Sleep(5 * time.Millisecond)
	cancel()
	if code := <-done; code != 0 {
		t.Fatalf("serve exited %d", code)
	}
	if st := <-inflight; st != http.StatusOK {
		t.Errorf("in-flight inventory got %d during shutdown, want 200", st)
	}
	db, err := storage.Open(context.Background(), dsn, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if found, _ := db.ExistingDeviceIDs(context.Background(), []string{"conc00007-2024-01-02-03-04-05"}); !found["conc00007-2024-01-02-03-04-05"] {
		t.Error("the inventory acknowledged during shutdown is not stored")
	}
	if !strings.Contains(out.String(), "admin / ") {
		t.Errorf("first start did not print the admin password: %q", out.String())
	}
}

// TestServeRefusesOlderOCSDatabase: serve never changes an existing OCS
// database behind the admin's back; it stops and names the command to run.
func TestServeRefusesOlderOCSDatabase(t *testing.T) {
	dsn := testsupport.MySQLDSN(t, storage.DropDatabase)
	ctx := context.Background()
	db, err := storage.Open(ctx, dsn, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		"CREATE TABLE config (NAME varchar(50) NOT NULL PRIMARY KEY, IVALUE int, TVALUE varchar(255), COMMENTS text)",
		"INSERT INTO config (NAME, IVALUE, TVALUE) VALUES ('GUI_VERSION', 0, '7039')",
		"CREATE TABLE hardware (ID int NOT NULL AUTO_INCREMENT PRIMARY KEY, DEVICEID varchar(255) NOT NULL)",
	} {
		if _, err := db.SQL().ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	var stderr strings.Builder
	code := run(ctx, []string{"serve", "--db", dsn, "--listen", freeAddr(t)}, io.Discard, &stderr)
	if code == 0 || !strings.Contains(stderr.String(), "ocsd migrate --db") {
		t.Fatalf("serve on a 7039 OCS database: exit %d, stderr %q", code, stderr.String())
	}
}

// TestUserAgentPolicy: the agent families are accepted on PROLOG — the GLPI
// Android app's User-Agent included, though it carries ';' — and others are
// refused with 400; inventories are never refused for their User-Agent.
func TestUserAgentPolicy(t *testing.T) {
	s := newTestServer(t, dialectsSQLite(t))
	prolog := []byte("<REQUEST><DEVICEID>ua-2024-01-02-03-04-05</DEVICEID><QUERY>PROLOG</QUERY></REQUEST>")
	for ua, want := range map[string]int{
		"OCS-NG_unified_unix_agent_v2.10.0":                               http.StatusOK,
		"OCS-NG_WINDOWS_AGENT_v2.11.0.1":                                  http.StatusOK,
		"FusionInventory-Agent_v2.6-3":                                    http.StatusOK,
		"GLPI-Agent_v1.7":                                                 http.StatusOK,
		"Inventory Agent/1.3.0 (Linux; Android 13; GLPI Inventory Agent)": http.StatusOK,
		"SomeUnknownAgent_v1.0":                                           http.StatusBadRequest,
		"curl/8.0":                                                        http.StatusBadRequest,
	} {
		if status, body := s.post(t, prolog, agentcompat.Zlib, ua); status != want {
			t.Errorf("PROLOG from %q: %d %s, want %d", ua, status, body, want)
		}
	}
	if status, _ := s.post(t, baseMachine(3).doc(), agentcompat.Zlib, "SomeUnknownAgent_v1.0"); status != http.StatusOK {
		t.Errorf("INVENTORY from an unknown agent: %d, want 200 (OCS checks PROLOG only)", status)
	}
}
