package agentcompat

import (
	"bytes"
	"slices"
	"unicode/utf8"
)

// replyDecl is the declaration OCS writes (mirrors
// Apache/Ocsinventory/Server/Communication.pm _send_response).
const replyDecl = "<?xml version='1.0' encoding='UTF-8'?>\n"

// Attr is one attribute of a reply Node.
type Attr struct {
	Name  string
	Value string
}

// Node is one element of a reply: attributes in the order given, optional
// text content and children.
type Node struct {
	Name     string
	Attrs    []Attr
	Text     string
	Children []Node
}

// Elem returns a leaf element holding text, such as
// <KEYNAME>TAG</KEYNAME>.
func Elem(name, text string) Node { return Node{Name: name, Text: text} }

// Param returns an OPTION parameter: attributes, and text content when not
// empty, as in <PARAM IPDISC_LAT="100">192.168.1.0</PARAM>.
func Param(text string, attrs ...Attr) Node {
	return Node{Name: "PARAM", Attrs: attrs, Text: text}
}

// Option returns an OPTION block: its NAME, then its PARAMs.
func Option(name string, params ...Node) Node {
	children := make([]Node, 0, len(params)+1)
	children = append(children, Elem("NAME", name))
	return Node{Name: "OPTION", Children: append(children, params...)}
}

// Reply is a REPLY document under construction. The zero value is an empty
// reply. OCS emits elements in Perl hash order, which changes on every
// request; agents do not depend on it, and Bytes uses a fixed order instead
// so replies can be compared byte for byte.
type Reply struct {
	elems []Node
}

// Add appends a scalar element such as RESPONSE or PROLOG_FREQ.
func (r *Reply) Add(name, text string) { r.elems = append(r.elems, Elem(name, text)) }

// AddBlock appends an element with children, such as ACCOUNTINFO.
func (r *Reply) AddBlock(name string, children ...Node) {
	r.elems = append(r.elems, Node{Name: name, Children: children})
}

// AddOption appends an OPTION block (see Option).
func (r *Reply) AddOption(name string, params ...Node) {
	r.elems = append(r.elems, Option(name, params...))
}

// AddNode appends any element.
func (r *Reply) AddNode(n Node) { r.elems = append(r.elems, n) }

// Bytes renders the reply as OCS does: single-quoted declaration, REPLY
// root, two-space indentation, empty elements with attributes written
// <PARAM A="1" />. Elements come as RESPONSE, PROLOG_FREQ,
// INVENTORY_ON_STARTUP, the other elements, the OPTION blocks, then the
// ACCOUNTINFO blocks, each group in the order added.
func (r *Reply) Bytes() []byte {
	elems := slices.Clone(r.elems)
	slices.SortStableFunc(elems, func(a, b Node) int { return replyRank(a.Name) - replyRank(b.Name) })
	var buf bytes.Buffer
	buf.WriteString(replyDecl)
	buf.WriteString("<REPLY>\n")
	for _, n := range elems {
		writeNode(&buf, n, 1)
	}
	buf.WriteString("</REPLY>\n")
	return buf.Bytes()
}

func replyRank(name string) int {
	switch name {
	case "RESPONSE":
		return 0
	case "PROLOG_FREQ":
		return 1
	case "INVENTORY_ON_STARTUP":
		return 2
	case "OPTION":
		return 4
	case "ACCOUNTINFO":
		return 5
	}
	return 3
}

func writeNode(buf *bytes.Buffer, n Node, depth int) {
	indent(buf, depth)
	buf.WriteByte('<')
	buf.WriteString(n.Name)
	for _, a := range n.Attrs {
		buf.WriteByte(' ')
		buf.WriteString(a.Name)
		buf.WriteString(`="`)
		escape(buf, a.Value, true)
		buf.WriteByte('"')
	}
	switch {
	case len(n.Children) == 0 && n.Text == "" && len(n.Attrs) > 0:
		buf.WriteString(" />\n")
		return
	case len(n.Children) == 0:
		buf.WriteByte('>')
		escape(buf, n.Text, false)
	default:
		buf.WriteByte('>')
		escape(buf, n.Text, false)
		buf.WriteByte('\n')
		for _, c := range n.Children {
			writeNode(buf, c, depth+1)
		}
		indent(buf, depth)
	}
	buf.WriteString("</")
	buf.WriteString(n.Name)
	buf.WriteString(">\n")
}

func invalidAt(s string, i int) bool {
	_, size := utf8.DecodeRuneInString(s[i:])
	return size == 1
}

func indent(buf *bytes.Buffer, depth int) {
	for range depth {
		buf.WriteString("  ")
	}
}

// escape writes s as XML character data. It escapes what XML::Simple
// escapes (& < > "), plus ' in attribute values, and tab, newline and
// carriage return there too, since a parser would otherwise normalise them
// to spaces. Characters XML 1.0 forbids and invalid UTF-8 are dropped: a
// reply must always parse.
func escape(buf *bytes.Buffer, s string, attr bool) {
	for i, r := range s {
		switch {
		case r == '&':
			buf.WriteString("&amp;")
		case r == '<':
			buf.WriteString("&lt;")
		case r == '>':
			buf.WriteString("&gt;")
		case r == '"':
			buf.WriteString("&quot;")
		case r == '\'' && attr:
			buf.WriteString("&apos;")
		case attr && (r == '\t' || r == '\n' || r == '\r'):
			buf.WriteString("&#")
			buf.WriteByte('0' + byte(r)/10)
			buf.WriteByte('0' + byte(r)%10)
			buf.WriteByte(';')
		case !legalChar(uint32(r)), r == utf8.RuneError && invalidAt(s, i):
		default:
			buf.WriteRune(r)
		}
	}
}
