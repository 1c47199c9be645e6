package soap

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"ocsd/internal/testdb"
	"ocsd/soap/store"
	"ocsd/storage"
	"ocsd/wsdl"
)

func req(body string) string { return "<REQUEST><ENGINE>FIRST</ENGINE>" + body + "</REQUEST>" }

func TestGetComputersRequest(t *testing.T) {
	cases := []struct {
		name, xml string
		want      string // substring of the only or first part, or of the fault
		fault     bool
		check     func(t *testing.T, q store.ComputerQuery)
	}{
		{"malformed", "<REQUEST><ENGINE>FIRST</ENGINE>", malformedXML, false, nil},
		{"trailing garbage", req("") + "x", malformedXML, false, nil},
		{"bad offset", req("<OFFSET>abc</OFFSET>"), "<ERROR>BAD_OFFSET</ERROR>", false, nil},
		{"empty offset", req("<OFFSET/>"), "<ERROR>BAD_OFFSET</ERROR>", false, nil},
		{"bad begin", req("<BEGIN>-1</BEGIN>"), "<ERROR>BAD_BEGIN_VALUE</ERROR>", false, nil},
		{"no engine", "<REQUEST/>", "BAD_ENGINE", true, nil},
		{"bad asking_for", req("<ASKING_FOR>ALL</ASKING_FOR>"), "BAD_ASKING_FOR", true, nil},
		{"bad checksum", req("<CHECKSUM>1a</CHECKSUM>"), "BAD_CHECKSUM", true, nil},
		{"id and exclude", req("<ID>1</ID><EXCLUDE_ID>2</EXCLUDE_ID>"), "BAD_REQUEST", true, nil},
		{"tag and exclude", req("<TAG>a</TAG><EXCLUDE_TAG>b</EXCLUDE_TAG>"), "BAD_REQUEST", true, nil},
		{"bad id", req("<ID>1</ID><ID>x</ID>"), "<ERROR>BAD_ID</ERROR>", false, nil},
		{"bad sort", req("<SORT_BY>NAME</SORT_BY>"), "BAD_SORT_BY", true, nil},
		{"injection sort", req("<SORT_BY>LASTDATE;DROP TABLE hardware</SORT_BY>"), "BAD_SORT_BY", true, nil},
		{"bad dir", req("<SORT_DIR>UP</SORT_DIR>"), "BAD_SORT_DIR", true, nil},
		{"bad wanted", req("<WANTED>x</WANTED>"), "BAD_WANTED", true, nil},
		{"filters", req("<ENGINE_X/><OFFSET>2</OFFSET><ID>3</ID><ID>4</ID><TAG>a</TAG><USERID>bob</USERID><CHECKSUM>4096</CHECKSUM><SORT_BY>LASTCOME</SORT_BY><SORT_DIR>desc</SORT_DIR>"),
			"<COMPUTERS>", false, func(t *testing.T, q store.ComputerQuery) {
				if q.Offset != 200 || q.Limit != 100 || len(q.IDs) != 2 || q.Tags[0] != "a" || q.UserIDs[0] != "bob" ||
					q.Checksum != 4096 || q.Sort != store.SortLastCome || !q.Desc {
					t.Fatalf("query %+v", q)
				}
			}},
		{"begin rows", req("<BEGIN>7</BEGIN>"), "<COMPUTERS>", false, func(t *testing.T, q store.ComputerQuery) {
			if q.Offset != 7 {
				t.Fatalf("offset %d", q.Offset)
			}
		}},
		{"escaped twice", "&lt;REQUEST&gt;&lt;ENGINE&gt;first&lt;/ENGINE&gt;&lt;/REQUEST&gt;\\", "<COMPUTERS>", false, nil},
	}
	s := newTestServer(t, Options{})
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, _, body := s.post(t, liteEnvelope("get_computers_V1", c.xml), nil)
			if c.fault {
				if code != 500 || !strings.Contains(body, "<faultstring>"+c.want+"</faultstring>") {
					t.Fatalf("got %d %s", code, body)
				}
				return
			}
			parts := parseParts(t, body)
			if code != 200 || len(parts) == 0 || !strings.Contains(parts[0].Text, c.want) {
				t.Fatalf("got %d %+v", code, parts)
			}
			if c.check != nil {
				c.check(t, queryOf(t, c.xml))
			}
		})
	}
}

// queryOf returns the computer query a valid REQUEST document turns into
// at the default page size.
func queryOf(t *testing.T, xml string) store.ComputerQuery {
	t.Helper()
	r, err := parseRequestDoc(wsdl.ArgOf(xml))
	if err != nil {
		t.Fatal(err)
	}
	cr, res, err := parseComputerRequest(r, DefaultPageSize)
	if res != nil || err != nil {
		t.Fatalf("request refused: %v %v", res, err)
	}
	return cr.query
}

// seedRendering loads two computers for the rendering test: the first with
// BIOS, two NETWORKS, dictionary software and coded accountinfo, the second
// with accountinfo only.
func seedRendering(t *testing.T, db *storage.DB) {
	t.Helper()
	ctx := context.Background()
	must(t, db.FixtureRows(ctx, "hardware",
		map[string]any{"ID": 1, "DEVICEID": "pc-1", "NAME": `a&"b"`, "CHECKSUM": 5},
		map[string]any{"ID": 2, "DEVICEID": "pc-2", "CHECKSUM": 4096}))
	must(t, db.FixtureExec(ctx, "ALTER TABLE accountinfo ADD fields_3 VARCHAR(255) DEFAULT NULL"))
	must(t, db.FixtureRows(ctx, "accountinfo_config", map[string]any{"ID": 3, "TYPE": 2, "NAME": "COLOR",
		"ID_TAB": 1, "SHOW_ORDER": 2, "ACCOUNT_TYPE": "COMPUTERS"}))
	must(t, db.FixtureRows(ctx, "config",
		map[string]any{"NAME": "ACCOUNT_VALUE_COLOR_1", "IVALUE": 1, "TVALUE": "red"},
		map[string]any{"NAME": "ACCOUNT_VALUE_COLOR_2", "IVALUE": 2, "TVALUE": "blue"}))
	must(t, db.FixtureRows(ctx, "accountinfo",
		map[string]any{"HARDWARE_ID": 1, "TAG": "room", "fields_3": "1&&&2"},
		map[string]any{"HARDWARE_ID": 2, "TAG": nil, "fields_3": "1&&&2"}))
	must(t, db.FixtureRows(ctx, "bios", map[string]any{"HARDWARE_ID": 1, "ASSETTAG": "AT-1"}))
	must(t, db.FixtureRows(ctx, "networks", map[string]any{"HARDWARE_ID": 1, "MACADDR": "00:00:00:00:00:01"},
		map[string]any{"HARDWARE_ID": 1, "MACADDR": "00:00:00:00:00:02"}))
	must(t, db.FixtureRows(ctx, "software_name", map[string]any{"ID": 101, "NAME": "firefox-esr"}))
	must(t, db.FixtureRows(ctx, "software", map[string]any{"HARDWARE_ID": 1, "NAME_ID": 101, "PUBLISHER_ID": 1, "VERSION_ID": 1}))
	must(t, db.FixtureRows(ctx, "dico_soft", map[string]any{"EXTRACTED": "firefox-esr", "FORMATTED": "Firefox"}))
}

func TestGetComputersRendering(t *testing.T) {
	testdb.ForEachDialect(t, func(t *testing.T, db *storage.DB) {
		seedRendering(t, db)
		s := dbServer(t, db, Options{PageSize: 10})
		meta := s.call(t, "get_computers_V1", req("<ASKING_FOR>meta</ASKING_FOR>"))
		if len(meta) != 4 || meta[0].Text != "<COMPUTERS>\n" || meta[3].Text != "</COMPUTERS>\n" || meta[1].Name == meta[2].Name {
			t.Fatalf("meta parts %+v", meta)
		}
		wantMeta := "<COMPUTER>\n  <CHECKSUM>5</CHECKSUM>\n  <DATABASEID>1</DATABASEID>\n  <DEVICEID>pc-1</DEVICEID>\n" +
			"  <LASTCOME></LASTCOME>\n  <LASTDATE></LASTDATE>\n  <NAME>a&amp;&quot;b&quot;</NAME>\n  <TAG>room</TAG>\n</COMPUTER>\n"
		if meta[1].Text != wantMeta {
			t.Fatalf("meta doc:\n%s", meta[1].Text)
		}
		inv := s.call(t, "get_computers_V1", req("<WANTED>3</WANTED>"))
		if len(inv) != 4 {
			t.Fatalf("inventory parts %+v", inv)
		}
		doc := inv[1].Text
		order := []string{"<ACCOUNTINFO>", `<ENTRY Name="COLOR">red</ENTRY>`, `<ENTRY Name="COLOR">blue</ENTRY>`, `<ENTRY Name="TAG">room</ENTRY>`,
			"  <BIOS>\n    <ASSETTAG>AT-1</ASSETTAG>", "<DICO_SOFT>\n    <WORD>Firefox</WORD>", "<HARDWARE>", "<NETWORKS>", "</NETWORKS>\n  <NETWORKS>"}
		last := -1
		for _, frag := range order {
			i := strings.Index(doc, frag)
			if i <= last {
				t.Fatalf("%q missing or out of order in:\n%s", frag, doc)
			}
			last = i
		}
		// The second computer has rows in none of the sections its CHECKSUM selects.
		second := s.call(t, "get_computers_V1", req("<ID>2</ID><CHECKSUM>4096</CHECKSUM><WANTED>3</WANTED>"))
		if len(second) != 3 || second[1].Text != "<COMPUTER>\n  <ACCOUNTINFO>\n    <ENTRY Name=\"COLOR\">red</ENTRY>\n    <ENTRY Name=\"COLOR\">blue</ENTRY>\n    <ENTRY Name=\"TAG\"></ENTRY>\n  </ACCOUNTINFO>\n  <DICO_SOFT>\n  </DICO_SOFT>\n</COMPUTER>\n" {
			t.Fatalf("second computer:\n%+v", second)
		}
		zero := s.call(t, "get_computers_V1", req("<CHECKSUM>0</CHECKSUM>"))
		if zero[1].Text != "<COMPUTER></COMPUTER>\n" {
			t.Fatalf("CHECKSUM=0: %q", zero[1].Text)
		}
	})
}

// seedScalar loads what the scalar methods act on: computers 1–4, a
// discovered interface, the Printer device type and a dictionary entry.
func seedScalar(t *testing.T, db *storage.DB) {
	t.Helper()
	ctx := context.Background()
	for id := 1; id <= 4; id++ {
		must(t, db.FixtureRows(ctx, "hardware", map[string]any{"ID": id, "DEVICEID": fmt.Sprintf("pc-%d", id), "CHECKSUM": 1}))
		must(t, db.FixtureRows(ctx, "accountinfo", map[string]any{"HARDWARE_ID": id, "TAG": "NA"}))
	}
	must(t, db.FixtureRows(ctx, "netmap", map[string]any{"IP": "10.0.0.9", "MAC": "00:11:22:33:44:55", "MASK": "255.0.0.0",
		"NETID": "10.0.0.0", "DATE": "2024-01-02 03:04:05"}))
	must(t, db.FixtureRows(ctx, "devicetype", map[string]any{"NAME": "Printer"}))
	must(t, db.FixtureRows(ctx, "dico_soft", map[string]any{"EXTRACTED": "firefox-esr", "FORMATTED": "Firefox"}))
}

func TestScalarMethods(t *testing.T) {
	testdb.ForEachDialect(t, func(t *testing.T, db *storage.DB) {
		seedScalar(t, db)
		s := dbServer(t, db, Options{})
		for _, c := range scalarCases {
			parts := s.call(t, c.method, c.params...)
			if len(parts) != 1 {
				t.Fatalf("%s%v: %d parts", c.method, c.params, len(parts))
			}
			p := parts[0]
			if c.typ == "" && !p.Nil || c.typ != "" && (p.Type != c.typ || !strings.Contains(p.Text, c.want)) {
				t.Errorf("%s%v = %+v, want %s %q", c.method, c.params, p, c.typ, c.want)
			}
		}
		ctx := context.Background()
		if n, _ := db.FixtureCount(ctx, "hardware", "ID IN (1, 2) AND CHECKSUM = 7"); n != 2 {
			t.Errorf("reset: %d computers at 7", n)
		}
		if n, _ := db.FixtureCount(ctx, "hardware", "ID IN (3, 4)"); n != 0 {
			t.Errorf("delete: %d computers left", n)
		}
		if n, _ := db.FixtureCount(ctx, "network_devices", "MACADDR = ?", "00:11:22:33:44:55"); n != 1 {
			t.Errorf("tag: %d declarations", n)
		}
		if n, _ := db.FixtureCount(ctx, "config", "NAME = 'PROLOG_FREQ' AND IVALUE = 12"); n != 1 {
			t.Errorf("config write not stored")
		}
	})
}

// scalarCases are calls of the single-valued methods, in order, with the
// type and text their one part must have ("" type: nil).
var scalarCases = []struct {
	method string
	params []string
	typ    string
	want   string
}{
	{"reset_checksum_V1", []string{"abc", "1"}, "xsd:string", "BAD_CHECKSUM"},
	{"reset_checksum_V1", []string{"1", "x"}, "xsd:string", "BAD_ID"},
	{"reset_checksum_V1", []string{"7", "1", "2"}, "xsd:int", "2"},
	{"reset_checksum_V1", []string{"7", "9"}, "xsd:float", "0E0"},
	{"reset_checksum_V1", []string{"7"}, "", ""},
	{"get_history_V1", []string{"abc"}, "xsd:string", "BAD_OFFSET"},
	{"get_history_V1", []string{"0"}, "xsd:string", "<EVENTS>\n</EVENTS>\n"},
	{"clear_history_V1", []string{"0"}, "xsd:int", "0"},
	{"clear_history_V1", []string{"-1"}, "xsd:string", "BAD_OFFSET"},
	{"get_dico_soft_element_V1", []string{"firefox-esr"}, "xsd:string", "Firefox"},
	{"get_dico_soft_element_V1", []string{"bash"}, "", ""},
	{"ocs_config_V1", []string{"PROLOG_FREQ"}, "xsd:int", "24"},
	{"ocs_config_V1", []string{"bad key"}, "xsd:string", "BAD_KEY"},
	{"ocs_config_V1", []string{"DOWNLOAD_PACK_DIR"}, "xsd:string", "KEY_NOT_SUPPORTED"},
	{"ocs_config_V1", []string{"PROLOG_FREQ", "0"}, "xsd:string", "VALUE_NOT_VALID"},
	{"ocs_config_V1", []string{"PROLOG_FREQ", "12"}, "xsd:int", "12"},
	{"ocs_config_V1", []string{"SNMP"}, "", ""},
	{"ocs_config_V2", []string{"LOGLEVEL", "2"}, "xsd:string", "VALUE_NOT_VALID"},
	{"ocs_config_V2", []string{"LOGLEVEL", "1", "note"}, "xsd:string", "<RESULT>\n  <IVALUE>1</IVALUE>\n  <TVALUE>note</TVALUE>\n</RESULT>\n"},
	{"ocs_config_V2", []string{"OCS_FILES_FORMAT", "", "JSON"}, "xsd:string", "VALUE_NOT_VALID"},
	{"ocs_config_V2", []string{"OCS_FILES_FORMAT", "", "XML"}, "xsd:string", "<IVALUE>0</IVALUE>\n  <TVALUE>XML</TVALUE>"},
	{"get_ipdiscover_devices_V1", []string{"yesterday", "0"}, "xsd:string", "BAD_DATE"},
	{"get_ipdiscover_devices_V1", []string{"2024-02-30", "0"}, "xsd:string", "BAD_DATE"},
	{"get_ipdiscover_devices_V1", []string{"2024-01-01", "x"}, "xsd:string", "BAD_OFFSET"},
	{"get_ipdiscover_devices_V1", []string{"2024-01-01", "0", "2"}, "xsd:string", "BAD_THIRD_PARAMETER"},
	{"get_ipdiscover_devices_V1", []string{"2024-01-01 10:00:00", "0", "1"}, "xsd:string", "<MAC>00:11:22:33:44:55</MAC>\n    <MASK>255.0.0.0</MASK>\n    <NAME></NAME>"},
	{"ipdiscover_tag_V1", []string{"nomac", "d", "Printer", "admin"}, "xsd:string", "BAD_MAC"},
	{"ipdiscover_tag_V1", []string{"00-11-22-33-44-55", "d", "Printer", "admin"}, "xsd:string", "BAD_MAC"},
	{"ipdiscover_tag_V1", []string{"00:11:22:33:44:55", "d", "Fridge", "admin"}, "xsd:string", "BAD_TYPE"},
	{"ipdiscover_tag_V1", []string{"00:11:22:33:44:55", "d", "Printer", "eve"}, "xsd:string", "BAD_USER"},
	{"ipdiscover_tag_V1", []string{"00:11:22:33:44:55", "d", "Printer", "admin"}, "xsd:int", "1"},
	{"ipdiscover_untag_V1", []string{"00:11:22:33:44:66"}, "xsd:float", "0E0"},
	{"ipdiscover_remove_V1", []string{"zz"}, "xsd:string", "BAD_MAC"},
	{"ipdiscover_create_type_V1", []string{"Printer"}, "xsd:int", "0"},
	{"ipdiscover_create_type_V1", []string{"Switch"}, "xsd:int", "1"},
	{"ipdiscover_delete_type_V1", []string{"Switch"}, "xsd:int", "1"},
	{"ipdiscover_delete_type_V1", []string{"Switch"}, "xsd:float", "0E0"},
	{"ipdiscover_create_type_V1", []string{""}, "xsd:string", "BAD_TYPE"},
	{"delete_computers_by_id_V1", []string{"3", "3 OR 1=1"}, "xsd:string", "BAD_ID"},
	{"delete_computers_by_id_V1", []string{"3", "4"}, "xsd:string", "OK"},
}

func TestSNMP(t *testing.T) {
	testdb.ForEachDialect(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		must(t, db.FixtureExec(ctx, "CREATE TABLE snmp_printer (ID INTEGER PRIMARY KEY, NAME VARCHAR(255))"))
		must(t, db.FixtureRows(ctx, "snmp_types", map[string]any{"TYPE_NAME": "Printer", "TABLE_TYPE_NAME": "snmp_printer"}))
		must(t, db.FixtureRows(ctx, "snmp_printer", map[string]any{"ID": 4, "NAME": "hp"}))
		s := dbServer(t, db, Options{})
		parts := s.call(t, "get_snmp_V1", req("<WANTED>1</WANTED>"))
		if len(parts) != 3 || parts[0].Text != "<SNMP_DEVICES>\n" || !strings.Contains(parts[1].Text, `<ENTRY Name="NAME">hp</ENTRY>`) {
			t.Fatalf("%+v", parts)
		}
		meta := s.call(t, "get_snmp_V1", req("<ASKING_FOR>SNMP_META</ASKING_FOR>"))
		if meta[1].Text != "<DEVICE>\n  <DATABASEID>4</DATABASEID>\n  <TAG></TAG>\n  <TYPE>Printer</TYPE>\n</DEVICE>\n" {
			t.Fatalf("%q", meta[1].Text)
		}
		code, _, body := s.post(t, liteEnvelope("get_snmp_V1", req("<SORT_BY>LASTDATE</SORT_BY>")), nil)
		if code != 500 || !strings.Contains(body, "BAD_SORT_BY") {
			t.Fatalf("%d %s", code, body)
		}
	})
}

func TestJoinedParts(t *testing.T) {
	s := newTestServer(t, Options{})
	ctx := context.Background()
	must(t, s.db.FixtureRows(ctx, "hardware", map[string]any{"ID": 1, "DEVICEID": "pc-1"}))
	must(t, s.db.FixtureRows(ctx, "accountinfo", map[string]any{"HARDWARE_ID": 1, "TAG": "NA"}))
	r := liteEnvelope("get_computers_V1", req("<ASKING_FOR>META</ASKING_FOR>"))
	code, body := postURL(t, s, "/ocsinterface?parts=joined", r)
	parts := parseParts(t, body)
	if code != 200 || len(parts) != 1 || !strings.HasPrefix(parts[0].Text, "<COMPUTERS>\n<COMPUTER>") {
		t.Fatalf("%d %+v", code, parts)
	}
}

func int64p(n int64) *int64 { return &n }
