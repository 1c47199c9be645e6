package soap

import (
	"strings"
	"testing"

	"ocsd/soap/store"
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
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := newTestServer(t, Options{})
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
				c.check(t, s.mem.lastQuery)
			}
		})
	}
}

func TestGetComputersRendering(t *testing.T) {
	s := newTestServer(t, Options{PageSize: 10})
	s.mem.computers = []store.Computer{{ID: 1, DeviceID: "pc-1", Name: `a&"b"`, Checksum: "5", Tag: "room"}, {ID: 2, DeviceID: "pc-2"}}
	s.mem.rows["hardware"] = []store.Row{{DeviceID: 1, Values: make([]*string, len(hardwareFields))}}
	s.mem.rows["bios"] = []store.Row{{DeviceID: 1, Values: []*string{strp("AT-1"), nil, nil, nil, nil, nil, nil, nil, nil, nil, nil}}}
	s.mem.rows["networks"] = []store.Row{{DeviceID: 1, Values: make([]*string, 13)}, {DeviceID: 1, Values: make([]*string, 13)}}
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
	if inv[2].Text != "<COMPUTER>\n  <ACCOUNTINFO>\n    <ENTRY Name=\"COLOR\">red</ENTRY>\n    <ENTRY Name=\"COLOR\">blue</ENTRY>\n    <ENTRY Name=\"TAG\"></ENTRY>\n  </ACCOUNTINFO>\n  <DICO_SOFT>\n  </DICO_SOFT>\n</COMPUTER>\n" {
		t.Fatalf("second computer:\n%q", inv[2].Text)
	}
	zero := s.call(t, "get_computers_V1", req("<CHECKSUM>0</CHECKSUM>"))
	if zero[1].Text != "<COMPUTER></COMPUTER>\n" {
		t.Fatalf("CHECKSUM=0: %q", zero[1].Text)
	}
}

func TestScalarMethods(t *testing.T) {
	s := newTestServer(t, Options{})
	s.mem.computers = []store.Computer{{ID: 1}, {ID: 2}}
	s.mem.config["PROLOG_FREQ"] = store.ConfigRow{IValue: int64p(24)}
	s.mem.types["Printer"] = true
	cases := []struct {
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
		{"ipdiscover_untag_V1", []string{"00:11:22:33:44:55"}, "xsd:float", "0E0"},
		{"ipdiscover_remove_V1", []string{"zz"}, "xsd:string", "BAD_MAC"},
		{"ipdiscover_create_type_V1", []string{"Printer"}, "xsd:int", "0"},
		{"ipdiscover_create_type_V1", []string{"Switch"}, "xsd:int", "1"},
		{"ipdiscover_delete_type_V1", []string{"Switch"}, "xsd:int", "1"},
		{"ipdiscover_delete_type_V1", []string{"Switch"}, "xsd:float", "0E0"},
		{"ipdiscover_create_type_V1", []string{""}, "xsd:string", "BAD_TYPE"},
		{"delete_computers_by_id_V1", []string{"1", "1 OR 1=1"}, "xsd:string", "BAD_ID"},
		{"delete_computers_by_id_V1", []string{"1", "2"}, "xsd:string", "OK"},
	}
	for _, c := range cases {
		parts := s.call(t, c.method, c.params...)
		if len(parts) != 1 {
			t.Fatalf("%s%v: %d parts", c.method, c.params, len(parts))
		}
		p := parts[0]
		if c.typ == "" && !p.Nil || c.typ != "" && (p.Type != c.typ || !strings.Contains(p.Text, c.want)) {
			t.Errorf("%s%v = %+v, want %s %q", c.method, c.params, p, c.typ, c.want)
		}
	}
	if s.mem.resetTo != 7 || len(s.mem.deleted) != 2 || len(s.mem.tagged) != 1 || *s.mem.config["PROLOG_FREQ"].IValue != 12 {
		t.Fatalf("effects: reset %d deleted %v tagged %v", s.mem.resetTo, s.mem.deleted, s.mem.tagged)
	}
}

func TestSNMP(t *testing.T) {
	s := newTestServer(t, Options{})
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
}

func TestJoinedParts(t *testing.T) {
	s := newTestServer(t, Options{})
	s.mem.computers = []store.Computer{{ID: 1}}
	r := liteEnvelope("get_computers_V1", req("<ASKING_FOR>META</ASKING_FOR>"))
	code, body := postURL(t, s, "/ocsinterface?parts=joined", r)
	parts := parseParts(t, body)
	if code != 200 || len(parts) != 1 || !strings.HasPrefix(parts[0].Text, "<COMPUTERS>\n<COMPUTER>") {
		t.Fatalf("%d %+v", code, parts)
	}
}

func int64p(n int64) *int64 { return &n }
