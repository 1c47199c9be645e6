package main

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"ocsd/internal/testsupport"
	"ocsd/inventory"
	"ocsd/storage"
)

// TestGLPIFollowsMerges: each merge leaves a deleted_equiv pair of numeric
// ids that GLPI can follow to a listed machine carrying the victim's admin
// data, and ocsd's merges leave no orphan row. GLPI then flags the survivor
// for a full sync and deletes the processed pairs.
func TestGLPIFollowsMerges(t *testing.T) {
	dsn := testsupport.MySQLDSN(t, storage.DropDatabase)
	s := newTestServer(t, dsn)
	g := newGLPIClient(t, s, dsn)
	// A reinstalled OCS agent (fresh state, so a new DEVICEID), merged by hostname.
	s.exec(t, "UPDATE config SET IVALUE = ? WHERE NAME = 'AUTO_DUPLICATE_LVL'", inventory.DupHostname)
	s.DB.InvalidateSettings()
	first := s.runOCSAgent(t, t.TempDir(), true, "--tag", "REAL")
	s.exec(t, "UPDATE accountinfo SET TAG = 'KEPT' WHERE HARDWARE_ID = ?", first)
	second := s.runOCSAgent(t, t.TempDir(), true)
	// An agent that changed its DEVICEID and says so.
	old := s.postPC(t, glpiPC{n: 60, tag: "PARIS", lastDate: s.dbTime(t, -time.Hour)})
	renamed := s.postPC(t, glpiPC{n: 61, oldDeviceID: glpiPC{n: 60}.deviceID(), lastDate: s.dbTime(t, -time.Minute)})
	survivors := map[string]struct {
		id  int64
		tag string
	}{fmt.Sprint(first): {second, "KEPT"}, fmt.Sprint(old): {renamed, "PARIS"}}
	if first == second || old == renamed || s.count(t, "SELECT COUNT(*) FROM hardware WHERE ID IN (?, ?)", first, old) != 0 {
		t.Fatalf("merges did not happen: %d→%d, %d→%d", first, second, old, renamed)
	}
	s.assertNoOrphans(t)

	// OcsProcess::manageDeleted.
	if n := g.one(t, sqlDeletedCount)["COUNT(*)"].String; n != "2" {
		t.Fatalf("%s deleted_equiv rows, want one per merge", n)
	}
	for _, ev := range g.query(t, sqlDeletedList) {
		del, equiv := ev["DELETED"].String, ev["EQUIVALENT"].String
		want, ok := survivors[del]
		if !ok || equiv != fmt.Sprint(want.id) || strings.Contains(equiv, "-") || ev["DATE"].String == "" {
			t.Errorf("deleted_equiv %s → %v on %s, want the numeric survivor id", del, ev["EQUIVALENT"], ev["DATE"].String)
			continue
		}
		// searchComputers('ID', equiv), then META of what it found.
		if found := g.ids(t, sqlComputers, fmt.Sprintf(filterIDs, equiv), ""); !slices.Equal(found, []int64{want.id}) {
			t.Errorf("GLPI's id search for survivor %s finds %v", equiv, found)
		}
		meta := g.one(t, sqlMeta, equiv)
		if meta["TAG"].String != want.tag {
			t.Errorf("survivor %s has TAG %q, want the victim's %q", equiv, meta["TAG"].String, want.tag)
		}
		cs := parseChecksum(t, meta["CHECKSUM"].String)
		g.exec(t, sqlSetChecksum, cs|1, want.id)
		if n := g.exec(t, sqlDeletedRemovePair, del, equiv); n != 1 {
			t.Errorf("GLPI's delete of pair %s → %s removed %d rows", del, equiv, n)
		}
	}
	if n := g.one(t, sqlDeletedCount)["COUNT(*)"].String; n != "0" {
		t.Errorf("%s deleted_equiv rows left after GLPI processed them", n)
	}
}

// TestGLPICleanOldAgents plays the "clean old agents" cron: it finds the
// machines silent for N days (not groups), deletes them table by table and
// traces them as (DEVICEID, 'NULL'); GLPI then clears those traces. Rows
// in tables missing from the plugin's list (software, the 2.12 sections
// repository and local_users/local_groups, ocsd's own) stay orphaned;
// none in the tables it names. A deleted agent that comes back gets a new, complete
// machine; a deletion done by ocsd leaves a (ID, NULL) trace and no rows.
func TestGLPICleanOldAgents(t *testing.T) {
	dsn := testsupport.MySQLDSN(t, storage.DropDatabase)
	s := newTestServer(t, dsn)
	g := newGLPIClient(t, s, dsn)
	vardir := t.TempDir()
	real := s.runOCSAgent(t, vardir, true)
	software := s.count(t, "SELECT COUNT(*) FROM software WHERE HARDWARE_ID = ?", real)
	stale := s.postPC(t, glpiPC{n: 70, tag: "PARIS"})
	kept := s.postPC(t, glpiPC{n: 71, tag: "PARIS"})
	s.addGroup(t)
	s.exec(t, "UPDATE hardware SET LASTCOME = NOW() - INTERVAL 40 DAY WHERE ID IN (?, ?)", real, stale)
	old := g.ids(t, sqlOldAgents, 30)
	if !sameIDs(old, []int64{real, stale}) {
		t.Fatalf("old agents %v, want %d and %d (not the group)", old, real, stale)
	}
	traced := g.deleteOldAgents(t, old)
	left := s.orphanTables(t)
	if !slices.Contains(left, "software") || slices.ContainsFunc(left, func(x string) bool { return slices.Contains(glpiCleanTables, x) }) {
		t.Errorf("orphans after GLPI's delete in %v: want software's, and none in the tables GLPI deletes from", left)
	}
	for _, ev := range g.query(t, sqlDeletedList) {
		if !slices.Contains(traced, ev["DELETED"].String) || ev["EQUIVALENT"].String != "NULL" {
			t.Errorf("trace %v", ev)
		}
		// manageDeleted: EQUIVALENT 'NULL' is a deletion; the pair goes.
		if n := g.exec(t, sqlDeletedRemovePair, ev["DELETED"].String, "NULL"); n != 1 {
			t.Errorf("removed %d rows of %s", n, ev["DELETED"].String)
		}
	}

	back := s.runOCSAgent(t, vardir, false) // PROLOG first: ocsd answers SEND to the unknown DEVICEID
	if back == real || s.count(t, "SELECT COUNT(*) FROM software WHERE HARDWARE_ID = ?", back) != software {
		t.Errorf("returning agent: machine %d (was %d) with software rows differing from its %d", back, real, software)
	}
	if !g.listed(t, glpiCfgAll, back) || slices.Contains(g.ids(t, sqlOldAgents, 30), back) {
		t.Errorf("returning agent not in the to-sync list, or still old")
	}

	if _, err := s.DB.DeleteComputers(context.Background(), []int64{kept}, true); err != nil {
		t.Fatal(err)
	}
	ev := g.one(t, sqlDeletedList)
	if ev["DELETED"].String != fmt.Sprint(kept) || ev["EQUIVALENT"].Valid {
		t.Errorf("ocsd's deletion traced as %v", ev)
	}
	if n := g.exec(t, sqlDeletedRemoveGone, quoted(fmt.Sprint(kept))); n != 1 {
		t.Errorf("GLPI's clean-up of deletions removed %d rows", n)
	}
	for _, tb := range append(inventory.DeviceTables(), inventory.DeviceTable{Table: "accountinfo", Column: "HARDWARE_ID"}) {
		if n := s.count(t, "SELECT COUNT(*) FROM "+tb.Table+" WHERE "+tb.Column+" = ?", kept); n != 0 {
			t.Errorf("ocsd's deletion left %d rows in %s", n, tb.Table)
		}
	}
}

// deleteOldAgents plays OcsDbClient::deleteOldAgents and returns the
// DEVICEIDs it traced.
func (g *glpiClient) deleteOldAgents(t *testing.T, ids []int64) []string {
	t.Helper()
	var traced []string
	for _, id := range ids {
		did := g.one(t, sqlOldAgent, id)["deviceid"].String
		for _, table := range glpiCleanTables {
			if len(g.query(t, sqlTableExists, g.schema, table)) == 1 {
				g.exec(t, sqlOldAgentRows, table, id)
			}
		}
		g.exec(t, sqlOldAgentDownloads, id)
		if n := g.exec(t, sqlOldAgentHardware, id); n != 1 {
			t.Errorf("deleted %d hardware rows for %d", n, id)
		}
		g.exec(t, sqlOldAgentTrace, did)
		traced = append(traced, did)
	}
	return traced
}

// orphanTables lists the per-device tables holding rows of a machine that
// no longer exists.
func (s *testServer) orphanTables(t *testing.T) []string {
	t.Helper()
	var out []string
	tables := append(inventory.DeviceTables(), inventory.DeviceTable{Table: "accountinfo", Column: "HARDWARE_ID"},
		inventory.DeviceTable{Table: "devices", Column: "HARDWARE_ID"})
	for _, tb := range tables {
		q := "SELECT COUNT(*) FROM " + tb.Table + " x WHERE NOT EXISTS (SELECT 1 FROM hardware h WHERE h.ID = x." + tb.Column + ")"
		if s.count(t, q) != 0 {
			out = append(out, tb.Table)
		}
	}
	return out
}
