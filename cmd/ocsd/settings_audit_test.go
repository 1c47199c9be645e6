package main

import (
	"context"
	"strings"
	"testing"

	"ocsd/soap"
	"ocsd/storage"
)

// TestSettingsSetAudited: `ocsd settings set` records who changed what in
// the audit trail, as ocsd_settings_set_V1 does; a refused value leaves no
// record.
func TestSettingsSetAudited(t *testing.T) {
	for name, mk := range dialects(t) {
		t.Run(name, func(t *testing.T) {
			dsn := mk(t)
			set := func(args ...string) (int, string) {
				var out, errb strings.Builder
				code := run(context.Background(), append([]string{"settings", "--db", dsn}, args...), &out, &errb)
				return code, errb.String()
			}
			if code, errs := set("--actor", "erin", "set", "PROLOG_FREQ", "6"); code != 0 {
				t.Fatalf("set: exit %d %s", code, errs)
			}
			if code, _ := set("--actor", "erin", "set", "PROLOG_FREQ", "0"); code != 1 {
				t.Fatalf("invalid value: exit %d", code)
			}
			if code, errs := set("set", "OCS_FILES_FORMAT", "XML"); code != 0 {
				t.Fatalf("set without --actor: exit %d %s", code, errs)
			}
			db, err := storage.Open(context.Background(), dsn, storage.Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			recs, err := db.AuditRecords(context.Background(), 0, 10)
			if err != nil {
				t.Fatal(err)
			}
			if len(recs) != 2 {
				t.Fatalf("%d records: %+v", len(recs), recs)
			}
			r := recs[1]
			if r.Actor != "erin" || r.Via != "cli" || r.Action != soap.ActionSettingsSet || r.Target != "PROLOG_FREQ" ||
				r.Before != "24" || r.After != "6" {
				t.Errorf("record: %+v", r)
			}
			if r := recs[0]; r.Actor != actorName("") || r.Target != "OCS_FILES_FORMAT" || r.Before != "OCS" || r.After != "XML" {
				t.Errorf("record without --actor: %+v", r)
			}
		})
	}
}
