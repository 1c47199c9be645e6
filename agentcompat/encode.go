package agentcompat

import (
	"bytes"
	"io"

	"github.com/klauspost/compress/gzip"
	"github.com/klauspost/compress/zlib"
)

// ContentType is the Content-Type of every XML reply, whatever its actual
// encoding: OCS always sends it (mirrors
// Apache/Ocsinventory/Server/Communication.pm _send_response) and agents
// do not look at it.
const ContentType = "application/x-compressed"

// Encode compresses a reply document in enc, the request's own encoding:
// zlib at the default level, as Compress::Zlib::compress does; gzip as
// memGzip does; Plain returns xml itself, not a copy. An unknown enc is
// treated as Zlib, the agents' default.
func Encode(xml []byte, enc Encoding) []byte {
	if enc == Plain {
		return xml
	}
	var buf bytes.Buffer
	buf.Grow(len(xml)/2 + 64)
	var w io.WriteCloser
	if enc == Gzip {
		w = gzip.NewWriter(&buf)
	} else {
		w = zlib.NewWriter(&buf)
	}
	// Writing to memory cannot fail: bytes.Buffer never returns an error
	// (it panics when out of memory), so neither can the compressor.
	_, _ = w.Write(xml)
	_ = w.Close()
	return buf.Bytes()
}
