package soap

import (
	"bytes"
	"context"
	"fmt"
	"testing"

	"ocsd/soap/store"
	"ocsd/wsdl"
)

// pageBackend serves a fixed 100-device page shaped like the benchmark fleet.
type pageBackend struct {
	memBackend
	rows map[string][]store.Row
}

func (p *pageBackend) SectionRows(_ context.Context, q store.RowQuery) ([]store.Row, error) {
	return p.rows[q.Table], nil
}

func (p *pageBackend) SoftwareRows(_ context.Context, cols []string, _ []int64) ([]store.Row, error) {
	return p.rows["software"], nil
}

func newPageBackend() *pageBackend {
	p := &pageBackend{memBackend: *newMem(), rows: map[string][]store.Row{}}
	for id := int64(1); id <= 100; id++ {
		p.computers = append(p.computers, store.Computer{ID: id, DeviceID: fmt.Sprint("pc-", id), Tag: "NA"})
	}
	for _, sec := range exportSections() {
		n := 2
		if sec.Software {
			n = softwarePerDevice
		}
		for id := int64(1); id <= 100; id++ {
			for r := 0; r < n; r++ {
				vals := make([]*string, len(sec.Fields))
				for i := range vals {
					vals[i] = strp(fmt.Sprintf("value %d & <%d>", id, i))
				}
				p.rows[sec.Table] = append(p.rows[sec.Table], store.Row{DeviceID: id, Values: vals})
			}
		}
	}
	return p
}

// BenchmarkInventoryPage renders and encodes one INVENTORY page of 100
// devices (every section, 2 rows each, 20 software): the CPU the server
// spends per page besides the database.
func BenchmarkInventoryPage(b *testing.B) {
	svc := newService(newPageBackend(), Options{PageSize: 100}, zlogNop())
	var buf bytes.Buffer
	p := wsdl.GetComputersV1Params{Request: wsdl.ArgOf(req("<WANTED>1</WANTED>"))}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		res, err := svc.GetComputersV1(context.Background(), p)
		if err != nil {
			b.Fatal(err)
		}
		buf.Reset()
		encodeResult(&buf, SOAP11, "get_computers_V1", testNS, res)
	}
	b.SetBytes(int64(buf.Len()))
}
