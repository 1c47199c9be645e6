package snmp

import (
	"context"
	"database/sql"
	"net/http"
	"ocsd/internal/testdb"
	"reflect"
	"testing"

	"ocsd/storage"
)

const agentID = "vm-2026-11-29-15-07-24"

// TestDatabase runs the SNMP inventory cases, the HTTP replays and the
// prolog option cases on one database per dialect.
func TestDatabase(t *testing.T) {
	testdb.ForEachDialect(t, func(t *testing.T, db *storage.DB) {
		setupTypes(t, db)
		t.Run("inventory", func(t *testing.T) { testInventory(t, db) })
		t.Run("http", func(t *testing.T) { testHTTP(t, db) })
		t.Run("prolog", func(t *testing.T) { testProlog(t, db) })
	})
}

// setupTypes adds, beside the seeded 'Default' type (table snmp_default,
// reconciled on DefaultName), a 'Printer' type with its own table as the
// console creates it, a table no type names, and two types whose names the
// whitelist must refuse (a configuration table, a missing table).
func setupTypes(t *testing.T, db *storage.DB) {
	t.Helper()
	if db.Dialect() == storage.MySQL {
		testdb.Exec(t, db, "CREATE TABLE snmp_printer (ID int(11) NOT NULL AUTO_INCREMENT, PrinterName varchar(255) DEFAULT NULL, "+
			"PageCount varchar(255) DEFAULT NULL, PRIMARY KEY (ID), UNIQUE KEY PrinterName (PrinterName)) DEFAULT CHARSET=utf8mb3")
		testdb.Exec(t, db, "CREATE TABLE snmp_secret (ID int(11) NOT NULL AUTO_INCREMENT, Secret varchar(255), PRIMARY KEY (ID))")
	} else {
		testdb.Exec(t, db, "CREATE TABLE snmp_printer (ID INTEGER PRIMARY KEY AUTOINCREMENT, PrinterName TEXT, PageCount TEXT, UNIQUE (PrinterName))")
		testdb.Exec(t, db, "CREATE TABLE snmp_secret (ID INTEGER PRIMARY KEY AUTOINCREMENT, Secret TEXT)")
	}
	testdb.Exec(t, db, "INSERT INTO snmp_types (TYPE_NAME, TABLE_TYPE_NAME) VALUES ('Printer', 'snmp_printer'), "+
		"('Evil', 'snmp_communities'), ('Ghost', 'snmp_ghost')")
	testdb.Exec(t, db, "INSERT INTO snmp_labels (LABEL_NAME) VALUES ('PrinterName'), ('PageCount')")
	testdb.Exec(t, db, `INSERT INTO snmp_configs (TYPE_ID, LABEL_ID, OID, RECONCILIATION)
		SELECT t.ID, l.ID, '1.3.6.1.2.1.43.5.1.1.16.1', CASE WHEN l.LABEL_NAME = 'PrinterName' THEN 'Yes' ELSE NULL END
		FROM snmp_types t, snmp_labels l WHERE t.TYPE_NAME = 'Printer' AND l.LABEL_NAME IN ('PrinterName', 'PageCount')`)
}

// agent resets the scanning agent: its hardware and accountinfo rows and
// its devices rows (name → IVALUE), plus group rows on a group it is in.
func agent(t *testing.T, db *storage.DB, tag string, own, group map[string]int64) {
	t.Helper()
	for _, table := range []string{"hardware", "accountinfo", "devices", "groups_cache"} {
		testdb.Exec(t, db, "DELETE FROM "+table)
	}
	testdb.Exec(t, db, "INSERT INTO hardware (ID, DEVICEID, NAME) VALUES (1, ?, 'vm'), (50, '_SYSTEMGROUP_', 'group')", agentID)
	testdb.Exec(t, db, "INSERT INTO groups_cache (HARDWARE_ID, GROUP_ID, STATIC) VALUES (1, 50, 0)")
	if tag != "" {
		testdb.Exec(t, db, "INSERT INTO accountinfo (HARDWARE_ID, TAG) VALUES (1, ?)", tag)
	}
	for name, v := range own {
		testdb.Exec(t, db, "INSERT INTO devices (HARDWARE_ID, NAME, IVALUE) VALUES (1, ?, ?)", name, v)
	}
	for name, v := range group {
		testdb.Exec(t, db, "INSERT INTO devices (HARDWARE_ID, NAME, IVALUE) VALUES (50, ?, ?)", name, v)
	}
}

// stored is what an SNMP inventory leaves in the database.
type stored struct {
	Default  [][2]string // DefaultName, DefaultDescription
	Printers [][2]string // PrinterName, PageCount
	Secrets  int
	Accounts [][4]string // SNMP_TYPE, field, value, TAG ("-": NULL)
}

func readStored(t *testing.T, db *storage.DB) stored {
	t.Helper()
	var s stored
	s.Default = pairs(t, db, "SELECT DefaultName, DefaultDescription FROM snmp_default ORDER BY DefaultName")
	s.Printers = pairs(t, db, "SELECT PrinterName, PageCount FROM snmp_printer ORDER BY PrinterName")
	if err := db.SQL().QueryRow("SELECT COUNT(*) FROM snmp_secret").Scan(&s.Secrets); err != nil {
		t.Fatal(err)
	}
	rows, err := db.SQL().Query(`SELECT SNMP_TYPE, SNMP_RECONCILIATION_FIELD, SNMP_RECONCILIATION_VALUE, TAG
		FROM snmp_accountinfo ORDER BY SNMP_TYPE, SNMP_RECONCILIATION_VALUE`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var a [4]string
		var tag sql.NullString
		if err := rows.Scan(&a[0], &a[1], &a[2], &tag); err != nil {
			t.Fatal(err)
		}
		a[3] = tag.String
		if !tag.Valid {
			a[3] = "-"
		}
		s.Accounts = append(s.Accounts, a)
	}
	return s
}

func pairs(t *testing.T, db *storage.DB, q string) [][2]string {
	t.Helper()
	rows, err := db.SQL().Query(q)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out [][2]string
	for rows.Next() {
		var a, b sql.NullString
		if err := rows.Scan(&a, &b); err != nil {
			t.Fatal(err)
		}
		out = append(out, [2]string{a.String, b.String})
	}
	return out
}

func snmpRequest(content string) string {
	return `<REQUEST><DEVICEID>` + agentID + `</DEVICEID><QUERY>SNMP</QUERY><CONTENT>` + content + `</CONTENT></REQUEST>`
}

type inventoryCase struct {
	name    string
	cfg     map[string]int64
	own     map[string]int64
	group   map[string]int64
	before  string // CONTENT stored first, with the default configuration
	request string
	want    stored
}

// inventoryCases are SNMP requests and what they must leave stored.
func inventoryCases() []inventoryCase {
	sw1 := `<snmp_default><DefaultName>sw1</DefaultName><DefaultDescription>Switch 1</DefaultDescription></snmp_default>`
	pr1 := `<snmp_printer><PrinterName>pr1</PrinterName><PageCount>1200</PageCount></snmp_printer>`
	accounts := func(tag string) [][4]string {
		return [][4]string{{"snmp_default", "DefaultName", "sw1", tag}, {"snmp_printer", "PrinterName", "pr1", tag}}
	}
	return []inventoryCase{
		{name: "capture 0017: no CONTENT", request: `<REQUEST><DEVICEID>` + agentID + `</DEVICEID><QUERY>SNMP</QUERY></REQUEST>`},
		{name: "default and custom types, reconciled", request: snmpRequest(sw1 + pr1 +
			`<snmp_default><DefaultName>sw2</DefaultName></snmp_default>`),
			want: stored{Default: [][2]string{{"sw1", "Switch 1"}, {"sw2", ""}}, Printers: [][2]string{{"pr1", "1200"}},
				Accounts: [][4]string{{"snmp_default", "DefaultName", "sw1", "NA"}, {"snmp_default", "DefaultName", "sw2", "NA"},
					{"snmp_printer", "PrinterName", "pr1", "NA"}}}},
		{name: "a device seen again is updated in place", before: sw1 + pr1,
			request: snmpRequest(`<snmp_default><DefaultName>sw1</DefaultName><DefaultDescription>Core</DefaultDescription></snmp_default>` +
				`<snmp_printer PageCount="1300"><PrinterName>pr1</PrinterName></snmp_printer>`),
			want: stored{Default: [][2]string{{"sw1", "Core"}}, Printers: [][2]string{{"pr1", "1300"}}, Accounts: accounts("NA")}},
		{name: "element names match the whitelist whatever their case", request: snmpRequest(
			`<SNMP_DEFAULT><defaultname>sw1</defaultname><DEFAULTDESCRIPTION>Switch 1</DEFAULTDESCRIPTION></SNMP_DEFAULT>`),
			want: stored{Default: [][2]string{{"sw1", "Switch 1"}}, Accounts: [][4]string{{"snmp_default", "DefaultName", "sw1", "NA"}}}},
		{name: "refused names are skipped, the rest is stored", request: snmpRequest(pr1 +
			`<snmp_default><DefaultName>sw1</DefaultName><Bogus>x</Bogus></snmp_default>` +
			`<snmp_default><ID>1</ID><DefaultName>sw9</DefaultName></snmp_default>` +
			`<snmp_secret><Secret>s</Secret></snmp_secret><snmp_communities><NAME>public</NAME></snmp_communities>` +
			`<snmp_ghost><X>1</X></snmp_ghost><hardware><NAME>pwned</NAME></hardware>`),
			want: stored{Printers: [][2]string{{"pr1", "1200"}}, Accounts: [][4]string{{"snmp_printer", "PrinterName", "pr1", "NA"}}}},
		{name: "SNMP_LINK_TAG gives devices the agent's TAG", cfg: map[string]int64{"SNMP_LINK_TAG": 1}, before: sw1,
			request: snmpRequest(sw1 + pr1),
			want:    stored{Default: [][2]string{{"sw1", "Switch 1"}}, Printers: [][2]string{{"pr1", "1200"}}, Accounts: accounts("PARIS")}},
		{name: "SNMP off stores nothing", cfg: map[string]int64{"SNMP": 0}, request: snmpRequest(sw1)},
		{name: "machine switch off stores nothing", own: map[string]int64{"SNMP_SWITCH": 0}, request: snmpRequest(sw1)},
		{name: "group switch off stores nothing", group: map[string]int64{"SNMP_SWITCH": 0}, own: map[string]int64{"SNMP_SWITCH": 1},
			request: snmpRequest(sw1)},
	}
}

func testInventory(t *testing.T, db *storage.DB) {
	tests := inventoryCases()
	m := New(db)
	ctx := context.Background()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, table := range []string{"snmp_default", "snmp_printer", "snmp_secret", "snmp_accountinfo"} {
				testdb.Exec(t, db, "DELETE FROM "+table)
			}
			agent(t, db, "PARIS", tt.own, tt.group)
			testdb.SetConfig(t, db, "SNMP", 1)
			testdb.SetConfig(t, db, "SNMP_LINK_TAG", 0)
			if tt.before != "" {
				if _, err := m.Handle(ctx, testdb.Request(t, snmpRequest(tt.before))); err != nil {
					t.Fatal(err)
				}
			}
			for k, v := range tt.cfg {
				testdb.SetConfig(t, db, k, v)
			}
			resp, err := m.Handle(ctx, testdb.Request(t, tt.request))
			if err != nil {
				t.Fatalf("Handle: %v", err)
			}
			if resp == nil || resp.Reply != nil || (resp.Status != 0 && resp.Status != http.StatusOK) {
				t.Fatalf("response %+v, want 200 with an empty body", resp)
			}
			if got := readStored(t, db); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("stored:\n%+v\nwant:\n%+v", got, tt.want)
			}
		})
	}
}
