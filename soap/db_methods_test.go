package soap

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"ocsd/internal/testdb"
	"ocsd/inventory"
	"ocsd/storage"
)

// seedComputers loads a small fleet: computers 1–4 visible, a group and a
// computer without accountinfo invisible.
func seedComputers(t *testing.T, db *storage.DB) {
	t.Helper()
	ctx := context.Background()
	hw := []map[string]any{
		{"ID": 1, "DEVICEID": "pc-1-2024", "NAME": "pc-1", "CHECKSUM": 1, "LASTDATE": "2024-05-04 00:00:00", "LASTCOME": "2024-05-01 00:00:00", "USERID": "alice", "QUALITY": 0},
		{"ID": 2, "DEVICEID": "pc-2-2024", "NAME": "pc-2", "CHECKSUM": 4096 | 1, "LASTDATE": "2024-05-03 00:00:00", "LASTCOME": "2024-05-02 00:00:00", "USERID": "bob"},
		{"ID": 3, "DEVICEID": "pc-3-2024", "NAME": "pc-3", "CHECKSUM": 262143, "LASTDATE": "2024-05-02 00:00:00", "LASTCOME": "2024-05-03 00:00:00"},
		{"ID": 4, "DEVICEID": "pc-4-2024", "NAME": "pc-4", "CHECKSUM": 2, "LASTDATE": "2024-05-01 00:00:00", "LASTCOME": "2024-05-04 00:00:00"},
		{"ID": 5, "DEVICEID": "_SYSTEMGROUP_", "NAME": "group", "CHECKSUM": 1},
		{"ID": 6, "DEVICEID": "orphan-2024", "NAME": "no-account", "CHECKSUM": 1},
	}
	must(t, db.FixtureRows(ctx, "hardware", hw...))
	must(t, db.FixtureRows(ctx, "accountinfo",
		map[string]any{"HARDWARE_ID": 1, "TAG": "paris"}, map[string]any{"HARDWARE_ID": 2, "TAG": "lyon"},
		map[string]any{"HARDWARE_ID": 3, "TAG": "paris"}, map[string]any{"HARDWARE_ID": 4, "TAG": "NA"},
		map[string]any{"HARDWARE_ID": 5, "TAG": "NA"}))
}

// metaIDs runs a META request and returns the DATABASEIDs in reply order.
func metaIDs(t *testing.T, s *testServer, body string) string {
	t.Helper()
	parts := s.call(t, "get_computers_V1", req("<ASKING_FOR>META</ASKING_FOR>"+body))
	var ids []string
	for _, p := range parts[1 : len(parts)-1] {
		n, err := parseTree(p.Text)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, n.child("DATABASEID"))
	}
	return strings.Join(ids, ",")
}

func TestComputerSelection(t *testing.T) {
	testdb.ForEachDialect(t, func(t *testing.T, db *storage.DB) {
		seedComputers(t, db)
		s := dbServer(t, db, Options{PageSize: 2})
		cases := []struct{ name, body, want string }{
			{"first page", "", "1,2"},
			{"second page", "<OFFSET>1</OFFSET>", "3,4"},
			{"past the end", "<OFFSET>2</OFFSET>", ""},
			{"begin rows", "<BEGIN>1</BEGIN>", "2,3"},
			{"ids", "<ID>4</ID><ID>2</ID><ID>5</ID><ID>6</ID>", "2,4"},
			{"exclude ids", "<EXCLUDE_ID>1</EXCLUDE_ID><EXCLUDE_ID>2</EXCLUDE_ID>", "3,4"},
			{"tags", "<TAG>paris</TAG>", "1,3"},
			{"exclude tags", "<EXCLUDE_TAG>paris</EXCLUDE_TAG>", "2,4"},
			{"userid", "<USERID>bob</USERID>", "2"},
			{"checksum any bit", "<CHECKSUM>4098</CHECKSUM>", "2,3"},
			{"checksum zero is no filter", "<CHECKSUM>0</CHECKSUM>", "1,2"},
			{"sort lastdate", "<SORT_BY>LASTDATE</SORT_BY>", "4,3"},
			{"sort lastcome desc", "<SORT_BY>LASTCOME</SORT_BY><SORT_DIR>DESC</SORT_DIR>", "4,3"},
			{"sort id desc", "<SORT_DIR>DESC</SORT_DIR>", "4,3"},
		}
		for _, c := range cases {
			if got := metaIDs(t, s, c.body); got != c.want {
				t.Errorf("%s: got %q, want %q", c.name, got, c.want)
			}
		}
		// A reset through SOAP shows at once despite the selection cache.
		s.call(t, "reset_checksum_V1", "1", "2", "3")
		if got := metaIDs(t, s, "<CHECKSUM>4098</CHECKSUM>"); got != "4" {
			t.Errorf("after reset: %q", got)
		}
	})
}

func TestInventorySections(t *testing.T) {
	testdb.ForEachDialect(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		seedComputers(t, db)
		must(t, db.FixtureRows(ctx, "bios", map[string]any{"HARDWARE_ID": 1, "SMANUFACTURER": "ACME", "SSN": "S/N <1>"}))
		must(t, db.FixtureRows(ctx, "cpus", map[string]any{"HARDWARE_ID": 1, "TYPE": "EPYC", "CORES": 4}))
		must(t, db.FixtureRows(ctx, "software_name", map[string]any{"ID": 101, "NAME": "firefox-esr"}, map[string]any{"ID": 102, "NAME": "bash"}))
		must(t, db.FixtureRows(ctx, "software_publisher", map[string]any{"ID": 101, "PUBLISHER": "Mozilla"}))
		must(t, db.FixtureRows(ctx, "software_version", map[string]any{"ID": 101, "VERSION": "115.0"}))
		must(t, db.FixtureRows(ctx, "software",
			map[string]any{"HARDWARE_ID": 1, "NAME_ID": 101, "PUBLISHER_ID": 101, "VERSION_ID": 101, "FOLDER": "/usr/lib/firefox"},
			map[string]any{"HARDWARE_ID": 1, "NAME_ID": 102, "PUBLISHER_ID": 101, "VERSION_ID": 101}))
		must(t, db.FixtureRows(ctx, "dico_soft", map[string]any{"EXTRACTED": "FIREFOX-ESR", "FORMATTED": "Firefox"}))
		s := dbServer(t, db, Options{})
		parts := s.call(t, "get_computers_V1", req("<ID>1</ID><WANTED>3</WANTED>"))
		doc := parts[1].Text
		for _, frag := range []string{"<BIOS>", "<SMANUFACTURER>ACME</SMANUFACTURER>", "<SSN>S/N &lt;1&gt;</SSN>",
			"<CPUS>", "<CORES>4</CORES>", "<DICO_SOFT>\n    <WORD>Firefox</WORD>\n  </DICO_SOFT>",
			"<SOFTWARES>\n    <BITSWIDTH></BITSWIDTH>", "<FOLDER>/usr/lib/firefox</FOLDER>", "<NAME>firefox-esr</NAME>",
			"<PUBLISHER>Mozilla</PUBLISHER>", "<VERSION>115.0</VERSION>", "<NAME>bash</NAME>", `<ENTRY Name="TAG">paris</ENTRY>`} {
			if !strings.Contains(doc, frag) {
				t.Errorf("missing %q in\n%s", frag, doc)
			}
		}
		must(t, db.FixtureExec(ctx, "UPDATE hardware SET CHECKSUM = 3 WHERE ID = 1"))
		only := s.call(t, "get_computers_V1", req("<ID>1</ID><CHECKSUM>2</CHECKSUM>"))[1].Text
		if !strings.Contains(only, "<BIOS>") || strings.Contains(only, "<CPUS>") || strings.Contains(only, "<HARDWARE>") {
			t.Errorf("CHECKSUM=2 selects BIOS only:\n%s", only)
		}
		word := s.call(t, "get_dico_soft_element_V1", "firefox-esr")
		if word[0].Text != "Firefox" {
			t.Errorf("dictionary lookup: %+v", word)
		}
	})
}

func TestWritesOnDatabase(t *testing.T) {
	testdb.ForEachDialect(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		seedComputers(t, db)
		s := dbServer(t, db, Options{PageSize: 2})
		if p := s.call(t, "reset_checksum_V1", "1", "1", "2", "99"); p[0].Text != "2" || p[0].Type != "xsd:int" {
			t.Errorf("reset: %+v", p)
		}
		if p := s.call(t, "reset_checksum_V1", "1", "1"); p[0].Text != "1" {
			t.Errorf("reset of an unchanged row must count it: %+v", p)
		}
		if n, _ := db.FixtureCount(ctx, "hardware", "CHECKSUM = 1 AND ID IN (1, 2)"); n != 2 {
			t.Errorf("checksum not written: %d", n)
		}
		s.call(t, "ocs_config_V2", "SNMP", "0", "comment")
		if p := s.call(t, "ocs_config_V1", "SNMP"); p[0].Text != "0" {
			t.Errorf("config: %+v", p)
		}
		if p := s.call(t, "ocs_config_V1", "TRACE_DELETED", "1"); p[0].Text != "1" {
			t.Errorf("config: %+v", p)
		}
		s.call(t, "ocs_config_V2", "LOGPATH", "", "/var/log/ocsd")
		if p := s.call(t, "ocs_config_V2", "LOGPATH"); !strings.Contains(p[0].Text, "<TVALUE>/var/log/ocsd</TVALUE>") {
			t.Errorf("config V2: %+v", p)
		}
		must(t, db.FixtureRows(ctx, "deleted_equiv",
			map[string]any{"DATE": "2024-04-02 08:00:00", "DELETED": "b", "EQUIVALENT": nil},
			map[string]any{"DATE": "2024-04-01 08:00:00", "DELETED": "z", "EQUIVALENT": "y"},
			map[string]any{"DATE": "2024-04-01 08:00:00", "DELETED": "a", "EQUIVALENT": "c"}))
		h := s.call(t, "get_history_V1", "0")[0].Text
		if !strings.Contains(h, "<DELETED>a</DELETED>\n    <EQUIVALENT>c</EQUIVALENT>\n  </EVENT>\n  <EVENT>\n    <DATE>2024-04-01 08:00:00</DATE>\n    <DELETED>z</DELETED>") {
			t.Errorf("history order:\n%s", h)
		}
		if p := s.call(t, "clear_history_V1", "2"); p[0].Text != "2" {
			t.Errorf("clear: %+v", p)
		}
		if h := s.call(t, "get_history_V1", "0")[0].Text; !strings.Contains(h, "<DELETED>b</DELETED>\n    <EQUIVALENT></EQUIVALENT>") {
			t.Errorf("after clear:\n%s", h)
		}
	})
}

func TestIpdiscoverOnDatabase(t *testing.T) {
	testdb.ForEachDialect(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		seedComputers(t, db)
		must(t, db.FixtureRows(ctx, "netmap",
			map[string]any{"IP": "10.0.0.1", "MAC": "00:00:00:00:00:01", "MASK": "255.0.0.0", "NETID": "10.0.0.0", "DATE": "2024-01-01 10:00:00", "NAME": "a"},
			map[string]any{"IP": "10.0.0.2", "MAC": "00:00:00:00:00:02", "MASK": "255.0.0.0", "NETID": "10.0.0.0", "DATE": "2024-01-02 10:00:00"},
			map[string]any{"IP": "10.0.0.3", "MAC": "00:00:00:00:00:03", "MASK": "255.0.0.0", "NETID": "10.0.0.0", "DATE": "2024-01-03 10:00:00"}))
		must(t, db.FixtureRows(ctx, "networks", map[string]any{"HARDWARE_ID": 1, "MACADDR": "00:00:00:00:00:03"}))
		must(t, db.FixtureRows(ctx, "operators", map[string]any{"ID": "glpi"}))
		s := dbServer(t, db, Options{})
		all := s.call(t, "get_ipdiscover_devices_V1", "2024-01-01", "0")[0].Text
		if strings.Count(all, "<IFACE>") != 3 || !strings.Contains(all, "<NAME>a</NAME>") {
			t.Errorf("all:\n%s", all)
		}
		if p := s.call(t, "ipdiscover_create_type_V1", "Printer"); p[0].Text != "1" {
			t.Errorf("create: %+v", p)
		}
		if p := s.call(t, "ipdiscover_tag_V1", "00:00:00:00:00:02", "hp", "Printer", "glpi"); p[0].Text != "1" {
			t.Errorf("tag: %+v", p)
		}
		s.call(t, "ipdiscover_tag_V1", "00:00:00:00:00:02", "hp again", "Printer", "glpi")
		if n, _ := db.FixtureCount(ctx, "network_devices", "MACADDR = ?", "00:00:00:00:00:02"); n != 1 {
			t.Errorf("tagged %d times", n)
		}
		unknown := s.call(t, "get_ipdiscover_devices_V1", "2024-01-01 09:00:00", "0", "1")[0].Text
		if strings.Count(unknown, "<IFACE>") != 1 || !strings.Contains(unknown, "00:00:00:00:00:01") {
			t.Errorf("unknown only:\n%s", unknown)
		}
		if p := s.call(t, "ipdiscover_untag_V1", "00:00:00:00:00:02"); p[0].Text != "1" {
			t.Errorf("untag: %+v", p)
		}
		if p := s.call(t, "ipdiscover_remove_V1", "00:00:00:00:00:02"); p[0].Text != "0E0" {
			t.Errorf("remove: %+v", p)
		}
		if p := s.call(t, "ipdiscover_delete_type_V1", "Printer"); p[0].Text != "1" {
			t.Errorf("delete type: %+v", p)
		}
	})
}

// TestDeleteLeavesNoOrphan fills every per-device table for computer 1,
// deletes it, and checks nothing refers to it any more.
func TestDeleteLeavesNoOrphan(t *testing.T) {
	testdb.ForEachDialect(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		seedComputers(t, db)
		for _, sec := range inventory.Sections() {
			row := map[string]any{"HARDWARE_ID": 1}
			must(t, db.FixtureRows(ctx, sec.Table, row))
		}
		must(t, db.FixtureRows(ctx, "software", map[string]any{"HARDWARE_ID": 1, "NAME_ID": 1, "PUBLISHER_ID": 1, "VERSION_ID": 1}))
		must(t, db.FixtureRows(ctx, "devices", map[string]any{"HARDWARE_ID": 1, "NAME": "DOWNLOAD", "IVALUE": 3}))
		must(t, db.FixtureRows(ctx, "groups_cache", map[string]any{"HARDWARE_ID": 1, "GROUP_ID": 5, "STATIC": 1}))
		must(t, db.FixtureRows(ctx, "netmap", map[string]any{"IP": "1", "MAC": "m", "MASK": "m", "NETID": "n", "HARDWARE_ID": 1}))
		must(t, db.FixtureRows(ctx, "locks", map[string]any{"HARDWARE_ID": 2, "SINCE": time.Now().Add(time.Minute).Format("2006-01-02 15:04:05")}))
		s := dbServer(t, db, Options{})
		s.call(t, "ocs_config_V1", "TRACE_DELETED", "1")
		if p := s.call(t, "delete_computers_by_id_V1", "1", "2", "42"); p[0].Text != "OK" {
			t.Fatalf("delete: %+v", p)
		}
		tables := append(inventory.DeviceTables(), inventory.DeviceTable{Table: "accountinfo", Column: "HARDWARE_ID"},
			inventory.DeviceTable{Table: "devices", Column: "HARDWARE_ID"}, inventory.DeviceTable{Table: "groups_cache", Column: "HARDWARE_ID"},
			inventory.DeviceTable{Table: "netmap", Column: "HARDWARE_ID"}, inventory.DeviceTable{Table: "hardware", Column: "ID"})
		for _, tb := range tables {
			if n, err := db.FixtureCount(ctx, tb.Table, tb.Column+" = 1"); err != nil || n != 0 {
				t.Errorf("%s: %d rows left (%v)", tb.Table, n, err)
			}
		}
		if n, _ := db.FixtureCount(ctx, "hardware", "ID = 2"); n != 1 {
			t.Error("a computer locked by a live inventory was deleted")
		}
		if n, _ := db.FixtureCount(ctx, "deleted_equiv", "DELETED = '1' AND EQUIVALENT IS NULL"); n != 1 {
			t.Errorf("deletion not traced: %d", n)
		}
		if n, _ := db.FixtureCount(ctx, "netmap", "MAC = 'm'"); n != 1 {
			t.Error("netmap row of a deleted computer was removed instead of unlinked")
		}
	})
}

func TestSNMPOnDatabase(t *testing.T) {
	testdb.ForEachDialect(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		must(t, db.FixtureExec(ctx, "CREATE TABLE snmp_printer (ID INTEGER PRIMARY KEY, SerialNumber VARCHAR(255), Name VARCHAR(255))"))
		must(t, db.FixtureRows(ctx, "snmp_types", map[string]any{"TYPE_NAME": "Printer", "TABLE_TYPE_NAME": "snmp_printer"},
			map[string]any{"TYPE_NAME": "Ghost", "TABLE_TYPE_NAME": "snmp_missing"}))
		for i := 1; i <= 3; i++ {
			must(t, db.FixtureRows(ctx, "snmp_printer", map[string]any{"ID": i, "SerialNumber": fmt.Sprint("SN", i), "Name": fmt.Sprint("p", i)}))
		}
		must(t, db.FixtureRows(ctx, "snmp_accountinfo", map[string]any{"SNMP_TYPE": "Printer",
			"SNMP_RECONCILIATION_FIELD": "SerialNumber", "SNMP_RECONCILIATION_VALUE": "SN2", "TAG": "floor2"}))
		s := dbServer(t, db, Options{PageSize: 2})
		page := s.call(t, "get_snmp_V1", req("<WANTED>1</WANTED>"))
		if len(page) != 4 || !strings.Contains(page[2].Text, `<ENTRY Name="TAG">floor2</ENTRY>`) ||
			!strings.Contains(page[1].Text, `<ENTRY Name="SerialNumber">SN1</ENTRY>`) {
			t.Fatalf("%+v", page)
		}
		tagged := s.call(t, "get_snmp_V1", req("<ASKING_FOR>SNMP_META</ASKING_FOR><TAG>floor2</TAG>"))
		if len(tagged) != 3 || !strings.Contains(tagged[1].Text, "<DATABASEID>2</DATABASEID>") {
			t.Fatalf("%+v", tagged)
		}
		if next := s.call(t, "get_snmp_V1", req("<OFFSET>1</OFFSET>")); len(next) != 3 {
			t.Fatalf("page 2: %+v", next)
		}
	})
}
