package soap

import (
	"bytes"
	"context"
	"testing"

	"github.com/rs/zerolog"

	"ocsd/internal/testsupport"
	"ocsd/wsdl"
)

// BenchmarkInventoryPage renders and encodes one INVENTORY page of 100
// devices shaped like the throughput fleet (every section of fleetShape,
// 20 software each), read from a real SQLite database: what the server
// spends per page, database reads included.
func BenchmarkInventoryPage(b *testing.B) {
	db := openMigrated(b, testsupport.SQLiteDSN(b))
	populateFleet(b, db, 100)
	svc := newService(db, Options{PageSize: 100}, zerolog.Nop())
	var buf bytes.Buffer
	p := wsdl.GetComputersV1Params{Request: wsdl.ArgOf(req("<WANTED>1</WANTED>"))}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		res, err := svc.GetComputersV1(context.Background(), p)
		if err != nil {
			b.Fatal(err)
		}
		if len(res) != 102 {
			b.Fatalf("%d parts, want 100 computers and the wrapper", len(res))
		}
		buf.Reset()
		encodeResult(&buf, SOAP11, "get_computers_V1", testNS, res)
	}
	b.SetBytes(int64(buf.Len()))
}
