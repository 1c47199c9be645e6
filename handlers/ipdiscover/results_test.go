package ipdiscover

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"net/http"
	"net/http/httptest"
	"ocsd/internal/testdb"
	"reflect"
	"strings"
	"testing"

	"github.com/rs/zerolog"

	"ocsd/agentcompat"
	"ocsd/handlers"
	"ocsd/handlers/prolog"
	"ocsd/inventory"
	"ocsd/inventory/ingest"
	"ocsd/storage"
)

// machine is a hardware row of a scenario; machine 1 sends the inventory.
type machine struct {
	id       int64
	quality  float64
	fidelity int64
	lastDate string // "" is NULL
	tag      string // "" means no accountinfo row
	role     *roleRow
}

// roleRow is a devices row NAME='IPDISCOVER'.
type roleRow struct {
	ID     int64
	IValue int64
	TValue string
}

// netRow is a netmap row; Tag "-" stands for NULL.
type netRow struct {
	IP, MAC, Mask, NetID, Name, Tag string
	HardwareID                      int64
	Date                            string
}

const (
	now     = "2024-06-01 12:00:00"
	old     = "2024-01-01 00:00:00"
	unixUA  = "OCS-NG_unified_unix_agent_v2.10.0"
	subnet1 = "192.168.1.0"
	net1    = `<NETWORKS><DESCRIPTION>eth0</DESCRIPTION><STATUS>Up</STATUS><IPADDRESS>192.168.1.20</IPADDRESS>` +
		`<IPMASK>255.255.255.0</IPMASK><IPSUBNET>192.168.1.0</IPSUBNET><MACADDR>00:00:00:00:00:01</MACADDR></NETWORKS>`
	// hosts holds three valid hosts and two a scan cannot have seen.
	hosts = `<IPDISCOVER>` +
		`<H><I>192.168.1.7</I><M>00:11:22:33:44:55</M><N>printer</N></H>` +
		`<H><I>192.168.1.300x</I><M>00:11:22:33:44:56</M><N>-</N></H>` +
		`<H><I>192.168.1.8</I><M>bogus</M><N>-</N></H>` +
		`<H><I>192.168.1.9</I><M>00:11:22:33:44:57</M><N>-</N></H>` +
		`<H><I>192.168.1.10</I><M>00:11:22:33:44:58</M><N>nas</N></H></IPDISCOVER>`
)

func iface(desc, status, mask, subnet string) string {
	return fmt.Sprintf(`<NETWORKS><DESCRIPTION>%s</DESCRIPTION><STATUS>%s</STATUS><IPMASK>%s</IPMASK><IPSUBNET>%s</IPSUBNET></NETWORKS>`,
		desc, status, mask, subnet)
}

func role(id, iv int64, tv string) *roleRow { return &roleRow{id, iv, tv} }

// scanned are the netmap rows machine 1 writes from hosts on subnet1.
func scanned(tag string) []netRow {
	return []netRow{
		{"192.168.1.7", "00:11:22:33:44:55", "255.255.255.0", subnet1, "printer", tag, 1, now},
		{"192.168.1.9", "00:11:22:33:44:57", "255.255.255.0", subnet1, "-", tag, 1, now},
		{"192.168.1.10", "00:11:22:33:44:58", "255.255.255.0", subnet1, "nas", tag, 1, now},
	}
}

type scenario struct {
	name      string
	cfg       map[string]int64
	machines  []machine
	veto      bool // machine 1 belongs to a group vetoing the role
	blacklist []string
	netmap    []netRow
	ua        string
	content   string
	roles     []roleRow
	want      []netRow
}

func scenarios() []scenario {
	stable := func(r *roleRow) machine {
		return machine{id: 1, quality: 1.5, fidelity: 3, lastDate: now, tag: "PARIS", role: r}
	}
	holder := func(id int64, iv int64, q float64, last, tag string) machine {
		return machine{id: id, quality: q, fidelity: 9, lastDate: last, tag: tag, role: role(id, iv, subnet1)}
	}
	fresh := "2024-05-31 12:00:00"
	stale := "2024-05-01 12:00:00"
	return []scenario{
		{name: "holder stores its results", machines: []machine{stable(role(1, 1, subnet1))},
			netmap:  []netRow{{"192.168.1.99", "00:11:22:33:44:57", "255.255.0.0", "192.168.0.0", "old", "-", 9, old}},
			content: net1 + hosts, roles: []roleRow{{1, 1, subnet1}}, want: scanned("-")},
		{name: "holder without results is demoted", machines: []machine{stable(role(1, 1, subnet1))}, content: net1},
		{name: "forced holder keeps its role", machines: []machine{stable(role(1, 2, subnet1))}, content: net1,
			roles: []roleRow{{1, 2, subnet1}}},
		{name: "one holder too many is demoted",
			machines: []machine{stable(role(1, 1, subnet1)), holder(2, 1, 1, fresh, "NA"), holder(3, 1, 1, fresh, "NA")},
			content:  net1 + hosts, roles: []roleRow{{2, 1, subnet1}, {3, 1, subnet1}}, want: scanned("-")},
		{name: "holder of a blacklisted subnet is demoted", machines: []machine{stable(role(1, 1, subnet1))},
			blacklist: []string{subnet1}, content: net1 + hosts, want: scanned("-")},
		{name: "TAG-linked results leave other TAGs' hosts alone", cfg: map[string]int64{"IPDISCOVER_LINK_TAG_NETWORK": 1},
			machines: []machine{stable(role(1, 1, subnet1))},
			netmap: []netRow{{"192.168.1.99", "00:11:22:33:44:55", "255.255.0.0", "192.168.0.0", "old", "LYON", 9, old},
				{"192.168.1.98", "00:11:22:33:44:57", "255.255.0.0", "192.168.0.0", "old", "-", 9, old}},
			content: net1 + hosts, roles: []roleRow{{1, 1, subnet1}},
			want: []netRow{{"192.168.1.99", "00:11:22:33:44:55", "255.255.0.0", "192.168.0.0", "old", "LYON", 9, old},
				scanned("PARIS")[1], scanned("PARIS")[2]}},
		{name: "TAG-scoped holder ignores other TAGs' holders", cfg: map[string]int64{"IPDISCOVER_LINK_TAG_NETWORK": 1},
			machines: []machine{stable(role(1, 1, subnet1)), holder(2, 1, 1, fresh, "LYON"), holder(3, 1, 1, fresh, "LYON")},
			content:  net1 + hosts, roles: []roleRow{{1, 1, subnet1}, {2, 1, subnet1}, {3, 1, subnet1}}, want: scanned("PARIS")},
		{name: "elected on the first suitable subnet", machines: []machine{stable(nil)}, blacklist: []string{"10.3.0.0"},
			content: iface("ppp0", "Up", "255.255.255.0", "10.1.0.0") + iface("eth1", "Down", "255.255.255.0", "10.2.0.0") +
				iface("eth2", "Up", "255.0.0.0", "10.0.0.0") + iface("eth3", "Up", "255.255.255.0", "10.3.0.0") +
				iface("eth4", "up", "255.255.255.0", "10.4.0.0") + net1,
			roles: []roleRow{{1, 1, "10.4.0.0"}}},
		{name: "unstable machine is postponed", machines: []machine{{id: 1, quality: 1, fidelity: 2, tag: "NA"}}, content: net1},
		{name: "IPDISCOVER_NO_POSTPONE elects at once", cfg: map[string]int64{"IPDISCOVER_NO_POSTPONE": 1},
			machines: []machine{{id: 1, fidelity: 1, tag: "NA"}}, content: net1, roles: []roleRow{{1, 1, subnet1}}},
		{name: "other agents are never elected", ua: "FusionInventory-Agent_v2.6", machines: []machine{stable(nil)}, content: net1},
		{name: "local-mode requests are skipped", ua: "OCS-NG_unified_unix_agent_local_v2.10.0",
			machines: []machine{stable(role(1, 1, subnet1))}, content: net1, roles: []roleRow{{1, 1, subnet1}}},
		{name: "never-elect machine stays out", machines: []machine{stable(role(1, 0, ""))}, content: net1,
			roles: []roleRow{{1, 0, ""}}},
		{name: "group veto", veto: true, machines: []machine{stable(nil)}, content: net1},
		{name: "feature off", cfg: map[string]int64{"IPDISCOVER": 0}, machines: []machine{stable(role(1, 1, subnet1))},
			content: net1, roles: []roleRow{{1, 1, subnet1}}},
		{name: "stale holder is replaced",
			machines: []machine{{id: 1, quality: 3, fidelity: 5, tag: "NA"}, holder(2, 1, 1, fresh, "NA"), holder(3, 1, 1, stale, "NA")},
			content:  net1, roles: []roleRow{{1, 1, subnet1}, {2, 1, subnet1}}},
		{name: "much worse holder is replaced",
			machines: []machine{stable(nil), holder(2, 1, 5, fresh, "NA"), holder(3, 1, 2, fresh, "NA")},
			content:  net1, roles: []roleRow{{1, 1, subnet1}, {3, 1, subnet1}}},
		{name: "slightly worse holders stay",
			machines: []machine{stable(nil), holder(2, 1, 2, fresh, "NA"), holder(3, 1, 2.2, fresh, "NA")},
			content:  net1, roles: []roleRow{{2, 1, subnet1}, {3, 1, subnet1}}},
		{name: "forced holders are never replaced",
			machines: []machine{stable(nil), holder(2, 2, 9, stale, "NA"), holder(3, 2, 9, stale, "NA")},
			content:  net1, roles: []roleRow{{2, 2, subnet1}, {3, 2, subnet1}}},
		{name: "TAG-scoped election", cfg: map[string]int64{"IPDISCOVER_LINK_TAG_NETWORK": 1},
			machines: []machine{stable(nil), holder(2, 1, 1, fresh, "LYON"), holder(3, 1, 1, fresh, "LYON")},
			content:  net1, roles: []roleRow{{1, 1, subnet1}, {2, 1, subnet1}, {3, 1, subnet1}}},
	}
}

// TestDatabase runs the post-inventory scenarios and a PROLOG through the
// endpoint on one database per dialect.
func TestDatabase(t *testing.T) {
	testdb.ForEachDialectWith(t, storage.Options{Now: clock}, func(t *testing.T, db *storage.DB) {
		t.Run("post inventory", func(t *testing.T) { testPostInventory(t, db) })
		t.Run("prolog over http", func(t *testing.T) { testPrologHTTP(t, db) })
	})
}

func testPostInventory(t *testing.T, db *storage.DB) {
	m := New(db, clock)
	for _, sc := range scenarios() {
		t.Run(sc.name, func(t *testing.T) {
			load(t, db, sc)
			ua := sc.ua
			if ua == "" {
				ua = unixUA
			}
			doc := `<REQUEST><DEVICEID>m1-2024-01-02-03-04-05</DEVICEID><QUERY>INVENTORY</QUERY><CONTENT>` +
				sc.content + `</CONTENT></REQUEST>`
			req := testdb.Request(t, doc)
			req.UserAgent = ua
			content := inventory.ExtractContent(req.Root.Child("CONTENT"), req.Document)
			if err := m.PostInventory(context.Background(), req, content, &ingest.Outcome{ID: 1}); err != nil {
				t.Fatalf("PostInventory: %v", err)
			}
			if got := readRoles(t, db); !reflect.DeepEqual(got, sc.roles) {
				t.Errorf("roles %+v, want %+v", got, sc.roles)
			}
			if got := readNetmap(t, db); !reflect.DeepEqual(got, sc.want) {
				t.Errorf("netmap:\n%+v\nwant:\n%+v", got, sc.want)
			}
		})
	}
}

// testPrologHTTP sends the PROLOG of an elected machine through the endpoint
// and the real PROLOG handler: RESPONSE SEND although FREQUENCY says STOP,
// the IPDISCOVER option, and Connection: close.
func testPrologHTTP(t *testing.T, db *storage.DB) {
	load(t, db, scenario{machines: []machine{{id: 1, quality: 1, fidelity: 3, lastDate: now, tag: "NA",
		role: role(1, 1, subnet1)}}})
	testdb.SetConfig(t, db, "FREQUENCY", 30)
	testdb.SetConfig(t, db, "IPDISCOVER_LATENCY", 250)
	reg := handlers.NewRegistry()
	reg.MustRegister(prolog.New(db, reg, clock), New(db, clock))
	ep := handlers.NewEndpoint(reg, handlers.Options{}, zerolog.Nop(), nil, nil)
	body := `<REQUEST><DEVICEID>m1-2024-01-02-03-04-05</DEVICEID><QUERY>PROLOG</QUERY></REQUEST>`
	r := httptest.NewRequest(http.MethodPost, "/ocsinventory", bytes.NewReader(agentcompat.Encode([]byte(body), agentcompat.Zlib)))
	r.Header.Set("User-Agent", unixUA)
	w := httptest.NewRecorder()
	ep.ServeHTTP(w, r)
	if w.Code != http.StatusOK || w.Header().Get("Connection") != "close" {
		t.Fatalf("status %d, Connection %q; want 200, close", w.Code, w.Header().Get("Connection"))
	}
	dec, err := agentcompat.Decode(w.Body.Bytes(), agentcompat.DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"<RESPONSE>SEND</RESPONSE>",
		"<OPTION>\n    <NAME>IPDISCOVER</NAME>\n" +
			`    <PARAM IPDISC_LAT="250" SCAN_TYPE_IPDISCOVER="ICMP" SCAN_ARP_BANDWIDTH="256">192.168.1.0</PARAM>`} {
		if !strings.Contains(string(dec.XML), want) {
			t.Errorf("reply lacks %q:\n%s", want, dec.XML)
		}
	}
}

// load replaces the scenario's tables with its rows.
func load(t *testing.T, db *storage.DB, sc scenario) {
	t.Helper()
	for _, table := range []string{"hardware", "accountinfo", "devices", "netmap", "blacklist_subnet", "groups_cache"} {
		testdb.Exec(t, db, "DELETE FROM "+table)
	}
	cfg := map[string]int64{"IPDISCOVER": 2, "IPDISCOVER_NO_POSTPONE": 0, "IPDISCOVER_LINK_TAG_NETWORK": 0,
		"IPDISCOVER_MAX_ALIVE": 7, "IPDISCOVER_BETTER_THRESHOLD": 1, "ENABLE_GROUPS": 1, "IPDISCOVER_USE_GROUPS": 1}
	for k, v := range sc.cfg {
		cfg[k] = v
	}
	for k, v := range cfg {
		testdb.SetConfig(t, db, k, v)
	}
	for _, mc := range sc.machines {
		var last any
		if mc.lastDate != "" {
			last = mc.lastDate
		}
		testdb.Exec(t, db, "INSERT INTO hardware (ID, DEVICEID, NAME, QUALITY, FIDELITY, LASTDATE) VALUES (?, ?, ?, ?, ?, ?)",
			mc.id, fmt.Sprintf("m%d-2024-01-02-03-04-05", mc.id), fmt.Sprintf("m%d", mc.id), mc.quality, mc.fidelity, last)
		if mc.tag != "" {
			testdb.Exec(t, db, "INSERT INTO accountinfo (HARDWARE_ID, TAG) VALUES (?, ?)", mc.id, mc.tag)
		}
		if r := mc.role; r != nil {
			testdb.Exec(t, db, "INSERT INTO devices (HARDWARE_ID, NAME, IVALUE, TVALUE) VALUES (?, 'IPDISCOVER', ?, ?)", r.ID, r.IValue, nullable(r.TValue))
		}
	}
	if sc.veto {
		testdb.Exec(t, db, "INSERT INTO hardware (ID, DEVICEID, NAME) VALUES (100, '_SYSTEMGROUP_', 'no scan')")
		testdb.Exec(t, db, "INSERT INTO groups_cache (HARDWARE_ID, GROUP_ID, STATIC) VALUES (1, 100, 0)")
		testdb.Exec(t, db, "INSERT INTO devices (HARDWARE_ID, NAME, IVALUE) VALUES (100, 'IPDISCOVER', 0)")
	}
	for _, b := range sc.blacklist {
		testdb.Exec(t, db, "INSERT INTO blacklist_subnet (SUBNET, MASK) VALUES (?, '255.255.255.0')", b)
	}
	for _, n := range sc.netmap {
		tag := any(n.Tag)
		if n.Tag == "-" {
			tag = nil
		}
		testdb.Exec(t, db, "INSERT INTO netmap (IP, MAC, MASK, NETID, NAME, TAG, HARDWARE_ID, DATE) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
			n.IP, n.MAC, n.Mask, n.NetID, n.Name, tag, n.HardwareID, n.Date)
	}
}

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func readRoles(t *testing.T, db *storage.DB) []roleRow {
	t.Helper()
	rows, err := db.SQL().Query("SELECT HARDWARE_ID, IVALUE, TVALUE FROM devices WHERE NAME = 'IPDISCOVER' AND HARDWARE_ID < 100 ORDER BY HARDWARE_ID")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []roleRow
	for rows.Next() {
		var r roleRow
		var tv sql.NullString
		if err := rows.Scan(&r.ID, &r.IValue, &tv); err != nil {
			t.Fatal(err)
		}
		r.TValue = tv.String
		out = append(out, r)
	}
	return out
}

func readNetmap(t *testing.T, db *storage.DB) []netRow {
	t.Helper()
	rows, err := db.SQL().Query("SELECT IP, MAC, MASK, NETID, NAME, TAG, HARDWARE_ID, DATE FROM netmap ORDER BY MAC")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []netRow
	for rows.Next() {
		var n netRow
		var tag sql.NullString
		if err := rows.Scan(&n.IP, &n.MAC, &n.Mask, &n.NetID, &n.Name, &tag, &n.HardwareID, &n.Date); err != nil {
			t.Fatal(err)
		}
		n.Tag = tag.String
		if !tag.Valid {
			n.Tag = "-"
		}
		out = append(out, n)
	}
	return out
}

var _ handlers.PostInventory = (*Module)(nil)
