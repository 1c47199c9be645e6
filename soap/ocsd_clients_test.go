package soap

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http/httptest"
	"os/exec"
	"strings"
	"testing"

	"ocsd/internal/testsupport"
)

// adminScript is what an administration client does: classify names, add
// rules, read the result back through the exports, change a setting, and
// get the in-band refusals.
func adminScript() []clientCall {
	isErr := func(code string) func(clientResult) bool { return has("<ERROR>" + code + "</ERROR>") }
	return []clientCall{
		{"ocsd_dictionary_assign_V1", []any{"Éditeur Café", "café-app", "firefox-esr"}, has("<CHANGED>2</CHANGED>")},
		{"ocsd_dictionary_ignore_V1", []any{"thunderbird"}, has("<CHANGED>1</CHANGED>")},
		{"ocsd_dictionary_unchanged_V1", []any{"bash"}, has("<CHANGED>1</CHANGED>")},
		{"ocsd_dictionary_move_V1", []any{"Éditeur Café", "Café"}, has("<CHANGED>2</CHANGED>")},
		{"ocsd_dictionary_list_V1", []any{"CAT", 0}, has("<EXTRACTED>café-app</EXTRACTED>\n    <FORMATTED>Café</FORMATTED>")},
		{"ocsd_dictionary_search_V1", []any{"FIRE", "ALL", 0}, has("<TOTAL>1</TOTAL>")},
		{"ocsd_dictionary_add_rule_V1", []any{"REGEXP", "^lib(re)?office", "LibreOffice", 5}, has("<ID>1</ID>")},
		{"ocsd_dictionary_add_rule_V1", []any{"REGEXP", strings.Repeat("x", 300), "X", 5}, isErr("PATTERN_TOO_LONG")},
		{"ocsd_dictionary_add_rule_V1", []any{"REGEXP", "([a-", "X", 5}, isErr("BAD_PATTERN")},
		{"ocsd_dictionary_rules_V1", []any{}, has("<PATTERN>^lib(re)?office</PATTERN>")},
		{"ocsd_dictionary_unclassified_V1", []any{0}, has("<FORMATTED>LibreOffice</FORMATTED>\n    <NAME>libreoffice-core</NAME>")},
		{"get_dico_soft_element_V1", []any{"libreoffice-core"}, equals("LibreOffice")},
		{"get_dico_soft_element_V1", []any{"CAFÉ-APP"}, equals("Café")},
		{"get_computers_V1", []any{req("<ID>1</ID><CHECKSUM>65537</CHECKSUM><WANTED>2</WANTED>")},
			has("<WORD>Café</WORD>\n    <WORD>LibreOffice</WORD>")},
		{"ocsd_dictionary_delete_rule_V1", []any{1}, has("<CHANGED>1</CHANGED>")},
		{"ocsd_dictionary_delete_V1", []any{"CATEGORY", "Café"}, has("<CHANGED>2</CHANGED>")},
		{"ocsd_dictionary_delete_V1", []any{"NAME"}, isErr("NO_NAME")},
		{"ocsd_settings_list_V1", []any{}, has("<NAME>TRACE_DELETED</NAME>")},
		{"ocsd_settings_set_V1", []any{"PROLOG_FREQ", 0}, isErr("VALUE_NOT_VALID")},
		{"ocsd_settings_set_V1", []any{"PROLOG_FREQ", 12}, has("<VALUE>12</VALUE>")},
	}
}

// runAdminClient runs the administration script through glpi_client.php
// against a fresh database, then checks the audit trail it left.
func runAdminClient(t *testing.T, mode string) {
	t.Helper()
	db := openMigrated(t, testsupport.SQLiteDSN(t))
	seedDictionarySoftware(t, db)
	ctx := context.Background()
	must(t, db.FixtureRows(ctx, "software_name", map[string]any{"ID": 301, "NAME": "café-app"}))
	must(t, db.FixtureRows(ctx, "software", map[string]any{"HARDWARE_ID": 1, "NAME_ID": 301, "PUBLISHER_ID": 1, "VERSION_ID": 1}))
	ts := httptest.NewServer(dbServer(t, db, Options{}).h)
	t.Cleanup(ts.Close)
	script := adminScript()
	calls := make([][]any, len(script))
	for i, c := range script {
		calls[i] = []any{c.method, c.args}
	}
	in, _ := json.Marshal(calls)
	cmd := exec.Command("php", "testdata/glpi_client.php", ts.URL, "ocssoap", "secret", mode)
	cmd.Stdin = bytes.NewReader(in)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("php: %v\n%s", err, stderr.String())
	}
	var results []clientResult
	if err := json.Unmarshal(out, &results); err != nil || len(results) != len(script) {
		t.Fatalf("php output (%v):\n%s\n%s", err, out, stderr.String())
	}
	for i, c := range script {
		if !c.want(results[i]) {
			t.Errorf("%s%v: got %+v (%q)", c.method, c.args, results[i], results[i].text())
		}
	}
	recs, err := db.AuditRecords(ctx, 0, 100)
	must(t, err)
	// 2 assigned, 1 ignored, 1 unchanged, 2 moved, 1 rule added, 1 deleted,
	// 2 names of the deleted category, 1 setting.
	if len(recs) != 11 || recs[0].Action != ActionSettingsSet || recs[0].Actor != "ocssoap" {
		t.Errorf("%d audit records: %+v", len(recs), recs)
	}
}

// TestPHPOcsdAdministration drives ocsd's administrative operations with
// PHP SoapClient, configured as GLPI's plugin configures it (non-WSDL) and
// from the served WSDL.
func TestPHPOcsdAdministration(t *testing.T) {
	needPHP(t)
	for _, mode := range []string{"nonwsdl", "wsdl"} {
		t.Run(mode, func(t *testing.T) { runAdminClient(t, mode) })
	}
}
