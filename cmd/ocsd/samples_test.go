package main

import (
	"bytes"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"ocsd/agentcompat"
	"ocsd/internal/testsupport"
	"ocsd/inventory"
)

// publicSamples lists the inventories of ../shared/samples/public.
func publicSamples(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(testsupport.SharedDir(t), "samples/public/*/*.xml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no samples: %v", err)
	}
	return files
}

var deviceIDTag = regexp.MustCompile(`<DEVICEID>([^<]*)</DEVICEID>`)

// validDeviceID rewrites a sample's DEVICEID when it lacks OCS's
// "-YYYY-MM-DD-HH-MM-SS" suffix (some public samples carry placeholders such
// as "foo"): the content is what these tests exercise; the DEVICEID rule has
// its own test.
func validDeviceID(doc []byte) ([]byte, string) {
	m := deviceIDTag.FindSubmatch(doc)
	if m == nil {
		return doc, ""
	}
	id := string(m[1])
	if inventory.ValidDeviceID(id) {
		return doc, id
	}
	fixed := id + "-2024-01-02-03-04-05"
	return bytes.Replace(doc, m[0], []byte("<DEVICEID>"+fixed+"</DEVICEID>"), 1), fixed
}

func queryOf(doc []byte) string {
	m := regexp.MustCompile(`<QUERY>([^<]*)</QUERY>`).FindSubmatch(doc)
	if m == nil {
		return ""
	}
	return string(m[1])
}

// TestPublicSamplesIngest posts every public sample: computer inventories are
// stored (on both dialects) and a second identical post changes nothing but
// the contact timestamps; network-device documents are handled or cleanly
// refused, never a server error.
func TestPublicSamplesIngest(t *testing.T) {
	for name, dsn := range dialects(t) {
		t.Run(name, func(t *testing.T) {
			s := newTestServer(t, dsn(t))
			for _, file := range publicSamples(t) {
				t.Run(strings.TrimSuffix(filepath.Base(file), ".xml"), func(t *testing.T) {
					raw, err := os.ReadFile(file)
					if err != nil {
						t.Fatal(err)
					}
					doc, id := validDeviceID(raw)
					if queryOf(doc) != "INVENTORY" {
						status, body := s.post(t, doc, agentcompat.Zlib, "FusionInventory-Agent_v2.6")
						if status >= 500 {
							t.Fatalf("network-device document: status %d %s", status, body)
						}
						return
					}
					s.ingestTwice(t, doc, id)
				})
			}
		})
	}
}

func (s *testServer) ingestTwice(t *testing.T, doc []byte, deviceID string) {
	t.Helper()
	status, body := s.post(t, doc, agentcompat.Zlib, "FusionInventory-Agent_v2.6")
	if status != http.StatusOK {
		t.Fatalf("first post: status %d %s", status, body)
	}
	id := s.hardwareID(t, deviceID)
	before := s.deviceRows(t, id, "LASTDATE", "LASTCOME")
	if len(before) < 2 {
		t.Fatalf("only %d rows stored", len(before))
	}
	status, body = s.post(t, doc, agentcompat.Zlib, "FusionInventory-Agent_v2.6")
	if status != http.StatusOK {
		t.Fatalf("second post: status %d %s", status, body)
	}
	if id2 := s.hardwareID(t, deviceID); id2 != id {
		t.Fatalf("second post moved the machine from id %d to %d", id, id2)
	}
	after := s.deviceRows(t, id, "LASTDATE", "LASTCOME")
	if !slices.Equal(before, after) {
		t.Errorf("second identical inventory changed stored rows:\n%s", diffLines(before, after))
	}
}

func (s *testServer) hardwareID(t *testing.T, deviceID string) int64 {
	t.Helper()
	var id int64
	if err := s.DB.SQL().QueryRow("SELECT ID FROM hardware WHERE DEVICEID = ? ORDER BY ID DESC", deviceID).Scan(&id); err != nil {
		t.Fatalf("hardware row of %s: %v", deviceID, err)
	}
	return id
}

func diffLines(a, b []string) string {
	var out []string
	for _, l := range a {
		if !slices.Contains(b, l) {
			out = append(out, "- "+l)
		}
	}
	for _, l := range b {
		if !slices.Contains(a, l) {
			out = append(out, "+ "+l)
		}
	}
	if len(out) > 20 {
		out = append(out[:20], "…")
	}
	return strings.Join(out, "\n")
}
