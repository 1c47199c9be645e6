package soap

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os/exec"
	"strings"
	"sync/atomic"
	"testing"

	"ocsd/internal/testsupport"
)

// clientCall is one call a real client makes, with what it must get back.
type clientCall struct {
	method string
	args   []any
	// want checks the result: a fault, or the parts as the client sees them.
	want func(r clientResult) bool
}

// clientResult is what a client script prints for one call.
type clientResult struct {
	Fault  string    `json:"fault"`
	Type   string    `json:"type"`
	Parts  []*string `json:"parts"`
	Joined string    `json:"joined"`
}

// text is every part joined, as the GLPI plugin implode()s them.
func (r clientResult) text() string {
	var b strings.Builder
	for _, p := range r.Parts {
		if p != nil {
			b.WriteString(*p)
		}
	}
	return b.String()
}

func isNil(r clientResult) bool { return r.Fault == "" && len(r.Parts) == 1 && r.Parts[0] == nil }
func has(s string) func(clientResult) bool {
	return func(r clientResult) bool { return r.Fault == "" && strings.Contains(r.text(), s) }
}
func equals(vals ...string) func(clientResult) bool {
	return func(r clientResult) bool {
		if r.Fault != "" || len(r.Parts) != 1 || r.Parts[0] == nil {
			return false
		}
		for _, v := range vals {
			if *r.Parts[0] == v {
				return true
			}
		}
		return false
	}
}

// clientScript is the sequence every client runs against a fresh database:
// each of the fifteen methods, in-band errors, a fault.
func clientScript(multipart bool) []clientCall {
	meta := req("<ASKING_FOR>META</ASKING_FOR><CHECKSUM>131071</CHECKSUM><OFFSET>0</OFFSET>")
	return []clientCall{
		{"ocs_config_V2", []any{"LOGLEVEL"}, has("<IVALUE>0</IVALUE>")},
		{"ocs_config_V2", []any{"TRACE_DELETED", 1, ""}, has("<IVALUE>1</IVALUE>")},
		{"ocs_config_V1", []any{"PROLOG_FREQ"}, equals("24")},
		{"ocs_config_V1", []any{"NO_SUCH_KEY"}, has("KEY_NOT_SUPPORTED")},
		{"get_computers_V1", []any{meta}, func(r clientResult) bool {
			ok := has("<DATABASEID>4</DATABASEID>")(r) && strings.HasPrefix(r.text(), "<COMPUTERS>\n<COMPUTER>")
			return ok && (!multipart || len(r.Parts) == 6)
		}},
		{"get_computers_V1", []any{req("<ID>1</ID><CHECKSUM>131071</CHECKSUM><WANTED>3</WANTED>")}, func(r clientResult) bool {
			// A computer is sent as its section blocks; the client must get them whole, in order.
			return has("<HARDWARE>\n    <ARCH></ARCH>")(r) && strings.HasPrefix(r.text(), "<COMPUTERS>\n<COMPUTER>\n  <ACCOUNTINFO>") &&
				strings.HasSuffix(r.text(), "  </HARDWARE>\n</COMPUTER>\n</COMPUTERS>\n")
		}},
		{"get_computers_V1", []any{req("<OFFSET>x</OFFSET>")}, has("<ERROR>BAD_OFFSET</ERROR>")},
		{"get_computers_V1", []any{"<REQUEST>"}, equals(malformedXML)},
		{"get_snmp_V1", []any{req("")}, has("<SNMP_DEVICES>\n</SNMP_DEVICES>\n")},
		{"reset_checksum_V1", []any{0, 1, 2}, equals("2")},
		{"reset_checksum_V1", []any{0, 999}, equals("0E0", "0")},
		{"get_history_V1", []any{0}, equals("<EVENTS>\n</EVENTS>\n")},
		{"clear_history_V1", []any{0}, equals("0")},
		{"get_dico_soft_element_V1", []any{"café-app"}, equals("Café App")},
		{"get_dico_soft_element_V1", []any{"nope"}, isNil},
		{"get_ipdiscover_devices_V1", []any{"2020-01-01", 0}, has("<RESULT>\n</RESULT>\n")},
		{"ipdiscover_create_type_V1", []any{"Printer"}, equals("1")},
		{"ipdiscover_tag_V1", []any{"00:11:22:33:44:55", "hp", "Printer", "admin"}, equals("1")},
		{"ipdiscover_untag_V1", []any{"00:11:22:33:44:55"}, equals("1")},
		{"ipdiscover_remove_V1", []any{"00:11:22:33:44:55"}, equals("0E0", "0")},
		{"ipdiscover_delete_type_V1", []any{"Printer"}, equals("1")},
		{"delete_computers_by_id_V1", []any{4}, equals("OK")},
		{"get_history_V1", []any{0}, has("<DELETED>4</DELETED>")},
		{"get_deleted_computers_V1", []any{"x"}, func(r clientResult) bool {
			// WSDL-mode PHP refuses it itself: the WSDL does not declare it.
			return strings.Contains(r.Fault, "Failed to locate method") || strings.Contains(r.Fault, "not a valid method")
		}},
	}
}

// clientServer serves a fresh seeded SQLite database over HTTP; compressed
// counts the requests that came compressed and the replies sent gzipped.
func clientServer(t *testing.T) (url string, compressed *[2]atomic.Int64) {
	t.Helper()
	db := openMigrated(t, testsupport.SQLiteDSN(t))
	seedComputers(t, db)
	ctx := context.Background()
	must(t, db.FixtureRows(ctx, "dico_soft", map[string]any{"EXTRACTED": "café-app", "FORMATTED": "Café App"}))
	must(t, db.SetConfig(ctx, "PROLOG_FREQ", int64p(24), nil))
	must(t, db.SetConfig(ctx, "LOGLEVEL", int64p(0), nil))
	if ok, _ := db.OperatorExists(ctx, "admin"); !ok {
		must(t, db.FixtureRows(ctx, "operators", map[string]any{"ID": "admin"}))
	}
	h := dbServer(t, db, Options{}).h
	compressed = new([2]atomic.Int64)
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Content-Encoding") != "" {
			compressed[0].Add(1)
		}
		h.ServeHTTP(w, r)
		if w.Header().Get("Content-Encoding") == "gzip" {
			compressed[1].Add(1)
		}
	}))
	t.Cleanup(ts.Close)
	return ts.URL, compressed
}

// runClient runs a client script and checks every result.
func runClient(t *testing.T, multipart bool, name string, args ...string) {
	t.Helper()
	script := clientScript(multipart)
	calls := make([][]any, len(script))
	for i, c := range script {
		calls[i] = []any{c.method, c.args}
	}
	in, _ := json.Marshal(calls)
	cmd := exec.Command(name, args...)
	cmd.Stdin = bytes.NewReader(in)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s: %v\n%s", name, err, stderr.String())
	}
	var results []clientResult
	if err := json.Unmarshal(out, &results); err != nil || len(results) != len(script) {
		t.Fatalf("%s output (%v):\n%s\n%s", name, err, out, stderr.String())
	}
	for i, c := range script {
		if !c.want(results[i]) {
			t.Errorf("%s%v: got %+v (%q)", c.method, c.args, results[i], results[i].text())
		}
	}
}

func needPHP(t *testing.T) {
	t.Helper()
	out, err := exec.Command("php", "-m").Output()
	if err != nil {
		testsupport.Unavailable(t, "php CLI not installed: %v", err)
	}
	if !bytes.Contains(out, []byte("soap")) {
		testsupport.Unavailable(t, "php-soap extension not installed")
	}
}

// TestPHPGLPIClient runs PHP SoapClient in non-WSDL mode, configured as
// GLPI's ocsinventoryng plugin configures it, through every method.
func TestPHPGLPIClient(t *testing.T) {
	needPHP(t)
	url, _ := clientServer(t)
	runClient(t, true, "php", "testdata/glpi_client.php", url, "ocssoap", "secret")
}

// TestPHPWSDLClient runs PHP SoapClient in WSDL mode on the served WSDL.
func TestPHPWSDLClient(t *testing.T) {
	needPHP(t)
	url, _ := clientServer(t)
	runClient(t, false, "php", "testdata/glpi_client.php", url, "ocssoap", "secret", "wsdl")
}

// TestPerlSOAPLiteClient runs SOAP::Lite as OCS's soap-client.pl does,
// plain and with its HTTP compression on (gzip requests and replies).
func TestPerlSOAPLiteClient(t *testing.T) {
	if err := exec.Command("perl", "-MSOAP::Lite", "-MJSON::PP", "-e", "1").Run(); err != nil {
		testsupport.Unavailable(t, "perl with SOAP::Lite not installed: %v", err)
	}
	for _, mode := range []string{"plain", "compress"} {
		t.Run(mode, func(t *testing.T) {
			url, compressed := clientServer(t)
			runClient(t, true, "perl", "testdata/soaplite_client.pl", url, "ocssoap", "secret", mode)
			if mode == "compress" && (compressed[0].Load() == 0 || compressed[1].Load() == 0) {
				t.Fatalf("compressed requests %d, gzipped replies %d", compressed[0].Load(), compressed[1].Load())
			}
		})
	}
}
