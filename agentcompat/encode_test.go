package agentcompat

import (
	"bytes"
	stdgzip "compress/gzip"
	stdzlib "compress/zlib"
	"io"
	"math/rand/v2"
	"strconv"
	"testing"
)

// stdDecode inflates with the standard library, an independent decoder.
func stdDecode(t testing.TB, body []byte, enc Encoding) []byte {
	t.Helper()
	if enc == Plain {
		return body
	}
	var r io.ReadCloser
	var err error
	if enc == Gzip {
		r, err = stdgzip.NewReader(bytes.NewReader(body))
	} else {
		r, err = stdzlib.NewReader(bytes.NewReader(body))
	}
	if err != nil {
		t.Fatalf("%v reader: %v", enc, err)
	}
	defer r.Close()
	out, err := io.ReadAll(r)
	if err != nil {
		t.Fatalf("%v read: %v", enc, err)
	}
	return out
}

func TestEncode(t *testing.T) {
	var r Reply
	r.Add("RESPONSE", "SEND")
	r.Add("PROLOG_FREQ", "24")
	r.AddOption("DOWNLOAD", Param("", Attr{"TYPE", "CONF"}, Attr{"ON", "0"}))
	doc := r.Bytes()
	tests := []struct {
		name   string
		enc    Encoding
		prefix []byte
	}{
		{name: "zlib", enc: Zlib, prefix: []byte{0x78, 0x9c}},
		{name: "gzip", enc: Gzip, prefix: []byte{0x1f, 0x8b, 8}},
		{name: "plain", enc: Plain, prefix: []byte("<?xml")},
		{name: "unknown is zlib", enc: Encoding(7), prefix: []byte{0x78, 0x9c}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			body := Encode(doc, tc.enc)
			if !bytes.HasPrefix(body, tc.prefix) {
				t.Fatalf("Encode starts % x, want % x", body[:min(len(body), 4)], tc.prefix)
			}
			want := tc.enc
			if want > Plain {
				want = Zlib
			}
			if got := stdDecode(t, body, want); !bytes.Equal(got, doc) {
				t.Fatalf("standard decoder read %q, want %q", got, doc)
			}
			dec, err := Decode(body, DefaultLimits())
			if err != nil || dec.Encoding != want || !bytes.Equal(dec.XML, doc) {
				t.Fatalf("Decode = %v %q %v, want %v %q", dec.Encoding, dec.XML, err, want, doc)
			}
		})
	}
}

// TestEncodeLarge covers replies spanning several deflate blocks, and
// documents with nothing to compress.
func TestEncodeLarge(t *testing.T) {
	var r Reply
	for i := range 3000 {
		r.AddOption("DOWNLOAD", Param("", Attr{"TYPE", "PACK"}, Attr{"ID", strconv.Itoa(1700000000 + i*7919)}))
	}
	random := make([]byte, 300<<10)
	for i := range random {
		random[i] = byte(rand.Uint32())
	}
	for _, doc := range [][]byte{r.Bytes(), random, {}} {
		for _, enc := range []Encoding{Zlib, Gzip} {
			body := Encode(doc, enc)
			if got := stdDecode(t, body, enc); !bytes.Equal(got, doc) {
				t.Fatalf("%v: %d bytes round-trip to %d", enc, len(doc), len(got))
			}
		}
	}
}

func TestEncodePlainDoesNotCopy(t *testing.T) {
	doc := []byte("<REPLY/>")
	if got := Encode(doc, Plain); &got[0] != &doc[0] {
		t.Fatal("Encode(Plain) copied its input")
	}
}
