package main

import (
	"os"
	"os/exec"
	"testing"

	"ocsd/agentcompat"
	"ocsd/internal/testsupport"
	"ocsd/storage"
)

// TestTimesFollowDatabaseZone runs ocsd in a time zone other than the
// database's (in a child process, since a process has one local zone) and
// checks LASTDATE and LASTCOME still read as "now" to the database's NOW(),
// which is what GLPI compares them with.
func TestTimesFollowDatabaseZone(t *testing.T) {
	if os.Getenv("OCSD_ZONE_CHILD") == "" {
		testsupport.MySQLServer(t)
		cmd := exec.Command(os.Args[0], "-test.run=^TestTimesFollowDatabaseZone$", "-test.count=1")
		cmd.Env = append(os.Environ(), "OCSD_ZONE_CHILD=1", "TZ=Pacific/Kiritimati")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("child in another zone: %v\n%s", err, out)
		}
		return
	}
	s := newTestServer(t, testsupport.MySQLDSN(t, storage.DropDatabase))
	if status, body := s.post(t, baseMachine(1).doc(), agentcompat.Zlib, "OCS-NG_unified_unix_agent_v2.10.0"); status != 200 {
		t.Fatalf("status %d %s", status, body)
	}
	var lastDate, lastCome int
	if err := s.DB.SQL().QueryRow(`SELECT TIMESTAMPDIFF(SECOND, LASTDATE, NOW()), TIMESTAMPDIFF(SECOND, LASTCOME, NOW())
		FROM hardware WHERE DEVICEID = ?`, baseMachine(1).deviceID).Scan(&lastDate, &lastCome); err != nil {
		t.Fatal(err)
	}
	for name, d := range map[string]int{"LASTDATE": lastDate, "LASTCOME": lastCome} {
		if d < -5 || d > 120 {
			t.Errorf("%s is %d s from the database's NOW()", name, d)
		}
	}
}
