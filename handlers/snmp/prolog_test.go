package snmp

import (
	"bytes"
	"context"
	"crypto/tls"
	"net/http"
	"net/http/httptest"
	"ocsd/internal/testdb"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/rs/zerolog"

	"ocsd/agentcompat"
	"ocsd/handlers"
	"ocsd/handlers/prolog"
	"ocsd/internal/testsupport"
	"ocsd/storage"
)

func attrs(kv ...string) []agentcompat.Attr {
	out := make([]agentcompat.Attr, 0, len(kv)/2)
	for i := 0; i+1 < len(kv); i += 2 {
		out = append(out, agentcompat.Attr{Name: kv[i], Value: kv[i+1]})
	}
	return out
}

func p(kv ...string) agentcompat.Node { return agentcompat.Param("", attrs(kv...)...) }

// setupProlog replaces the SNMP configuration with one type, one
// credential and one MIB, and gives the agent a network list and the
// IpDiscover role of 192.168.1.0 (ivalue).
func setupProlog(t *testing.T, db *storage.DB, ivalue int64) {
	t.Helper()
	for _, table := range []string{"snmp_types_conditions", "snmp_configs", "snmp_labels", "snmp_types", "snmp_communities",
		"snmp_mibs", "netmap", "networks"} {
		testdb.Exec(t, db, "DELETE FROM "+table)
	}
	testdb.Exec(t, db, "INSERT INTO snmp_types (ID, TYPE_NAME, TABLE_TYPE_NAME) VALUES (7, 'Printer', 'snmp_printer')")
	testdb.Exec(t, db, "INSERT INTO snmp_labels (ID, LABEL_NAME) VALUES (3, 'PrinterName')")
	testdb.Exec(t, db, "INSERT INTO snmp_configs (TYPE_ID, LABEL_ID, OID, RECONCILIATION) VALUES (7, 3, '1.3.6.1.2.1.43.5.1.1.16.1', 'Yes')")
	testdb.Exec(t, db, "INSERT INTO snmp_types_conditions (TYPE_ID, CONDITION_OID, CONDITION_VALUE) VALUES (7, '1.3.6.1.2.1.1.2.0', '1.3.6.1.4.1.11')")
	testdb.Exec(t, db, `INSERT INTO snmp_communities (VERSION, NAME, USERNAME, AUTHPASSWD, LEVEL, AUTHPROTO, PRIVPASSWD, PRIVPROTO)
		VALUES ('3', 'public', 'ocs', 'secret', 'authPriv', 'SHA', 'hidden', 'AES')`)
	testdb.Exec(t, db, "INSERT INTO snmp_mibs (VENDOR, URL, CHECKSUM, VERSION, PARSER) VALUES ('HP', 'https://example.org/hp.mib', 'abc', '1', NULL)")
	agent(t, db, "PARIS", nil, nil)
	testdb.Exec(t, db, "INSERT INTO devices (HARDWARE_ID, NAME, TVALUE) VALUES (1, 'SNMP_NETWORK', '10.0.0.0, 10.1.0.0,')")
	testdb.Exec(t, db, "INSERT INTO devices (HARDWARE_ID, NAME, IVALUE, TVALUE) VALUES (1, 'IPDISCOVER', ?, '192.168.1.0')", ivalue)
	ins := "INSERT INTO netmap (IP, MAC, MASK, NETID, NAME) VALUES (?, ?, '255.255.255.0', ?, '-')"
	testdb.Exec(t, db, ins, "192.168.1.7", "00:11:22:33:44:55", "192.168.1.0")
	testdb.Exec(t, db, ins, "192.168.1.8", "aa:bb:cc:dd:ee:ff", "192.168.1.0")
	testdb.Exec(t, db, ins, "10.9.9.9", "00:00:00:00:09:09", "10.9.9.0")
	testdb.Exec(t, db, "INSERT INTO networks (HARDWARE_ID, MACADDR, IPSUBNET) VALUES (2, 'AA:BB:CC:DD:EE:FF', '192.168.1.0')")
	testdb.SetConfig(t, db, "SNMP", 1)
	testdb.SetConfig(t, db, "SCAN_ARP_BANDWIDTH", 512)
	testdb.Exec(t, db, "DELETE FROM config WHERE NAME = 'SCAN_TYPE_SNMP'")
	testdb.Exec(t, db, "INSERT INTO config (NAME, IVALUE, TVALUE, COMMENTS) VALUES ('SCAN_TYPE_SNMP', NULL, 'NMAP', '')")
	db.InvalidateSettings()
}

type prologCase struct {
	name     string
	role     int64
	tls      bool
	deviceID string
	prepare  func(t *testing.T)
	want     []agentcompat.Node
}

// prologCases are agents and configurations with the SNMP option they must get.
func prologCases(db *storage.DB) []prologCase {
	networks := []agentcompat.Node{p("TYPE", "NETWORK", "SUBNET", "10.0.0.0"), p("TYPE", "NETWORK", "SUBNET", "10.1.0.0")}
	device := p("TYPE", "DEVICE", "IPADDR", "192.168.1.7", "MACADDR", "00:11:22:33:44:55")
	rest := []agentcompat.Node{
		p("TYPE", "SNMP_TYPE", "TYPE_NAME", "Printer", "CONDITION_OID", "1.3.6.1.2.1.1.2.0", "CONDITION_VALUE", "1.3.6.1.4.1.11",
			"TABLE_TYPE_NAME", "snmp_printer", "LABEL_NAME", "PrinterName", "OID", "1.3.6.1.2.1.43.5.1.1.16.1"),
		p("TYPE", "COMMUNITY", "VERSION", "3", "NAME", "public", "USERNAME", "ocs", "AUTHPASSWD", "secret", "LEVEL", "authPriv",
			"AUTHPROTO", "SHA", "PRIVPASSWD", "hidden", "PRIVPROTO", "AES"),
		p("TYPE", "MIB", "VENDOR", "HP", "URL", "https://example.org/hp.mib", "CHECKSUM", "abc", "VERSION", "1", "PARSER", ""),
		p("TYPE", "OPTION", "SCAN_TYPE_SNMP", "NMAP", "SCAN_ARP_BANDWIDTH", "512"),
	}
	option := func(params ...[]agentcompat.Node) []agentcompat.Node {
		var all []agentcompat.Node
		for _, ps := range params {
			all = append(all, ps...)
		}
		return []agentcompat.Node{agentcompat.Option("SNMP", all...)}
	}
	return []prologCase{
		{name: "forced IpDiscover agent gets its subnet's unknown devices", role: 2, tls: true,
			want: option(networks, []agentcompat.Node{device}, rest)},
		{name: "elected agent gets no device (2.12)", role: 1, tls: true, want: option(networks, rest)},
		{name: "plain HTTP gets nothing", role: 2},
		{name: "unknown machine gets nothing", role: 2, tls: true, deviceID: "ghost-2024-01-02-03-04-05"},
		{name: "SNMP off", role: 2, tls: true, prepare: func(t *testing.T) { testdb.SetConfig(t, db, "SNMP", 0) }},
		{name: "machine switch off", role: 2, tls: true, prepare: func(t *testing.T) {
			testdb.Exec(t, db, "INSERT INTO devices (HARDWARE_ID, NAME, IVALUE) VALUES (1, 'SNMP_SWITCH', 0)")
		}},
		{name: "nothing to scan, no option", role: 1, tls: true, prepare: func(t *testing.T) {
			testdb.Exec(t, db, "DELETE FROM devices WHERE NAME = 'SNMP_NETWORK'")
			testdb.Exec(t, db, "DELETE FROM snmp_types")
		}},
	}
}

func testProlog(t *testing.T, db *storage.DB) {
	tests := prologCases(db)
	m := New(db)
	ctx := context.Background()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			setupProlog(t, db, tt.role)
			if tt.prepare != nil {
				tt.prepare(t)
			}
			id := agentID
			if tt.deviceID != "" {
				id = tt.deviceID
			}
			dev, err := db.Contact(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			cfg, err := db.Settings(ctx)
			if err != nil {
				t.Fatal(err)
			}
			req := testdb.Request(t, `<REQUEST><DEVICEID>`+id+`</DEVICEID><QUERY>PROLOG</QUERY></REQUEST>`)
			req.TLS = tt.tls
			pc := &handlers.PrologContext{Device: dev, Settings: cfg, Response: "SEND", Header: http.Header{}}
			if err := m.PrologRespond(ctx, req, pc); err != nil {
				t.Fatalf("PrologRespond: %v", err)
			}
			if !reflect.DeepEqual(pc.Options, tt.want) {
				t.Errorf("options:\n%#v\nwant:\n%#v", pc.Options, tt.want)
			}
		})
	}
}

// testHTTP replays capture 0017 and an SNMP inventory through the endpoint
// (200, empty body), then PROLOGs over HTTPS and plain HTTP.
func testHTTP(t *testing.T, db *storage.DB) {
	agent(t, db, "PARIS", nil, nil)
	testdb.SetConfig(t, db, "SNMP", 1)
	reg := handlers.NewRegistry()
	reg.MustRegister(prolog.New(db, reg, time.Now), New(db))
	ep := handlers.NewEndpoint(reg, handlers.Options{}, zerolog.Nop(), nil, nil)
	post := func(body string, https bool) *httptest.ResponseRecorder {
		r := httptest.NewRequest(http.MethodPost, "/ocsinventory", bytes.NewReader(agentcompat.Encode([]byte(body), agentcompat.Zlib)))
		r.Header.Set("User-Agent", "OCS-NG_unified_unix_agent_v2.10.0")
		if https {
			r.TLS = &tls.ConnectionState{}
		}
		w := httptest.NewRecorder()
		ep.ServeHTTP(w, r)
		return w
	}
	raw, err := os.ReadFile(filepath.Join(testsupport.SharedDir(t), "reference", "agents", "0017-ocsagent-SNMP.req.txt"))
	if err != nil {
		t.Fatal(err)
	}
	capture := string(raw[bytes.Index(raw, []byte("\n<?xml"))+1:])
	inventory := snmpRequest(`<snmp_default><DefaultName>sw7</DefaultName></snmp_default>`)
	for _, body := range []string{capture, inventory} {
		w := post(body, false)
		if w.Code != http.StatusOK || w.Body.Len() != 0 || w.Header().Get("Content-Length") != "0" {
			t.Fatalf("status %d, Content-Length %q, body %q; want 200 and nothing", w.Code, w.Header().Get("Content-Length"), w.Body)
		}
	}
	var n int
	if err := db.SQL().QueryRow("SELECT COUNT(*) FROM snmp_default WHERE DefaultName = 'sw7'").Scan(&n); err != nil || n != 1 {
		t.Fatalf("sw7 rows %d, %v; want 1", n, err)
	}
	prologXML := `<REQUEST><DEVICEID>` + agentID + `</DEVICEID><QUERY>PROLOG</QUERY></REQUEST>`
	for _, https := range []bool{true, false} {
		w := post(prologXML, https)
		dec, err := agentcompat.Decode(w.Body.Bytes(), agentcompat.DefaultLimits())
		if w.Code != http.StatusOK || err != nil {
			t.Fatalf("prolog: status %d, %v", w.Code, err)
		}
		if got := strings.Contains(string(dec.XML), "<NAME>SNMP</NAME>"); got != https {
			t.Errorf("https=%v: SNMP option sent=%v\n%s", https, got, dec.XML)
		}
	}
}
