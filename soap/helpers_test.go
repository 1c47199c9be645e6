package soap

import (
	"bytes"
	"compress/zlib"
	"encoding/xml"
	"html"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"ocsd/internal/testsupport"
	"ocsd/storage"
	"ocsd/wsdl"
)

const testNS = "http://127.0.0.1:8082/Apache/Ocsinventory/Interface"

// liteEnvelope builds a request as SOAP::Lite 1.27 sends it.
func liteEnvelope(method string, params ...string) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?><soap:Envelope soap:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/" xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:soapenc="http://schemas.xmlsoap.org/soap/encoding/" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soap:Body><`)
	b.WriteString(method + ` xmlns="` + testNS + `">`)
	for i, p := range params {
		name := "c-gensym" + string(rune('3'+i))
		b.WriteString("<" + name + ` xsi:type="xsd:string">` + html.EscapeString(p) + "</" + name + ">")
	}
	b.WriteString("</" + method + "></soap:Body></soap:Envelope>")
	return b.String()
}

// testServer is the handler under test and the database behind it.
type testServer struct {
	h  http.Handler
	db *storage.DB
}

// newTestServer serves a fresh, migrated SQLite database. Selections are
// not cached unless opt says otherwise, so fixtures written between two
// calls show in the second.
func newTestServer(t *testing.T, opt Options) *testServer {
	t.Helper()
	if opt.SelectionTTL == 0 {
		opt.SelectionTTL = -1
	}
	return dbServer(t, openMigrated(t, testsupport.SQLiteDSN(t)), opt)
}

// post sends body with SOAPAction uri#method and returns status, headers and body.
func (s *testServer) post(t *testing.T, body string, hdr map[string]string) (int, http.Header, string) {
	t.Helper()
	r := httptest.NewRequest(http.MethodPost, "/ocsinterface", strings.NewReader(body))
	r.Header.Set("Content-Type", "text/xml; charset=utf-8")
	r.SetBasicAuth("ocssoap", "secret")
	for k, v := range hdr {
		if v == "" {
			r.Header.Del(k)
			continue
		}
		r.Header.Set(k, v)
	}
	w := httptest.NewRecorder()
	s.h.ServeHTTP(w, r)
	out, _ := io.ReadAll(w.Result().Body)
	return w.Code, w.Result().Header, string(out)
}

// call runs method with string params and returns the decoded parts.
func (s *testServer) call(t *testing.T, method string, params ...string) []part {
	t.Helper()
	code, _, body := s.post(t, liteEnvelope(method, params...), map[string]string{"SOAPAction": `"` + testNS + "#" + method + `"`})
	if code != http.StatusOK {
		t.Fatalf("%s: HTTP %d: %s", method, code, body)
	}
	return parseParts(t, body)
}

// part is one returned value of a reply.
type part struct {
	Name, Type, Text string
	Nil              bool
}

// parseParts reads the children of the response element.
func parseParts(t *testing.T, body string) []part {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(body))
	var out []part
	depth := 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatalf("reply does not parse: %v\n%s", err, body)
		}
		switch el := tok.(type) {
		case xml.StartElement:
			depth++
			if depth == 4 {
				p := part{Name: el.Name.Local}
				for _, a := range el.Attr {
					switch a.Name.Local {
					case "type":
						p.Type = a.Value
					case "nil":
						p.Nil = a.Value == "true"
					}
				}
				var text string
				if err := d.DecodeElement(&text, &el); err != nil {
					t.Fatal(err)
				}
				p.Text = text
				out = append(out, p)
				depth--
			}
		case xml.EndElement:
			depth--
		}
	}
}

func deflate(s string) []byte {
	var b bytes.Buffer
	w := zlib.NewWriter(&b)
	_, _ = w.Write([]byte(s))
	_ = w.Close()
	return b.Bytes()
}

var reGensym = regexp.MustCompile(`s-gensym\d+`)

var _ = wsdl.Operations

func postURL(t *testing.T, s *testServer, url, body string) (int, string) {
	t.Helper()
	r := httptest.NewRequest(http.MethodPost, url, strings.NewReader(body))
	r.Header.Set("Content-Type", "text/xml")
	r.SetBasicAuth("ocssoap", "secret")
	w := httptest.NewRecorder()
	s.h.ServeHTTP(w, r)
	return w.Code, w.Body.String()
}
