package main

import (
	"net/http"
	"strings"
	"testing"

	"ocsd/agentcompat"
	"ocsd/internal/testsupport"
	"ocsd/storage"
)

// TestGLPIManualWrites: GLPI's fixes of not-imported computers (bios.SSN,
// accountinfo.TAG) hold through the agent's next unchanged inventory, whose
// reply hands the TAG to the agent; the IpDiscover pages' writes work; and
// the documented grants allow nothing more.
func TestGLPIManualWrites(t *testing.T) {
	dsn := testsupport.MySQLDSN(t, storage.DropDatabase)
	s := newTestServer(t, dsn)
	g := newGLPIClient(t, s, dsn)
	p := glpiPC{n: 80, tag: "NOTIMPORTED"}
	id := s.postPC(t, p)
	if g.exec(t, sqlUpdateBios, "FIXED-SERIAL", id) != 1 || g.exec(t, sqlUpdateTag, "PARIS", id) != 1 {
		t.Fatal("GLPI's fixes matched no row")
	}
	status, reply := s.post(t, p.doc(), agentcompat.Zlib, glpiAgentUA)
	if status != http.StatusOK || !strings.Contains(string(reply), "ACCOUNT_UPDATE") || !strings.Contains(string(reply), "PARIS") {
		t.Errorf("reply to the next inventory does not hand GLPI's TAG to the agent: %d %s", status, reply)
	}
	if ssn := g.one(t, sqlSection, "bios", id)["SSN"].String; ssn != "FIXED-SERIAL" {
		t.Errorf("bios.SSN %q after an unchanged inventory, want GLPI's fix", ssn)
	}
	if tag := g.one(t, sqlAccountinfo, id)["TAG"].String; tag != "PARIS" {
		t.Errorf("TAG %q after the inventory, want GLPI's PARIS", tag)
	}

	mac := p.expand("{mac}")
	s.exec(t, "INSERT INTO netmap (IP, MAC, MASK, NETID) VALUES ('192.0.2.99', '02:00:00:00:00:99', '255.255.255.0', '192.0.2.0'), "+
		"('192.0.2.98', ?, '255.255.255.0', '192.0.2.0')", mac)
	writes := []struct {
		name   string
		format string
		args   []any
	}{
		{"declare a discovered device", sqlDeclareDevice, []any{"Office printer", "Printer", "02:00:00:00:00:99", "glpi"}},
		{"remove its declaration", sqlForgetDevice, []any{"02:00:00:00:00:99"}},
		{"remove it from the scan results", sqlForgetNetmap, []any{"02:00:00:00:00:99"}},
		{"name a subnet", sqlAddSubnet, []any{"192.0.2.0", "Lab", "LAB", "255.255.255.0"}},
		{"rename it", sqlRenameSubnet, []any{"Lab 2", "LAB2", "255.255.255.0", "192.0.2.0"}},
		{"forget a computer's interfaces (delete computer in OCS)", sqlNetmapOf, []any{id}},
	}
	for _, w := range writes {
		if n := g.exec(t, w.format, w.args...); n != 1 {
			t.Errorf("%s: %d rows, want 1", w.name, n)
		}
	}
	for _, q := range []string{
		"UPDATE hardware SET NAME = 'x' WHERE ID = 1",
		"INSERT INTO hardware (DEVICEID) VALUES ('x-2024-01-01-00-00-00')",
		"UPDATE config SET IVALUE = 0 WHERE NAME = 'TRACE_DELETED'",
		"DELETE FROM config WHERE NAME = 'TRACE_DELETED'",
		"DELETE FROM software WHERE HARDWARE_ID = 1",
	} {
		if _, err := g.tryExec("%s", q); err == nil || !strings.Contains(err.Error(), "denied") {
			t.Errorf("the GLPI user may run %q: %v", q, err)
		}
	}
}
