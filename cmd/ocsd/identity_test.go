package main

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"ocsd/agentcompat"
	"ocsd/inventory"
)

// machine is a synthetic agent inventory with the identity fields the
// duplicate criteria look at.
type machine struct {
	deviceID, oldDeviceID, name, serial, mac, model, uuid, assetTag, tag string
}

func (m machine) doc() []byte {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?><REQUEST><DEVICEID>` + m.deviceID + `</DEVICEID><QUERY>INVENTORY</QUERY><CONTENT>`)
	fmt.Fprintf(&b, `<HARDWARE><NAME>%s</NAME><UUID>%s</UUID><OSNAME>Debian GNU/Linux 12</OSNAME><MEMORY>2048</MEMORY><CHECKSUM>262143</CHECKSUM></HARDWARE>`, m.name, m.uuid)
	fmt.Fprintf(&b, `<BIOS><SSN>%s</SSN><SMODEL>%s</SMODEL><ASSETTAG>%s</ASSETTAG><SMANUFACTURER>ACME</SMANUFACTURER></BIOS>`, m.serial, m.model, m.assetTag)
	fmt.Fprintf(&b, `<NETWORKS><DESCRIPTION>eth0</DESCRIPTION><MACADDR>%s</MACADDR><IPADDRESS>192.0.2.10</IPADDRESS><STATUS>Up</STATUS></NETWORKS>`, m.mac)
	b.WriteString(`<SOFTWARES><NAME>bash</NAME><VERSION>5.2</VERSION><PUBLISHER>GNU</PUBLISHER></SOFTWARES>`)
	b.WriteString(`<DRIVES><TYPE>/</TYPE><TOTAL>1000</TOTAL><FREE>500</FREE></DRIVES>`)
	if m.tag != "" {
		b.WriteString(`<ACCOUNTINFO><KEYNAME>TAG</KEYNAME><KEYVALUE>` + m.tag + `</KEYVALUE></ACCOUNTINFO>`)
	}
	if m.oldDeviceID != "" {
		b.WriteString(`<OLD_DEVICEID>` + m.oldDeviceID + `</OLD_DEVICEID>`)
	}
	b.WriteString(`</CONTENT></REQUEST>`)
	return []byte(b.String())
}

func baseMachine(n int) machine {
	return machine{
		deviceID: fmt.Sprintf("pc%d-2024-01-02-03-04-05", n), name: fmt.Sprintf("pc%d", n),
		serial: fmt.Sprintf("SN-%d", n), mac: fmt.Sprintf("02:00:00:00:00:%02x", n), model: "Model X",
		uuid: fmt.Sprintf("uuid-%d", n), assetTag: fmt.Sprintf("AT-%d", n), tag: "SITE",
	}
}

func (s *testServer) inventory(t *testing.T, m machine) []byte {
	t.Helper()
	status, body := s.post(t, m.doc(), agentcompat.Zlib, "OCS-NG_unified_unix_agent_v2.10.0")
	if status != http.StatusOK {
		t.Fatalf("inventory %s: status %d %s", m.deviceID, status, body)
	}
	return body
}

func (s *testServer) exec(t *testing.T, q string, args ...any) {
	t.Helper()
	if _, err := s.DB.SQL().Exec(q, args...); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
}

// assertNoOrphans fails when any per-device table holds a row whose machine
// does not exist.
func (s *testServer) assertNoOrphans(t *testing.T) {
	t.Helper()
	tables := append(inventory.DeviceTables(),
		inventory.DeviceTable{Table: "accountinfo", Column: "HARDWARE_ID"},
		inventory.DeviceTable{Table: "devices", Column: "HARDWARE_ID"})
	for _, tb := range tables {
		n := s.count(t, "SELECT COUNT(*) FROM "+tb.Table+" x WHERE NOT EXISTS (SELECT 1 FROM hardware h WHERE h.ID = x."+tb.Column+")")
		if n != 0 {
			t.Errorf("%d orphan rows in %s", n, tb.Table)
		}
	}
}

// TestOldDeviceIDMerge: an agent that changed DEVICEID and says so merges its
// old machine into the new one, whatever AUTO_DUPLICATE_LVL says; the new
// machine keeps the old one's TAG and package assignments, GLPI can follow the
// change in deleted_equiv, and nothing of the old machine is left.
func TestOldDeviceIDMerge(t *testing.T) {
	for name, dsn := range dialects(t) {
		t.Run(name, func(t *testing.T) {
			s := newTestServer(t, dsn(t))
			s.exec(t, "UPDATE config SET IVALUE = 0 WHERE NAME = 'AUTO_DUPLICATE_LVL'")
			old := baseMachine(1)
			s.inventory(t, old)
			oldID := s.hardwareID(t, old.deviceID)
			s.exec(t, "UPDATE accountinfo SET TAG = 'PARIS' WHERE HARDWARE_ID = ?", oldID)
			s.exec(t, "INSERT INTO devices (HARDWARE_ID, NAME, IVALUE) VALUES (?, 'DOWNLOAD', 7)", oldID)
			renamed := baseMachine(2)
			renamed.oldDeviceID = old.deviceID
			reply := s.inventory(t, renamed)
			newID := s.hardwareID(t, renamed.deviceID)
			if got := s.count(t, "SELECT COUNT(*) FROM hardware WHERE ID = ?", oldID); got != 0 {
				t.Fatalf("old machine still there")
			}
			if !strings.Contains(string(reply), "ACCOUNT_UPDATE") || !strings.Contains(string(reply), "PARIS") {
				t.Errorf("reply should push the kept TAG back: %s", reply)
			}
			if n := s.count(t, "SELECT COUNT(*) FROM accountinfo WHERE HARDWARE_ID = ? AND TAG = 'PARIS'", newID); n != 1 {
				t.Errorf("survivor lost the TAG")
			}
			if n := s.count(t, "SELECT COUNT(*) FROM devices WHERE HARDWARE_ID = ? AND NAME = 'DOWNLOAD' AND IVALUE = 7", newID); n != 1 {
				t.Errorf("survivor lost the package assignment")
			}
			if n := s.count(t, "SELECT COUNT(*) FROM deleted_equiv WHERE DELETED = ? AND EQUIVALENT = ?", fmt.Sprint(oldID), fmt.Sprint(newID)); n != 1 {
				t.Errorf("no deleted_equiv row for the merge")
			}
			s.assertNoOrphans(t)
		})
	}
}

// TestDuplicateCriteria checks each AUTO_DUPLICATE_LVL criterion alone: a
// reinstalled machine (new DEVICEID) sharing only that value with the old
// one is merged, one sharing nothing is not; blacklisted serials and MACs
// never count.
func TestDuplicateCriteria(t *testing.T) {
	same := func(field string) func(m *machine, old machine) {
		return func(m *machine, old machine) {
			switch field {
			case "name":
				m.name = old.name
			case "serial":
				m.serial = old.serial
			case "mac":
				m.mac = old.mac
			case "model":
				m.model = old.model
			case "uuid":
				m.uuid = old.uuid
			case "assettag":
				m.assetTag = old.assetTag
			}
		}
	}
	cases := []struct {
		name   string
		level  uint64
		mutate func(m *machine, old machine)
		merged bool
	}{
		{"hostname", inventory.DupHostname, same("name"), true},
		{"serial", inventory.DupSerial, same("serial"), true},
		{"mac", inventory.DupMAC, same("mac"), true},
		{"model", inventory.DupModel, same("model"), true},
		{"uuid", inventory.DupUUID, same("uuid"), true},
		{"asset tag", inventory.DupAssetTag, same("assettag"), true},
		{"hostname+serial+mac, only hostname shared", 7, same("name"), false},
		{"nothing shared", inventory.DupHostname, func(*machine, machine) {}, false},
		{"blacklisted serial", inventory.DupSerial, func(m *machine, old machine) { m.serial = old.serial }, false},
		{"blacklisted mac", inventory.DupMAC, func(m *machine, old machine) { m.mac = old.mac }, false},
	}
	for name, dsn := range dialects(t) {
		t.Run(name, func(t *testing.T) {
			s := newTestServer(t, dsn(t))
			for i, c := range cases {
				t.Run(c.name, func(t *testing.T) {
					s.exec(t, "UPDATE config SET IVALUE = ? WHERE NAME = 'AUTO_DUPLICATE_LVL'", c.level)
					s.DB.InvalidateSettings()
					old := baseMachine(10 + 2*i)
					if strings.HasPrefix(c.name, "blacklisted serial") {
						old.serial = "To be filled by O.E.M."
					}
					if strings.HasPrefix(c.name, "blacklisted mac") {
						old.mac = "00:00:00:00:00:00"
					}
					if c.level != inventory.DupModel {
						old.model = fmt.Sprintf("Model %d", i)
					}
					s.inventory(t, old)
					oldID := s.hardwareID(t, old.deviceID)
					m := baseMachine(11 + 2*i)
					c.mutate(&m, old)
					s.inventory(t, m)
					gone := s.count(t, "SELECT COUNT(*) FROM hardware WHERE ID = ?", oldID) == 0
					if gone != c.merged {
						t.Fatalf("merged = %v, want %v", gone, c.merged)
					}
					s.assertNoOrphans(t)
				})
			}
		})
	}
}
