package soap

import (
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"testing"
	"time"

	"ocsd/internal/testsupport"
	"ocsd/loadgen"
	"ocsd/storage"
)

// fleetShape is the per-device composition of the benchmark fleet: rows per
// section (a typical desktop), plus software.
var fleetShape = []struct {
	table string
	rows  int
	cols  []string
}{
	{"bios", 1, []string{"SMANUFACTURER", "SMODEL", "SSN", "BVERSION", "BDATE"}},
	{"cpus", 1, []string{"MANUFACTURER", "TYPE", "SPEED", "CORES", "LOGICAL_CPUS"}},
	{"memories", 2, []string{"CAPTION", "DESCRIPTION", "CAPACITY", "TYPE", "SPEED", "SERIALNUMBER"}},
	{"storages", 2, []string{"MANUFACTURER", "NAME", "MODEL", "DISKSIZE", "SERIALNUMBER"}},
	{"drives", 3, []string{"LETTER", "TYPE", "FILESYSTEM", "TOTAL", "FREE", "VOLUMN"}},
	{"networks", 3, []string{"DESCRIPTION", "TYPE", "SPEED", "MACADDR", "STATUS", "IPADDRESS", "IPMASK"}},
	{"controllers", 6, []string{"MANUFACTURER", "NAME", "CAPTION", "TYPE"}},
	{"videos", 1, []string{"NAME", "CHIPSET", "MEMORY", "RESOLUTION"}},
	{"sounds", 1, []string{"MANUFACTURER", "NAME", "DESCRIPTION"}},
	{"monitors", 1, []string{"MANUFACTURER", "CAPTION", "SERIAL"}},
	{"ports", 2, []string{"TYPE", "NAME", "CAPTION"}},
	{"slots", 2, []string{"NAME", "DESCRIPTION", "DESIGNATION"}},
	{"inputs", 2, []string{"TYPE", "MANUFACTURER", "CAPTION"}},
	{"usbdevices", 2, []string{"DESCRIPTION", "MANUFACTURER", "SERIAL"}},
}

// softwarePerDevice is how many software rows each benchmark device has.
const softwarePerDevice = 20

// populateFleet loads n devices shaped by fleetShape.
func populateFleet(t testing.TB, db *storage.DB, n int) {
	t.Helper()
	ctx := context.Background()
	var hw, ai [][]any
	for id := 1; id <= n; id++ {
		hw = append(hw, []any{id, fmt.Sprintf("pc-%05d-2024-01-01-00-00-00", id), fmt.Sprintf("pc-%05d", id), "WORKGROUP",
			"Debian GNU/Linux 12", "6.1.0", 16384, "10.0.0.1", "2024-05-01 10:00:00", "2024-05-02 09:00:00", 262143, "OCS-NG_unified_unix_agent_v2.10.0"})
		ai = append(ai, []any{id, "site-" + fmt.Sprint(id%10)})
	}
	must(t, db.FixtureBulk(ctx, "hardware", []string{"ID", "DEVICEID", "NAME", "WORKGROUP", "OSNAME", "OSVERSION", "MEMORY",
		"IPADDR", "LASTDATE", "LASTCOME", "CHECKSUM", "USERAGENT"}, hw))
	must(t, db.FixtureBulk(ctx, "accountinfo", []string{"HARDWARE_ID", "TAG"}, ai))
	for _, sec := range fleetShape {
		var rows [][]any
		for id := 1; id <= n; id++ {
			for r := 0; r < sec.rows; r++ {
				row := []any{id}
				for i := range sec.cols {
					row = append(row, fmt.Sprintf("%s-%d-%d & <%d>", sec.cols[i], id%97, r, i))
				}
				rows = append(rows, row)
			}
		}
		must(t, db.FixtureBulk(ctx, sec.table, append([]string{"HARDWARE_ID"}, sec.cols...), rows))
	}
	var names, sw [][]any
	for i := 1; i <= 500; i++ {
		names = append(names, []any{1000 + i, fmt.Sprintf("package-%03d", i)})
	}
	must(t, db.FixtureBulk(ctx, "software_name", []string{"ID", "NAME"}, names))
	for id := 1; id <= n; id++ {
		for k := 0; k < softwarePerDevice; k++ {
			sw = append(sw, []any{id, 1001 + (id*7+k*13)%500, 1, 1, "/usr/share/doc", int64(k * 1024)})
		}
	}
	must(t, db.FixtureBulk(ctx, "software", []string{"HARDWARE_ID", "NAME_ID", "PUBLISHER_ID", "VERSION_ID", "FOLDER", "FILESIZE"}, sw))
}

// BenchmarkSOAPThroughput measures get_computers_V1 pages of 100 on 10,000
// typical-desktop devices (fleetShape) in MariaDB with 4 concurrent HTTP
// clients, and reports pages/s. It is opt-in, OCSD_SOAP_BENCH=1: loading
// the fleet takes MariaDB and the machine for a while. `ocsd bench --mode
// soap-inventory` measures the same on clones of a real inventory.
func BenchmarkSOAPThroughput(b *testing.B) {
	if os.Getenv("OCSD_SOAP_BENCH") == "" {
		b.Skip("set OCSD_SOAP_BENCH=1 to measure SOAP throughput on MariaDB")
	}
	db := openMigrated(b, testsupport.MySQLDSN(b, storage.DropDatabase))
	populateFleet(b, db, 10000)
	s := dbServer(b, db, Options{})
	ts := httptest.NewServer(s.h)
	defer ts.Close()
	for _, kind := range []loadgen.SOAPKind{loadgen.SOAPMeta, loadgen.SOAPInventory} {
		b.Run(string(kind), func(b *testing.B) {
			var pages, secs float64
			for i := 0; i < b.N; i++ {
				res, err := loadgen.RunSOAP(context.Background(), loadgen.SOAPConfig{Target: ts.URL + "/ocsinterface",
					User: "ocssoap", Password: "secret", Clients: 4, Duration: 5 * time.Second, Kind: kind})
				if err != nil {
					b.Fatal(err)
				}
				if res.Failed > 0 {
					b.Fatalf("%d pages failed", res.Failed)
				}
				pages, secs = pages+float64(res.Pages), secs+res.Elapsed.Seconds()
			}
			b.ReportMetric(pages/secs, "pages/s")
		})
	}
}
