package download_test

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/rs/zerolog"

	"ocsd/agentcompat"
	"ocsd/handlers"
	"ocsd/handlers/download"
	"ocsd/handlers/prolog"
	"ocsd/internal/testsupport"
	"ocsd/inventory"
	"ocsd/storage"
)

var _ download.Store = (*storage.DB)(nil)

const deviceID = "pc1-2024-01-02-03-04-05"

func openDB(t *testing.T, dsn string) *storage.DB {
	t.Helper()
	ctx := context.Background()
	db, err := storage.Open(ctx, dsn, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	return db
}

func exec(t *testing.T, db *storage.DB, q string, args ...any) {
	t.Helper()
	if _, err := db.SQL().Exec(q, args...); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
}

// fleet: machine 1 (the agent), machine 2 (a redistribution server), a
// group 3 machine 1 belongs to, and four package activations.
func fleet(t *testing.T, db *storage.DB) {
	t.Helper()
	exec(t, db, "UPDATE config SET IVALUE = 1 WHERE NAME = 'DOWNLOAD'")
	exec(t, db, "INSERT INTO hardware (ID, DEVICEID, NAME, IPADDR) VALUES (1, ?, 'pc1', '192.0.2.1'), (2, 'srv-2024-01-02-03-04-05', 'srv', '192.0.2.2'), (3, '_DOWNLOADGROUP_', 'grp', NULL)", deviceID)
	exec(t, db, "INSERT INTO groups_cache (HARDWARE_ID, GROUP_ID, STATIC) VALUES (1, 3, 1)")
	for _, p := range []struct {
		id               int
		file, pack, cert string
		server           any
	}{
		{10, "1700000010", "ocs.example/download", "", nil},
		{11, "1700000011", "ocs.example/download", "", nil},
		{12, "1700000012", "$IP$/download/$NAME$", "CA/cacert.pem", 2},
		{13, "1700000013", "ocs.example/download", "", nil},
	} {
		exec(t, db, "INSERT INTO download_enable (ID, FILEID, INFO_LOC, PACK_LOC, CERT_PATH, CERT_FILE, SERVER_ID) VALUES (?, ?, 'ocs.example/download', ?, '', ?, ?)",
			p.id, p.file, p.pack, p.cert, p.server)
	}
	// 10: plain assignment; 11: already installed; 12: through a
	// redistribution server, forced, scheduled; 13: through the group.
	exec(t, db, "INSERT INTO devices (HARDWARE_ID, NAME, IVALUE, TVALUE) VALUES (1, 'DOWNLOAD', 10, NULL), (1, 'DOWNLOAD', 11, NULL), (1, 'DOWNLOAD', 12, 'NOTIFIED'), (3, 'DOWNLOAD', 13, NULL)")
	exec(t, db, "INSERT INTO devices (HARDWARE_ID, NAME, IVALUE, TVALUE) VALUES (1, 'DOWNLOAD_FORCE', 12, '1'), (3, 'DOWNLOAD_SCHEDULE', 12, '2024/06/01 12:00')")
	exec(t, db, "INSERT INTO download_history (HARDWARE_ID, PKG_ID) VALUES (1, 1700000011), (1, 1700000012)")
}

func endpoint(db *storage.DB) *handlers.Endpoint {
	reg := handlers.NewRegistry()
	now := func() time.Time { return time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC) }
	reg.MustRegister(prolog.New(db, reg, now), download.New(db, now))
	return handlers.NewEndpoint(reg, handlers.Options{}, zerolog.Nop(), nil, db)
}

func TestPrologOffersPackages(t *testing.T) {
	for name, dsn := range map[string]func() string{
		"sqlite":  func() string { return testsupport.SQLiteDSN(t) },
		"mariadb": func() string { return testsupport.MySQLDSN(t, storage.DropDatabase) },
	} {
		t.Run(name, func(t *testing.T) {
			db := openDB(t, dsn())
			fleet(t, db)
			reply := post(t, endpoint(db), "<REQUEST><DEVICEID>"+deviceID+"</DEVICEID><QUERY>PROLOG</QUERY></REQUEST>")
			packs := packParams(t, reply)
			if _, ok := packs["1700000011"]; ok {
				t.Error("a package the agent reports installed was offered")
			}
			want := map[string]map[string]string{
				"1700000010": {"PACK_LOC": "ocs.example/download", "FORCE": "0", "CERT_PATH": "INSTALL_PATH", "CERT_FILE": "INSTALL_PATH"},
				"1700000012": {"PACK_LOC": "192.0.2.2/download/srv", "FORCE": "1", "CERT_FILE": "CA/cacert.pem", "SCHEDULE": "2024/06/01 12:00"},
				"1700000013": {"PACK_LOC": "ocs.example/download", "FORCE": "0"},
			}
			for id, attrs := range want {
				got, ok := packs[id]
				if !ok {
					t.Errorf("package %s not offered: %s", id, reply)
					continue
				}
				for k, v := range attrs {
					if got[k] != v {
						t.Errorf("package %s: %s = %q, want %q", id, k, got[k], v)
					}
				}
			}
			status := map[int]string{}
			rows, err := db.SQL().Query("SELECT IVALUE, TVALUE FROM devices WHERE HARDWARE_ID = 1 AND NAME = 'DOWNLOAD'")
			if err != nil {
				t.Fatal(err)
			}
			for rows.Next() {
				var id int
				var st string
				if err := rows.Scan(&id, &st); err != nil {
					t.Fatal(err)
				}
				status[id] = st
			}
			rows.Close()
			for id, st := range map[int]string{10: "NOTIFIED", 11: "SUCCESS_ALREADY_IN_HISTORY", 12: "NOTIFIED", 13: "NOTIFIED"} {
				if status[id] != st {
					t.Errorf("activation %d: status %q, want %q (group packages get a row of their own)", id, status[id], st)
				}
			}
		})
	}
}

func TestDownloadStatusReport(t *testing.T) {
	db := openDB(t, testsupport.SQLiteDSN(t))
	fleet(t, db)
	e := endpoint(db)
	post(t, e, "<REQUEST><DEVICEID>"+deviceID+"</DEVICEID><QUERY>PROLOG</QUERY></REQUEST>")
	post(t, e, `<REQUEST DEVICEID="`+deviceID+`" QUERY="DOWNLOAD" ID="1700000010" ERR="SUCCESS_0" />`)
	post(t, e, `<REQUEST ID="1700000013" ERR=""><DEVICEID>`+deviceID+`</DEVICEID><QUERY>DOWNLOAD</QUERY></REQUEST>`)
	post(t, e, `<REQUEST DEVICEID="`+deviceID+`" QUERY="DOWNLOAD" ID="999" ERR="ERR_BAD_ID" />`)
	for id, want := range map[int]string{10: "SUCCESS_0", 13: "UNKNOWN_CODE", 11: "SUCCESS_ALREADY_IN_HISTORY"} {
		var st, comments dbString
		if err := db.SQL().QueryRow("SELECT TVALUE, COMMENTS FROM devices WHERE HARDWARE_ID = 1 AND NAME = 'DOWNLOAD' AND IVALUE = ?", id).Scan(&st, &comments); err != nil {
			t.Fatal(err)
		}
		if st.s != want {
			t.Errorf("activation %d: status %q, want %q", id, st.s, want)
		}
		if comments.s != "Tue Jan  2 03:04:05 2024" {
			t.Errorf("activation %d: COMMENTS %q, want Perl's localtime text", id, comments.s)
		}
	}
}

type dbString struct{ s string }

func (d *dbString) Scan(v any) error {
	switch x := v.(type) {
	case string:
		d.s = x
	case []byte:
		d.s = string(x)
	}
	return nil
}

// post sends an agent request through the endpoint and returns the reply.
func post(t *testing.T, e *handlers.Endpoint, doc string) string {
	t.Helper()
	rec := record(t, e, agentcompat.Encode([]byte(doc), agentcompat.Zlib))
	if rec.status != 200 {
		t.Fatalf("status %d: %s", rec.status, rec.body)
	}
	if len(rec.body) == 0 {
		return ""
	}
	dec, err := agentcompat.Decode(rec.body, agentcompat.DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	return string(dec.XML)
}

// packParams extracts the PACK parameters of a PROLOG reply by package id.
func packParams(t *testing.T, reply string) map[string]map[string]string {
	t.Helper()
	root, err := inventory.ParseXML([]byte(reply), inventory.DefaultXMLLimits())
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]map[string]string{}
	for _, opt := range root.All("OPTION") {
		if opt.Field("NAME") != "DOWNLOAD" {
			continue
		}
		for _, p := range opt.All("PARAM") {
			attrs := map[string]string{}
			for _, a := range p.Attrs {
				attrs[a.Name] = a.Value
			}
			if attrs["TYPE"] == "PACK" {
				out[attrs["ID"]] = attrs
			}
		}
	}
	if !strings.Contains(reply, `TYPE="CONF"`) || !strings.Contains(reply, `ON="1"`) {
		t.Errorf("no CONF parameter switched on: %s", reply)
	}
	return out
}

type recorded struct {
	status int
	body   []byte
}

func record(t *testing.T, e *handlers.Endpoint, body []byte) recorded {
	t.Helper()
	req := httptest.NewRequest(http.MethodPost, "/ocsinventory", bytes.NewReader(body))
	req.Header.Set("User-Agent", "OCS-NG_unified_unix_agent_v2.10.0")
	w := httptest.NewRecorder()
	e.ServeHTTP(w, req)
	return recorded{w.Code, w.Body.Bytes()}
}
