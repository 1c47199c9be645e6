package soap

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/rs/zerolog"

	"ocsd/internal/testsupport"
	"ocsd/wsdl"
)

func TestAuthAndRefusals(t *testing.T) {
	db := openMigrated(t, testsupport.SQLiteDSN(t))
	cases := []struct {
		name   string
		opt    Options
		user   string
		pass   string
		status int
		want   string
	}{
		{"no credentials sent", Options{User: "u", Password: "p"}, "", "", 401, "credentials required"},
		{"wrong password", Options{User: "u", Password: "p"}, "u", "x", 401, ""},
		{"wrong user", Options{User: "u", Password: "p"}, "x", "p", 401, ""},
		{"unconfigured refuses", Options{}, "u", "p", 403, "--soap-user"},
		{"disabled", Options{User: "u", Password: "p", Disabled: true}, "u", "p", 403, "disabled"},
		{"right credentials", Options{User: "u", Password: "p"}, "u", "p", 200, "get_history_V1Response"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h, err := New(c.opt, db, zerolog.Nop())
			if err != nil {
				t.Fatal(err)
			}
			r := httptest.NewRequest(http.MethodPost, "/ocsinterface", strings.NewReader(liteEnvelope("get_history_V1", "0")))
			r.Header.Set("Content-Type", "text/xml")
			if c.user != "" {
				r.SetBasicAuth(c.user, c.pass)
			}
			w := httptest.NewRecorder()
			h.ServeHTTP(w, r)
			if w.Code != c.status || !strings.Contains(w.Body.String(), c.want) {
				t.Fatalf("got %d %q", w.Code, w.Body.String())
			}
			if c.status == 401 && w.Header().Get("WWW-Authenticate") != `Basic realm="OCS Inventory SOAP Area"` {
				t.Fatalf("challenge %q", w.Header().Get("WWW-Authenticate"))
			}
		})
	}
}

func TestNewRejectsBadOptions(t *testing.T) {
	db := openMigrated(t, testsupport.SQLiteDSN(t))
	if _, err := New(Options{User: "u", Password: "p", PageSize: -1}, db, zerolog.Nop()); err == nil {
		t.Fatal("negative page size accepted")
	}
	if _, err := New(Options{User: "u", Password: "p"}, nil, zerolog.Nop()); err == nil {
		t.Fatal("nil backend accepted")
	}
}

func TestHTTPLevel(t *testing.T) {
	s := newTestServer(t, Options{MaxBody: 4096})
	env := liteEnvelope("get_history_V1", "0")
	cases := []struct {
		name   string
		body   string
		hdr    map[string]string
		status int
		want   string
	}{
		{"plain", env, nil, 200, "EVENTS"},
		{"soap 1.2 content type", env, map[string]string{"Content-Type": "application/soap+xml; charset=utf-8"}, 200, "EVENTS"},
		{"bad content type", env, map[string]string{"Content-Type": "application/json"}, 500, "Content-Type must be"},
		{"deflate", string(deflate(env)), map[string]string{"Content-Encoding": "deflate"}, 200, "EVENTS"},
		{"bad encoding", env, map[string]string{"Content-Encoding": "br"}, 415, ""},
		{"too large", env + strings.Repeat(" ", 5000), nil, 413, ""},
		{"deflate bomb", string(deflate(env + strings.Repeat(" ", 50000))), map[string]string{"Content-Encoding": "deflate"}, 413, ""},
		{"empty", "", nil, 400, ""},
		{"not xml", "hello", nil, 500, "soap:Client"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, hdr, body := s.post(t, c.body, c.hdr)
			if code != c.status || !strings.Contains(body, c.want) {
				t.Fatalf("got %d %q", code, body)
			}
			if code == 200 && hdr.Get("Content-Type") != "text/xml; charset=utf-8" {
				t.Fatalf("content type %q", hdr.Get("Content-Type"))
			}
		})
	}
}

func TestGzipReply(t *testing.T) {
	s := newTestServer(t, Options{})
	events := make([][]any, 30)
	for i := range events {
		events[i] = []any{"2024-04-01 08:00:00", "pc-2024-01-01-00-00-00"}
	}
	must(t, s.db.FixtureBulk(context.Background(), "deleted_equiv", []string{"DATE", "DELETED"}, events))
	code, hdr, body := s.post(t, liteEnvelope("get_history_V1", "0"), map[string]string{"Accept-Encoding": "gzip, deflate"})
	if code != 200 || hdr.Get("Content-Encoding") != "gzip" {
		t.Fatalf("got %d, encoding %q", code, hdr.Get("Content-Encoding"))
	}
	zr, err := gzip.NewReader(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	plain, _ := io.ReadAll(zr)
	if !bytes.Contains(plain, []byte("&lt;EVENT&gt;")) {
		t.Fatalf("gunzipped reply: %s", plain)
	}
	_, hdr, _ = s.post(t, liteEnvelope("get_history_V1", "0"), map[string]string{"Accept-Encoding": "gzip;q=0"})
	if hdr.Get("Content-Encoding") != "" {
		t.Fatal("gzip sent to a client refusing it")
	}
}

func TestMethodsAndWSDL(t *testing.T) {
	s := newTestServer(t, Options{})
	for _, m := range []string{http.MethodGet, http.MethodPut} {
		r := httptest.NewRequest(m, "/ocsinterface", nil)
		r.SetBasicAuth("ocssoap", "secret")
		w := httptest.NewRecorder()
		s.h.ServeHTTP(w, r)
		if w.Code != 405 {
			t.Fatalf("%s: %d", m, w.Code)
		}
	}
	r := httptest.NewRequest(http.MethodGet, "http://ocs.example:8080/ocsinterface?wsdl", nil)
	r.SetBasicAuth("ocssoap", "secret")
	w := httptest.NewRecorder()
	s.h.ServeHTTP(w, r)
	if w.Code != 200 || !strings.Contains(w.Body.String(), `location="http://ocs.example:8080/ocsinterface?parts=joined"`) {
		t.Fatalf("wsdl: %d %s", w.Code, w.Body.String())
	}
}

// TestEveryWSDLOperationIsServed proves the server answers every operation
// of the WSDL and nothing else: not OCS's accidentally exposed helpers, not
// the method the GLPI plugin's client has commented out.
func TestEveryWSDLOperationIsServed(t *testing.T) {
	s := newTestServer(t, Options{})
	for _, op := range wsdl.Operations() {
		code, _, body := s.post(t, liteEnvelope(op.Name), nil)
		if strings.Contains(body, "Failed to locate method") || code == 405 {
			t.Errorf("%s not served: %d %s", op.Name, code, body)
		}
	}
	for _, m := range []string{"send_error", "decode_xml", "search_engine", "get_sth", "do_sql", "database_connect",
		"build_xml_standard_section", "get_custom_field_name_map", "get_deleted_computers_V1", "GetComputersV1", "new"} {
		code, _, body := s.post(t, liteEnvelope(m), nil)
		if code != 500 || !strings.Contains(body, "Failed to locate method ("+m+") in class (Apache::Ocsinventory::Interface)") {
			t.Errorf("%s callable: %d %s", m, code, body)
		}
	}
}

func TestDispatchRules(t *testing.T) {
	s := newTestServer(t, Options{})
	env := func(ns string) string {
		return strings.Replace(liteEnvelope("get_history_V1", "0"), `xmlns="`+testNS+`"`, ns, 1)
	}
	cases := []struct {
		name, body, action string
		status             int
		want               string
	}{
		{"urn slash", env(`xmlns="urn:Apache/Ocsinventory/Interface"`), "", 200, "EVENTS"},
		{"urn colons", env(`xmlns="urn:Apache::Ocsinventory::Interface"`), "", 200, "EVENTS"},
		{"any host", env(`xmlns="https://x/Apache/Ocsinventory/Interface"`), "", 200, `xmlns="https://x/Apache/Ocsinventory/Interface"`},
		{"other class", env(`xmlns="urn:ocs"`), "", 500, "Failed to access class (ocs)"},
		{"no namespace", env(``), "", 500, "Denied access to method (get_history_V1) in class (main)"},
		{"action hash", liteEnvelope("get_history_V1", "0"), `"` + testNS + `#get_history_V1"`, 200, "EVENTS"},
		{"action slash", liteEnvelope("get_history_V1", "0"), testNS + `/get_history_V1`, 200, "EVENTS"},
		{"action empty", liteEnvelope("get_history_V1", "0"), `""`, 200, "EVENTS"},
		{"action mismatch", liteEnvelope("get_history_V1", "0"), `"urn:x#y"`, 500, "SOAPAction shall match"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			hdr := map[string]string{}
			if c.action != "" {
				hdr["SOAPAction"] = c.action
			}
			code, _, body := s.post(t, c.body, hdr)
			if code != c.status || !strings.Contains(body, c.want) {
				t.Fatalf("got %d %s", code, body)
			}
			if code == 500 && !strings.Contains(body, "<faultcode>soap:Client</faultcode>") {
				t.Fatalf("fault code: %s", body)
			}
		})
	}
}

// TestSOAP12Call runs a whole SOAP 1.2 call: the reply uses the 1.2
// envelope, its faults the 1.2 structure, and still text/xml.
func TestSOAP12Call(t *testing.T) {
	s := newTestServer(t, Options{})
	env := `<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope"><env:Body>` +
		`<m:ocs_config_V1 xmlns:m="urn:Apache/Ocsinventory/Interface"><key>bad key</key></m:ocs_config_V1></env:Body></env:Envelope>`
	code, hdr, body := s.post(t, env, map[string]string{"Content-Type": "application/soap+xml; charset=utf-8"})
	if code != 200 || !strings.Contains(body, `xmlns:soap="http://www.w3.org/2003/05/soap-envelope"`) ||
		!strings.Contains(body, "BAD_KEY") || hdr.Get("Content-Type") != "text/xml; charset=utf-8" {
		t.Fatalf("%d %s", code, body)
	}
	code, _, body = s.post(t, strings.Replace(env, "ocs_config_V1", "nope", 2), map[string]string{"Content-Type": "application/soap+xml"})
	if code != 500 || !strings.Contains(body, "<soap:Value>soap:Sender</soap:Value>") {
		t.Fatalf("%d %s", code, body)
	}
}
