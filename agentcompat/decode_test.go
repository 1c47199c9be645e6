package agentcompat

import (
	"bytes"
	stdflate "compress/flate"
	stdgzip "compress/gzip"
	stdzlib "compress/zlib"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"io"
	"runtime"
	"testing"

	"ocsd/inventory"
)

const prolog = `<?xml version="1.0" encoding="UTF-8"?>
<REQUEST>
  <DEVICEID>vm-2026-11-29-15-07-24</DEVICEID>
  <QUERY>PROLOG</QUERY>
</REQUEST>
`

func zlibOf(t testing.TB, data []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := stdzlib.NewWriter(&buf)
	if _, err := w.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func gzipOf(t testing.TB, data []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := stdgzip.NewWriter(&buf)
	if _, err := w.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func deflateOf(t testing.TB, data []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	w, err := stdflate.NewWriter(&buf, stdflate.DefaultCompression)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func flipLast(b []byte) []byte { return flipAt(b, len(b)-1) }

func flipAt(b []byte, i int) []byte {
	out := bytes.Clone(b)
	out[i] ^= 0xff
	return out
}

func TestDecode(t *testing.T) {
	x := []byte(prolog)
	z := zlibOf(t, x)
	g := gzipOf(t, x)
	tests := []struct {
		name string
		body []byte
		enc  Encoding
		xml  []byte
		code inventory.Code // when an error is expected
		err  bool
	}{
		{name: "zlib", body: z, enc: Zlib, xml: x},
		{name: "zlib with trailing bytes", body: append(bytes.Clone(z), "junk"...), enc: Zlib, xml: x},
		{name: "gzip", body: g, enc: Gzip, xml: x},
		{name: "gzip with trailing bytes", body: append(bytes.Clone(g), "junk"...), enc: Gzip, xml: x},
		{name: "plain", body: x, enc: Plain, xml: x},
		{name: "plain upper-case declaration", body: []byte(`<?XML version="1.0"?><R/>`), enc: Plain, xml: []byte(`<?XML version="1.0"?><R/>`)},
		{name: "plain without declaration", body: []byte("<REQUEST/>"), enc: Plain, xml: []byte("<REQUEST/>")},
		{name: "plain after BOM and white space", body: []byte("\xef\xbb\xbf \r\n<R/>"), enc: Plain, xml: []byte("\xef\xbb\xbf \r\n<R/>")},
		{name: "plain UTF-16LE", body: []byte("\xff\xfe<\x00R\x00/\x00>\x00"), enc: Plain, xml: []byte("\xff\xfe<\x00R\x00/\x00>\x00")},
		{name: "empty", body: nil, err: true, code: inventory.Invalid},
		{name: "text", body: []byte("hello"), err: true, code: inventory.Invalid},
		{name: "raw deflate", body: deflateOf(t, x), err: true, code: inventory.Invalid},
		{name: "zlib truncated", body: z[:len(z)-10], err: true, code: inventory.Invalid},
		{name: "zlib without checksum", body: z[:len(z)-4], err: true, code: inventory.Invalid},
		{name: "zlib bad checksum", body: flipLast(z), err: true, code: inventory.Invalid},
		{name: "zlib header only", body: []byte{0x78, 0x9c}, err: true, code: inventory.Invalid},
		{name: "zlib preset dictionary", body: []byte{0x78, 0xbb, 0, 0, 0, 1, 3, 0}, err: true, code: inventory.Invalid},
		{name: "zlib of nothing", body: zlibOf(t, nil), err: true, code: inventory.Invalid},
		{name: "gzip truncated", body: g[:len(g)-6], err: true, code: inventory.Invalid},
		{name: "gzip bad crc", body: flipAt(g, len(g)-5), err: true, code: inventory.Invalid},
		{name: "gzip magic only", body: []byte{0x1f, 0x8b}, err: true, code: inventory.Invalid},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Decode(tc.body, DefaultLimits())
			if tc.err {
				if err == nil {
					t.Fatalf("Decode = %q, want error", got.XML)
				}
				if c := inventory.CodeOf(err); c != tc.code {
					t.Fatalf("code %v, want %v (%v)", c, tc.code, err)
				}
				return
			}
			if err != nil {
				t.Fatalf("Decode: %v", err)
			}
			if got.Encoding != tc.enc || !bytes.Equal(got.XML, tc.xml) {
				t.Fatalf("Decode = %v %q, want %v %q", got.Encoding, got.XML, tc.enc, tc.xml)
			}
		})
	}
}

func TestDecodeErrorsWrap(t *testing.T) {
	z := zlibOf(t, []byte(prolog))
	_, err := Decode(z[:len(z)-10], DefaultLimits())
	if !errors.Is(err, ErrUndecodable) || !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Fatalf("truncated zlib: %v, want ErrUndecodable wrapping io.ErrUnexpectedEOF", err)
	}
	_, err = Decode(flipLast(z), DefaultLimits())
	if !errors.Is(err, stdzlib.ErrChecksum) {
		t.Fatalf("bad checksum: %v, want zlib.ErrChecksum", err)
	}
}

func TestDecodeCaps(t *testing.T) {
	big := bytes.Repeat([]byte("<A>x</A>"), 1<<18) // 2 MiB, compresses about 500 times
	doc := append([]byte("<R>"), append(big, "</R>"...)...)
	tests := []struct {
		name string
		body []byte
		lim  Limits
		ok   bool
	}{
		{name: "body over MaxBody", body: []byte(prolog), lim: Limits{MaxBody: 10}},
		{name: "plain over MaxInflated", body: doc, lim: Limits{MaxInflated: 1 << 20}},
		{name: "zlib over MaxInflated", body: zlibOf(t, doc), lim: Limits{MaxInflated: 1 << 20, MaxRatio: 1 << 20}},
		{name: "gzip over MaxInflated", body: gzipOf(t, doc), lim: Limits{MaxInflated: 1 << 20, MaxRatio: 1 << 20}},
		{name: "zlib over MaxRatio", body: zlibOf(t, doc), lim: Limits{MaxRatio: 100}},
		{name: "zlib under every cap", body: zlibOf(t, doc), lim: Limits{MaxRatio: 1000}, ok: true},
		{name: "exactly MaxInflated", body: zlibOf(t, doc), lim: Limits{MaxInflated: int64(len(doc)), MaxRatio: 1000}, ok: true},
		{name: "one byte over MaxInflated", body: zlibOf(t, doc), lim: Limits{MaxInflated: int64(len(doc)) - 1, MaxRatio: 1000}},
		{name: "tiny body under the ratio floor", body: zlibOf(t, []byte(prolog)), lim: Limits{MaxRatio: 1}, ok: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Decode(tc.body, tc.lim)
			if tc.ok {
				if err != nil {
					t.Fatalf("Decode: %v", err)
				}
				return
			}
			if !errors.Is(err, ErrTooLarge) || inventory.CodeOf(err) != inventory.TooLarge {
				t.Fatalf("Decode error %v, want ErrTooLarge", err)
			}
		})
	}
}

func TestLimitsDefaults(t *testing.T) {
	got := Limits{MaxBody: -1}.withDefaults()
	if got != DefaultLimits() {
		t.Fatalf("withDefaults = %+v, want %+v", got, DefaultLimits())
	}
	keep := Limits{MaxBody: 1, MaxInflated: 2, MaxRatio: 3}
	if keep.withDefaults() != keep {
		t.Fatalf("withDefaults changed explicit limits")
	}
}

// deflateZeros returns a raw deflate stream of mib MiB of zeros, about
// 1 KB per MiB. It is assembled rather than compressed: one MiB of zeros
// deflated and flushed is a byte-aligned, self-contained block sequence
// whose matches only reach back to zeros, so it can be repeated; a final
// empty stored block closes the stream.
func deflateZeros(t testing.TB, mib int) []byte {
	t.Helper()
	var block bytes.Buffer
	w, err := stdflate.NewWriter(&block, stdflate.BestCompression)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write(make([]byte, 1<<20)); err != nil {
		t.Fatal(err)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	out := bytes.Repeat(block.Bytes(), mib)
	return append(out, 0x01, 0x00, 0x00, 0xff, 0xff)
}

// bomb wraps deflateZeros in zlib (Adler-32 of n zero bytes: A stays 1, B
// adds 1 per byte) or gzip.
func bomb(t testing.TB, enc Encoding, mib int) []byte {
	t.Helper()
	size := int64(mib) << 20
	if enc == Gzip {
		out := append([]byte{0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff}, deflateZeros(t, mib)...)
		crc := uint32(0)
		zeros := make([]byte, 1<<20)
		for range mib {
			crc = crc32.Update(crc, crc32.IEEETable, zeros)
		}
		out = binary.LittleEndian.AppendUint32(out, crc)
		return binary.LittleEndian.AppendUint32(out, uint32(size))
	}
	out := append([]byte{0x78, 0xda}, deflateZeros(t, mib)...)
	return binary.BigEndian.AppendUint32(out, uint32(size%65521)<<16|1)
}

func TestBombIsValid(t *testing.T) {
	for _, enc := range []Encoding{Zlib, Gzip} {
		var r io.Reader
		var err error
		if enc == Gzip {
			r, err = stdgzip.NewReader(bytes.NewReader(bomb(t, enc, 3)))
		} else {
			r, err = stdzlib.NewReader(bytes.NewReader(bomb(t, enc, 3)))
		}
		if err != nil {
			t.Fatal(err)
		}
		n, err := io.Copy(io.Discard, r)
		if err != nil || n != 3<<20 {
			t.Fatalf("%v bomb inflates to %d bytes (%v), want %d", enc, n, err, 3<<20)
		}
	}
}

// TestDecodeBombStopsEarly inflates a 1 GiB bomb (1 MB on the wire) and
// checks Decode gives up at the cap, having allocated its first buffer
// (at most 8 MiB) and not the cap, let alone the gigabyte.
func TestDecodeBombStopsEarly(t *testing.T) {
	tests := []struct {
		name string
		body []byte
		lim  Limits
	}{
		{name: "zlib, default limits", body: bomb(t, Zlib, 1024), lim: DefaultLimits()},
		{name: "zlib, 4 MiB cap", body: bomb(t, Zlib, 1024), lim: Limits{MaxInflated: 4 << 20}},
		{name: "zlib, ratio 10", body: bomb(t, Zlib, 1024), lim: Limits{MaxRatio: 10}},
		{name: "gzip, default limits", body: bomb(t, Gzip, 1024), lim: DefaultLimits()},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			body := tc.body
			capBytes := tc.lim.withDefaults().inflatedCap(len(body))
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			_, err := Decode(body, tc.lim)
			runtime.ReadMemStats(&after)
			if !errors.Is(err, ErrTooLarge) {
				t.Fatalf("Decode error %v, want ErrTooLarge", err)
			}
			allocated := int64(after.TotalAlloc - before.TotalAlloc)
			// A bomb only costs the first buffer: everything past it is
			// counted, not kept. The decompressor adds a few hundred KB.
			if bound := int64(initialSize(len(body), capBytes)) + 1<<20; allocated > bound {
				t.Fatalf("allocated %d bytes for a cap of %d, want <= %d", allocated, capBytes, bound)
			}
			t.Logf("body %d bytes, cap %d bytes: allocated %d bytes", len(body), capBytes, allocated)
		})
	}
}

func TestEncodingString(t *testing.T) {
	for enc, want := range map[Encoding]string{Zlib: "zlib", Gzip: "gzip", Plain: "plain", Encoding(9): "zlib"} {
		if got := enc.String(); got != want {
			t.Errorf("Encoding(%d).String() = %q, want %q", enc, got, want)
		}
	}
}
