package notify

import (
	"bytes"
	"context"
	"database/sql"
	"net/http"
	"net/http/httptest"
	"ocsd/internal/testdb"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/rs/zerolog"

	"ocsd/agentcompat"
	"ocsd/handlers"
	"ocsd/internal/testsupport"
	"ocsd/storage"
)

const deviceID = "vm-2026-11-29-15-07-24"

// iface is the part of a networks row NOTIFY may change.
type iface struct{ MAC, IP, Mask, Gateway, Subnet, DHCP string }

// state is what a test reads back.
type state struct {
	Checksum int64
	IPAddr   string
	Ifaces   []iface
	Other    iface // the other machine's interface with the same MAC
}

var fixture = state{
	Checksum: 0, IPAddr: "192.0.2.10",
	Ifaces: []iface{
		{"02:fc:00:00:00:01", "192.0.2.10", "255.255.255.0", "192.0.2.1", "192.0.2.0", "192.0.2.254"},
		{"02:fc:00:00:00:02", "198.51.100.3", "255.255.255.0", "198.51.100.1", "198.51.100.0", ""},
	},
	Other: iface{"02:fc:00:00:00:01", "203.0.113.9", "255.255.255.0", "203.0.113.1", "203.0.113.0", ""},
}

// load resets the two machines of the fixture and returns the id of the
// notifying one.
func load(t *testing.T, db *storage.DB) int64 {
	t.Helper()
	testdb.Exec(t, db, "DELETE FROM networks")
	testdb.Exec(t, db, "DELETE FROM hardware")
	testdb.Exec(t, db, "INSERT INTO hardware (DEVICEID, NAME, IPADDR, CHECKSUM) VALUES (?, 'vm', ?, 0)", deviceID, fixture.IPAddr)
	testdb.Exec(t, db, "INSERT INTO hardware (DEVICEID, NAME, CHECKSUM) VALUES ('other-2026-11-29-15-07-24', 'other', 0)")
	var id, other int64
	q := "SELECT ID FROM hardware WHERE DEVICEID = ?"
	if err := db.SQL().QueryRow(q, deviceID).Scan(&id); err != nil {
		t.Fatal(err)
	}
	if err := db.SQL().QueryRow(q, "other-2026-11-29-15-07-24").Scan(&other); err != nil {
		t.Fatal(err)
	}
	ins := `INSERT INTO networks (HARDWARE_ID, DESCRIPTION, MACADDR, IPADDRESS, IPMASK, IPGATEWAY, IPSUBNET, IPDHCP, STATUS)
		VALUES (?, 'eth', ?, ?, ?, ?, ?, ?, 'Up')`
	for _, f := range fixture.Ifaces {
		testdb.Exec(t, db, ins, id, f.MAC, f.IP, f.Mask, f.Gateway, f.Subnet, f.DHCP)
	}
	o := fixture.Other
	testdb.Exec(t, db, ins, other, o.MAC, o.IP, o.Mask, o.Gateway, o.Subnet, o.DHCP)
	return id
}

func read(t *testing.T, db *storage.DB, id int64) state {
	t.Helper()
	var s state
	var ip sql.NullString
	if err := db.SQL().QueryRow("SELECT CHECKSUM, IPADDR FROM hardware WHERE ID = ?", id).Scan(&s.Checksum, &ip); err != nil {
		t.Fatal(err)
	}
	s.IPAddr = ip.String
	rows, err := db.SQL().Query(`SELECT HARDWARE_ID, MACADDR, IPADDRESS, IPMASK, IPGATEWAY, IPSUBNET, IPDHCP
		FROM networks ORDER BY HARDWARE_ID, MACADDR`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var owner int64
		var f iface
		if err := rows.Scan(&owner, &f.MAC, &f.IP, &f.Mask, &f.Gateway, &f.Subnet, &f.DHCP); err != nil {
			t.Fatal(err)
		}
		if owner == id {
			s.Ifaces = append(s.Ifaces, f)
		} else {
			s.Other = f
		}
	}
	return s
}

type notifyCase struct {
	name    string
	request string
	want    state
}

// notifyCases are the NOTIFY requests tried against the fixture.
func notifyCases() []notifyCase {
	changed := func(f func(s *state)) state {
		s := fixture
		s.Ifaces = append([]iface(nil), fixture.Ifaces...)
		f(&s)
		return s
	}
	return []notifyCase{
		{
			name: "capture 0016: address and mask of one interface",
			request: `<REQUEST><DEVICEID>` + deviceID + `</DEVICEID><QUERY>NOTIFY</QUERY><TYPE>IP</TYPE>
				<IFACE><IP>192.0.2.77</IP><MASK>255.255.255.0</MASK><MAC>02:fc:00:00:00:01</MAC></IFACE></REQUEST>`,
			want: changed(func(s *state) { s.Checksum = 4096; s.Ifaces[0].IP = "192.0.2.77" }),
		},
		{
			name: "every field, and the machine's main address",
			request: `<REQUEST><DEVICEID>` + deviceID + `</DEVICEID><QUERY>NOTIFY</QUERY><TYPE>IP</TYPE>
				<IFACE><MAC>02:fc:00:00:00:02</MAC><IP>10.1.2.3</IP><MASK>255.255.0.0</MASK><GW>10.1.0.1</GW>
				<SUBNET>10.1.0.0</SUBNET><DHCP>10.1.0.2</DHCP></IFACE>
				<IFACE><MAC>02:fc:00:00:00:99</MAC><IP>10.9.9.9</IP><MASK>255.0.0.0</MASK></IFACE>
				<HARDWARE><IPADDR>10.1.2.3</IPADDR></HARDWARE></REQUEST>`,
			want: changed(func(s *state) {
				s.Checksum, s.IPAddr = 4097, "10.1.2.3"
				s.Ifaces[1] = iface{"02:fc:00:00:00:02", "10.1.2.3", "255.255.0.0", "10.1.0.1", "10.1.0.0", "10.1.0.2"}
			}),
		},
		{
			name: "values already stored still flag the change",
			request: `<REQUEST><DEVICEID>` + deviceID + `</DEVICEID><QUERY>NOTIFY</QUERY><TYPE>IP</TYPE>
				<IFACE><IP>192.0.2.10</IP><MASK>255.255.255.0</MASK><MAC>02:fc:00:00:00:01</MAC></IFACE></REQUEST>`,
			want: changed(func(s *state) { s.Checksum = 4096 }),
		},
		{
			name: "interface without a mask is ignored",
			request: `<REQUEST><DEVICEID>` + deviceID + `</DEVICEID><QUERY>NOTIFY</QUERY><TYPE>IP</TYPE>
				<IFACE><IP>192.0.2.77</IP><MAC>02:fc:00:00:00:01</MAC></IFACE><HARDWARE><IPADDR>1.1.1.1</IPADDR></HARDWARE></REQUEST>`,
			want: fixture,
		},
		{
			name: "unknown MAC changes nothing",
			request: `<REQUEST><DEVICEID>` + deviceID + `</DEVICEID><QUERY>NOTIFY</QUERY><TYPE>IP</TYPE>
				<IFACE><IP>192.0.2.77</IP><MASK>255.255.255.0</MASK><MAC>aa:bb:cc:dd:ee:ff</MAC></IFACE></REQUEST>`,
			want: fixture,
		},
		{
			name: "other TYPE is only logged",
			request: `<REQUEST><DEVICEID>` + deviceID + `</DEVICEID><QUERY>NOTIFY</QUERY><TYPE>DNS</TYPE>
				<IFACE><IP>192.0.2.77</IP><MASK>255.255.255.0</MASK><MAC>02:fc:00:00:00:01</MAC></IFACE></REQUEST>`,
			want: fixture,
		},
		{
			name: "unknown machine changes nothing",
			request: `<REQUEST><DEVICEID>ghost-2026-11-29-15-07-24</DEVICEID><QUERY>NOTIFY</QUERY><TYPE>IP</TYPE>
				<IFACE><IP>192.0.2.77</IP><MASK>255.255.255.0</MASK><MAC>02:fc:00:00:00:01</MAC></IFACE></REQUEST>`,
			want: fixture,
		},
	}
}

func TestNotify(t *testing.T) {
	tests := notifyCases()
	testdb.ForEachDialect(t, func(t *testing.T, db *storage.DB) {
		m := New(db)
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				id := load(t, db)
				resp, err := m.Handle(context.Background(), testdb.Request(t, tt.request))
				if err != nil {
					t.Fatalf("Handle: %v", err)
				}
				if resp == nil || resp.Reply != nil || (resp.Status != 0 && resp.Status != http.StatusOK) {
					t.Fatalf("response %+v, want 200 with an empty body", resp)
				}
				if got := read(t, db, id); !reflect.DeepEqual(got, tt.want) {
					t.Errorf("stored:\n%+v\nwant:\n%+v", got, tt.want)
				}
			})
		}
		t.Run("capture 0016 over http", func(t *testing.T) { testCapture0016(t, db) })
	})
}

// testCapture0016 replays the capture through the endpoint: 200, empty body.
func testCapture0016(t *testing.T, db *storage.DB) {
	raw, err := os.ReadFile(filepath.Join(testsupport.SharedDir(t), "reference", "agents", "0016-ocsagent-NOTIFY.req.txt"))
	if err != nil {
		t.Fatal(err)
	}
	body := raw[bytes.Index(raw, []byte("\n<?xml"))+1:]
	id := load(t, db)
	reg := handlers.NewRegistry().MustRegister(New(db))
	ep := handlers.NewEndpoint(reg, handlers.Options{}, zerolog.Nop(), nil, nil)
	r := httptest.NewRequest(http.MethodPost, "/ocsinventory", bytes.NewReader(agentcompat.Encode(body, agentcompat.Zlib)))
	r.Header.Set("User-Agent", "OCS-NG_unified_unix_agent_v2.10.0")
	w := httptest.NewRecorder()
	ep.ServeHTTP(w, r)
	if w.Code != http.StatusOK || w.Body.Len() != 0 || w.Header().Get("Content-Length") != "0" {
		t.Fatalf("status %d, Content-Length %q, body %q; want 200 and nothing", w.Code, w.Header().Get("Content-Length"), w.Body)
	}
	if got := read(t, db, id); got.Checksum != 4096 || got.Ifaces[0].IP != "192.0.2.77" {
		t.Errorf("stored %+v", got)
	}
}
