package main

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"ocsd/internal/testsupport"
	"ocsd/storage"
)

const glpiDrivesBit = 512

// glpiChecksumCase is a re-inventory after GLPI has synchronised a machine
// and cleared its CHECKSUM.
type glpiChecksumCase struct {
	name     string
	cfg      uint64   // GLPI's checksum setting
	sent     uint64   // HARDWARE/CHECKSUM of the re-inventory
	change   bool     // whether the re-inventory changes DRIVES/FREE
	stored   uint64   // hardware.CHECKSUM after it
	selected bool     // back in the to-sync list by (cfg & CHECKSUM) > 1
	read     []string // tables GLPI's next sync reads
	left     uint64   // CHECKSUM GLPI leaves after that sync
}

// TestGLPIChecksumCycle imports and synchronises a machine as GLPI does,
// until GLPI has cleared its CHECKSUM, then re-inventories it and checks
// which bits come back and what GLPI's next sync reads.
func TestGLPIChecksumCycle(t *testing.T) {
	dsn := testsupport.MySQLDSN(t, storage.DropDatabase)
	s := newTestServer(t, dsn)
	g := newGLPIClient(t, s, dsn)
	every := []string{"hardware", "bios", "memories", "slots", "registry", "controllers", "monitors", "ports", "storages",
		"drives", "inputs", "modems", "networks", "printers", "sounds", "videos", "softwares", "virtualmachines"}
	cases := []glpiChecksumCase{
		{"the agent flags the one section that changed", glpiCfgAll, 1 | glpiDrivesBit, true,
			1 | glpiDrivesBit, true, []string{"hardware", "drives"}, 1 | glpiDrivesBit},
		// A fresh agent state (or an agent that always flags everything):
		// OCS and ocsd OR the bits in, so GLPI re-reads every section; ocsd
		// rewrote only the changed one, so GLPI finds the other rows as they were.
		{"the agent flags every section, one changed", glpiCfgAll, 262143, true,
			262143, true, every, 262143},
		// The hardware bit alone never selects (> 1, not > 0); the cron
		// still picks the machine for its newer LASTDATE.
		{"the agent flags nothing", glpiCfgAll, 0, false, 1, false, []string{"hardware"}, 1},
		// Bits GLPI does not import stay set: it writes old − mixed.
		{"GLPI does not import drives", glpiCfgAll &^ glpiDrivesBit, 1 | glpiDrivesBit, true,
			1 | glpiDrivesBit, false, []string{"hardware"}, glpiDrivesBit},
	}
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) { checksumCycle(t, s, g, 20+i, c) })
	}
}

func checksumCycle(t *testing.T, s *testServer, g *glpiClient, n int, c glpiChecksumCase) {
	// GLPI's clock: the first inventory at T-3h, GLPI's sync at T-2h, the
	// re-inventory at T-1h.
	p := glpiPC{n: n, tag: "CYCLE", checksum: "262143", lastDate: s.dbTime(t, -3*time.Hour)}
	synced := s.dbTime(t, -2*time.Hour)
	id := s.postPC(t, p)
	if !g.listed(t, c.cfg, id) {
		t.Fatalf("new machine not in the to-sync list (CHECKSUM %d)", g.checksum(t, id))
	}
	g.exec(t, sqlSetChecksum, glpiChecksumAll, id) // importComputer
	g.sync(t, id, c.cfg, "")
	g.sync(t, id, c.cfg, synced) // the next cron: nothing newer, GLPI writes 0
	if cs := g.checksum(t, id); cs != 0 || g.listed(t, c.cfg, id) {
		t.Fatalf("after GLPI's sync CHECKSUM %d, want 0 and out of the list", cs)
	}
	before := s.deviceRows(t, id, "LASTDATE", "LASTCOME", "CHECKSUM")
	p.checksum, p.lastDate = strconv.FormatUint(c.sent, 10), s.dbTime(t, -time.Hour)
	if c.change {
		p.free = "200000"
	}
	s.postPC(t, p)
	if cs := g.checksum(t, id); cs != c.stored {
		t.Errorf("CHECKSUM %d after the re-inventory, want %d", cs, c.stored)
	}
	if got := g.listed(t, c.cfg, id); got != c.selected {
		t.Errorf("in the to-sync list: %v, want %v", got, c.selected)
	}
	if got := g.ids(t, sqlToUpdate, c.cfg, synced, "", 100); !slices.Contains(got, id) {
		t.Errorf("cron does not pick the machine inventoried after its last sync: %v", got)
	}
	for _, line := range strings.Split(diffLines(before, s.deviceRows(t, id, "LASTDATE", "LASTCOME", "CHECKSUM")), "\n") {
		if line != "" && !strings.HasPrefix(line[2:], "drives ") && !strings.HasPrefix(line[2:], "ocsd_device_state ") {
			t.Errorf("unchanged section rewritten: %s", line)
		}
	}
	if free := g.one(t, sqlSection, "drives", id)["FREE"].String; free != p.expand("{free}") {
		t.Errorf("GLPI reads FREE %s, the agent sent %s", free, p.expand("{free}"))
	}
	if read := g.sync(t, id, c.cfg, synced); !slices.Equal(read, c.read) {
		t.Errorf("GLPI's sync reads %v, want %v", read, c.read)
	}
	if cs := g.checksum(t, id); cs != c.left {
		t.Errorf("CHECKSUM %d after GLPI's sync, want %d", cs, c.left)
	}
	g.sync(t, id, c.cfg, p.lastDate)
	if cs := g.checksum(t, id); cs != 0 {
		t.Errorf("CHECKSUM %d once GLPI is up to date, want 0", cs)
	}
}

// listed tells whether GLPI's to-sync list, filtered on cfg, holds id.
func (g *glpiClient) listed(t *testing.T, cfg uint64, id int64) bool {
	t.Helper()
	return len(g.ids(t, sqlComputers, fmt.Sprintf(filterChecksum, cfg)+fmt.Sprintf(filterIDs, id), "")) == 1
}

// TestGLPIChecksumNoWrap: hardware.CHECKSUM is BIGINT UNSIGNED. Values past
// 2^63 (GLPI has met 18446744073689088230) read back exactly, GLPI's reset
// to 524287 brings them into range, and since ocsd only ever adds bits, an
// inventory landing between GLPI's two reads of CHECKSUM never makes
// old − mixed wrap or lose the new bits.
func TestGLPIChecksumNoWrap(t *testing.T) {
	dsn := testsupport.MySQLDSN(t, storage.DropDatabase)
	s := newTestServer(t, dsn)
	g := newGLPIClient(t, s, dsn)
	for i, c := range []struct{ sent, stored string }{
		{"18446744073689088230", strconv.FormatUint(18446744073689088230|262143, 10)},
		{"-1", "4194303"}, // not a number: everything changed (docs/compat.md A2)
		{"4194303", "4194303"},
	} {
		p := glpiPC{n: 40 + i, tag: "WRAP", checksum: c.sent, lastDate: s.dbTime(t, -time.Hour)}
		id := s.postPC(t, p)
		if got := g.one(t, sqlGetChecksum, id)["CHECKSUM"].String; got != c.stored {
			t.Errorf("agent CHECKSUM %s: stored %s, want %s", c.sent, got, c.stored)
		}
		if !g.listed(t, glpiCfgAll, id) {
			t.Errorf("agent CHECKSUM %s: not in the to-sync list", c.sent)
		}
		g.sync(t, id, glpiCfgAll, "")
		if cs := g.checksum(t, id); cs != glpiMaxChecksum {
			t.Errorf("agent CHECKSUM %s: %d after GLPI's reset, want %d", c.sent, cs, glpiMaxChecksum)
		}
	}
	// An inventory between GLPI's META read and its re-read of CHECKSUM.
	p := glpiPC{n: 50, tag: "WRAP", checksum: "1", lastDate: s.dbTime(t, -time.Hour)}
	id := s.postPC(t, p)
	g.exec(t, sqlSetChecksum, 1|glpiDrivesBit, id)
	mixed := parseChecksum(t, g.one(t, sqlMeta, id)["CHECKSUM"].String) & glpiCfgAll
	p.checksum, p.lastDate = "4097", s.dbTime(t, -time.Minute) // the networks bit
	s.postPC(t, p)
	old := g.checksum(t, id)
	if old&mixed != mixed || old < mixed {
		t.Fatalf("CHECKSUM %d no longer holds the bits %d GLPI is processing", old, mixed)
	}
	g.exec(t, sqlSetChecksum, old-mixed, id)
	if cs := g.checksum(t, id); cs != 4096 {
		t.Errorf("CHECKSUM %d after GLPI's rewrite, want the networks bit that arrived meanwhile (4096)", cs)
	}
}
