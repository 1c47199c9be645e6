package inventory

import (
	"bytes"
	"fmt"
)

// skipElement passes over the content of el, whose start tag was just read,
// checking only its structure (tags balanced, comments, CDATA and
// processing instructions closed, no DTD) and the element count and depth
// caps. The content is kept raw for Expand: a re-inventory's unchanged
// sections are fingerprinted from their bytes and never parsed further.
func (p *xmlParser) skipElement(el *Element) error {
	names := []string{el.Name}
	for len(names) > 0 {
		lt := bytes.IndexByte(p.data[p.pos:], '<')
		if lt < 0 {
			return p.errorf("unexpected end of document inside <%s>", names[len(names)-1])
		}
		p.pos += lt
		rest := p.data[p.pos:]
		var err error
		switch {
		case bytes.HasPrefix(rest, []byte("<!--")):
			err = p.skipTo("-->")
		case bytes.HasPrefix(rest, []byte("<![CDATA[")):
			err = p.skipTo("]]>")
		case bytes.HasPrefix(rest, []byte("<?")):
			err = p.skipTo("?>")
		case bytes.HasPrefix(rest, []byte("<!")):
			err = p.errorf("DOCTYPE and declarations are not accepted")
		case bytes.HasPrefix(rest, []byte("</")):
			names, err = p.skipEndTag(names)
		default:
			names, err = p.skipStartTag(names)
		}
		if err != nil {
			return err
		}
	}
	el.End = p.pos
	el.raw = p.data[el.Start:el.End]
	if p.src == nil {
		p.src = &source{data: p.data, doc: p.doc}
	}
	el.src = p.src
	return nil
}

func (p *xmlParser) skipEndTag(names []string) ([]string, error) {
	p.pos += 2
	start := p.pos
	for p.pos < len(p.data) && isNameByte(p.data[p.pos], p.pos == start) {
		p.pos++
	}
	name := p.doc[start:p.pos]
	p.skipSpace()
	if p.pos >= len(p.data) || p.data[p.pos] != '>' {
		return nil, p.errorf("malformed end tag </%s>", name)
	}
	p.pos++
	if top := names[len(names)-1]; name != top {
		return nil, p.errorf("end tag </%s> does not match <%s>", name, top)
	}
	return names[:len(names)-1], nil
}

func (p *xmlParser) skipStartTag(names []string) ([]string, error) {
	p.pos++
	start := p.pos
	for p.pos < len(p.data) && isNameByte(p.data[p.pos], p.pos == start) {
		p.pos++
	}
	if p.pos == start {
		return nil, p.errorf("expected a name")
	}
	name := p.doc[start:p.pos]
	end, selfClosing, err := p.tagEnd()
	if err != nil {
		return nil, err
	}
	p.pos = end
	p.count++
	if p.lim.MaxElements > 0 && p.count > p.lim.MaxElements {
		return nil, fmt.Errorf("%w: more than %d elements", ErrTooLarge, p.lim.MaxElements)
	}
	if selfClosing {
		return names, nil
	}
	names = append(names, name)
	if p.lim.MaxDepth > 0 && len(p.stack)+len(names) > p.lim.MaxDepth {
		return nil, fmt.Errorf("%w: nesting deeper than %d", ErrTooLarge, p.lim.MaxDepth)
	}
	return names, nil
}

// tagEnd finds the '>' closing the start tag at p.pos, skipping quoted
// attribute values.
func (p *xmlParser) tagEnd() (end int, selfClosing bool, err error) {
	for i := p.pos; i < len(p.data); i++ {
		switch c := p.data[i]; c {
		case '"', '\'':
			q := bytes.IndexByte(p.data[i+1:], c)
			if q < 0 {
				return 0, false, p.errorf("unterminated attribute value")
			}
			i += q + 1
		case '<':
			return 0, false, p.errorf("'<' inside a start tag")
		case '>':
			return i + 1, i > p.pos && p.data[i-1] == '/', nil
		}
	}
	return 0, false, p.errorf("unterminated start tag")
}

// Lazy reports whether e was left unparsed by ParseRequestLazy.
func (e *Element) Lazy() bool { return e.raw != nil }

// Expand parses an element left unparsed by ParseRequestLazy, in place; on
// an element already parsed it does nothing.
func (e *Element) Expand(lim XMLLimits) error {
	var x expander
	return x.expand(e, lim)
}

// expander parses lazy elements one after another with one parser, so its
// name table and element blocks serve them all: an inventory's software is
// hundreds of small elements.
type expander struct{ p xmlParser }

func (x *expander) expand(e *Element, lim XMLLimits) error {
	if e.raw == nil {
		return nil
	}
	p := &x.p
	if p.names == nil {
		p.names = make(map[string]string, 64)
	}
	// The element is parsed in place in its document: offsets stay absolute
	// and leaf text stays a substring of the document string.
	p.data, p.doc, p.pos, p.lim = e.src.data[:e.End], e.src.doc[:e.End], e.Start, lim
	p.count, p.stack, p.kids, p.root, p.lazy = 0, p.stack[:0], p.kids[:0], nil, nil
	full, err := p.run()
	if err != nil {
		return fmt.Errorf("inventory: <%s>: %w", e.Name, err)
	}
	e.Attrs, e.Text, e.Children, e.raw, e.src = full.Attrs, full.Text, full.Children, nil, nil
	return nil
}

// ExpandAll parses every element of the tree left unparsed.
func (e *Element) ExpandAll(lim XMLLimits) error {
	if err := e.Expand(lim); err != nil {
		return err
	}
	for _, c := range e.Children {
		if err := c.ExpandAll(lim); err != nil {
			return err
		}
	}
	return nil
}

// rawIsEmpty tells, without parsing, whether well-formed element bytes carry
// nothing: no attribute anywhere and no text but whitespace (comments and
// processing instructions do not count). An entity reference counts as
// text, even one that would decode to a space.
func rawIsEmpty(raw []byte) bool {
	for i := 0; i < len(raw); {
		if raw[i] != '<' {
			if !isBlankByte(raw[i]) {
				return false
			}
			i++
			continue
		}
		end, ok := rawMarkupEnd(raw, i)
		if !ok {
			return false
		}
		i = end
	}
	return true
}

// rawMarkupEnd returns the index after the markup starting at raw[i] and
// whether that markup carries nothing (a blank CDATA section, a comment, a
// processing instruction, or a tag without attributes).
func rawMarkupEnd(raw []byte, i int) (int, bool) {
	rest := raw[i:]
	closer, blank := ">", true
	switch {
	case bytes.HasPrefix(rest, []byte("<!--")):
		closer = "-->"
	case bytes.HasPrefix(rest, []byte("<?")):
		closer = "?>"
	case bytes.HasPrefix(rest, []byte("<![CDATA[")):
		closer = "]]>"
	}
	j := bytes.Index(rest, []byte(closer))
	if j < 0 {
		return 0, false
	}
	body := rest[:j]
	switch closer {
	case "]]>":
		blank = len(bytes.TrimSpace(body[len("<![CDATA["):])) == 0
	case ">":
		blank = bytes.IndexByte(body, '=') < 0
	}
	return i + j + len(closer), blank
}

func isBlankByte(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }
