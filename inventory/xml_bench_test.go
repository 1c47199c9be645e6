package inventory

import (
	"os"
	"testing"
)

func BenchmarkParseXMLWin11(b *testing.B) {
	data, err := os.ReadFile("../../shared/samples/public/rudder/WORKSTATION1-win11.xml")
	if err != nil {
		b.Skip("no ../shared samples")
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		root, err := ParseXML(data, DefaultXMLLimits())
		if err != nil {
			b.Fatal(err)
		}
		_ = ExtractContent(root.Child("CONTENT"), data)
	}
}
