package soap

import (
	"strings"
	"unicode/utf8"

	"ocsd/wsdl"
)

// doc writes the XML documents methods return, laid out as Perl's
// XML::Simple XMLout does with default options: two spaces per level, one
// element per line, empty or NULL values as <X></X>, and & < > " escaped
// (the apostrophe is not). Callers emit elements in sorted order.
//
// The document is written straight in its wire form, i.e. escaped once more
// as the character data of a SOAP string (what SOAP::Lite does to the
// string XMLout returns), so a page of computers is rendered in one pass.
type doc struct {
	b strings.Builder
}

func (d *doc) indent(level int) {
	const spaces = "        "
	d.b.WriteString(spaces[:min(2*level, len(spaces))])
}

// grow reserves room for n more bytes.
func (d *doc) grow(n int) { d.b.Grow(n) }

// open writes <tag> on its own line.
func (d *doc) open(level int, tag string) {
	d.indent(level)
	d.b.WriteString("&lt;")
	d.b.WriteString(tag)
	d.b.WriteString("&gt;\n")
}

// close writes </tag> on its own line.
func (d *doc) close(level int, tag string) {
	d.indent(level)
	d.b.WriteString("&lt;/")
	d.b.WriteString(tag)
	d.b.WriteString("&gt;\n")
}

// leaf writes <tag>value</tag>; nil is written as an empty element.
func (d *doc) leaf(level int, tag string, v *string) {
	d.indent(level)
	d.b.WriteString("&lt;")
	d.b.WriteString(tag)
	d.b.WriteString("&gt;")
	if v != nil {
		escapeTwice(&d.b, *v)
	}
	d.b.WriteString("&lt;/")
	d.b.WriteString(tag)
	d.b.WriteString("&gt;\n")
}

// wireLeaf writes a leaf whose start tag (indent included) and end tag
// (newline included) are given in wire form.
func (d *doc) wireLeaf(open, close string, v *string) {
	d.b.WriteString(open)
	if v != nil {
		escapeTwice(&d.b, *v)
	}
	d.b.WriteString(close)
}

// leafText is leaf with a plain string.
func (d *doc) leafText(level int, tag, v string) { d.leaf(level, tag, &v) }

// leafAttr writes <tag name="attr">value</tag>.
func (d *doc) leafAttr(level int, tag, name, attr string, v *string) {
	d.indent(level)
	d.b.WriteString("&lt;" + tag + " " + name + `="`)
	escapeTwice(&d.b, attr)
	d.b.WriteString(`"&gt;`)
	if v != nil {
		escapeTwice(&d.b, *v)
	}
	d.b.WriteString("&lt;/" + tag + "&gt;\n")
}

// value returns the document as a returned value.
func (d *doc) value() wsdl.Value { return wsdl.EscapedValue(d.b.String()) }

// String returns the document written so far.
func (d *doc) String() string { return d.b.String() }

// twice maps the bytes that need work to their doubly escaped form:
// XML::Simple's escaping (& < > ") followed by SOAP::Lite's (& < >). Other
// control characters, which XML 1.0 cannot carry, are dropped; a CR is
// kept as a character reference so a parser does not turn it into LF.
var twice = func() (t [128]string) {
	for c := 0; c < 0x20; c++ {
		t[c] = "\x00"
	}
	t['\t'], t['\n'], t['\r'] = "", "", "&#xD;"
	t['&'], t['<'], t['>'], t['"'] = "&amp;amp;", "&amp;lt;", "&amp;gt;", "&amp;quot;"
	return t
}()

// escapeTwice writes s escaped for a document embedded in a SOAP string.
// Invalid UTF-8 and the non-characters U+FFFE/U+FFFF become U+FFFD.
func escapeTwice(b *strings.Builder, s string) {
	last := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			rep := twice[c]
			if rep == "" {
				i++
				continue
			}
			b.WriteString(s[last:i])
			if rep != "\x00" {
				b.WriteString(rep)
			}
			i++
			last = i
			continue
		}
		r, w := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && w == 1) || r == 0xFFFE || r == 0xFFFF {
			b.WriteString(s[last:i])
			b.WriteString("\uFFFD")
			last = i + w
		}
		i += w
	}
	b.WriteString(s[last:])
}

// inband is the in-band error document of OCS's send_error (mirrors
// Apache/Ocsinventory/Interface/Internals.pm): a normal string result.
func inband(label string) string {
	return "<RESULT>\n  <ERROR>" + label + "</ERROR>\n</RESULT>\n"
}

// malformedXML is get_computers_V1's plain-text answer to XML that does not parse.
const malformedXML = "You've malformed XML please check your SOAP Request"
