package main

import (
	"fmt"
	"math/rand/v2"
	"net/http"
	"strings"
	"sync"
	"testing"

	"ocsd/agentcompat"
	"ocsd/internal/testsupport"
	"ocsd/storage"
)

// concurrentDoc is an inventory sharing most software names with its
// siblings, in a different order each time, plus names of its own: the
// workload on which OCS deadlocks and loses acknowledged inventories.
func concurrentDoc(i int, rng *rand.Rand) ([]byte, string) {
	id := fmt.Sprintf("conc%05d-2024-01-02-03-04-05", i)
	var b strings.Builder
	fmt.Fprintf(&b, `<REQUEST><DEVICEID>%s</DEVICEID><QUERY>INVENTORY</QUERY><CONTENT>`, id)
	fmt.Fprintf(&b, `<HARDWARE><NAME>conc%d</NAME><OSNAME>Linux</OSNAME><CHECKSUM>262143</CHECKSUM></HARDWARE>`, i)
	fmt.Fprintf(&b, `<BIOS><SSN>CONC-%d</SSN></BIOS><NETWORKS><MACADDR>02:10:00:00:%02x:%02x</MACADDR></NETWORKS>`, i, i>>8&0xff, i&0xff)
	for _, k := range rng.Perm(300)[:120] {
		fmt.Fprintf(&b, `<SOFTWARES><NAME>shared-package-%d</NAME><VERSION>%d.%d</VERSION><PUBLISHER>Vendor %d</PUBLISHER></SOFTWARES>`, k, k%7, k%3, k%11)
	}
	for k := 0; k < 30; k++ {
		fmt.Fprintf(&b, `<SOFTWARES><NAME>own-%d-%d</NAME><VERSION>1.%d</VERSION></SOFTWARES>`, i, k, k)
	}
	for k := 0; k < 4; k++ {
		fmt.Fprintf(&b, `<DRIVES><TYPE>/d%d</TYPE><TOTAL>100</TOTAL><FREE>%d</FREE></DRIVES>`, k, i)
	}
	b.WriteString(`</CONTENT></REQUEST>`)
	return []byte(b.String()), id
}

// TestConcurrentInventoriesLossless posts 512 distinct inventories from 32
// concurrent agents to MariaDB and proves every acknowledged one is stored,
// no per-device table holds an orphan row, and no normalised name exists twice.
func TestConcurrentInventoriesLossless(t *testing.T) {
	if testing.Short() {
		t.Skip("long test")
	}
	s := newTestServer(t, testsupport.MySQLDSN(t, storage.DropDatabase))
	const total, agents = 512, 32
	docs := make([][]byte, total)
	ids := make([]string, total)
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range docs {
		docs[i], ids[i] = concurrentDoc(i, rng)
	}
	var mu sync.Mutex
	var acked []string
	statuses := map[int]int{}
	work := make(chan int)
	var wg sync.WaitGroup
	for a := 0; a < agents; a++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				status, _ := s.post(t, docs[i], agentcompat.Zlib, "OCS-NG_unified_unix_agent_v2.10.0")
				mu.Lock()
				statuses[status]++
				if status == http.StatusOK {
					acked = append(acked, ids[i])
				}
				mu.Unlock()
			}
		}()
	}
	for i := range docs {
		work <- i
	}
	close(work)
	wg.Wait()
	t.Logf("statuses: %v", statuses)
	if len(acked) < total*9/10 {
		t.Fatalf("only %d of %d inventories acknowledged: %v", len(acked), total, statuses)
	}
	found, err := s.DB.ExistingDeviceIDs(t.Context(), acked)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range acked {
		if !found[id] {
			t.Errorf("acknowledged inventory %s is not stored", id)
		}
	}
	if n := s.count(t, "SELECT COUNT(*) FROM software WHERE HARDWARE_ID IN (SELECT ID FROM hardware)"); n != len(acked)*150 {
		t.Errorf("%d software rows for %d machines, want %d", n, len(acked), len(acked)*150)
	}
	s.assertNoOrphans(t)
	for _, q := range []string{
		"SELECT COUNT(*) FROM (SELECT NAME FROM software_name GROUP BY NAME HAVING COUNT(*) > 1) d",
		"SELECT COUNT(*) FROM (SELECT VERSION FROM software_version GROUP BY VERSION HAVING COUNT(*) > 1) d",
		"SELECT COUNT(*) FROM (SELECT PUBLISHER FROM software_publisher GROUP BY PUBLISHER HAVING COUNT(*) > 1) d",
		"SELECT COUNT(*) FROM (SELECT DEVICEID FROM hardware GROUP BY DEVICEID HAVING COUNT(*) > 1) d",
	} {
		if n := s.count(t, q); n != 0 {
			t.Errorf("%s: %d duplicates", q, n)
		}
	}
	if n := s.count(t, "SELECT COUNT(*) FROM software_name WHERE NAME LIKE 'shared-package-%'"); n != 300 {
		t.Errorf("%d shared names stored, want 300", n)
	}
}

// concurrentDocBytes is one such inventory, for tests needing a big one.
func concurrentDocBytes(i int) []byte {
	doc, _ := concurrentDoc(i, rand.New(rand.NewPCG(uint64(i), 3)))
	return doc
}
