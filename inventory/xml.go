package inventory

import (
	"bytes"
	"fmt"
	"strconv"
	"unicode/utf8"
)

// Element is one element of an agent document. Agents' XML is data-only:
// elements, attributes and text, no mixed content worth keeping, no
// namespaces, no DTD. Start and End are byte offsets of the element in the
// parsed document (End is one past its closing '>').
type Element struct {
	Name     string
	Attrs    []Attr
	Text     string
	Children []*Element
	Start    int
	End      int
	// raw is set on an element parsed lazily (ParseRequestLazy): only its
	// structure was checked; Expand parses it, from src.
	raw []byte
	src *source
}

// source is a parsed document, shared by its lazy elements.
type source struct {
	data []byte
	doc  string
}

// Attr is one attribute of an Element.
type Attr struct {
	Name  string
	Value string
}

// XMLLimits bound the resources a single document may take.
type XMLLimits struct {
	// MaxDepth is the deepest element nesting accepted (root = 1).
	MaxDepth int
	// MaxElements is the largest number of elements accepted.
	MaxElements int
}

// DefaultXMLLimits are generous for real agents (the largest public
// inventory has ~60,000 elements and depth 5) and small enough to stop abuse.
func DefaultXMLLimits() XMLLimits { return XMLLimits{MaxDepth: 32, MaxElements: 500_000} }

// ParseXML parses an agent document into its root element. It is a strict,
// small, allocation-light parser for the data-only XML agents send — about ten
// times faster than encoding/xml on real inventories, which matters because
// parsing is most of the CPU an unchanged re-inventory costs. DOCTYPE is
// refused (no entity expansion at all), malformed documents are errors.
func ParseXML(data []byte, lim XMLLimits) (*Element, error) {
	p := xmlParser{data: data, doc: string(data), lim: lim, names: make(map[string]string, 64)}
	return p.parse()
}

// lazyFunc tells whether the element named name, opening at depth (root
// 0), may be left unparsed.
type lazyFunc func(depth int, parent, name string) bool

type xmlParser struct {
	data []byte
	// doc is data as a string: text without entities becomes a substring
	// of it instead of an allocation of its own.
	doc   string
	pos   int
	lim   XMLLimits
	count int
	stack []openElement
	// kids holds the children of the open elements; a closing element takes
	// its own as one exact-size slice.
	kids  []*Element
	text  textBuf
	root  *Element
	names map[string]string
	arena arena
	lazy  lazyFunc
	src   *source
}

func (p *xmlParser) errorf(format string, args ...any) error {
	return fmt.Errorf("%w: offset %d: %s", ErrMalformedXML, p.pos, fmt.Sprintf(format, args...))
}

func (p *xmlParser) parse() (*Element, error) {
	if bytes.HasPrefix(p.data, []byte("\xef\xbb\xbf")) {
		p.pos = 3
	}
	return p.run()
}

// run parses from p.pos to the end of p.data.
func (p *xmlParser) run() (*Element, error) {
	for p.pos < len(p.data) {
		lt := bytes.IndexByte(p.data[p.pos:], '<')
		if lt < 0 {
			if err := p.charData(p.pos, len(p.data)); err != nil {
				return nil, err
			}
			p.pos = len(p.data)
			break
		}
		if err := p.charData(p.pos, p.pos+lt); err != nil {
			return nil, err
		}
		p.pos += lt
		if err := p.markup(); err != nil {
			return nil, err
		}
	}
	if len(p.stack) > 0 {
		return nil, p.errorf("unexpected end of document inside <%s>", p.stack[len(p.stack)-1].el.Name)
	}
	if p.root == nil {
		return nil, p.errorf("no root element")
	}
	return p.root, nil
}

func (p *xmlParser) markup() error {
	rest := p.data[p.pos:]
	switch {
	case bytes.HasPrefix(rest, []byte("<?")):
		return p.skipTo("?>")
	case bytes.HasPrefix(rest, []byte("<!--")):
		return p.skipTo("-->")
	case bytes.HasPrefix(rest, []byte("<![CDATA[")):
		return p.cdata()
	case bytes.HasPrefix(rest, []byte("<!")):
		return p.errorf("DOCTYPE and declarations are not accepted")
	case bytes.HasPrefix(rest, []byte("</")):
		return p.endTag()
	}
	return p.startTag()
}

func (p *xmlParser) skipTo(end string) error {
	i := bytes.Index(p.data[p.pos:], []byte(end))
	if i < 0 {
		return p.errorf("unterminated markup")
	}
	p.pos += i + len(end)
	return nil
}

func (p *xmlParser) cdata() error {
	start := p.pos + len("<![CDATA[")
	i := bytes.Index(p.data[start:], []byte("]]>"))
	if i < 0 {
		return p.errorf("unterminated CDATA section")
	}
	if len(p.stack) == 0 {
		return p.errorf("CDATA outside the root element")
	}
	p.text.appendBytes(p.doc, p.data[start:start+i])
	p.pos = start + i + 3
	return nil
}

// charData accumulates the text data[from:to] for the open element;
// outside the root only whitespace is allowed.
func (p *xmlParser) charData(from, to int) error {
	if from == to {
		return nil
	}
	b := p.data[from:to]
	if len(p.stack) == 0 {
		if len(bytes.TrimSpace(b)) != 0 {
			return p.errorf("text outside the root element")
		}
		return nil
	}
	if bytes.IndexByte(b, '&') < 0 {
		p.text.appendSpan(p.doc, from, to)
		return nil
	}
	if err := p.text.appendUnescaped(p.doc, b); err != nil {
		return p.errorf("%v", err)
	}
	return nil
}

func (p *xmlParser) startTag() error {
	start := p.pos
	p.pos++
	name, err := p.name()
	if err != nil {
		return err
	}
	el := p.arena.element()
	el.Name, el.Start = name, start
	if err := p.attributes(el); err != nil {
		return err
	}
	p.count++
	if p.lim.MaxElements > 0 && p.count > p.lim.MaxElements {
		return fmt.Errorf("%w: more than %d elements", ErrTooLarge, p.lim.MaxElements)
	}
	if len(p.stack) == 0 {
		if p.root != nil {
			return p.errorf("second root element <%s>", name)
		}
		p.root = el
	} else {
		p.kids = append(p.kids, el)
	}
	selfClosing := p.data[p.pos-2] == '/'
	if selfClosing {
		el.End = p.pos
		return nil
	}
	if d := len(p.stack); p.lazy != nil && d > 0 && p.lazy(d, p.stack[d-1].el.Name, name) {
		return p.skipElement(el)
	}
	p.flushText()
	p.stack = append(p.stack, openElement{el: el, kidStart: len(p.kids)})
	if p.lim.MaxDepth > 0 && len(p.stack) > p.lim.MaxDepth {
		return fmt.Errorf("%w: nesting deeper than %d", ErrTooLarge, p.lim.MaxDepth)
	}
	return nil
}

// attributes reads attributes up to and including the closing '>' or '/>'.
func (p *xmlParser) attributes(el *Element) error {
	for {
		p.skipSpace()
		if p.pos >= len(p.data) {
			return p.errorf("unterminated start tag <%s>", el.Name)
		}
		switch c := p.data[p.pos]; {
		case c == '>':
			p.pos++
			return nil
		case c == '/':
			if p.pos+1 < len(p.data) && p.data[p.pos+1] == '>' {
				p.pos += 2
				return nil
			}
			return p.errorf("stray '/' in <%s>", el.Name)
		}
		name, err := p.name()
		if err != nil {
			return err
		}
		p.skipSpace()
		if p.pos >= len(p.data) || p.data[p.pos] != '=' {
			return p.errorf("attribute %s without value", name)
		}
		p.pos++
		p.skipSpace()
		val, err := p.quoted()
		if err != nil {
			return err
		}
		el.Attrs = append(el.Attrs, Attr{Name: name, Value: val})
	}
}

func (p *xmlParser) quoted() (string, error) {
	if p.pos >= len(p.data) || (p.data[p.pos] != '"' && p.data[p.pos] != '\'') {
		return "", p.errorf("attribute value not quoted")
	}
	q := p.data[p.pos]
	end := bytes.IndexByte(p.data[p.pos+1:], q)
	if end < 0 {
		return "", p.errorf("unterminated attribute value")
	}
	raw := p.data[p.pos+1 : p.pos+1+end]
	p.pos += end + 2
	if bytes.IndexByte(raw, '<') >= 0 {
		return "", p.errorf("'<' in attribute value")
	}
	if bytes.IndexByte(raw, '&') < 0 {
		return string(raw), nil
	}
	b, err := appendUnescaped(nil, raw)
	if err != nil {
		return "", p.errorf("%v", err)
	}
	return string(b), nil
}

func (p *xmlParser) endTag() error {
	p.pos += 2
	start := p.pos
	for p.pos < len(p.data) && isNameByte(p.data[p.pos], p.pos == start) {
		p.pos++
	}
	if p.pos == start {
		return p.errorf("expected a name")
	}
	// Compared in place: an end tag needs no interned copy of its name.
	name := p.doc[start:p.pos]
	p.skipSpace()
	if p.pos >= len(p.data) || p.data[p.pos] != '>' {
		return p.errorf("malformed end tag </%s>", name)
	}
	p.pos++
	if len(p.stack) == 0 {
		return p.errorf("end tag </%s> without start tag", name)
	}
	top := p.stack[len(p.stack)-1]
	el := top.el
	if el.Name != name {
		return p.errorf("end tag </%s> does not match <%s>", name, el.Name)
	}
	el.End = p.pos
	p.flushText()
	if n := len(p.kids) - top.kidStart; n > 0 {
		el.Children = p.arena.children(n)
		copy(el.Children, p.kids[top.kidStart:])
		p.kids = p.kids[:top.kidStart]
	}
	p.stack = p.stack[:len(p.stack)-1]
	return nil
}

// flushText assigns accumulated text to the innermost open element. Text that
// is only whitespace is dropped, as XML::Simple does for data documents.
func (p *xmlParser) flushText() {
	t := p.text.take(p.doc)
	if t == "" || len(p.stack) == 0 || isBlank(t) {
		return
	}
	el := p.stack[len(p.stack)-1].el
	if el.Text == "" {
		el.Text = t
	} else {
		el.Text += t
	}
}

func isBlank(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ' ', '\t', '\r', '\n':
		default:
			return false
		}
	}
	return true
}

func (p *xmlParser) skipSpace() {
	for p.pos < len(p.data) {
		switch p.data[p.pos] {
		case ' ', '\t', '\r', '\n':
			p.pos++
		default:
			return
		}
	}
}

func (p *xmlParser) name() (string, error) {
	start := p.pos
	for p.pos < len(p.data) && isNameByte(p.data[p.pos], p.pos == start) {
		p.pos++
	}
	if p.pos == start {
		return "", p.errorf("expected a name")
	}
	b := p.data[start:p.pos]
	if s, ok := p.names[string(b)]; ok {
		return s, nil
	}
	s := string(b)
	p.names[s] = s
	return s, nil
}

func isNameByte(c byte, first bool) bool {
	switch {
	case c >= 'A' && c <= 'Z', c >= 'a' && c <= 'z', c == '_', c == ':', c >= 0x80:
		return true
	case c >= '0' && c <= '9', c == '-', c == '.':
		return !first
	}
	return false
}

// appendUnescaped appends b to dst with the five predefined entities and
// character references decoded; any other entity is an error.
func appendUnescaped(dst, b []byte) ([]byte, error) {
	for len(b) > 0 {
		amp := bytes.IndexByte(b, '&')
		if amp < 0 {
			return append(dst, b...), nil
		}
		dst = append(dst, b[:amp]...)
		b = b[amp:]
		semi := bytes.IndexByte(b, ';')
		if semi < 2 || semi > 12 {
			return dst, fmt.Errorf("bad entity reference")
		}
		ent := b[1:semi]
		switch string(ent) {
		case "lt":
			dst = append(dst, '<')
		case "gt":
			dst = append(dst, '>')
		case "amp":
			dst = append(dst, '&')
		case "quot":
			dst = append(dst, '"')
		case "apos":
			dst = append(dst, '\'')
		default:
			r, err := charRef(ent)
			if err != nil {
				return dst, err
			}
			dst = utf8.AppendRune(dst, r)
		}
		b = b[semi+1:]
	}
	return dst, nil
}

func charRef(ent []byte) (rune, error) {
	if len(ent) < 2 || ent[0] != '#' {
		return 0, fmt.Errorf("unknown entity &%s;", ent)
	}
	var v uint64
	var err error
	if ent[1] == 'x' || ent[1] == 'X' {
		v, err = strconv.ParseUint(string(ent[2:]), 16, 32)
	} else {
		v, err = strconv.ParseUint(string(ent[1:]), 10, 32)
	}
	if err != nil || v == 0 || v > utf8.MaxRune || (v >= 0xD800 && v <= 0xDFFF) {
		return 0, fmt.Errorf("bad character reference &%s;", ent)
	}
	return rune(v), nil
}
