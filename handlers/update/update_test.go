package update

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"ocsd/internal/testdb"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rs/zerolog"

	"ocsd/agentcompat"
	"ocsd/handlers"
	"ocsd/internal/testsupport"
	"ocsd/inventory"
	"ocsd/storage"
)

func TestPerlNumber(t *testing.T) {
	tests := []struct {
		in   string
		want float64
	}{
		{"2.10.0", 2.1},
		{"4061", 4061},
		{" 12abc", 12},
		{"-3.5", -3.5},
		{".5", 0.5},
		{"1e3", 1000},
		{"1e", 1},
		{"v2", 0},
		{"", 0},
		{"+", 0},
	}
	for _, tt := range tests {
		if got := perlNumber(tt.in); got != tt.want {
			t.Errorf("perlNumber(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

const noUpdate = "<?xml version='1.0' encoding='UTF-8'?>\n<REPLY>\n  <RESPONSE>NO_UPDATE</RESPONSE>\n</REPLY>\n"

// TestUpdate runs the handler cases, then the capture replay, on one
// database per dialect.
func TestUpdate(t *testing.T) {
	testdb.ForEachDialect(t, func(t *testing.T, db *storage.DB) {
		t.Run("handle", func(t *testing.T) { testHandle(t, db) })
		t.Run("capture 0014", func(t *testing.T) { testCapture0014(t, db) })
	})
}

// file is a row of the files table.
type file struct{ name, version, os string }

type handleCase struct {
	name    string
	update  int64
	files   []file
	request string
	want    string // reply document; "" when the request must be refused
}

// handleCases are UPDATE requests against a files table.
func handleCases() []handleCase {
	return []handleCase{
		{
			name: "option off answers NO_UPDATE whatever the platform", update: 0,
			files:   []file{{"ocsagent", "9", "LINUX"}},
			request: `<REQUEST><QUERY>UPDATE</QUERY><PLATFORM>solaris</PLATFORM></REQUEST>`,
			want:    noUpdate,
		},
		{
			name: "unknown platform refused", update: 1,
			request: `<REQUEST><QUERY>UPDATE</QUERY><PLATFORM>SOLARIS</PLATFORM><AGENT>1</AGENT></REQUEST>`,
		},
		{
			name: "missing agent version refused", update: 1,
			request: `<REQUEST><QUERY>UPDATE</QUERY><PLATFORM>WINDOWS</PLATFORM><AGENT></AGENT></REQUEST>`,
		},
		{
			name: "no file for the platform", update: 1,
			files:   []file{{"ocsagent.exe", "4062", "WINDOWS"}},
			request: `<REQUEST><QUERY>UPDATE</QUERY><PLATFORM>LINUX</PLATFORM><AGENT>2.10.0</AGENT></REQUEST>`,
			want:    noUpdate,
		},
		{
			name: "same version, lower-case platform", update: 1,
			files:   []file{{"unified_agent", "2.10.0", "LINUX"}, {"unified_agent", "2.1", "LINUX"}},
			request: `<REQUEST><QUERY>UPDATE</QUERY><PLATFORM>linux</PLATFORM><AGENT>2.10.0</AGENT></REQUEST>`,
			want:    noUpdate,
		},
		{
			name: "newest agent, dmi and ipdiscover offered", update: 1,
			files: []file{
				{"OcsAgent.exe", "4061", "WINDOWS"}, {"OcsAgent.exe", "4062", "WINDOWS"},
				{"dmidecode", "2.9", "WINDOWS"}, {"ipdiscover", "7", "WINDOWS"}, {"ipdiscover", "5", "WINDOWS"},
				{"OcsAgent.exe", "9999", "LINUX"},
			},
			request: `<REQUEST><QUERY>UPDATE</QUERY><PLATFORM>Windows</PLATFORM><AGENT>4061</AGENT>` +
				`<DMI>2.8</DMI><IPDISCOVER>7</IPDISCOVER></REQUEST>`,
			want: "<?xml version='1.0' encoding='UTF-8'?>\n<REPLY>\n  <RESPONSE>UPDATE</RESPONSE>\n" +
				"  <AGENT>4062</AGENT>\n  <DMI>2.9</DMI>\n</REPLY>\n",
		},
		{
			name: "dmi not asked is not offered", update: 1,
			files:   []file{{"ocsagent", "3", "MAC"}, {"dmi", "2", "MAC"}},
			request: `<REQUEST><QUERY>UPDATE</QUERY><PLATFORM>MAC</PLATFORM><AGENT>3.0</AGENT></REQUEST>`,
			want:    noUpdate,
		},
	}
}

func testHandle(t *testing.T, db *storage.DB) {
	tests := handleCases()
	m := New(db)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			testdb.SetConfig(t, db, "UPDATE", tt.update)
			testdb.Exec(t, db, "DELETE FROM files")
			for _, f := range tt.files {
				testdb.Exec(t, db, "INSERT INTO files (NAME, VERSION, OS, CONTENT) VALUES (?, ?, ?, ?)", f.name, f.version, f.os, []byte("bin"))
			}
			resp, err := m.Handle(context.Background(), testdb.Request(t, tt.request))
			if tt.want == "" {
				if inventory.CodeOf(err) != inventory.Invalid {
					t.Fatalf("Handle error = %v, want an Invalid error", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("Handle: %v", err)
			}
			if got := string(resp.Reply.Bytes()); got != tt.want {
				t.Errorf("reply:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}

// capture reads the decoded body of a reference capture file.
func capture(t *testing.T, name string) []byte {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(testsupport.SharedDir(t), "reference", "agents", name))
	if err != nil {
		t.Fatal(err)
	}
	i := bytes.Index(raw, []byte("\n# body:"))
	if i < 0 {
		t.Fatalf("%s: no body marker", name)
	}
	rest := raw[i+1:]
	return rest[bytes.IndexByte(rest, '\n')+1:]
}

// testCapture0014 replays the UnixAgent's UPDATE through the HTTP endpoint
// with UPDATE off, as OCS seeds it: 200, compressed in the request's encoding,
// the very reply OCS sent.
func testCapture0014(t *testing.T, db *storage.DB) {
	req := capture(t, "0014-ocsagent-UPDATE-resp_NO_UPDATE.req.txt")
	want := capture(t, "0014-ocsagent-UPDATE-resp_NO_UPDATE.resp.txt")
	testdb.SetConfig(t, db, "UPDATE", 0)
	reg := handlers.NewRegistry().MustRegister(New(db))
	ep := handlers.NewEndpoint(reg, handlers.Options{}, zerolog.Nop(), nil, nil)
	for _, enc := range []agentcompat.Encoding{agentcompat.Zlib, agentcompat.Gzip} {
		t.Run(enc.String(), func(t *testing.T) {
			r := httptest.NewRequest(http.MethodPost, "/ocsinventory", bytes.NewReader(agentcompat.Encode(req, enc)))
			r.Header.Set("User-Agent", "OCS-NG_unified_unix_agent_v2.10.0")
			w := httptest.NewRecorder()
			ep.ServeHTTP(w, r)
			if w.Code != http.StatusOK {
				t.Fatalf("status %d: %s", w.Code, w.Body)
			}
			if ct := w.Header().Get("Content-Type"); ct != agentcompat.ContentType {
				t.Errorf("Content-Type %q", ct)
			}
			dec, err := agentcompat.Decode(w.Body.Bytes(), agentcompat.DefaultLimits())
			if err != nil {
				t.Fatalf("decode reply: %v", err)
			}
			if dec.Encoding != enc || string(dec.XML) != string(want) {
				t.Errorf("reply %v:\n%s\nwant %v:\n%s", dec.Encoding, dec.XML, enc, want)
			}
		})
	}
	t.Run("refused platform is a 400", func(t *testing.T) {
		testdb.SetConfig(t, db, "UPDATE", 1)
		body := strings.Replace(string(req), "linux", "beos", 1)
		r := httptest.NewRequest(http.MethodPost, "/ocsinventory", bytes.NewReader(agentcompat.Encode([]byte(body), agentcompat.Zlib)))
		w := httptest.NewRecorder()
		ep.ServeHTTP(w, r)
		if w.Code != http.StatusBadRequest {
			t.Fatalf("status %d, want 400", w.Code)
		}
	})
}
