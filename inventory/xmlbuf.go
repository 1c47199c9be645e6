package inventory

// openElement is an element whose end tag is still to come; its children
// wait in xmlParser.kids from kidStart on.
type openElement struct {
	el       *Element
	kidStart int
}

// arena hands out elements and child slices in blocks: a real inventory
// has thousands of elements, and allocating them one by one made the
// garbage collector a large part of an inventory's cost.
type arena struct {
	elems []Element
	ptrs  []*Element
}

func (a *arena) element() *Element {
	if len(a.elems) == 0 {
		a.elems = make([]Element, 128)
	}
	el := &a.elems[0]
	a.elems = a.elems[1:]
	return el
}

// children returns an exact-size slice for n children.
func (a *arena) children(n int) []*Element {
	if n > 256 {
		return make([]*Element, n)
	}
	if len(a.ptrs) < n {
		a.ptrs = make([]*Element, 1024)
	}
	out := a.ptrs[:n:n]
	a.ptrs = a.ptrs[n:]
	return out
}

// textBuf accumulates an element's text. While the text is one unbroken
// piece of the document it is only a span, taken as a substring of the
// document string; anything else (entities, CDATA after text) is copied.
type textBuf struct {
	buf        []byte
	start, end int
}

func (t *textBuf) appendSpan(doc string, from, to int) {
	switch {
	case len(t.buf) == 0 && t.start == t.end:
		t.start, t.end = from, to
	case len(t.buf) == 0 && t.end == from:
		t.end = to
	default:
		t.spill(doc)
		t.buf = append(t.buf, doc[from:to]...)
	}
}

func (t *textBuf) appendBytes(doc string, b []byte) {
	t.spill(doc)
	t.buf = append(t.buf, b...)
}

func (t *textBuf) appendUnescaped(doc string, b []byte) error {
	t.spill(doc)
	var err error
	t.buf, err = appendUnescaped(t.buf, b)
	return err
}

func (t *textBuf) spill(doc string) {
	if t.end > t.start {
		t.buf = append(t.buf, doc[t.start:t.end]...)
	}
	t.start, t.end = 0, 0
}

// take returns the accumulated text and empties the buffer.
func (t *textBuf) take(doc string) string {
	var s string
	switch {
	case len(t.buf) > 0:
		t.spill(doc)
		s = string(t.buf)
		t.buf = t.buf[:0]
	case t.end > t.start:
		s = doc[t.start:t.end]
	}
	t.start, t.end = 0, 0
	return s
}
