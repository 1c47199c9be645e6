package regquery

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"ocsd/internal/testdb"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/rs/zerolog"

	"ocsd/agentcompat"
	"ocsd/handlers"
	"ocsd/handlers/prolog"
	"ocsd/storage"
)

func TestRegistry(t *testing.T) {
	testdb.ForEachDialect(t, func(t *testing.T, db *storage.DB) {
		t.Run("prolog respond", func(t *testing.T) { testPrologRespond(t, db) })
		t.Run("prolog over http", func(t *testing.T) { testPrologHTTP(t, db) })
	})
}

func param(value, tree, key, name string) agentcompat.Node {
	return agentcompat.Param(value, agentcompat.Attr{Name: "REGTREE", Value: tree},
		agentcompat.Attr{Name: "REGKEY", Value: key}, agentcompat.Attr{Name: "NAME", Value: name})
}

func testPrologRespond(t *testing.T, db *storage.DB) {
	type row struct {
		name, key, value any
		tree             any
	}
	rows := []row{
		{"foo_version", `SOFTWARE\Foo`, "Version", 2},
		{"all_run", `SOFTWARE\Microsoft\Windows\CurrentVersion\Run`, "*", 2},
		{"no_tree", `Software\Bar`, nil, nil},
	}
	tests := []struct {
		name     string
		registry int64
		rows     []row
		response string
		want     []agentcompat.Node
	}{
		{name: "option off", registry: 0, rows: rows, response: "SEND"},
		{name: "no query configured", registry: 1, response: "SEND"},
		{
			name: "one param per row, even on STOP", registry: 1, rows: rows, response: "STOP",
			want: []agentcompat.Node{agentcompat.Option("REGISTRY",
				param("Version", "2", `SOFTWARE\Foo`, "foo_version"),
				param("*", "2", `SOFTWARE\Microsoft\Windows\CurrentVersion\Run`, "all_run"),
				param("", "", `Software\Bar`, "no_tree"),
			)},
		},
	}
	m := New(db)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			testdb.SetConfig(t, db, "REGISTRY", tt.registry)
			testdb.Exec(t, db, "DELETE FROM regconfig")
			for _, r := range tt.rows {
				testdb.Exec(t, db, "INSERT INTO regconfig (NAME, REGTREE, REGKEY, REGVALUE) VALUES (?, ?, ?, ?)", r.name, r.tree, r.key, r.value)
			}
			cfg, err := db.Settings(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			p := &handlers.PrologContext{Settings: cfg, Response: tt.response, Header: http.Header{}}
			if err := m.PrologRespond(context.Background(), testdb.Request(t, prologXML), p); err != nil {
				t.Fatalf("PrologRespond: %v", err)
			}
			if !reflect.DeepEqual(p.Options, tt.want) {
				t.Errorf("options:\n%#v\nwant:\n%#v", p.Options, tt.want)
			}
			if p.Response != tt.response {
				t.Errorf("RESPONSE changed to %s", p.Response)
			}
		})
	}
}

const prologXML = `<?xml version="1.0" encoding="UTF-8"?>
<REQUEST><DEVICEID>pc01-2024-01-02-03-04-05</DEVICEID><QUERY>PROLOG</QUERY></REQUEST>`

// testPrologHTTP sends a PROLOG through the endpoint with the registry
// module registered behind the real PROLOG handler.
func testPrologHTTP(t *testing.T, db *storage.DB) {
	testdb.SetConfig(t, db, "REGISTRY", 1)
	testdb.Exec(t, db, "DELETE FROM regconfig")
	testdb.Exec(t, db, "INSERT INTO regconfig (NAME, REGTREE, REGKEY, REGVALUE) VALUES (?, ?, ?, ?)", "foo_version", 2, `SOFTWARE\Foo`, "Version")
	reg := handlers.NewRegistry()
	reg.MustRegister(prolog.New(db, reg, time.Now), New(db))
	ep := handlers.NewEndpoint(reg, handlers.Options{}, zerolog.Nop(), nil, nil)
	r := httptest.NewRequest(http.MethodPost, "/ocsinventory", bytes.NewReader(agentcompat.Encode([]byte(prologXML), agentcompat.Zlib)))
	r.Header.Set("User-Agent", "OCS-NG_WINDOWS_AGENT_v2.11.0.1")
	w := httptest.NewRecorder()
	ep.ServeHTTP(w, r)
	if w.Code != http.StatusOK {
		t.Fatalf("status %d: %s", w.Code, w.Body)
	}
	dec, err := agentcompat.Decode(w.Body.Bytes(), agentcompat.DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	want := "  <OPTION>\n    <NAME>REGISTRY</NAME>\n" +
		`    <PARAM REGTREE="2" REGKEY="SOFTWARE\Foo" NAME="foo_version">Version</PARAM>` + "\n  </OPTION>\n"
	if !strings.Contains(string(dec.XML), want) {
		t.Errorf("reply lacks the REGISTRY option:\n%s", dec.XML)
	}
}
