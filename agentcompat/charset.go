package agentcompat

import (
	"bytes"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// ToUTF8 returns the document xml in UTF-8, ready for the parser and for
// utf8 database columns.
//
//   - A UTF-16 document (byte order mark, or "<?" encoded in UTF-16) is
//     converted.
//   - A declared encoding="…" other than UTF-8 is honoured when the bytes
//     are not valid UTF-8 (labels are resolved as browsers do, so
//     ISO-8859-1 and latin1 mean windows-1252, which is what Windows agents
//     really produce); the declaration is rewritten to say UTF-8. Bytes that
//     are valid UTF-8 are kept as they are whatever the declaration says:
//     latin-1 text with accents is practically never valid UTF-8, while
//     agents that declare latin-1 and send UTF-8 exist.
//   - In a document declared (or defaulting to) UTF-8, each byte that is not
//     part of a valid sequence is read as windows-1252, or latin-1 where
//     windows-1252 has a hole, so latin-1 text survives; valid sequences are
//     never altered.
//   - Characters XML 1.0 forbids (C0 controls but tab, newline and carriage
//     return; U+FFFE, U+FFFF) are dropped, also when written as character
//     references such as "&#1;".
//
// A valid UTF-8 document with nothing to drop and no non-UTF-8 declaration
// is returned as is, without a copy. The result never aliases xml otherwise.
//
// OCS converts only a double-quoted declaration on the first line and, when
// parsing fails, retries the whole document as latin-1 (mirrors
// Apache/Ocsinventory.pm, UNICODE_SUPPORT); repairing byte by byte keeps the
// UTF-8 parts of a mixed document intact.
func ToUTF8(xml []byte) []byte {
	out := toUTF8(xml)
	// Dropping a control character can complete a declaration that was not
	// one before ("encod\x0eing"); it must say UTF-8 too.
	if label, found := declaredEncoding(out); found && !isUTF8Label(label) {
		return rewriteDeclaration(out)
	}
	return out
}

func toUTF8(xml []byte) []byte {
	if enc, ok := utf16Of(xml); ok {
		return fromCharset(enc, xml)
	}
	label, found := declaredEncoding(xml)
	if !found {
		return clean(xml)
	}
	if isUTF8Label(label) {
		return clean(xml)
	}
	enc, err := htmlindex.Get(string(label))
	if err != nil || !asciiCompatible(enc) || validUTF8(xml) {
		// An unknown label, a UTF-16 label on a declaration we could read as
		// ASCII (a lie), or bytes that are already UTF-8: repair in place.
		return clean(rewriteDeclaration(xml))
	}
	return fromCharset(enc, xml)
}

func isUTF8Label(label []byte) bool {
	if bytes.EqualFold(label, []byte("UTF-8")) {
		return true
	}
	enc, err := htmlindex.Get(string(label))
	return err == nil && enc == unicode.UTF8
}

// fromCharset converts xml from enc and rewrites its declaration.
func fromCharset(enc encoding.Encoding, xml []byte) []byte {
	// Sized for mostly ASCII text with some two-byte characters, so the
	// output rarely regrows.
	out, _, err := transform.Append(enc.NewDecoder(), make([]byte, 0, len(xml)+len(xml)/8+16), xml)
	if err != nil {
		// x/text decoders substitute U+FFFD rather than fail; should one
		// fail anyway, the byte repair still yields valid UTF-8.
		return clean(rewriteDeclaration(xml))
	}
	return clean(rewriteDeclaration(out))
}

// utf16Of recognises a UTF-16 document by its byte order mark, or by "<?"
// encoded in UTF-16 (XML 1.0 appendix F).
func utf16Of(b []byte) (encoding.Encoding, bool) {
	switch {
	case bytes.HasPrefix(b, []byte{0xff, 0xfe}), bytes.HasPrefix(b, []byte{'<', 0, '?', 0}):
		return unicode.UTF16(unicode.LittleEndian, unicode.UseBOM), true
	case bytes.HasPrefix(b, []byte{0xfe, 0xff}), bytes.HasPrefix(b, []byte{0, '<', 0, '?'}):
		return unicode.UTF16(unicode.BigEndian, unicode.UseBOM), true
	}
	return nil, false
}

// asciiCompatible reports whether enc leaves ASCII bytes alone, which the
// declaration we just read in ASCII proves of the document's real encoding.
func asciiCompatible(enc encoding.Encoding) bool {
	name, err := htmlindex.Name(enc)
	if err != nil {
		return false
	}
	switch name {
	case "utf-16le", "utf-16be", "replacement":
		return false
	}
	return true
}

// declaration locates the XML declaration at the start of b (after an
// optional UTF-8 byte order mark and white space) and the value of its
// encoding pseudo-attribute: b[start:end] is the label.
func declaration(b []byte) (start, end int, found bool) {
	const maxDecl = 256
	i := 0
	if bytes.HasPrefix(b, []byte("\xef\xbb\xbf")) {
		i = 3
	}
	for i < len(b) && isSpace(b[i]) {
		i++
	}
	if len(b)-i < 6 || !bytes.EqualFold(b[i:i+5], []byte("<?xml")) || !isSpace(b[i+5]) {
		return 0, 0, false
	}
	decl := b[i:min(len(b), i+maxDecl)]
	if stop := bytes.Index(decl, []byte("?>")); stop >= 0 {
		decl = decl[:stop]
	}
	k := bytes.Index(decl, []byte("encoding"))
	if k < 0 {
		return 0, 0, false
	}
	j := k + len("encoding")
	for j < len(decl) && isSpace(decl[j]) {
		j++
	}
	if j >= len(decl) || decl[j] != '=' {
		return 0, 0, false
	}
	j++
	for j < len(decl) && isSpace(decl[j]) {
		j++
	}
	if j >= len(decl) || (decl[j] != '"' && decl[j] != '\'') {
		return 0, 0, false
	}
	q := decl[j]
	n := bytes.IndexByte(decl[j+1:], q)
	if n < 0 {
		return 0, 0, false
	}
	return i + j + 1, i + j + 1 + n, true
}

// declaredEncoding returns the label of the encoding declaration, if any.
func declaredEncoding(b []byte) ([]byte, bool) {
	start, end, ok := declaration(b)
	if !ok {
		return nil, false
	}
	return b[start:end], true
}

// rewriteDeclaration returns b with its encoding label replaced by UTF-8,
// in a new slice; b itself when there is no label to replace.
func rewriteDeclaration(b []byte) []byte {
	start, end, ok := declaration(b)
	if !ok {
		return b
	}
	out := make([]byte, 0, len(b)-(end-start)+len("UTF-8"))
	out = append(out, b[:start]...)
	out = append(out, "UTF-8"...)
	return append(out, b[end:]...)
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }
