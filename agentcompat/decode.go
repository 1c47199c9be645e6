package agentcompat

import (
	"bytes"
	"fmt"
	"io"
	"sync"

	"github.com/klauspost/compress/gzip"
	"github.com/klauspost/compress/zlib"

	"ocsd/inventory"
)

// Encoding is the compression of an agent body. The reply to a request uses
// the request's own Encoding, because an agent that could not send zlib
// cannot read it either.
type Encoding uint8

// Body encodings. The zero value is Zlib, what agents send by default.
const (
	// Zlib is an RFC 1950 stream (header, deflate data, Adler-32), what
	// Compress::Zlib::compress and zlib's deflateInit produce: every OCS,
	// FusionInventory and GLPI agent sends it.
	Zlib Encoding = iota
	// Gzip is an RFC 1952 member, the UnixAgent's fallback when Compress::Zlib
	// is missing (it pipes through gzip --best).
	Gzip
	// Plain is uncompressed XML, the UnixAgent's last resort.
	Plain
)

// String names the encoding for logs and metrics.
func (e Encoding) String() string {
	switch e {
	case Gzip:
		return "gzip"
	case Plain:
		return "plain"
	}
	return "zlib"
}

// Decoded is an agent body made readable.
type Decoded struct {
	// XML is the inflated document, in the agent's charset (see ToUTF8). For a
	// Plain body it is the body itself, not a copy.
	XML []byte
	// Encoding is how the body was sent, and how the reply must be sent.
	Encoding Encoding
}

// Domain errors of Decode. Test them with errors.Is, or map them with
// inventory.CodeOf.
var (
	// ErrUndecodable is a body that is neither a complete zlib stream, a gzip
	// member nor XML. OCS answers 500 there; retrying cannot help, so it is a
	// client error (400).
	ErrUndecodable = &inventory.Error{Code: inventory.Invalid, Msg: "undecodable body"}
	// ErrTooLarge is a body, or the document it inflates to, over a Limits cap.
	ErrTooLarge = &inventory.Error{Code: inventory.TooLarge, Msg: "body over the size cap"}
)

// Decode sniffs body and returns the XML it carries.
//
// A body is zlib when its first two bytes are a valid RFC 1950 header; it
// must then inflate completely with a matching Adler-32 (a truncated stream
// is an error, not a short document). Otherwise it is gzip when it starts
// with the gzip magic, otherwise plain when its first byte after an optional
// byte order mark and white space is '<'. Raw deflate is refused, as OCS
// does. The three tests cannot overlap: no XML or gzip body begins with a
// valid zlib header.
//
// Inflation stops as soon as the output crosses lim (see Limits), and only
// a document that ends within the cap is kept: a decompression bomb costs
// the first buffer (at most 8 MiB) and the time to inflate up to the cap,
// never the cap in memory. Errors wrap ErrUndecodable (inventory.Invalid)
// or ErrTooLarge (inventory.TooLarge).
func Decode(body []byte, lim Limits) (Decoded, error) { return decode(body, lim, nil) }

// Decoder decodes agent bodies as Decode does, reusing its zlib inflaters
// between calls: each carries tens of kilobytes of tables that would
// otherwise be allocated and zeroed for every request. It is safe for
// concurrent use; the zero value is ready.
type Decoder struct{ zlib sync.Pool }

// Decode is Decode with pooled inflaters.
func (d *Decoder) Decode(body []byte, lim Limits) (Decoded, error) { return decode(body, lim, &d.zlib) }

func decode(body []byte, lim Limits, pool *sync.Pool) (Decoded, error) {
	lim = lim.withDefaults()
	if len(body) == 0 {
		return Decoded{}, fmt.Errorf("agentcompat: decode: %w: empty body", ErrUndecodable)
	}
	if int64(len(body)) > lim.MaxBody {
		return Decoded{}, fmt.Errorf("agentcompat: decode: %w: %d bytes, cap %d", ErrTooLarge, len(body), lim.MaxBody)
	}
	switch {
	case isZlib(body):
		return inflate(Zlib, body, lim, pool)
	case isGzip(body):
		return inflate(Gzip, body, lim, pool)
	case looksLikeXML(body):
		if int64(len(body)) > lim.MaxInflated {
			return Decoded{}, fmt.Errorf("agentcompat: decode: %w: %d bytes of XML, cap %d", ErrTooLarge, len(body), lim.MaxInflated)
		}
		return Decoded{XML: body, Encoding: Plain}, nil
	}
	return Decoded{}, fmt.Errorf("agentcompat: decode: %w: neither zlib, gzip nor XML", ErrUndecodable)
}

// isZlib checks the RFC 1950 header: deflate method, window of at most 32 KiB
// and the FCHECK bits making the 16-bit header a multiple of 31.
func isZlib(b []byte) bool {
	if len(b) < 2 {
		return false
	}
	cmf, flg := b[0], b[1]
	return cmf&0x0f == 8 && cmf>>4 <= 7 && (uint16(cmf)<<8|uint16(flg))%31 == 0
}

func isGzip(b []byte) bool {
	return len(b) >= 2 && b[0] == 0x1f && b[1] == 0x8b
}

// looksLikeXML accepts what OCS accepts uncompressed (a body starting with
// "<?xml", case-insensitive; mirrors Apache/Ocsinventory/Server/System.pm
// _inflate) and also documents without a declaration, which real producers
// send (NETDISCOVERY results, Rudder's minifusion). A UTF-16 byte order mark
// is allowed so ToUTF8 can convert the document.
func looksLikeXML(b []byte) bool {
	switch {
	case bytes.HasPrefix(b, []byte("\xff\xfe<\x00")), bytes.HasPrefix(b, []byte("\xfe\xff\x00<")):
		return true
	}
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	b = bytes.TrimLeft(b, " \t\r\n")
	return len(b) > 0 && b[0] == '<'
}

// inflate decompresses body in one pass when the document fits the first
// buffer, which real inventories do. A larger one is measured first,
// without being kept, and inflated again into a buffer of its exact size:
// a bomb then costs the first buffer and a scratch block, never the cap,
// and a large real document costs its own size, not a doubling series.
func inflate(enc Encoding, body []byte, lim Limits, pool *sync.Pool) (Decoded, error) {
	limit := lim.inflatedCap(len(body))
	r, err := newInflater(enc, body, pool)
	if err != nil {
		return Decoded{}, fmt.Errorf("agentcompat: inflate %s: %w: %w", enc, ErrUndecodable, err)
	}
	buf := make([]byte, initialSize(len(body), limit))
	n, done, err := fill(r, buf)
	if err != nil {
		return Decoded{}, fmt.Errorf("agentcompat: inflate %s: %w", enc, err)
	}
	if done && int64(n) <= limit {
		return inflated(enc, buf[:n])
	}
	rest, err := measure(r, limit-int64(n))
	if err != nil {
		return Decoded{}, fmt.Errorf("agentcompat: inflate %s: %w", enc, err)
	}
	if rest == 0 {
		return inflated(enc, buf)
	}
	return reinflate(enc, body, int64(n)+rest, pool)
}

// fill reads r into buf until buf is full (done false) or the stream ends
// (done true). Unlike io.ReadFull it tells a short stream, which is fine,
// from a truncated one, which the inflater reports as io.ErrUnexpectedEOF.
func fill(r io.Reader, buf []byte) (n int, done bool, err error) {
	for n < len(buf) {
		m, err := r.Read(buf[n:])
		n += m
		switch err {
		case nil:
		case io.EOF:
			return n, true, nil
		default:
			return 0, false, fmt.Errorf("%w: %w", ErrUndecodable, err)
		}
	}
	return n, false, nil
}

func inflated(enc Encoding, xml []byte) (Decoded, error) {
	if len(xml) == 0 {
		return Decoded{}, fmt.Errorf("agentcompat: inflate %s: %w: empty document", enc, ErrUndecodable)
	}
	return Decoded{XML: xml, Encoding: enc}, nil
}

// measure reads r to its end through a scratch block and returns how many
// bytes it held, failing as soon as more than limit.
func measure(r io.Reader, limit int64) (int64, error) {
	var scratch [32 << 10]byte
	var total int64
	for {
		n, err := r.Read(scratch[:])
		total += int64(n)
		if total > limit {
			return 0, fmt.Errorf("%w: inflates to more than the cap", ErrTooLarge)
		}
		switch err {
		case nil:
		case io.EOF:
			return total, nil
		default:
			return 0, fmt.Errorf("%w: %w", ErrUndecodable, err)
		}
	}
}

// reinflate inflates body, already checked complete and size bytes long.
func reinflate(enc Encoding, body []byte, size int64, pool *sync.Pool) (Decoded, error) {
	r, err := newInflater(enc, body, pool)
	if err != nil {
		return Decoded{}, fmt.Errorf("agentcompat: inflate %s: %w: %w", enc, ErrUndecodable, err)
	}
	buf := make([]byte, size)
	n, _, err := fill(r, buf)
	if err != nil || int64(n) != size {
		return Decoded{}, fmt.Errorf("agentcompat: inflate %s again: %w: %d bytes of %d (%v)", enc, ErrUndecodable, n, size, err)
	}
	return inflated(enc, buf)
}

// newInflater opens a decompressor on body. Bytes after the end of the first
// stream are ignored, as Compress::Zlib's inflate and memGunzip ignore them
// (mirrors Apache/Ocsinventory.pm, which accepts Z_STREAM_END).
func newInflater(enc Encoding, body []byte, pool *sync.Pool) (io.Reader, error) {
	if enc == Gzip {
		zr, err := gzip.NewReader(bytes.NewReader(body))
		if err != nil {
			return nil, err
		}
		zr.Multistream(false)
		return zr, nil
	}
	if pool == nil {
		return zlib.NewReader(bytes.NewReader(body))
	}
	if zr, ok := pool.Get().(io.ReadCloser); ok {
		if err := zr.(zlib.Resetter).Reset(bytes.NewReader(body), nil); err != nil {
			return nil, err
		}
		return &pooledZlib{ReadCloser: zr, pool: pool}, nil
	}
	zr, err := zlib.NewReader(bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	return &pooledZlib{ReadCloser: zr, pool: pool}, nil
}

// pooledZlib goes back to its pool once it has read its stream to the end.
type pooledZlib struct {
	io.ReadCloser
	pool *sync.Pool
}

func (p *pooledZlib) Read(b []byte) (int, error) {
	if p.ReadCloser == nil {
		return 0, io.EOF
	}
	n, err := p.ReadCloser.Read(b)
	if err == io.EOF {
		p.pool.Put(p.ReadCloser)
		p.ReadCloser = nil
	}
	return n, err
}

// initialSize is the first buffer: large enough for a normal inventory
// (about ten times its compressed size) to inflate in one pass, one byte
// over the cap when that is smaller so that reaching it proves the cap
// crossed, and never more than a few megabytes.
func initialSize(bodyLen int, limit int64) int {
	const ceiling = 8 << 20
	n := int64(bodyLen)*10 + 4096
	return int(min(n, limit+1, ceiling))
}
