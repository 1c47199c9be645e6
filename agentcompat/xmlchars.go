package agentcompat

import (
	"encoding/binary"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// clean returns b when it is valid UTF-8 holding only characters XML 1.0
// allows, and otherwise a repaired copy (see ToUTF8).
func clean(b []byte) []byte {
	i := firstDirty(b)
	if i == len(b) {
		return b
	}
	out := make([]byte, i, len(b)+len(b)/16+8)
	copy(out, b[:i])
	return appendClean(out, b[i:])
}

func validUTF8(b []byte) bool { return utf8.Valid(b) }

// Bit masks for the word-at-a-time scan below.
const (
	lows  = 0x0101010101010101
	highs = 0x8080808080808080
)

// quietWord reports whether none of the 8 bytes of w can need attention: no
// byte below 0x20, none at or above 0x80, no '&'. Classic SWAR tests (a byte
// below n sets its high bit in w-n*lows & ^w); a false "not quiet" only
// sends the word to the byte loop.
func quietWord(w uint64) bool {
	below := (w - 0x20*lows) & ^w
	amp := w ^ ('&' * lows)
	amp = (amp - lows) & ^amp
	return (below|amp|w)&highs == 0
}

// firstDirty returns the offset of the first byte sequence clean must
// change, len(b) if none. Inventories are mostly ASCII, so eight bytes are
// tested at a time and only words holding a newline, '&' or a non-ASCII
// byte are looked at closely.
func firstDirty(b []byte) int {
	i := 0
	for i < len(b) {
		if i+8 <= len(b) && quietWord(binary.LittleEndian.Uint64(b[i:])) {
			i += 8
			continue
		}
		c := b[i]
		switch {
		case c >= 0x20 && c < utf8.RuneSelf && c != '&':
			i++
		case c < 0x20:
			if !allowedControl(c) {
				return i
			}
			i++
		case c == '&':
			if n := illegalCharRef(b[i:]); n > 0 {
				return i
			}
			i++
		default:
			r, size := utf8.DecodeRune(b[i:])
			if (r == utf8.RuneError && size == 1) || r == 0xfffe || r == 0xffff {
				return i
			}
			i += size
		}
	}
	return len(b)
}

// appendClean appends src to dst, dropping what XML 1.0 forbids and reading
// each byte of an invalid UTF-8 sequence as windows-1252.
func appendClean(dst, src []byte) []byte {
	for i := 0; i < len(src); {
		c := src[i]
		if c < utf8.RuneSelf {
			switch {
			case c < 0x20 && !allowedControl(c):
				i++
				continue
			case c == '&':
				if n := illegalCharRef(src[i:]); n > 0 {
					i += n
					continue
				}
			}
			dst = append(dst, c)
			i++
			continue
		}
		r, size := utf8.DecodeRune(src[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			dst = utf8.AppendRune(dst, fromWindows1252(c))
		case r == 0xfffe || r == 0xffff:
		default:
			dst = append(dst, src[i:i+size]...)
		}
		i += size
	}
	return dst
}

// fromWindows1252 reads one byte as windows-1252, falling back to latin-1
// for the five bytes windows-1252 leaves undefined, so that no byte turns
// into U+FFFD and none is lost.
func fromWindows1252(c byte) rune {
	if r := charmap.Windows1252.DecodeByte(c); r != utf8.RuneError {
		return r
	}
	return rune(c)
}

func allowedControl(c byte) bool { return c == '\t' || c == '\n' || c == '\r' }

// illegalCharRef returns the length of the character reference at the start
// of b ("&#1;", "&#x1F;") when it names a character XML 1.0 forbids, 0
// otherwise (not a reference, malformed, or allowed). Malformed references
// are left for the parser to refuse. The scan is textual, so a reference
// written inside CDATA or a comment is dropped too; agents do not write
// such things.
func illegalCharRef(b []byte) int {
	if len(b) < 4 || b[0] != '&' || b[1] != '#' {
		return 0
	}
	i, base := 2, uint32(10)
	if b[2] == 'x' || b[2] == 'X' {
		i, base = 3, 16
	}
	start := i
	var v uint32
	for ; i < len(b); i++ {
		d, ok := digit(b[i], base)
		if !ok {
			break
		}
		v = min(v*base+d, 0x7fffffff/16)
	}
	if i == start || i >= len(b) || b[i] != ';' {
		return 0
	}
	if legalChar(v) {
		return 0
	}
	return i + 1
}

func digit(c byte, base uint32) (uint32, bool) {
	switch {
	case c >= '0' && c <= '9':
		return uint32(c - '0'), true
	case base == 16 && c >= 'a' && c <= 'f':
		return uint32(c-'a') + 10, true
	case base == 16 && c >= 'A' && c <= 'F':
		return uint32(c-'A') + 10, true
	}
	return 0, false
}

// legalChar is the XML 1.0 Char production.
func legalChar(v uint32) bool {
	switch {
	case v == '\t' || v == '\n' || v == '\r':
		return true
	case v < 0x20:
		return false
	case v >= 0xd800 && v <= 0xdfff, v == 0xfffe, v == 0xffff, v > utf8.MaxRune:
		return false
	}
	return true
}
