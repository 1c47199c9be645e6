package soap

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"os/exec"
	"reflect"
	"testing"

	"ocsd/internal/testdb"
	"ocsd/internal/testsupport"
	"ocsd/storage"
)

// seedPluginFleet loads the fleet the plugin harness works on: computers
// 1–4 visible (1 with BIOS, two NETWORKS, dictionary software and a coded
// COLOR field), 5 archived, a group, a computer without accountinfo, and
// deleted_equiv events of deleted and merged computers.
func seedPluginFleet(t *testing.T, db *storage.DB) {
	t.Helper()
	ctx := context.Background()
	hw := []map[string]any{
		{"ID": 1, "DEVICEID": "pc-1", "NAME": "pc-1", "CHECKSUM": 3, "LASTDATE": "2024-05-04 00:00:00", "USERID": "alice"},
		{"ID": 2, "DEVICEID": "pc-2", "NAME": "pc-2", "CHECKSUM": 4097, "LASTDATE": "2024-05-03 00:00:00"},
		{"ID": 3, "DEVICEID": "pc-3", "NAME": "pc-3", "CHECKSUM": 262143, "LASTDATE": "2024-05-02 00:00:00"},
		{"ID": 4, "DEVICEID": "pc-4", "NAME": "pc-4", "CHECKSUM": 1, "LASTDATE": "2024-05-01 00:00:00"},
		{"ID": 5, "DEVICEID": "pc-5", "NAME": "archived", "CHECKSUM": 4096, "ARCHIVE": 1},
		{"ID": 6, "DEVICEID": "_SYSTEMGROUP_", "NAME": "group"},
		{"ID": 7, "DEVICEID": "orphan", "NAME": "no-account"},
	}
	must(t, db.FixtureRows(ctx, "hardware", hw...))
	must(t, db.FixtureExec(ctx, "ALTER TABLE accountinfo ADD fields_3 VARCHAR(255) DEFAULT NULL"))
	must(t, db.FixtureRows(ctx, "accountinfo_config", map[string]any{"ID": 3, "TYPE": 2, "NAME": "COLOR",
		"ID_TAB": 1, "SHOW_ORDER": 2, "ACCOUNT_TYPE": "COMPUTERS"}))
	must(t, db.FixtureRows(ctx, "config", map[string]any{"NAME": "ACCOUNT_VALUE_COLOR_1", "IVALUE": 1, "TVALUE": "red"}))
	for id, tag := range map[int]string{1: "paris", 2: "lyon", 3: "paris", 4: "NA", 5: "NA", 6: "NA"} {
		must(t, db.FixtureRows(ctx, "accountinfo", map[string]any{"HARDWARE_ID": id, "TAG": tag, "fields_3": "1"}))
	}
	must(t, db.FixtureRows(ctx, "bios", map[string]any{"HARDWARE_ID": 1, "SSN": "S1"}, map[string]any{"HARDWARE_ID": 2, "SSN": "S2"}))
	must(t, db.FixtureRows(ctx, "networks", map[string]any{"HARDWARE_ID": 1, "MACADDR": "00:00:00:00:00:01"},
		map[string]any{"HARDWARE_ID": 1, "MACADDR": "00:00:00:00:00:02"}, map[string]any{"HARDWARE_ID": 2, "MACADDR": "00:00:00:00:00:03"}))
	must(t, db.FixtureRows(ctx, "software_name", map[string]any{"ID": 101, "NAME": "firefox-esr"}))
	must(t, db.FixtureRows(ctx, "software", map[string]any{"HARDWARE_ID": 1, "NAME_ID": 101, "PUBLISHER_ID": 1, "VERSION_ID": 1}))
	must(t, db.FixtureRows(ctx, "dico_soft", map[string]any{"EXTRACTED": "firefox-esr", "FORMATTED": "Firefox"}))
	ev := func(deleted string, equiv any) map[string]any {
		return map[string]any{"DATE": "2024-04-01 08:00:00", "DELETED": deleted, "EQUIVALENT": equiv}
	}
	must(t, db.FixtureRows(ctx, "deleted_equiv", ev("a", nil), ev("b", ""), ev("c", "NULL"), ev("old", "new1"),
		ev("old", "new2"), ev("keep", nil)))
}

// pluginArgs are the inputs of the harness's calls.
var pluginArgs = map[string]any{
	"checksum": 5, "checksumID": 2, "deviceID": "pc-3", "sectionIDs": []int{1, 2, 7},
	"deleted": []string{"a", "b", "c"}, "merged": []string{"old", "new1"},
	"getComputers": map[string]any{
		"import": map[string]any{"COMPLETE": "0", "FILTER": map[string]any{"EXCLUDE_IDS": []int{3}},
			"DISPLAY": map[string]any{"CHECKSUM": 1 | 2 | 4096}},
		"sync": map[string]any{"COMPLETE": "0", "ORDER": "LASTDATE", "MAX_RECORDS": 2,
			"FILTER": map[string]any{"CHECKSUM": 131071, "TAGS": []string{"paris", "lyon"}}},
		"changed": map[string]any{"FILTER": map[string]any{"CHECKSUM": 3}},
		"one": map[string]any{"FILTER": map[string]any{"IDS": []int{1}},
			"DISPLAY": map[string]any{"CHECKSUM": 2 | 4096, "WANTED": 3}},
		"newest": map[string]any{"COMPLETE": "0", "MAX_RECORDS": 1, "ORDER": "ID DESC"},
	},
}

// TestGLPIPluginClient runs the plugin's SOAP calls from PHP, with the
// plugin's client options and reply parsing, against a server on a real
// database, and checks each answer is one the plugin can use.
func TestGLPIPluginClient(t *testing.T) {
	needPHP(t)
	if out, _ := exec.Command("php", "-m").Output(); !bytes.Contains(out, []byte("SimpleXML")) {
		testsupport.Unavailable(t, "php SimpleXML extension (php-xml) not installed: the plugin parses replies with it")
	}
	testdb.ForEachDialect(t, func(t *testing.T, db *storage.DB) {
		seedPluginFleet(t, db)
		ts := httptest.NewServer(dbServer(t, db, Options{PageSize: 2}).h)
		t.Cleanup(ts.Close)
		args, _ := json.Marshal(pluginArgs)
		cmd := exec.Command("php", "testdata/glpi_plugin_client.php", ts.URL, "ocssoap", "secret", string(args))
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("php: %v\n%s\n%s", err, out, stderr.String())
		}
		var got map[string]any
		if err := json.Unmarshal(out, &got); err != nil {
			t.Fatalf("harness output: %v\n%s", err, out)
		}
		for _, c := range pluginExpectations {
			if v := at(got, c.path...); fmt.Sprint(v) != c.want {
				t.Errorf("%v = %v, want %s", c.path, v, c.want)
			}
		}
		checkDeletedEquiv(t, db)
	})
}

// pluginExpectations are what each plugin call must have given the plugin
// (values as fmt prints the decoded JSON).
var pluginExpectations = []struct {
	path []string
	want string
}{
	{[]string{"warnings"}, "[]"},
	{[]string{"checkConnection"}, "true"},
	{[]string{"getConfig", "GUI_VERSION", "TVALUE"}, "7069"},
	{[]string{"getConfig", "TRACE_DELETED", "IVALUE"}, "1"},
	{[]string{"getConfig", "IPDISCOVER", "IVALUE"}, "2"},
	{[]string{"getConfig", "SNMP", "IVALUE"}, "1"},
	{[]string{"setConfig", "IVALUE"}, "1"},
	{[]string{"getChecksum"}, "5"},
	{[]string{"getComputers", "import", "TOTAL_COUNT"}, "3"},
	{[]string{"getComputers", "import", "order"}, "[1 2 4]"},
	{[]string{"getComputers", "import", "requests"}, "2"},
	{[]string{"getComputers", "import", "COMPUTERS", "1", "META", "TAG"}, "paris"},
	{[]string{"getComputers", "import", "COMPUTERS", "1", "BIOS", "SSN"}, "S1"},
	{[]string{"getComputers", "import", "COMPUTERS", "2", "BIOS", "SSN"}, "S2"},
	{[]string{"getComputers", "import", "COMPUTERS", "1", "HARDWARE", "NAME"}, "pc-1"},
	{[]string{"getComputers", "import", "COMPUTERS", "1", "NETWORKS", "1", "MACADDR"}, "00:00:00:00:00:02"},
	{[]string{"getComputers", "import", "COMPUTERS", "4", "META", "DEVICEID"}, "pc-4"},
	{[]string{"getComputers", "sync", "TOTAL_COUNT"}, "3"},
	{[]string{"getComputers", "sync", "order"}, "[3 2]"},
	{[]string{"getComputers", "sync", "requests"}, "1"},
	{[]string{"getComputers", "changed", "order"}, "[1 3]"},
	{[]string{"getComputers", "one", "order"}, "[1]"},
	{[]string{"getComputers", "one", "COMPUTERS", "1", "ACCOUNTINFO", "0", "TAG"}, "paris"},
	{[]string{"getComputers", "one", "COMPUTERS", "1", "ACCOUNTINFO", "0", "COLOR"}, "red"},
	{[]string{"getComputers", "one", "COMPUTERS", "1", "ACCOUNTINFO", "0", "HARDWARE_ID"}, "1"},
	{[]string{"getComputers", "one", "COMPUTERS", "1", "DICO_SOFT", "0", "firefox-esr"}, "Firefox"},
	{[]string{"getComputers", "one", "COMPUTERS", "1", "BIOS", "SSN"}, "S1"},
	{[]string{"getComputers", "newest", "order"}, "[4]"},
	{[]string{"getComputers", "newest", "TOTAL_COUNT"}, "4"},
	{[]string{"searchComputers", "DEVICEID", "0", "ID"}, "3"},
	{[]string{"searchComputers", "DEVICEID", "0", "TAG"}, "paris"},
	{[]string{"searchComputers", "ID", "0", "DEVICEID"}, "pc-2"},
	{[]string{"searchComputers", "ID", "0", "CHECKSUM"}, "5"},
	{[]string{"getComputerSections", "1", "BIOS", "SSN"}, "S1"},
	{[]string{"getComputerSections", "1", "HARDWARE", "NAME"}, "pc-1"},
	{[]string{"getComputerSections", "1", "ACCOUNTINFO", "TAG"}, "paris"},
	{[]string{"getComputerSections", "2", "ACCOUNTINFO", "COLOR"}, "red"},
	{[]string{"getComputerSections", "7"}, "<nil>"},
	{[]string{"removeDeletedComputers", "list"}, "[1 1 1]"},
	{[]string{"removeDeletedComputers", "merged"}, "[1]"},
	{[]string{"getAccountInfoColumns"}, "map[COLOR:COLOR HARDWARE_ID:HARDWARE_ID TAG:TAG]"},
}

// at walks decoded JSON by keys (object members or list indexes).
func at(v any, path ...string) any {
	for _, p := range path {
		switch x := v.(type) {
		case map[string]any:
			v = x[p]
		case []any:
			var i int
			if _, err := fmt.Sscan(p, &i); err != nil || i >= len(x) {
				return nil
			}
			v = x[i]
		default:
			return nil
		}
	}
	return v
}

// checkDeletedEquiv checks what removeDeletedComputers left: the events of
// "keep" and of the other merge of "old".
func checkDeletedEquiv(t *testing.T, db *storage.DB) {
	t.Helper()
	var left []string
	for _, d := range []string{"a", "b", "c", "old", "keep"} {
		n, err := db.FixtureCount(context.Background(), "deleted_equiv", "DELETED = ?", d)
		must(t, err)
		left = append(left, fmt.Sprintf("%s:%d", d, n))
	}
	if want := []string{"a:0", "b:0", "c:0", "old:1", "keep:1"}; !reflect.DeepEqual(left, want) {
		t.Errorf("deleted_equiv left %v, want %v", left, want)
	}
}
