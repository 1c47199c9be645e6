package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"ocsd/internal/testsupport"
	"ocsd/inventory"
)

// agentBinary returns the path of a real agent installed from Debian.
func agentBinary(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		testsupport.Unavailable(t, "%s not installed (Debian package %s)", name, name)
	}
	return p
}

func runAgent(t *testing.T, bin string, args ...string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	out, err := exec.CommandContext(ctx, bin, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %v: %v\n%s", filepath.Base(bin), args, err, out)
	}
}

// localInventory runs the OCS agent in local mode and parses what it would send.
func localInventory(t *testing.T, bin string) *inventory.Content {
	t.Helper()
	dir := t.TempDir()
	runAgent(t, bin, "--local", dir, "--basevardir", filepath.Join(dir, "var"))
	files, _ := filepath.Glob(filepath.Join(dir, "*.ocs"))
	if len(files) != 1 {
		t.Fatalf("agent wrote %d local inventories", len(files))
	}
	doc, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	req, err := inventory.ParseRequest(doc, inventory.DefaultXMLLimits())
	if err != nil {
		t.Fatal(err)
	}
	return inventory.ExtractContent(req.Root.Child("CONTENT"), doc)
}

// TestRealAgents runs Debian's ocsinventory-agent and fusioninventory-agent
// against ocsd on SQLite and MariaDB and checks what lands in the tables.
func TestRealAgents(t *testing.T) {
	ocs := agentBinary(t, "ocsinventory-agent")
	fusion := agentBinary(t, "fusioninventory-agent")
	want := localInventory(t, ocs)
	for name, dsn := range dialects(t) {
		t.Run(name, func(t *testing.T) {
			s := newTestServer(t, dsn(t))
			url := s.URL + "/ocsinventory"
			vardir := t.TempDir()
			runAgent(t, ocs, "--server", url, "--basevardir", vardir, "--force", "--nolocal")
			var id int64
			if err := s.DB.SQL().QueryRow("SELECT ID FROM hardware WHERE USERAGENT = 'OCS-NG_unified_unix_agent_v2.10.0'").Scan(&id); err != nil {
				t.Fatalf("no machine from the OCS agent: %v", err)
			}
			s.checkSections(t, id, want)
			softwareIDs := s.count(t, "SELECT COALESCE(SUM(ID), 0) FROM software WHERE HARDWARE_ID = ?", id)
			// Without --force the agent asks first (PROLOG); FREQUENCY 0 says SEND.
			runAgent(t, ocs, "--server", url, "--basevardir", vardir, "--nolocal")
			if n := s.count(t, "SELECT COUNT(*) FROM hardware WHERE USERAGENT = 'OCS-NG_unified_unix_agent_v2.10.0'"); n != 1 {
				t.Fatalf("second run: %d machines, want 1", n)
			}
			if again := s.count(t, "SELECT COALESCE(SUM(ID), 0) FROM software WHERE HARDWARE_ID = ?", id); again != softwareIDs {
				t.Errorf("second run rewrote unchanged software rows")
			}
			if n := s.count(t, "SELECT FIDELITY FROM hardware WHERE ID = ?", id); n != 2 {
				t.Errorf("FIDELITY %d after one PROLOG of a known machine, want 2", n)
			}
			runAgent(t, fusion, "--server", url, "--force", "--tasks", "inventory", "--no-httpd", "--config", "none")
			var fid int64
			if err := s.DB.SQL().QueryRow("SELECT ID FROM hardware WHERE USERAGENT LIKE 'FusionInventory-Agent%'").Scan(&fid); err != nil {
				t.Fatalf("no machine from the FusionInventory agent: %v", err)
			}
			if n := s.count(t, "SELECT COUNT(*) FROM software WHERE HARDWARE_ID = ?", fid); n < len(want.Software.Rows)/2 {
				t.Errorf("FusionInventory machine has %d software rows", n)
			}
			if n := s.count(t, "SELECT COUNT(*) FROM accountinfo WHERE HARDWARE_ID IN (?, ?)", id, fid); n != 2 {
				t.Errorf("%d accountinfo rows, want one per machine", n)
			}
			s.assertNoOrphans(t)
		})
	}
}

// checkSections compares the rows stored for a machine with the sections the
// agent sends.
func (s *testServer) checkSections(t *testing.T, id int64, want *inventory.Content) {
	t.Helper()
	for tag, sd := range want.Sections {
		sec, _ := inventory.SectionByTag(tag)
		n := len(sd.Rows)
		if !sec.Multi {
			n = 1
		}
		if got := s.count(t, "SELECT COUNT(*) FROM "+sec.Table+" WHERE HARDWARE_ID = ?", id); got != n {
			t.Errorf("%s: %d rows stored, agent sends %d", sec.Table, got, n)
		}
	}
	if got := s.count(t, "SELECT COUNT(*) FROM software WHERE HARDWARE_ID = ?", id); got != len(want.Software.Rows) {
		t.Errorf("software: %d rows stored, agent sends %d", got, len(want.Software.Rows))
	}
	host, _ := os.Hostname()
	if n := s.count(t, "SELECT COUNT(*) FROM hardware WHERE ID = ? AND NAME = ? AND CHECKSUM > 0 AND LASTDATE IS NOT NULL", id, shortHost(host)); n != 1 {
		t.Errorf("hardware row lacks NAME %q, CHECKSUM or LASTDATE", shortHost(host))
	}
}

func shortHost(h string) string {
	for i := 0; i < len(h); i++ {
		if h[i] == '.' {
			return h[:i]
		}
	}
	return h
}
