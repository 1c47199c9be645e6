package main

import (
	"fmt"
	"slices"
	"testing"
	"time"
)

// glpiRealAgentReads reads the real agents' machines table by table, as a
// full import does, and finds their software whole through the joins.
func glpiRealAgentReads(t *testing.T, f *glpiFleet) {
	for agent, id := range map[string]int64{"ocsinventory-agent": f.ocs, "fusioninventory-agent": f.fusion} {
		meta := f.g.one(t, sqlMeta, id)
		if meta["TAG"].String != "REAL" || meta["NAME"].String == "" || meta["DEVICEID"].String == "" {
			t.Errorf("%s: META TAG %q NAME %q DEVICEID %q", agent, meta["TAG"].String, meta["NAME"].String, meta["DEVICEID"].String)
		}
		read := map[string]int{}
		for _, sb := range glpiSectionBits {
			rows := f.g.readSection(t, sb.table, id)
			col := "HARDWARE_ID"
			if sb.table == "hardware" {
				col = "ID"
			}
			for _, r := range rows {
				if r[col].String != fmt.Sprint(id) {
					t.Errorf("%s: %s row of machine %s", agent, sb.table, r[col].String)
				}
			}
			read[sb.table] = len(rows)
		}
		if read["hardware"] != 1 || read["networks"] == 0 || read["softwares"] < 10 {
			t.Errorf("%s: GLPI reads %v", agent, read)
		}
		if stored := f.s.count(t, "SELECT COUNT(*) FROM software WHERE HARDWARE_ID = ?", id); read["softwares"] != stored {
			t.Errorf("%s: GLPI reads %d software rows of %d stored", agent, read["softwares"], stored)
		}
		for _, r := range f.g.query(t, sqlSoftware, id) {
			if !r["NAME"].Valid || !r["VERSION"].Valid || !r["PUBLISHER"].Valid {
				t.Errorf("%s: software row with a dangling name, version or publisher id: %v", agent, r)
			}
		}
	}
}

// glpiSoftwareReads: software joined to its name, version and publisher;
// with the dictionary, the formatted name of listed software only.
func glpiSoftwareReads(t *testing.T, f *glpiFleet) {
	id := fmt.Sprint(f.ids[0])
	want := map[string]map[string]string{
		"7-Zip": {"VERSION": "23.01", "PUBLISHER": "Igor Pavlov", "COMMENTS": "File archiver",
			"FOLDER": `C:\Program Files\7-Zip`, "FILENAME": "7zFM.exe", "FILESIZE": "1024", "SOURCE": "1",
			"GUID": "{23170F69-40C1-2702-2301-000001000000}", "LANGUAGE": "en",
			"INSTALLDATE": "2023-06-01 00:00:00", "BITSWIDTH": "64", "HARDWARE_ID": id},
		"Mozilla Firefox": {"VERSION": "128.0", "PUBLISHER": "Mozilla", "HARDWARE_ID": id},
		"inhouse-tool":    {"VERSION": "1.0", "PUBLISHER": "Unavailable", "HARDWARE_ID": id},
	}
	rows := f.g.query(t, sqlSoftware, id)
	if len(rows) != len(want) {
		t.Fatalf("%d software rows, want %d", len(rows), len(want))
	}
	for _, r := range rows {
		for col, v := range want[r["NAME"].String] {
			if r[col].String != v {
				t.Errorf("%s %s = %q, want %q", r["NAME"].String, col, r[col].String, v)
			}
		}
	}
	// The console's dictionary knows two of the three names.
	f.s.exec(t, "INSERT INTO dico_soft (EXTRACTED, FORMATTED) VALUES ('7-Zip', '7-Zip File Manager'), ('Mozilla Firefox', 'Firefox')")
	var names []string
	for _, r := range f.g.query(t, sqlSoftwareDico, id) {
		names = append(names, r["NAME"].String+" "+r["VERSION"].String+" "+r["PUBLISHER"].String)
	}
	slices.Sort(names)
	if w := []string{"7-Zip File Manager 23.01 Igor Pavlov", "Firefox 128.0 Mozilla"}; !slices.Equal(names, w) {
		t.Errorf("with the dictionary GLPI imports %q, want %q", names, w)
	}
}

// glpiAccountReads follows a custom field as the plugin does: the fields_N
// column, its accountinfo_config row, then the ACCOUNT_VALUE_<NAME>_<value> label.
func glpiAccountReads(t *testing.T, f *glpiFleet) {
	cases := []struct {
		name            string
		id              int64
		tag, site, want string
	}{
		{"sent by the agent at its first inventory", f.ids[0], "PARIS", "2", "Lyon"},
		{"set in the console", f.ids[3], "LYON", "1", "Paris"},
		{"never set", f.ids[1], "PARIS", "", ""},
		{"real agent", f.ocs, "REAL", "", ""},
	}
	for _, c := range cases {
		acc := f.g.one(t, sqlAccountinfo, c.id)
		if acc["TAG"].String != c.tag || acc["fields_3"].Valid != (c.site != "") || acc["fields_3"].String != c.site {
			t.Errorf("%s: TAG %q fields_3 %v, want %q %q", c.name, acc["TAG"].String, acc["fields_3"], c.tag, c.site)
			continue
		}
		if c.site == "" {
			continue
		}
		field := f.g.one(t, sqlAccountField, "3")
		label := f.g.one(t, sqlAccountValue, "ACCOUNT_VALUE_"+field["NAME"].String+"_"+c.site)
		if field["NAME"].String != "SITE" || label["TVALUE"].String != c.want {
			t.Errorf("%s: field %q label %q, want SITE %q", c.name, field["NAME"].String, label["TVALUE"].String, c.want)
		}
	}
}

// glpiRegistryReads: registry rows carry their hive and key from regconfig,
// and a row without a regconfig entry still comes, without them.
func glpiRegistryReads(t *testing.T, f *glpiFleet) {
	rows := f.g.query(t, sqlRegistry, f.ids[0])
	got := map[string]glpiRow{}
	for _, r := range rows {
		got[r["name"].String] = r
	}
	pn, un := got["ProductName"], got["Unconfigured"]
	if len(rows) != 2 || pn["regvalue"].String != "Windows 10 Pro" || pn["regtree"].String != "2" ||
		pn["regkey"].String != `SOFTWARE\Microsoft\Windows NT\CurrentVersion` || pn["HARDWARE_ID"].String != fmt.Sprint(f.ids[0]) {
		t.Errorf("registry as GLPI reads it: %v", rows)
	}
	if un["regvalue"].String != "left over" || un["regtree"].Valid || un["regkey"].Valid {
		t.Errorf("registry row without regconfig: %v", un)
	}
}

// glpiCronToUpdate: the cron picks machines with changed sections or a
// LASTDATE newer than GLPI's last sync, oldest first, and leaves alone
// inventories under 180 s old, which needs ocsd's LASTDATE and LASTCOME to
// be the database's own clock.
func glpiCronToUpdate(t *testing.T, f *glpiFleet) {
	g, ids := f.g, f.ids
	fresh := f.s.postPC(t, glpiPC{n: 6, tag: "LYON"})
	age := g.one(t, "SELECT UNIX_TIMESTAMP(NOW()) - UNIX_TIMESTAMP(LASTDATE) AS d, "+
		"UNIX_TIMESTAMP(NOW()) - UNIX_TIMESTAMP(LASTCOME) AS c FROM hardware WHERE ID = %d", fresh)
	for _, c := range []string{"d", "c"} {
		if n := atoi(t, age[c].String); n < 0 || n > 60 {
			t.Errorf("a machine inventoried now is %ds old by GLPI's clock (%s): ocsd and the database disagree on the time", n, c)
		}
	}
	never := "2000-01-01 00:00:00"
	lyon := fmt.Sprintf(tagLimit, "LYON")
	cases := []struct {
		name    string
		prepare func()
		maxDate string
		tags    string
		limit   int
		want    []int64
	}{
		{"oldest first, cron_sync_number", nil, never, "", 3, ids[:3]},
		{"tag limit, the fresh inventory waits", nil, never, lyon, 10, ids[2:4]},
		{"checksum cleared, LASTDATE newer than the last sync", func() { g.exec(t, sqlSetChecksum, 0, ids[2]) },
			f.pcs[1].lastDate, lyon, 10, ids[2:4]},
		{"checksum cleared, LASTDATE already synced", nil, f.pcs[2].lastDate, lyon, 10, ids[3:4]},
		{"the fresh inventory is 10 minutes old", func() {
			f.s.exec(t, "UPDATE hardware SET LASTDATE = ? WHERE ID = ?", f.s.dbTime(t, -10*time.Minute), fresh)
		}, never, lyon, 10, []int64{ids[2], ids[3], fresh}},
	}
	for _, c := range cases {
		if c.prepare != nil {
			c.prepare()
		}
		if got := g.ids(t, sqlToUpdate, glpiCfgAll, c.maxDate, c.tags, c.limit); !slices.Equal(got, c.want) {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}
