package main

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"testing"
	"time"

	"ocsd/internal/testsupport"
	"ocsd/inventory"
	"ocsd/storage"
)

// glpiFleet is a MariaDB filled the way GLPI meets it: machines of the real
// OCS and FusionInventory agents, synthetic Windows-like machines with TAGs
// and a console-defined custom field, an archived machine and a group.
type glpiFleet struct {
	s               *testServer
	g               *glpiClient
	ocs, fusion     int64
	pcs             []glpiPC // pcs[i] has id ids[i]
	ids             []int64
	archived, group int64
	fleetOf         []int64 // every machine GLPI should list
}

func newGLPIFleet(t *testing.T) *glpiFleet {
	t.Helper()
	agentBinary(t, "ocsinventory-agent")
	fusion := agentBinary(t, "fusioninventory-agent")
	dsn := testsupport.MySQLDSN(t, storage.DropDatabase)
	s := newTestServer(t, dsn)
	f := &glpiFleet{s: s, g: newGLPIClient(t, s, dsn)}
	s.addSiteField(t)
	s.exec(t, `INSERT INTO regconfig (NAME, REGTREE, REGKEY, REGVALUE)
		VALUES ('ProductName', 2, 'SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion', 'ProductName')`)
	// Distinct LASTDATEs, hours old: out of the cron's 180 s window, and a
	// deterministic order for paging.
	f.pcs = []glpiPC{
		{n: 1, tag: "PARIS", site: "2", lastDate: s.dbTime(t, -5*time.Hour)},
		{n: 2, tag: "PARIS", lastDate: s.dbTime(t, -4*time.Hour)},
		{n: 3, tag: "LYON", lastDate: s.dbTime(t, -3*time.Hour)},
		{n: 4, tag: "LYON", lastDate: s.dbTime(t, -2*time.Hour)},
	}
	for _, p := range f.pcs {
		f.ids = append(f.ids, s.postPC(t, p))
	}
	// The console sets a custom field and archives a machine.
	s.exec(t, "UPDATE accountinfo SET fields_3 = '1' WHERE HARDWARE_ID = ?", f.ids[3])
	f.archived = s.postPC(t, glpiPC{n: 5, tag: "PARIS", lastDate: s.dbTime(t, -time.Hour)})
	s.exec(t, "UPDATE hardware SET ARCHIVE = 1 WHERE ID = ?", f.archived)
	f.group = s.addGroup(t)

	f.ocs = s.runOCSAgent(t, t.TempDir(), true, "--tag", "REAL")
	runAgent(t, fusion, "--server", s.URL+"/ocsinventory", "--force", "--tasks", "inventory", "--no-httpd",
		"--config", "none", "--tag", "REAL")
	if err := s.DB.SQL().QueryRow("SELECT ID FROM hardware WHERE USERAGENT LIKE 'FusionInventory-Agent%' ORDER BY ID DESC").Scan(&f.fusion); err != nil {
		t.Fatalf("no machine from the FusionInventory agent: %v", err)
	}
	f.fleetOf = append(slices.Clone(f.ids), f.ocs, f.fusion)
	return f
}

// TestGLPIContract issues the plugin's reads against a fleet filled by real
// agents and synthetic inventories, and checks what GLPI gets back.
func TestGLPIContract(t *testing.T) {
	f := newGLPIFleet(t)
	for _, c := range []struct {
		name string
		run  func(t *testing.T, f *glpiFleet)
	}{
		{"server check", glpiServerCheck},
		{"new machines are in the to-sync list", glpiImportList},
		{"list filters and paging", glpiListFilters},
		{"sections by the column names GLPI reads", glpiSectionReads},
		{"real agents' machines read section by section", glpiRealAgentReads},
		{"software with and without the dictionary", glpiSoftwareReads},
		{"accountinfo and its custom field labels", glpiAccountReads},
		{"registry joined to regconfig", glpiRegistryReads},
		{"cron computers to update", glpiCronToUpdate},
	} {
		t.Run(c.name, func(t *testing.T) { c.run(t, f) })
	}
}

func glpiServerCheck(t *testing.T, f *glpiFleet) {
	g := f.g
	if v := g.one(t, sqlConfig, "GUI_VERSION")["TVALUE"].String; v != "7069" {
		t.Errorf("GUI_VERSION %q, want 7069 (≥ 7034: ARCHIVE filter and normalised software)", v)
	}
	if v := g.one(t, sqlConfig, "TRACE_DELETED")["IVALUE"].String; v != "1" {
		t.Errorf("TRACE_DELETED %q: GLPI refuses the server unless it is on", v)
	}
	g.one(t, sqlConfig, "IPDISCOVER")
	for _, table := range []string{"hardware", "accountinfo", "accountinfo_config", "bios", "memories", "slots", "registry",
		"regconfig", "controllers", "monitors", "ports", "storages", "drives", "inputs", "modems", "networks", "printers",
		"sounds", "videos", "virtualmachines", "cpus", "sim", "software", "software_name", "software_version",
		"software_publisher", "dico_soft", "deleted_equiv", "subnet", "netmap", "network_devices"} {
		if len(g.query(t, sqlTableExists, g.schema, table)) != 1 {
			t.Errorf("GLPI does not see table %s, and would skip it silently", table)
		}
	}
	for _, table := range []string{"softwares", "securitycenter", "officepack"} {
		if len(g.query(t, sqlTableExists, g.schema, table)) != 0 {
			t.Errorf("table %s exists: GLPI would read or delete it", table)
		}
	}
	var cols []string
	for _, r := range g.query(t, sqlAccountColumns) {
		cols = append(cols, r["Field"].String)
	}
	if !slices.Equal(cols, []string{"HARDWARE_ID", "TAG", "fields_3"}) {
		t.Errorf("accountinfo columns %v", cols)
	}
	for _, sb := range glpiSectionBits {
		var mask uint64
		switch sb.table {
		case "hardware":
			mask = inventory.MaskHardware
		case "softwares":
			mask = inventory.MaskSoftware
		default:
			sec, _ := inventory.SectionByTable(sb.table)
			mask = sec.Mask
		}
		if mask != sb.bit {
			t.Errorf("%s: ocsd's CHECKSUM bit %d, the plugin reads it for bit %d", sb.table, mask, sb.bit)
		}
	}
}

// glpiImportList: every new machine is in the list GLPI imports and syncs
// from, archived machines and groups are not, and the total agrees.
func glpiImportList(t *testing.T, f *glpiFleet) {
	filter := fmt.Sprintf(filterChecksum, glpiCfgAll)
	rows := f.g.query(t, sqlComputers, filter, "")
	var got []int64
	for i, r := range rows {
		got = append(got, atoi(t, r["ID"].String))
		if i > 0 && r["LASTDATE"].String < rows[i-1]["LASTDATE"].String {
			t.Errorf("list not ordered by LASTDATE at %d", i)
		}
		if r["NAME"].String == "" {
			t.Errorf("machine %s without NAME", r["ID"].String)
		}
	}
	if !sameIDs(got, f.fleetOf) {
		t.Errorf("to-sync list %v, want %v (archived %d and group %d excluded)", got, f.fleetOf, f.archived, f.group)
	}
	if n := f.g.one(t, sqlComputersCount, filter)["total"].String; n != strconv.Itoa(len(f.fleetOf)) {
		t.Errorf("count %s, list %d", n, len(f.fleetOf))
	}
	for _, id := range f.fleetOf {
		if cs := f.g.checksum(t, id); cs&262143 != 262143 {
			t.Errorf("new machine %d CHECKSUM %d lacks the new-device bits 262143", id, cs)
		}
	}
}

func glpiListFilters(t *testing.T, f *glpiFleet) {
	g, ids := f.g, f.ids
	cases := []struct {
		name   string
		filter string
		want   []int64
	}{
		{"TAGS", fmt.Sprintf(filterTags, quoted("PARIS")), ids[:2]},
		{"EXCLUDE_TAGS", fmt.Sprintf(filterNotTags, quoted("PARIS", "REAL")), ids[2:4]},
		{"IDS", fmt.Sprintf(filterIDs, idList(ids[1], f.archived, f.ocs)), []int64{ids[1], f.ocs}},
		{"DEVICEIDS", fmt.Sprintf(filterDeviceIDs, quoted(f.pcs[2].deviceID())), ids[2:3]},
		{"INVENTORIED_SINCE", fmt.Sprintf(filterSince, f.pcs[2].lastDate), []int64{ids[3], f.ocs, f.fusion}},
		{"TAGS of the real agents", fmt.Sprintf(filterTags, quoted("REAL")), []int64{f.ocs, f.fusion}},
	}
	for _, c := range cases {
		if got := g.ids(t, sqlComputers, c.filter, ""); !sameIDs(got, c.want) {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
	if got := g.ids(t, sqlComputerByID, f.archived); len(got) != 0 {
		t.Errorf("archived machine found by id: %v", got)
	}
	if got := g.ids(t, sqlComputerByID, ids[0]); !slices.Equal(got, ids[:1]) {
		t.Errorf("machine by id: %v", got)
	}
	// Pages of one, as GLPI walks the list: every machine exactly once.
	tags := fmt.Sprintf(filterTags, quoted("PARIS", "LYON")) + fmt.Sprintf(filterChecksum, glpiCfgAll)
	var paged []int64
	for off := 0; off < 10; off++ {
		paged = append(paged, g.ids(t, sqlComputers, tags, fmt.Sprintf(page, 1, off))...)
	}
	if !slices.Equal(paged, ids) {
		t.Errorf("pages %v, want %v in LASTDATE order", paged, ids)
	}
}

// glpiSectionReads reads a synthetic machine as GLPI does and finds every
// value the agent sent under the column name GLPI uses.
func glpiSectionReads(t *testing.T, f *glpiFleet) {
	g, p, id := f.g, f.pcs[0], f.ids[0]
	meta := g.one(t, sqlMeta, id)
	for _, c := range []string{"ID", "CHECKSUM", "DEVICEID", "LASTCOME", "LASTDATE", "NAME", "TAG", "USERID", "UUID"} {
		if !meta[c].Valid || meta[c].String == "" {
			t.Errorf("META %s empty", c)
		}
	}
	if meta["DEVICEID"].String != p.deviceID() || meta["TAG"].String != "PARIS" || meta["LASTDATE"].String != p.lastDate {
		t.Errorf("META %s/%s/%s", meta["DEVICEID"].String, meta["TAG"].String, meta["LASTDATE"].String)
	}
	hw := g.one(t, sqlHardware, id)
	for _, c := range []string{"IPSRC", "USERAGENT", "LASTCOME"} {
		if hw[c].String == "" {
			t.Errorf("HARDWARE %s empty", c)
		}
	}
	checkRow(t, p, "hardware", []glpiRow{hw}, glpiHardware.fields)
	for _, sec := range glpiSections {
		if sec.table != "registry" {
			checkRow(t, p, sec.table, g.query(t, sqlSection, sec.table, id), sec.fields)
		}
	}
}

// checkRow fails unless one of rows holds every field under its name.
func checkRow(t *testing.T, p glpiPC, table string, rows []glpiRow, fields [][2]string) {
	t.Helper()
	for _, r := range rows {
		ok := true
		for _, kv := range fields {
			if v, has := r[kv[0]]; !has || !v.Valid || v.String != p.expand(kv[1]) {
				ok = false
			}
		}
		if ok {
			return
		}
	}
	t.Errorf("%s: no row with %v among %v", table, fields, rows)
}

func sameIDs(a, b []int64) bool {
	x, y := slices.Clone(a), slices.Clone(b)
	sort.Slice(x, func(i, j int) bool { return x[i] < x[j] })
	sort.Slice(y, func(i, j int) bool { return y[i] < y[j] })
	return slices.Equal(x, y)
}
