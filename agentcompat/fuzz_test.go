package agentcompat

import (
	"bytes"
	stdgzip "compress/gzip"
	stdzlib "compress/zlib"
	"io"
	"os"
	"testing"
	"unicode/utf8"

	"ocsd/inventory"
)

// fuzzLimits keep each fuzz iteration small while leaving every cap
// reachable.
var fuzzLimits = Limits{MaxBody: 2 << 20, MaxInflated: 4 << 20, MaxRatio: 200}

// sampleSeeds returns the public samples of ../shared no larger than
// maxSize bytes, when ../shared is present. Third-party samples are read
// at run time, never copied into the repository.
func sampleSeeds(tb testing.TB, maxSize int) [][]byte {
	shared, ok := sharedIfPresent()
	if !ok {
		return nil
	}
	var out [][]byte
	for _, path := range publicSamples(tb, shared) {
		data, err := os.ReadFile(path)
		if err == nil && len(data) <= maxSize {
			out = append(out, data)
		}
	}
	return out
}

func FuzzDecodeBody(f *testing.F) {
	for _, doc := range append(sampleSeeds(f, 1<<20), []byte(prolog)) {
		for _, enc := range []Encoding{Zlib, Gzip, Plain} {
			f.Add(Encode(doc, enc))
		}
	}
	z := Encode([]byte(prolog), Zlib)
	for _, edge := range [][]byte{
		nil, {0x78}, {0x78, 0x9c}, {0x1f, 0x8b}, {0x1f, 0x8b, 8}, []byte("<"), []byte("\xef\xbb\xbf <"),
		[]byte("\xff\xfe<\x00"), []byte("\xfe\xff\x00<"), z[:len(z)/2], z[:len(z)-1], flipLast(z),
		append(bytes.Clone(z), z...), deflateOf(f, []byte(prolog)), bomb(f, Zlib, 5), bomb(f, Gzip, 5),
	} {
		f.Add(edge)
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		dec, err := Decode(body, fuzzLimits)
		if err != nil {
			if c := inventory.CodeOf(err); c != inventory.Invalid && c != inventory.TooLarge {
				t.Fatalf("error code %v: %v", c, err)
			}
			checkStdRefuses(t, body, err)
			return
		}
		if len(dec.XML) == 0 || int64(len(dec.XML)) > fuzzLimits.inflatedCap(len(body)) {
			t.Fatalf("Decode returned %d bytes for a %d-byte body", len(dec.XML), len(body))
		}
		if want := stdInflate(t, body, dec.Encoding); !bytes.Equal(dec.XML, want) {
			t.Fatalf("Decode disagrees with the standard library for %v", dec.Encoding)
		}
		again, err := Decode(Encode(dec.XML, dec.Encoding), Limits{})
		if err != nil || again.Encoding != dec.Encoding || !bytes.Equal(again.XML, dec.XML) {
			t.Fatalf("re-encoding as %v does not round-trip: %v", dec.Encoding, err)
		}
	})
}

// stdInflate decodes the first stream of body with the standard library.
func stdInflate(t *testing.T, body []byte, enc Encoding) []byte {
	t.Helper()
	r, err := stdReader(body, enc)
	if err != nil {
		t.Fatalf("standard %v reader refused what Decode accepted: %v", enc, err)
	}
	out, err := io.ReadAll(r)
	if err != nil {
		t.Fatalf("standard %v reader failed where Decode succeeded: %v", enc, err)
	}
	return out
}

func stdReader(body []byte, enc Encoding) (io.Reader, error) {
	switch enc {
	case Plain:
		return bytes.NewReader(body), nil
	case Gzip:
		r, err := stdgzip.NewReader(bytes.NewReader(body))
		if err != nil {
			return nil, err
		}
		r.Multistream(false)
		return r, nil
	}
	return stdzlib.NewReader(bytes.NewReader(body))
}

// checkStdRefuses fails when Decode called a compressed body undecodable
// but the standard library inflates it completely.
func checkStdRefuses(t *testing.T, body []byte, err error) {
	t.Helper()
	if inventory.CodeOf(err) != inventory.Invalid || len(body) < 2 {
		return
	}
	enc := Zlib
	switch {
	case isZlib(body):
	case isGzip(body):
		enc = Gzip
	default:
		return
	}
	r, serr := stdReader(body, enc)
	if serr != nil {
		return
	}
	out, serr := io.ReadAll(io.LimitReader(r, fuzzLimits.inflatedCap(len(body))+1))
	if serr == nil && len(out) > 0 && int64(len(out)) <= fuzzLimits.inflatedCap(len(body)) {
		if _, eof := r.Read(make([]byte, 1)); eof == io.EOF {
			t.Fatalf("Decode refused a %v body the standard library reads: %v", enc, err)
		}
	}
}

func FuzzToUTF8(f *testing.F) {
	for _, doc := range sampleSeeds(f, 16<<10) {
		f.Add(doc)
		if latin1, ok := toLatin1(doc); ok {
			f.Add(latin1)
		}
	}
	for _, seed := range []string{
		"", prolog, `<?xml version="1.0" encoding="ISO-8859-1"?><R>` + "\xc9dition Int\xe9grale</R>",
		`<?xml version='1.0' encoding='windows-1252'?><R>` + "\x80\x92</R>", `<?xml version="1.0" encoding="UTF-16"?><R/>`,
		"\xff\xfe<\x00?\x00x\x00m\x00l\x00", "\xfe\xff\x00<\x00R\x00>", "<R>a\x00b\x01&#1;&#x1F;&#65;&#xD800;</R>",
		"<R>\xef\xbf\xbe\xef\xbf\xbf\xed\xa0\x80</R>", `<?xml encoding="shift_jis"?><R>` + "\x82\xa0</R>",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		keep := bytes.Clone(in)
		out := ToUTF8(in)
		if !bytes.Equal(in, keep) {
			t.Fatal("ToUTF8 modified its input")
		}
		checkXMLChars(t, out)
		if again := ToUTF8(out); !bytes.Equal(again, out) {
			t.Fatalf("ToUTF8 is not idempotent: %q then %q", out, again)
		}
		if plainUTF8(in) && !bytes.Equal(out, in) {
			t.Fatalf("ToUTF8 changed valid UTF-8 without controls: %q -> %q", in, out)
		}
	})
}

// checkXMLChars fails unless b is valid UTF-8 made only of characters XML
// 1.0 allows, raw or as character references.
func checkXMLChars(t *testing.T, b []byte) {
	t.Helper()
	if !utf8.Valid(b) {
		t.Fatalf("output is not valid UTF-8: %q", b)
	}
	for i, r := range string(b) {
		if !legalChar(uint32(r)) {
			t.Fatalf("output holds U+%04X at %d: %q", r, i, b)
		}
		if r == '&' && illegalCharRef(b[i:]) > 0 {
			t.Fatalf("output holds an illegal character reference at %d: %q", i, b)
		}
	}
}

// plainUTF8 reports whether ToUTF8 must return in unchanged: valid UTF-8,
// nothing XML forbids, no character reference, no encoding declaration.
func plainUTF8(in []byte) bool {
	if !utf8.Valid(in) || bytes.Contains(in, []byte("&#")) || bytes.Contains(in, []byte("encoding")) {
		return false
	}
	for _, r := range string(in) {
		if !legalChar(uint32(r)) {
			return false
		}
	}
	return true
}

func toLatin1(doc []byte) ([]byte, bool) {
	out := make([]byte, 0, len(doc))
	for _, r := range string(doc) {
		if r > 0xff {
			return nil, false
		}
		out = append(out, byte(r))
	}
	return out, !bytes.Equal(out, doc)
}
