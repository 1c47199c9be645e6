package agentcompat

import (
	"bytes"
	stdzlib "compress/zlib"
	"io"
	"path/filepath"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"

	"ocsd/internal/testsupport"
)

// benchDoc is an 82 KB real inventory (Windows 11, FusionInventory 2.6).
func benchDoc(b testing.TB) []byte {
	b.Helper()
	return readFile(b, filepath.Join(testsupport.SharedDir(b), "samples", "public", "rudder", "WORKSTATION1-win11.xml"))
}

func benchDecode(b *testing.B, enc Encoding) {
	doc := benchDoc(b)
	body := Encode(doc, enc)
	b.SetBytes(int64(len(doc)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Decode(body, DefaultLimits()); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDecodeZlib80KB(b *testing.B)  { benchDecode(b, Zlib) }
func BenchmarkDecodeGzip80KB(b *testing.B)  { benchDecode(b, Gzip) }
func BenchmarkDecodePlain80KB(b *testing.B) { benchDecode(b, Plain) }

// BenchmarkStdlibZlib80KB is the standard library on the same body, for
// comparison with BenchmarkDecodeZlib80KB.
func BenchmarkStdlibZlib80KB(b *testing.B) {
	doc := benchDoc(b)
	body := Encode(doc, Zlib)
	b.SetBytes(int64(len(doc)))
	b.ReportAllocs()
	for b.Loop() {
		r, err := stdzlib.NewReader(bytes.NewReader(body))
		if err != nil {
			b.Fatal(err)
		}
		if _, err := io.ReadAll(r); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkToUTF8Valid80KB(b *testing.B) {
	doc := benchDoc(b)
	b.SetBytes(int64(len(doc)))
	b.ReportAllocs()
	for b.Loop() {
		ToUTF8(doc)
	}
}

func BenchmarkToUTF8Latin1Declared80KB(b *testing.B) {
	doc := bytes.Replace(mustLatin1(b, benchDoc(b)), []byte(`encoding="UTF-8"`), []byte(`encoding="ISO-8859-1"`), 1)
	b.SetBytes(int64(len(doc)))
	b.ReportAllocs()
	for b.Loop() {
		ToUTF8(doc)
	}
}

func BenchmarkToUTF8Latin1Repair80KB(b *testing.B) {
	doc := mustLatin1(b, benchDoc(b))
	b.SetBytes(int64(len(doc)))
	b.ReportAllocs()
	for b.Loop() {
		ToUTF8(doc)
	}
}

func BenchmarkEncodePrologReply(b *testing.B) {
	var r Reply
	r.Add("RESPONSE", "SEND")
	r.Add("PROLOG_FREQ", "24")
	r.Add("INVENTORY_ON_STARTUP", "1")
	r.AddOption("DOWNLOAD", Param("", Attr{"TYPE", "CONF"}, Attr{"ON", "0"}, Attr{"CYCLE_LATENCY", "60"},
		Attr{"FRAG_LATENCY", "10"}, Attr{"PERIOD_LATENCY", "1"}, Attr{"PERIOD_LENGTH", "10"}, Attr{"TIMEOUT", "30"}))
	b.ReportAllocs()
	for b.Loop() {
		Encode(r.Bytes(), Zlib)
	}
}

// mustLatin1 re-encodes doc as windows-1252, what a Windows agent writing
// "latin-1" produces; characters it lacks become '?'.
func mustLatin1(b *testing.B, doc []byte) []byte {
	b.Helper()
	out, err := encoding.ReplaceUnsupported(charmap.Windows1252.NewEncoder()).Bytes(doc)
	if err != nil || utf8.Valid(out) {
		b.Fatalf("no windows-1252 form with invalid UTF-8 (%v)", err)
	}
	return out
}
