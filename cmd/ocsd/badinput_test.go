package main

import (
	"bytes"
	"compress/zlib"
	"net/http"
	"strings"
	"testing"

	"ocsd/agentcompat"
)

// rawPost sends body as is (no encoding by the test).
func (s *testServer) rawPost(t *testing.T, body []byte) (int, http.Header, string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, s.URL+"/ocsinventory", bytes.NewReader(body))
	req.Header.Set("User-Agent", "OCS-NG_unified_unix_agent_v2.10.0")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var b bytes.Buffer
	_, _ = b.ReadFrom(resp.Body)
	return resp.StatusCode, resp.Header, b.String()
}

func zlibBytes(b []byte) []byte {
	var out bytes.Buffer
	w := zlib.NewWriter(&out)
	_, _ = w.Write(b)
	_ = w.Close()
	return out.Bytes()
}

// TestBadInputRefusedCleanly: every malformed or oversized request gets a
// clear 4xx with a request id, and nothing is written.
func TestBadInputRefusedCleanly(t *testing.T) {
	inv := string(baseMachine(1).doc())
	deep := "<REQUEST><DEVICEID>d-2024-01-02-03-04-05</DEVICEID><QUERY>INVENTORY</QUERY><CONTENT>" +
		strings.Repeat("<A>", 100) + strings.Repeat("</A>", 100) + "</CONTENT></REQUEST>"
	many := "<REQUEST><DEVICEID>d-2024-01-02-03-04-05</DEVICEID><QUERY>INVENTORY</QUERY><CONTENT>" +
		strings.Repeat("<SOFTWARES><NAME>x</NAME></SOFTWARES>", 2000) + "</CONTENT></REQUEST>"
	bomb := zlibBytes(bytes.Repeat([]byte("<"), 4<<20))
	cases := []struct {
		name   string
		body   []byte
		status int
	}{
		{"not compressed nor XML", []byte("\x00\x01garbage"), http.StatusBadRequest},
		{"truncated zlib", zlibBytes([]byte(inv))[:200], http.StatusBadRequest},
		{"malformed XML", zlibBytes([]byte(strings.Replace(inv, "</HARDWARE>", "", 1))), http.StatusBadRequest},
		{"bad DEVICEID", zlibBytes([]byte(strings.Replace(inv, "pc1-2024-01-02-03-04-05", "pc1", 1))), http.StatusBadRequest},
		{"no QUERY", zlibBytes([]byte(strings.Replace(inv, "<QUERY>INVENTORY</QUERY>", "", 1))), http.StatusBadRequest},
		{"unknown QUERY", zlibBytes([]byte(strings.Replace(inv, "<QUERY>INVENTORY</QUERY>", "<QUERY>FOO</QUERY>", 1))), http.StatusBadRequest},
		{"DOCTYPE", zlibBytes([]byte(`<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]>` + inv[strings.Index(inv, "<REQUEST>"):])), http.StatusBadRequest},
		{"body over cap", bytes.Repeat([]byte("<"), 300<<10), http.StatusRequestEntityTooLarge},
		{"inflates past ratio", bomb, http.StatusRequestEntityTooLarge},
		{"too deep", zlibBytes([]byte(deep)), http.StatusRequestEntityTooLarge},
		{"too many elements", zlibBytes([]byte(many)), http.StatusRequestEntityTooLarge},
	}
	s := newTestServer(t, dialectsSQLite(t), "--max-body", "262144", "--max-xml-depth", "32", "--max-xml-elements", "3000", "--max-ratio", "100")
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			status, hdr, body := s.rawPost(t, c.body)
			if status != c.status {
				t.Fatalf("status %d, want %d: %s", status, c.status, body)
			}
			id := hdr.Get("X-Request-Id")
			if id == "" || !strings.Contains(s.logs.String(), `"request_id":"`+id+`"`) {
				t.Errorf("request id %q missing from the reply or the log", id)
			}
			if n := s.count(t, "SELECT COUNT(*) FROM hardware"); n != 0 {
				t.Errorf("a refused request wrote %d machines", n)
			}
		})
	}
}

func dialectsSQLite(t *testing.T) string { return dialects(t)["sqlite"](t) }

// TestCharsetRepair: a latin-1 inventory (declared or mis-declared as UTF-8)
// is stored as proper UTF-8, and control characters are stripped.
func TestCharsetRepair(t *testing.T) {
	utf := "Microsoft Windows 7 Édition Intégrale"
	latin1 := []byte{}
	for _, r := range utf {
		latin1 = append(latin1, byte(r))
	}
	mk := func(decl string, name []byte, id string) []byte {
		var b bytes.Buffer
		b.WriteString(decl + "<REQUEST><DEVICEID>" + id + "</DEVICEID><QUERY>INVENTORY</QUERY><CONTENT><HARDWARE><NAME>w7</NAME><OSNAME>")
		b.Write(name)
		b.WriteString("</OSNAME><WORKGROUP>WORK\x01GROUP\x1f</WORKGROUP></HARDWARE></CONTENT></REQUEST>")
		return b.Bytes()
	}
	cases := map[string][]byte{
		"w7a-2024-01-02-03-04-05": mk(`<?xml version="1.0" encoding="ISO-8859-1"?>`, latin1, "w7a-2024-01-02-03-04-05"),
		"w7b-2024-01-02-03-04-05": mk(`<?xml version="1.0" encoding="UTF-8"?>`, latin1, "w7b-2024-01-02-03-04-05"),
		"w7c-2024-01-02-03-04-05": mk(``, []byte(utf), "w7c-2024-01-02-03-04-05"),
	}
	for name, dsn := range dialects(t) {
		t.Run(name, func(t *testing.T) {
			s := newTestServer(t, dsn(t))
			for id, doc := range cases {
				if status, body := s.post(t, doc, agentcompat.Zlib, "OCS-NG_unified_unix_agent_v2.10.0"); status != http.StatusOK {
					t.Fatalf("%s: status %d %s", id, status, body)
				}
				var os, wg string
				if err := s.DB.SQL().QueryRow("SELECT OSNAME, WORKGROUP FROM hardware WHERE DEVICEID = ?", id).Scan(&os, &wg); err != nil {
					t.Fatal(err)
				}
				if os != utf {
					t.Errorf("%s: OSNAME %q, want %q", id, os, utf)
				}
				if wg != "WORKGROUP" {
					t.Errorf("%s: control characters kept: %q", id, wg)
				}
			}
		})
	}
}
