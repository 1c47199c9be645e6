package ipdiscover

import (
	"context"
	"net/http"
	"reflect"
	"testing"

	"ocsd/agentcompat"
	"ocsd/handlers"
	"ocsd/inventory"
	"ocsd/settings"
)

func ival(n int64) *int64   { return &n }
func tval(s string) *string { return &s }

func snapshot(ints map[string]int64, texts map[string]string) settings.Snapshot {
	s := settings.Snapshot{}
	for k, v := range ints {
		s[k] = settings.Value{IValue: ival(v)}
	}
	for k, v := range texts {
		s[k] = settings.Value{TValue: tval(v)}
	}
	return s
}

func TestLegacyAgent(t *testing.T) {
	tests := map[string]bool{
		"OCS-NG_windows_client_v4027":       true,
		"OCS-NG_windows_client_v4028":       false,
		"OCS-NG_linux_client_v13":           true,
		"OCS-NG_linux_client_v14":           false,
		"OCS-NG_unified_unix_agent_v2.10.0": false,
		"OCS-NG_WINDOWS_AGENT_v2.11.0.1":    false,
		"":                                  false,
	}
	for ua, want := range tests {
		if got := legacyAgent(ua); got != want {
			t.Errorf("legacyAgent(%q) = %v, want %v", ua, got, want)
		}
	}
}

func TestLatency(t *testing.T) {
	dev := func(ps ...inventory.DeviceParam) inventory.Contact { return inventory.Contact{ID: 1, Params: ps} }
	lat := func(v int64, group bool) inventory.DeviceParam {
		return inventory.DeviceParam{Name: "IPDISCOVER_LATENCY", IValue: ival(v), Group: group}
	}
	tests := []struct {
		name   string
		global int64
		dev    inventory.Contact
		want   int64
	}{
		{"global", 150, dev(), 150},
		{"global unset gives 100", 0, dev(), 100},
		{"device wins over groups", 150, dev(lat(250, false), lat(300, true)), 250},
		{"largest group", 150, dev(lat(300, true), lat(400, true)), 400},
		{"device 0 falls back to global, not groups", 150, dev(lat(0, false), lat(300, true)), 150},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := snapshot(map[string]int64{"IPDISCOVER_LATENCY": tt.global}, nil)
			if got := latency(cfg, tt.dev); got != tt.want {
				t.Errorf("latency = %d, want %d", got, tt.want)
			}
		})
	}
}

func TestScanSetting(t *testing.T) {
	scan := func(v string, group bool) inventory.DeviceParam {
		return inventory.DeviceParam{Name: "SCAN_TYPE_IPDISCOVER", TValue: tval(v), Group: group}
	}
	tests := []struct {
		name string
		cfg  settings.Snapshot
		dev  inventory.Contact
		key  string
		want string
	}{
		{"global text", snapshot(nil, map[string]string{"SCAN_TYPE_IPDISCOVER": "NMAP"}), inventory.Contact{}, "SCAN_TYPE_IPDISCOVER", "NMAP"},
		{"default when no row", settings.Snapshot{}, inventory.Contact{}, "SCAN_TYPE_IPDISCOVER", "ICMP"},
		{"empty global is 0", snapshot(nil, map[string]string{"SCAN_TYPE_IPDISCOVER": ""}), inventory.Contact{}, "SCAN_TYPE_IPDISCOVER", "0"},
		{"global integer", snapshot(map[string]int64{"SCAN_ARP_BANDWIDTH": 512}, nil), inventory.Contact{}, "SCAN_ARP_BANDWIDTH", "512"},
		{"group over global", settings.Snapshot{}, inventory.Contact{Params: []inventory.DeviceParam{scan("ARPSCAN", true)}}, "SCAN_TYPE_IPDISCOVER", "ARPSCAN"},
		{"device over group", settings.Snapshot{}, inventory.Contact{Params: []inventory.DeviceParam{scan("ARPSCAN", true), scan("NMAP", false)}}, "SCAN_TYPE_IPDISCOVER", "NMAP"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := handlers.ScanSetting(tt.cfg, tt.dev, tt.key); got != tt.want {
				t.Errorf("ScanSetting = %q, want %q", got, tt.want)
			}
		})
	}
}

type prologCase struct {
	name string
	cfg  map[string]int64
	dev  inventory.Contact
	ua   string
	want []agentcompat.Node // nil: no option, RESPONSE untouched
}

// prologCases are machines and settings with the option they must get.
func prologCases() []prologCase {
	role := func(iv int64, tv *string) inventory.DeviceParam {
		return inventory.DeviceParam{Name: "IPDISCOVER", IValue: ival(iv), TValue: tv}
	}
	veto := inventory.DeviceParam{Name: "IPDISCOVER", IValue: ival(0), Group: true}
	known := func(ps ...inventory.DeviceParam) inventory.Contact { return inventory.Contact{ID: 7, Params: ps} }
	full := agentcompat.Option("IPDISCOVER", agentcompat.Param("192.168.1.0",
		agentcompat.Attr{Name: "IPDISC_LAT", Value: "100"}, agentcompat.Attr{Name: "SCAN_TYPE_IPDISCOVER", Value: "ICMP"},
		agentcompat.Attr{Name: "SCAN_ARP_BANDWIDTH", Value: "256"}))
	return []prologCase{
		{name: "elected machine scans", dev: known(role(1, tval("192.168.1.0"))), want: []agentcompat.Node{full}},
		{name: "forced machine scans", dev: known(role(2, tval("192.168.1.0"))), want: []agentcompat.Node{full}},
		{name: "legacy agent gets a bare subnet", dev: known(role(1, tval("192.168.1.0"))), ua: "OCS-NG_windows_client_v4020",
			want: []agentcompat.Node{agentcompat.Option("IPDISCOVER", agentcompat.Param("192.168.1.0"))}},
		{name: "feature off", cfg: map[string]int64{"IPDISCOVER": 0}, dev: known(role(1, tval("192.168.1.0")))},
		{name: "unknown machine", dev: inventory.Contact{Params: []inventory.DeviceParam{role(1, tval("192.168.1.0"))}}},
		{name: "never elect", dev: known(role(0, tval("192.168.1.0")))},
		{name: "no subnet", dev: known(role(1, nil))},
		{name: "subnet 0", dev: known(role(1, tval("0")))},
		{name: "no role", dev: known()},
		{name: "group veto", dev: known(role(1, tval("192.168.1.0")), veto)},
		{name: "group veto ignored without IPDISCOVER_USE_GROUPS", cfg: map[string]int64{"IPDISCOVER_USE_GROUPS": 0},
			dev: known(role(1, tval("192.168.1.0")), veto), want: []agentcompat.Node{full}},
		{name: "group veto ignored without groups", cfg: map[string]int64{"ENABLE_GROUPS": 0},
			dev: known(role(1, tval("192.168.1.0")), veto), want: []agentcompat.Node{full}},
	}
}

func TestPrologRespond(t *testing.T) {
	tests := prologCases()
	m := New(nil, nil)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ints := map[string]int64{"IPDISCOVER": 2, "ENABLE_GROUPS": 1, "IPDISCOVER_USE_GROUPS": 1}
			for k, v := range tt.cfg {
				ints[k] = v
			}
			p := &handlers.PrologContext{Device: tt.dev, Settings: snapshot(ints, nil), Response: "STOP", Header: http.Header{}}
			ua := tt.ua
			if ua == "" {
				ua = "OCS-NG_unified_unix_agent_v2.10.0"
			}
			req := &handlers.Request{Request: &inventory.Request{DeviceID: "pc-2024-01-02-03-04-05", Query: "PROLOG"}, UserAgent: ua}
			if err := m.PrologRespond(context.Background(), req, p); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(p.Options, tt.want) {
				t.Errorf("options:\n%#v\nwant:\n%#v", p.Options, tt.want)
			}
			wantResp, wantConn := "STOP", ""
			if tt.want != nil {
				wantResp, wantConn = "SEND", "close"
			}
			if p.Response != wantResp || p.Header.Get("Connection") != wantConn {
				t.Errorf("RESPONSE %s, Connection %q; want %s, %q", p.Response, p.Header.Get("Connection"), wantResp, wantConn)
			}
		})
	}
}
