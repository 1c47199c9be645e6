package soap

import "strings"

// doc writes the XML documents methods return, laid out as Perl's
// XML::Simple XMLout does with default options: two spaces per level, one
// element per line, empty or NULL values as <X></X>, and & < > " escaped
// (the apostrophe is not). Callers emit elements in sorted order.
type doc struct {
	b strings.Builder
}

func (d *doc) indent(level int) {
	for i := 0; i < level; i++ {
		d.b.WriteString("  ")
	}
}

// open writes <tag> on its own line.
func (d *doc) open(level int, tag string) {
	d.indent(level)
	d.b.WriteString("<" + tag + ">\n")
}

// close writes </tag> on its own line.
func (d *doc) close(level int, tag string) {
	d.indent(level)
	d.b.WriteString("</" + tag + ">\n")
}

// leaf writes <tag>value</tag>; nil is written as an empty element.
func (d *doc) leaf(level int, tag string, v *string) {
	d.indent(level)
	d.b.WriteString("<" + tag + ">")
	if v != nil {
		escapeSimple(&d.b, *v)
	}
	d.b.WriteString("</" + tag + ">\n")
}

// leafText is leaf with a plain string.
func (d *doc) leafText(level int, tag, v string) { d.leaf(level, tag, &v) }

// leafAttr writes <tag name="attr">value</tag>.
func (d *doc) leafAttr(level int, tag, name, attr string, v *string) {
	d.indent(level)
	d.b.WriteString("<" + tag + " " + name + `="`)
	escapeSimple(&d.b, attr)
	d.b.WriteString(`">`)
	if v != nil {
		escapeSimple(&d.b, *v)
	}
	d.b.WriteString("</" + tag + ">\n")
}

func (d *doc) String() string { return d.b.String() }

// escapeSimple escapes as XML::Simple does: & < > and ".
func escapeSimple(b *strings.Builder, s string) {
	last := 0
	for i := 0; i < len(s); i++ {
		var rep string
		switch s[i] {
		case '&':
			rep = "&amp;"
		case '<':
			rep = "&lt;"
		case '>':
			rep = "&gt;"
		case '"':
			rep = "&quot;"
		default:
			continue
		}
		b.WriteString(s[last:i])
		b.WriteString(rep)
		last = i + 1
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
