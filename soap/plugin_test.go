package soap

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"ocsd/internal/testdb"
	"ocsd/internal/testsupport"
	"ocsd/storage"
	"ocsd/wsdl"
)

// TestStockRequestsStayStock proves every get_computers_V1 request of the
// reference captures (real stock clients) is told apart from the plugin's:
// none is plugin-shaped, so TestGoldenReference compares them against the
// stock replies byte for byte.
func TestStockRequestsStayStock(t *testing.T) {
	dir := filepath.Join(testsupport.SharedDir(t), "reference", "soap")
	paths, err := filepath.Glob(filepath.Join(dir, "get_computers_V1--*.req.http"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no get_computers_V1 capture in %s: %v", dir, err)
	}
	for _, p := range paths {
		call, err := Decode(strings.NewReader(readCapture(t, p).body))
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		if r, err := parseRequestDoc(call.Args[0]); err == nil && isPluginRequest(r) {
			t.Errorf("%s: stock request taken for the plugin's", filepath.Base(p))
		}
	}
}

// TestComputersDialects sends the same selection stock-shaped and
// plugin-shaped: only the latter gets TOTAL_COUNT, MAX_RECORDS, META and
// row offsets; its top-level CHECKSUM selects sections, not computers.
func TestComputersDialects(t *testing.T) {
	testdb.ForEachDialect(t, func(t *testing.T, db *storage.DB) {
		seedComputers(t, db)
		s := dbServer(t, db, Options{PageSize: 2})
		stock := s.call(t, "get_computers_V1", req("<CHECKSUM>1</CHECKSUM><OFFSET>1</OFFSET>"))
		if len(stock) != 3 || stock[0].Text != "<COMPUTERS>\n" || strings.Contains(stock[1].Text, "<META>") ||
			!strings.Contains(stock[1].Text, "<ID>3</ID>") {
			t.Fatalf("stock page 1: %+v", stock)
		}
		plugin := s.call(t, "get_computers_V1", req("<CHECKSUM>1</CHECKSUM><OFFSET>1</OFFSET><MAX_RECORDS>5</MAX_RECORDS>"))
		if len(plugin) != 4 || plugin[0].Text != "<COMPUTERS TOTAL_COUNT=\"4\" MAX_RECORDS=\"2\">\n" ||
			!strings.Contains(plugin[1].Text, "  <META>\n    <CHECKSUM>4097</CHECKSUM>\n    <DATABASEID>2</DATABASEID>") ||
			!strings.Contains(plugin[1].Text, "<HARDWARE>") {
			t.Fatalf("plugin rows 1-2: %+v", plugin)
		}
		meta := s.call(t, "get_computers_V1", req("<ASKING_FOR>META</ASKING_FOR><FILTER><TAGS>paris</TAGS></FILTER>"))
		if len(meta) != 4 || meta[0].Text != "<COMPUTERS TOTAL_COUNT=\"2\" MAX_RECORDS=\"2\">\n" ||
			meta[2].Text != "<COMPUTER>\n  <META>\n    <CHECKSUM>262143</CHECKSUM>\n    <DATABASEID>3</DATABASEID>\n"+
				"    <DEVICEID>pc-3-2024</DEVICEID>\n    <LASTCOME>2024-05-03 00:00:00</LASTCOME>\n    <LASTDATE>2024-05-02 00:00:00</LASTDATE>\n"+
				"    <NAME>pc-3</NAME>\n    <TAG>paris</TAG>\n  </META>\n</COMPUTER>\n" {
			t.Fatalf("plugin META: %+v", meta)
		}
	})
}

func TestPluginRequestErrors(t *testing.T) {
	s := newTestServer(t, Options{})
	cases := []struct{ xml, want string }{
		{req("<MAX_RECORDS>x</MAX_RECORDS>"), "BAD_MAX_RECORDS"},
		{req("<OFFSET>-1</OFFSET><MAX_RECORDS>1</MAX_RECORDS>"), "BAD_OFFSET"},
		{req("<FILTER><NAMES>a</NAMES></FILTER>"), "BAD_FILTER"},
		{req("<FILTER><IDS>1 OR 1=1</IDS></FILTER>"), "BAD_ID"},
		{req("<FILTER><CHECKSUM>-2</CHECKSUM></FILTER>"), "BAD_CHECKSUM"},
		{req("<FILTER><INVENTORIED_SINCE>yesterday</INVENTORIED_SINCE></FILTER>"), "BAD_DATE"},
		{req("<DISPLAY><SECTIONS>1</SECTIONS></DISPLAY>"), "BAD_DISPLAY"},
		{req("<DISPLAY><WANTED>x</WANTED></DISPLAY>"), "BAD_WANTED"},
		{req("<ORDER>NAME; DROP TABLE hardware</ORDER>"), "BAD_ORDER"},
		{req("<ORDER>USERID</ORDER>"), "BAD_ORDER"},
		{req("<COMPLETE>yes</COMPLETE>"), "BAD_COMPLETE"},
		{"<REQUEST><MAX_RECORDS>1</MAX_RECORDS></REQUEST>", "BAD_ENGINE"},
		{req("<FILTER><IDS><ID>1</ID></IDS></FILTER>"), malformedXML},
	}
	for _, c := range cases {
		code, _, body := s.post(t, liteEnvelope("get_computers_V1", c.xml), nil)
		parts := parseParts(t, body)
		if code != 200 || len(parts) != 1 || !strings.Contains(parts[0].Text, c.want) {
			t.Errorf("%s: %d %+v, want in-band %s", c.xml, code, parts, c.want)
		}
	}
}

func TestPluginMethodsRefuse(t *testing.T) {
	s := newTestServer(t, Options{})
	cases := []struct {
		method string
		params []string
		want   string
	}{
		{"search_computers_V1", []string{"NAME", "pc-1"}, "BAD_FIELD"},
		{"search_computers_V1", []string{"ID", "1 OR 1=1"}, "BAD_ID"},
		{"search_computers_V1", []string{"DEVICEID", "nobody"}, "<COMPUTERS>\n"},
		{"get_checksum_V1", []string{"x"}, "BAD_ID"},
		{"get_checksum_V1", []string{"42"}, "NOT_FOUND"},
		{"get_computer_sections_V1", []string{"1,x"}, "BAD_ID"},
		{"get_computer_sections_V1", []string{"1", "z"}, "BAD_CHECKSUM"},
		{"get_computer_sections_V1", []string{"1", "1", "z"}, "BAD_WANTED"},
		{"remove_deleted_computer_V1", []string{""}, "BAD_DELETED"},
		{"remove_deleted_computer_V1", []string{"gone"}, "0E0"},
		{"ocs_config_V2", []string{"GUI_VERSION"}, "<TVALUE>7069</TVALUE>"},
		{"ocs_config_V2", []string{"GUI_VERSION", "1"}, "KEY_NOT_SUPPORTED"},
		{"ocs_config_V2", []string{"SNMP"}, "<RESULT>\n  <IVALUE>1</IVALUE>\n  <TVALUE></TVALUE>\n</RESULT>\n"},
		{"ocs_config_V1", []string{"GUI_VERSION"}, "KEY_NOT_SUPPORTED"},
	}
	for _, c := range cases {
		if p := s.call(t, c.method, c.params...); len(p) == 0 || !strings.Contains(p[0].Text, c.want) {
			t.Errorf("%s%v = %+v, want %q", c.method, c.params, p, c.want)
		}
	}
}

// TestArrayParameters: an array is decoded where the WSDL types the part
// soapenc:Array, and faults as any non-scalar parameter elsewhere.
func TestArrayParameters(t *testing.T) {
	s := newTestServer(t, Options{})
	arr := `<param0 xsi:type="SOAP-ENC:Array" SOAP-ENC:arrayType="xsd:int[2]"><item xsi:type="xsd:int">1</item><item xsi:type="xsd:int">2</item></param0>`
	env := func(method string) string {
		return `<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" xmlns:SOAP-ENC="http://schemas.xmlsoap.org/soap/encoding/" ` +
			`xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:ns1="urn:Apache/Ocsinventory/Interface"><SOAP-ENV:Body><ns1:` +
			method + ">" + arr + "</ns1:" + method + "></SOAP-ENV:Body></SOAP-ENV:Envelope>"
	}
	call, err := Decode(strings.NewReader(env("get_computer_sections_V1")))
	if err != nil || len(call.Args) != 1 || strings.Join(call.Args[0].Items, ",") != "1,2" {
		t.Fatalf("decode: %+v %v", call, err)
	}
	if code, _, body := s.post(t, env("get_computer_sections_V1"), nil); code != 200 || !strings.Contains(body, "COMPUTERS") {
		t.Fatalf("array to get_computer_sections_V1: %d %s", code, body)
	}
	code, _, body := s.post(t, env("reset_checksum_V1"), nil)
	if code != 500 || !strings.Contains(body, "Application failed during request deserialization: soap: bad parameter: parameter param0 is not a scalar") {
		t.Fatalf("array to reset_checksum_V1: %d %s", code, body)
	}
}

func TestStructReply(t *testing.T) {
	var b bytes.Buffer
	encodeResult(&b, SOAP11, "m", "urn:x", wsdl.One(wsdl.StructValue(wsdl.Member{Name: "TAG", Text: "a<b"})))
	if !strings.Contains(b.String(), `<s-gensym3 xsi:type="soapenc:Struct"><TAG xsi:type="xsd:string">a&lt;b</TAG></s-gensym3>`) {
		t.Fatalf("struct: %s", b.String())
	}
}
