package inventory

import (
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkParseInventory measures parsing and extracting the Windows 11
// inventory of the public samples (82 KB, 134 softwares).
func BenchmarkParseInventory(b *testing.B) {
	dir := sharedSamples()
	if dir == "" {
		b.Skip("public samples not found")
	}
	doc, err := os.ReadFile(filepath.Join(dir, "rudder", "WORKSTATION1-win11.xml"))
	if err != nil {
		b.Skip(err)
	}
	b.SetBytes(int64(len(doc)))
	b.ReportAllocs()
	for b.Loop() {
		req, err := ParseRequest(doc, DefaultXMLLimits())
		if err != nil {
			b.Fatal(err)
		}
		_ = ExtractContent(req.Root.Child("CONTENT"), doc)
	}
}
