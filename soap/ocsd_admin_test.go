package soap

import (
	"context"
	"strings"
	"testing"

	"ocsd/dictionary"
	"ocsd/internal/testdb"
	"ocsd/storage"
)

// seedDictionarySoftware gives computer 1 five programs and computer 2 one.
func seedDictionarySoftware(t *testing.T, db *storage.DB) {
	t.Helper()
	ctx := context.Background()
	seedComputers(t, db)
	names := []string{"firefox-esr", "Firefox Nightly", "bash", "libreoffice-core", "thunderbird"}
	for i, n := range names {
		must(t, db.FixtureRows(ctx, "software_name", map[string]any{"ID": 201 + i, "NAME": n}))
		must(t, db.FixtureRows(ctx, "software", map[string]any{"HARDWARE_ID": 1, "NAME_ID": 201 + i, "PUBLISHER_ID": 1, "VERSION_ID": 1}))
	}
	must(t, db.FixtureRows(ctx, "software", map[string]any{"HARDWARE_ID": 2, "NAME_ID": 204, "PUBLISHER_ID": 1, "VERSION_ID": 1}))
}

// text is the single string part of a reply.
func text(t *testing.T, parts []part) string {
	t.Helper()
	if len(parts) != 1 || parts[0].Nil {
		t.Fatalf("want one string part, got %+v", parts)
	}
	return parts[0].Text
}

func wantHas(t *testing.T, what, doc string, frags ...string) {
	t.Helper()
	for _, f := range frags {
		if !strings.Contains(doc, f) {
			t.Errorf("%s: missing %q in\n%s", what, f, doc)
		}
	}
}

func TestOcsdDictionaryOperations(t *testing.T) {
	testdb.ForEachDialect(t, func(t *testing.T, db *storage.DB) {
		seedDictionarySoftware(t, db)
		s := dbServer(t, db, Options{})
		for _, c := range []struct {
			method string
			args   []string
			want   string
		}{
			{"ocsd_dictionary_assign_V1", []string{"Firefox", "firefox-esr"}, "<RESULT>\n  <CHANGED>1</CHANGED>\n</RESULT>\n"},
			{"ocsd_dictionary_ignore_V1", []string{"thunderbird"}, "<CHANGED>1</CHANGED>"},
			{"ocsd_dictionary_unchanged_V1", []string{"zsh", "ksh"}, "<CHANGED>2</CHANGED>"},
			{"ocsd_dictionary_delete_V1", []string{"name", "ksh"}, "<CHANGED>1</CHANGED>"},
			{"ocsd_dictionary_add_rule_V1", []string{"regexp", "(?i)^firefox", "Firefox (rule)", "10"}, "<ID>"},
			{"ocsd_dictionary_add_rule_V1", []string{"PREFIX", "libreoffice", "LibreOffice", ""}, "<ID>"},
			{"ocsd_dictionary_add_rule_V1", []string{"IEXACT", "THUNDERBIRD", "Thunderbird", "1"}, "<ID>"},
		} {
			if got := text(t, s.call(t, c.method, c.args...)); !strings.Contains(got, c.want) {
				t.Fatalf("%s%v = %q, want %q", c.method, c.args, got, c.want)
			}
		}
		list := text(t, s.call(t, "ocsd_dictionary_list_V1", "CAT", "0"))
		want := "<RESULT>\n  <ENTRY>\n    <EXTRACTED>firefox-esr</EXTRACTED>\n    <FORMATTED>Firefox</FORMATTED>\n" +
			"    <KIND>CAT</KIND>\n  </ENTRY>\n  <PAGE>0</PAGE>\n  <TOTAL>1</TOTAL>\n</RESULT>\n"
		if list != want {
			t.Errorf("list CAT:\n%s\nwant\n%s", list, want)
		}
		wantHas(t, "search", text(t, s.call(t, "ocsd_dictionary_search_V1", "ZS", "", "")),
			"<EXTRACTED>zsh</EXTRACTED>", "<KIND>UNCHANGED</KIND>", "<TOTAL>1</TOTAL>")
		wantHas(t, "unclassified", text(t, s.call(t, "ocsd_dictionary_unclassified_V1", "0")),
			"<SOFTWARE>\n    <DEVICES>2</DEVICES>\n    <FORMATTED>LibreOffice</FORMATTED>\n    <NAME>libreoffice-core</NAME>",
			"<DEVICES>1</DEVICES>\n    <FORMATTED></FORMATTED>\n    <NAME>bash</NAME>", "<TOTAL>3</TOTAL>")
		wantHas(t, "rules", text(t, s.call(t, "ocsd_dictionary_rules_V1")),
			"<KIND>IEXACT</KIND>\n    <PATTERN>THUNDERBIRD</PATTERN>\n    <PRIORITY>1</PRIORITY>",
			"<PATTERN>libreoffice</PATTERN>\n    <PRIORITY>100</PRIORITY>")
		checkRulesExported(t, s)
		recs, err := db.AuditRecords(context.Background(), 0, 100)
		must(t, err)
		if len(recs) != 8 {
			t.Fatalf("%d audit records, want 8: %+v", len(recs), recs)
		}
		for _, r := range recs {
			if r.Actor != "ocssoap" || r.Via != "soap" {
				t.Errorf("audit record not attributed to the SOAP user: %+v", r)
			}
		}
		if r := recs[len(recs)-1]; r.Action != dictionary.ActionAssign || r.Target != "firefox-esr" || r.Before != "NEW" || r.After != "CAT:Firefox" {
			t.Errorf("assign record: %+v", r)
		}
		if r := recs[0]; r.Action != dictionary.ActionAddRule || !strings.Contains(r.After, `"THUNDERBIRD"`) {
			t.Errorf("add rule record: %+v", r)
		}
	})
}

// checkRulesExported reads the rules back through every export:
// DICO_SOFT, SOFTWARES and get_dico_soft_element_V1.
func checkRulesExported(t *testing.T, s *testServer) {
	t.Helper()
	parts := s.call(t, "get_computers_V1", req("<ID>1</ID><CHECKSUM>65537</CHECKSUM><WANTED>2</WANTED>"))
	doc := parts[1].Text
	wantHas(t, "DICO_SOFT", doc, "<DICO_SOFT>\n    <WORD>Firefox</WORD>\n    <WORD>Firefox (rule)</WORD>\n    <WORD>LibreOffice</WORD>\n  </DICO_SOFT>",
		"<FORMATTED>Firefox</FORMATTED>", "<FORMATTED>Firefox (rule)</FORMATTED>", "<FORMATTED>LibreOffice</FORMATTED>",
		"<NAME>firefox-esr</NAME>", "<NAME>Firefox Nightly</NAME>", "<FORMATTED></FORMATTED>")
	if strings.Contains(doc, "Thunderbird") {
		t.Errorf("an ignored name took a rule:\n%s", doc)
	}
	pp := s.call(t, "get_computers_V1", req("<ID>1</ID><CHECKSUM>1</CHECKSUM><WANTED>2</WANTED><MAX_RECORDS>5</MAX_RECORDS>"))
	if len(pp) != 3 {
		t.Fatalf("plugin reply parts: %+v", pp)
	}
	plugin := pp[1].Text
	wantHas(t, "plugin DICO_SOFT", plugin, `<DICO_SOFT>
    <WORD Name="Firefox Nightly">Firefox (rule)</WORD>
    <WORD Name="firefox-esr">Firefox</WORD>
    <WORD Name="libreoffice-core">LibreOffice</WORD>
  </DICO_SOFT>`)
	if strings.Contains(plugin, "Thunderbird") {
		t.Errorf("an ignored name took a rule in the plugin dialect:\n%s", plugin)
	}
	for word, want := range map[string]string{"FIREFOX-ESR": "Firefox", "libreoffice-still": "LibreOffice", "Firefox Developer": "Firefox (rule)"} {
		if got := s.call(t, "get_dico_soft_element_V1", word); len(got) != 1 || got[0].Text != want {
			t.Errorf("get_dico_soft_element_V1(%q) = %+v, want %q", word, got, want)
		}
	}
	for _, word := range []string{"thunderbird", "bash"} {
		if got := s.call(t, "get_dico_soft_element_V1", word); len(got) != 1 || !got[0].Nil {
			t.Errorf("get_dico_soft_element_V1(%q) = %+v, want nil", word, got)
		}
	}
}

func TestOcsdDictionaryRefusals(t *testing.T) {
	testdb.ForEachDialect(t, func(t *testing.T, db *storage.DB) {
		s := dbServer(t, db, Options{})
		for _, c := range []struct {
			method string
			args   []string
			code   string
		}{
			{"ocsd_dictionary_add_rule_V1", []string{"REGEXP", strings.Repeat("a", 256), "A", ""}, "PATTERN_TOO_LONG"},
			{"ocsd_dictionary_add_rule_V1", []string{"REGEXP", "[a-z]{999}[0-9]{999}[A-Z]{999}", "A", ""}, "PATTERN_TOO_LONG"},
			{"ocsd_dictionary_add_rule_V1", []string{"REGEXP", "(a", "A", ""}, "BAD_PATTERN"},
			{"ocsd_dictionary_add_rule_V1", []string{"REGEXP", `(x)\1`, "A", ""}, "BAD_PATTERN"},
			{"ocsd_dictionary_add_rule_V1", []string{"GLOB", "a*", "A", ""}, "BAD_KIND"},
			{"ocsd_dictionary_add_rule_V1", []string{"PREFIX", "a", "A", "high"}, "BAD_PRIORITY"},
			{"ocsd_dictionary_delete_rule_V1", []string{"999"}, "NOT_FOUND"},
			{"ocsd_dictionary_delete_rule_V1", []string{"x"}, "BAD_ID"},
			{"ocsd_dictionary_assign_V1", []string{"Tools", "bad\tname"}, "BAD_NAME"},
			{"ocsd_dictionary_assign_V1", []string{"", "bash"}, "BAD_CATEGORY"},
			{"ocsd_dictionary_assign_V1", []string{"Tools"}, "NO_NAME"},
			{"ocsd_dictionary_delete_V1", []string{"ALL", "bash"}, "BAD_KIND"},
			{"ocsd_dictionary_move_V1", []string{"Nothing", "Else"}, "NOT_FOUND"},
			{"ocsd_dictionary_list_V1", []string{"DELETED"}, "BAD_KIND"},
			{"ocsd_dictionary_list_V1", []string{"", "-1"}, "BAD_OFFSET"},
			{"ocsd_dictionary_search_V1", []string{"x", "NEW"}, "BAD_KIND"},
		} {
			got := text(t, s.call(t, c.method, c.args...))
			if !strings.HasPrefix(got, "<RESULT>\n  <ERROR>"+c.code+"</ERROR>\n  <MESSAGE>") {
				t.Errorf("%s%q = %q, want in-band %s", c.method, c.args, got, c.code)
			}
		}
		if recs, _ := db.AuditRecords(context.Background(), 0, 10); len(recs) != 0 {
			t.Errorf("refused changes were recorded: %+v", recs)
		}
	})
}

func TestOcsdSettingsOperations(t *testing.T) {
	testdb.ForEachDialect(t, func(t *testing.T, db *storage.DB) {
		s := dbServer(t, db, Options{})
		list := text(t, s.call(t, "ocsd_settings_list_V1"))
		wantHas(t, "list", list, "<SETTING>\n    <DEFAULT>0</DEFAULT>\n    <MEANING>Record merged and deleted computers in deleted_equiv (GLPI requires 1)</MEANING>\n    <NAME>TRACE_DELETED</NAME>\n    <PATTERN>^(1|0)$</PATTERN>\n    <STORED>1</STORED>\n    <TYPE>int</TYPE>\n    <VALUE>1</VALUE>\n  </SETTING>",
			"<NAME>LOGPATH</NAME>\n    <PATTERN>^.+$</PATTERN>\n    <STORED>0</STORED>\n    <TYPE>text</TYPE>\n    <VALUE></VALUE>")
		if n := strings.Count(list, "<SETTING>"); n != 57 {
			t.Errorf("%d settings listed, want 57", n)
		}
		for _, c := range []struct {
			args []string
			want string
		}{
			{[]string{"PROLOG_FREQ", "0"}, "<ERROR>VALUE_NOT_VALID</ERROR>"},
			{[]string{"PROLOG_FREQ", "99999999999"}, "<ERROR>VALUE_NOT_VALID</ERROR>"},
			{[]string{"PROLOG_FREQ"}, "<ERROR>VALUE_NOT_VALID</ERROR>"},
			{[]string{"NO_SUCH_KEY", "1"}, "<ERROR>KEY_NOT_SUPPORTED</ERROR>"},
			{[]string{"BAD KEY", "1"}, "<ERROR>BAD_KEY</ERROR>"},
			{[]string{"OCS_FILES_FORMAT", "JSON"}, "<ERROR>VALUE_NOT_VALID</ERROR>"},
			{[]string{"PROLOG_FREQ", "6"}, "<NAME>PROLOG_FREQ</NAME>\n    <PATTERN>^[1-9]\\d*$</PATTERN>\n    <STORED>1</STORED>\n    <TYPE>int</TYPE>\n    <VALUE>6</VALUE>"},
			{[]string{"LOGPATH", "/var/log/ocsd"}, "<STORED>1</STORED>\n    <TYPE>text</TYPE>\n    <VALUE>/var/log/ocsd</VALUE>"},
		} {
			if got := text(t, s.call(t, "ocsd_settings_set_V1", c.args...)); !strings.Contains(got, c.want) {
				t.Errorf("ocsd_settings_set_V1%q = %q, want %q", c.args, got, c.want)
			}
		}
		if got := s.call(t, "ocs_config_V1", "PROLOG_FREQ"); got[0].Text != "6" {
			t.Errorf("ocs_config_V1 after set: %+v", got)
		}
		recs, err := db.AuditRecords(context.Background(), 0, 10)
		must(t, err)
		if len(recs) != 2 || recs[1].Action != ActionSettingsSet || recs[1].Target != "PROLOG_FREQ" ||
			recs[1].Before != "24" || recs[1].After != "6" || recs[1].Actor != "ocssoap" || recs[0].Before != "" {
			t.Errorf("settings audit: %+v", recs)
		}
	})
}
