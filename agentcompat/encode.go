package agentcompat

import (
	"bytes"
	"encoding/binary"
	"hash/adler32"

	"github.com/klauspost/compress/flate"
	"github.com/klauspost/compress/gzip"
)

// ContentType is the Content-Type of every XML reply, whatever its actual
// encoding: OCS always sends it (mirrors
// Apache/Ocsinventory/Server/Communication.pm _send_response) and agents
// do not look at it.
const ContentType = "application/x-compressed"

// zlibHeader is the RFC 1950 header Compress::Zlib writes at its default
// level: deflate, 32 KiB window, FLEVEL 2. The level is advisory for zlib,
// but FusionInventory's agent finds the reply by looking for exactly these
// two bytes (FusionInventory/Agent/HTTP/Client/OCS.pm), so the stateless
// compressor below must announce the default level too.
const zlibHeader = "\x78\x9c"

// Encode compresses a reply document in enc, the request's own encoding:
// a zlib stream as Compress::Zlib::compress writes, a gzip member as
// memGzip writes, or, for Plain, xml itself (not a copy). An unknown enc is
// treated as Zlib, the agents' default.
//
// Replies are a few hundred bytes to a few tens of kilobytes, so they are
// deflated statelessly: a level-6 compressor allocates about 1 MB and
// takes about 0.5 ms to set up for a 300-byte PROLOG reply, the stateless
// one about 150 bytes and 3 µs, for output within a few percent of the same
// size.
func Encode(xml []byte, enc Encoding) []byte {
	switch enc {
	case Plain:
		return xml
	case Gzip:
		return gzipStateless(xml)
	}
	return zlibStateless(xml)
}

func zlibStateless(xml []byte) []byte {
	var buf bytes.Buffer
	buf.Grow(len(xml)/2 + 64)
	buf.WriteString(zlibHeader)
	// Writing to memory cannot fail: bytes.Buffer never returns an error
	// (it panics when out of memory), so neither can the compressor.
	_ = flate.StatelessDeflate(&buf, xml, true, nil)
	out := buf.Bytes()
	return binary.BigEndian.AppendUint32(out, adler32.Checksum(xml))
}

func gzipStateless(xml []byte) []byte {
	var buf bytes.Buffer
	buf.Grow(len(xml)/2 + 64)
	// The level is a valid constant, so NewWriterLevel cannot fail; writing
	// to memory cannot either (see zlibStateless).
	w, _ := gzip.NewWriterLevel(&buf, gzip.StatelessCompression)
	_, _ = w.Write(xml)
	_ = w.Close()
	return buf.Bytes()
}
