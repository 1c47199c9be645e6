package agentcompat

import (
	"bytes"
	"encoding/binary"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// clean returns b when it is valid UTF-8 holding only characters XML 1.0
// allows, and otherwise a repaired copy (see ToUTF8).
func clean(b []byte) []byte {
	if isClean(b) {
		return b
	}
	return appendClean(make([]byte, 0, len(b)+len(b)/16+8), b)
}

func validUTF8(b []byte) bool { return utf8.Valid(b) }

// isClean reports whether clean has nothing to change in b. It runs on
// every document, so it is a few fast passes rather than one slow one:
// utf8.Valid and bytes.IndexByte/Index are vectorised, and the control
// character scan tests eight bytes at a time.
func isClean(b []byte) bool {
	if !utf8.Valid(b) || hasForbiddenControl(b) {
		return false
	}
	for rest := b; ; {
		amp := bytes.IndexByte(rest, '&')
		if amp < 0 {
			break
		}
		if illegalCharRef(rest[amp:]) > 0 {
			return false
		}
		rest = rest[amp+1:]
	}
	// U+FFFE and U+FFFF.
	return !bytes.Contains(b, []byte("\xef\xbf\xbe")) && !bytes.Contains(b, []byte("\xef\xbf\xbf"))
}

// Bit masks for the word-at-a-time scan below.
const (
	lows  = 0x0101010101010101
	highs = 0x8080808080808080
)

// hasForbiddenControl reports whether b holds a C0 control character other
// than tab, newline and carriage return, eight bytes at a time. For a byte
// c below 0x80, (c|0x80)-n keeps its high bit exactly when c >= n, with no
// borrow crossing into the next byte, so the tests are exact per byte in
// ASCII words; the rare words with a non-ASCII byte are checked one byte
// at a time.
func hasForbiddenControl(b []byte) bool {
	i := 0
	for ; i+8 <= len(b); i += 8 {
		w := binary.LittleEndian.Uint64(b[i:])
		if w&highs != 0 {
			if forbiddenControlIn(b[i : i+8]) {
				return true
			}
			continue
		}
		below := ^((w | highs) - 0x20*lows) & highs
		if below == 0 {
			continue
		}
		if below&^(byteIs(w, '\t')|byteIs(w, '\n')|byteIs(w, '\r')) != 0 {
			return true
		}
	}
	return forbiddenControlIn(b[i:])
}

// byteIs sets the high bit of each byte of the ASCII word w that equals c.
func byteIs(w uint64, c byte) uint64 {
	x := w ^ (uint64(c) * lows)
	return ^((x | highs) - lows) & highs
}

func forbiddenControlIn(b []byte) bool {
	for _, c := range b {
		if c < 0x20 && !allowedControl(c) {
			return true
		}
	}
	return false
}

// appendClean appends src to dst, dropping what XML 1.0 forbids and reading
// each byte of an invalid UTF-8 sequence as windows-1252.
//
// Character references are checked when their ';' arrives, on what has
// been kept so far: dropping something can join the pieces of a new
// reference ("&#\x120;", "&#0&#1;;"), and every reference ends at a ';',
// so this one check catches them all in a single pass.
func appendClean(dst, src []byte) []byte {
	for i := 0; i < len(src); {
		c := src[i]
		if run := plainRun(src[i:]); run > 0 {
			dst = append(dst, src[i:i+run]...)
			i += run
			continue
		}
		if c < utf8.RuneSelf {
			i++
			switch {
			case c < 0x20 && !allowedControl(c):
			case c == ';':
				dst = dropIllegalRefAtEnd(append(dst, c))
			default:
				dst = append(dst, c)
			}
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

// plainRun is the length of the leading run of b that appendClean copies
// as is: printable ASCII other than ';'.
func plainRun(b []byte) int {
	for i, c := range b {
		if c < 0x20 || c >= utf8.RuneSelf || c == ';' {
			return i
		}
	}
	return len(b)
}

// dropIllegalRefAtEnd removes an illegal character reference ending b.
func dropIllegalRefAtEnd(b []byte) []byte {
	from := max(0, len(b)-maxCharRef)
	amp := bytes.LastIndexByte(b[from:], '&')
	if amp < 0 {
		return b
	}
	amp += from
	if illegalCharRef(b[amp:]) == len(b)-amp {
		return b[:amp]
	}
	return b
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

// maxCharRef is the longest character reference considered: "&#x" or "&#",
// at most 12 digits, ";". Longer ones, only possible with leading zeros,
// are left alone: the agent XML parser refuses them, as does encoding/xml
// when they name a forbidden character.
const maxCharRef = 3 + 12 + 1

// illegalCharRef returns the length of the character reference at the start
// of b ("&#1;", "&#x1F;") when it names a character XML 1.0 forbids, 0
// otherwise (not a reference, malformed, too long, or allowed). Malformed
// references are left for the parser to refuse. The scan is textual, so a
// reference written inside CDATA or a comment is dropped too; agents do not
// write such things.
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
	for ; i < len(b) && i-start <= 12; i++ {
		d, ok := digit(b[i], base)
		if !ok {
			break
		}
		v = min(v*base+d, 0x7fffffff/16)
	}
	if i == start || i-start > 12 || i >= len(b) || b[i] != ';' {
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
