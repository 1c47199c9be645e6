package soap

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"

	"ocsd/wsdl"
)

// requestDoc is a parsed <REQUEST> document: the text of each child of the
// root, by element name (case-sensitive), in document order.
type requestDoc map[string][]string

// errMalformed is a REQUEST that does not parse.
var errMalformed = errors.New("soap: malformed request document")

// maxRequestElements bounds the children of a REQUEST.
const maxRequestElements = 100000

// parseRequestDoc reads the XML string parameter of get_computers_V1 and
// get_snmp_V1 as OCS does: decode_xml, a trailing backslash dropped, then
// the root's direct children (unknown ones are kept and ignored later).
func parseRequestDoc(a wsdl.Arg) (requestDoc, error) {
	if !a.Set {
		return nil, errMalformed
	}
	s := strings.TrimSuffix(decodeXML(a.Text), `\`)
	d := xml.NewDecoder(strings.NewReader(s))
	d.Strict = true
	d.CharsetReader = charsetReader
	out := requestDoc{}
	depth, n := 0, 0
	var name string
	var text bytes.Buffer
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, errMalformed
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if depth++; depth == 2 {
				if n++; n > maxRequestElements {
					return nil, errMalformed
				}
				name = t.Name.Local
				text.Reset()
			} else if depth == 1 && n < 0 {
				return nil, errMalformed // a second root
			}
		case xml.EndElement:
			if depth == 2 {
				out[name] = append(out[name], text.String())
			}
			if depth--; depth == 0 {
				n = -1
			}
		case xml.CharData:
			if depth == 2 {
				text.Write(t)
			} else if depth == 0 && len(bytes.TrimSpace(t)) > 0 {
				return nil, errMalformed
			}
		}
	}
	if n != -1 {
		return nil, errMalformed // no root, or an unterminated one
	}
	return out, nil
}

// single returns the value of an element that may appear at most once:
// present reports whether it appeared, ok whether it appeared once only.
func (r requestDoc) single(name string) (v string, present, ok bool) {
	vals := r[name]
	switch len(vals) {
	case 0:
		return "", false, true
	case 1:
		return vals[0], true, true
	}
	return "", true, false
}
