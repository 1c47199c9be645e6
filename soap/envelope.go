package soap

import (
	"bytes"
	"encoding/base64"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"ocsd/wsdl"
)

// SOAP envelope and encoding namespaces.
const (
	nsEnv11 = "http://schemas.xmlsoap.org/soap/envelope/"
	nsEnv12 = "http://www.w3.org/2003/05/soap-envelope"
	nsEnc11 = "http://schemas.xmlsoap.org/soap/encoding/"
	nsEnc12 = "http://www.w3.org/2003/05/soap-encoding"
	nsXSI   = "http://www.w3.org/2001/XMLSchema-instance"
)

// Version is the SOAP version of an envelope.
type Version uint8

// SOAP versions.
const (
	// SOAP11 is SOAP 1.1 (every known client).
	SOAP11 Version = iota
	// SOAP12 is SOAP 1.2.
	SOAP12
)

// Call is a decoded rpc request.
type Call struct {
	Version Version
	// Method is the local name of the first Body child.
	Method string
	// Namespace is its namespace URI, echoed on the response element.
	Namespace string
	// Args are its children in document order; their names are ignored.
	Args []wsdl.Arg
	// arrays names the SOAP-ENC:Array parameters, by position: only parts
	// the WSDL types soapenc:Array take one (see checkArrays).
	arrays map[int]string
}

// maxArgs bounds the parameters of one call (untrusted envelopes).
const maxArgs = 10000

// errEnvelope marks a request that is not a usable SOAP envelope.
var errEnvelope = errors.New("soap: bad envelope")

// rawArg is a parameter before multiRef resolution.
type rawArg struct {
	arg  wsdl.Arg
	href string
	name string
}

// Decode reads a SOAP 1.1 or 1.2 rpc envelope: the method is the first Body
// child, its children are the positional parameters (xsi:nil = absent,
// base64Binary decoded, href/id multiRefs resolved).
func Decode(r io.Reader) (*Call, error) {
	d := xml.NewDecoder(r)
	d.Strict = true
	d.CharsetReader = charsetReader
	env, err := nextStart(d)
	if err != nil {
		return nil, err
	}
	c := &Call{}
	switch {
	case env.Name.Local != "Envelope":
		return nil, fmt.Errorf("%w: root element %s is not Envelope", errEnvelope, env.Name.Local)
	case env.Name.Space == nsEnv12:
		c.Version = SOAP12
	case env.Name.Space != nsEnv11:
		return nil, fmt.Errorf("%w: unknown envelope namespace %q", errEnvelope, env.Name.Space)
	}
	if err := seekBody(d, env.Name.Space); err != nil {
		return nil, err
	}
	method, err := nextStart(d)
	if err != nil {
		return nil, fmt.Errorf("%w: empty Body", errEnvelope)
	}
	c.Method, c.Namespace = method.Name.Local, method.Name.Space
	raws, err := readArgs(d)
	if err != nil {
		return nil, err
	}
	refs, err := readRefs(d)
	if err != nil {
		return nil, err
	}
	c.Args = make([]wsdl.Arg, len(raws))
	for i, ra := range raws {
		c.Args[i] = ra.arg
		if ra.href != "" {
			c.Args[i] = refs[strings.TrimPrefix(ra.href, "#")]
		}
		if c.Args[i].Items != nil {
			if c.arrays == nil {
				c.arrays = map[int]string{}
			}
			c.arrays[i] = ra.name
		}
	}
	return c, nil
}

// nextStart returns the next start element, skipping text, comments and
// processing instructions.
func nextStart(d *xml.Decoder) (xml.StartElement, error) {
	for {
		tok, err := d.Token()
		if err != nil {
			return xml.StartElement{}, fmt.Errorf("%w: %w", errEnvelope, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			return t, nil
		case xml.EndElement:
			return xml.StartElement{}, fmt.Errorf("%w: unexpected end of %s", errEnvelope, t.Name.Local)
		}
	}
}

// seekBody advances to the inside of Body, skipping a Header.
func seekBody(d *xml.Decoder, ns string) error {
	for {
		el, err := nextStart(d)
		if err != nil {
			return err
		}
		if el.Name.Space == ns && el.Name.Local == "Body" {
			return nil
		}
		if err := d.Skip(); err != nil {
			return fmt.Errorf("%w: %w", errEnvelope, err)
		}
	}
}

// readArgs reads the children of the method element up to its end.
func readArgs(d *xml.Decoder) ([]rawArg, error) {
	var out []rawArg
	for {
		tok, err := d.Token()
		if err != nil {
			return nil, fmt.Errorf("%w: %w", errEnvelope, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if len(out) == maxArgs {
				return nil, fmt.Errorf("%w: more than %d parameters", errEnvelope, maxArgs)
			}
			ra, err := readScalar(d, t)
			if err != nil {
				return nil, err
			}
			out = append(out, ra)
		case xml.EndElement:
			return out, nil
		}
	}
}

// readRefs reads the Body siblings that follow the method element: the
// multiRef targets SOAP::Lite emits for values it references twice.
func readRefs(d *xml.Decoder) (map[string]wsdl.Arg, error) {
	refs := map[string]wsdl.Arg{}
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return refs, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%w: %w", errEnvelope, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			id := attr(t, "", "id")
			ra, err := readScalar(d, t)
			if err != nil {
				return nil, err
			}
			if id != "" {
				refs[id] = ra.arg
			}
		case xml.EndElement:
			// end of Body, then of Envelope: drain to EOF to catch bad XML.
		}
	}
}

// readScalar reads one parameter element, which must hold text only, or
// be a SOAP-ENC:Array of such elements.
func readScalar(d *xml.Decoder, start xml.StartElement) (rawArg, error) {
	ra := rawArg{name: start.Name.Local}
	if v := attr(start, nsXSI, "nil"); v == "true" || v == "1" {
		return ra, d.Skip()
	}
	if isArray(start) {
		return readArray(d, start)
	}
	ra.href = attr(start, "", "href")
	var text bytes.Buffer
	for {
		tok, err := d.Token()
		if err != nil {
			return ra, fmt.Errorf("%w: %w", errEnvelope, err)
		}
		switch t := tok.(type) {
		case xml.CharData:
			text.Write(t)
		case xml.StartElement:
			return ra, fmt.Errorf("%w: parameter %s is not a scalar", errNotScalar, start.Name.Local)
		case xml.EndElement:
			s := text.String()
			if isBase64Type(attr(start, nsXSI, "type")) {
				if s, err = decodeBase64(s); err != nil {
					return ra, err
				}
			}
			ra.arg = wsdl.ArgOf(s)
			return ra, nil
		}
	}
}

// errNotScalar is a struct parameter, or an array where the WSDL has a
// scalar part.
var errNotScalar = errors.New("soap: bad parameter")

// maxItems bounds the elements of one array parameter.
const maxItems = 100000

// isArray tells a SOAP-ENC:Array parameter (PHP sends xsi:type
// SOAP-ENC:Array and SOAP-ENC:arrayType; SOAP::Lite soapenc:Array).
func isArray(el xml.StartElement) bool {
	t := attr(el, nsXSI, "type")
	if i := strings.LastIndexByte(t, ':'); i >= 0 {
		t = t[i+1:]
	}
	return t == "Array" || attr(el, nsEnc11, "arrayType") != "" || attr(el, nsEnc12, "itemType") != ""
}

// readArray reads the scalar items of an array parameter; nil items are
// left out.
func readArray(d *xml.Decoder, start xml.StartElement) (rawArg, error) {
	ra := rawArg{name: start.Name.Local, arg: wsdl.Arg{Set: true, Items: []string{}}}
	for {
		tok, err := d.Token()
		if err != nil {
			return ra, fmt.Errorf("%w: %w", errEnvelope, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if len(ra.arg.Items) == maxItems || isArray(t) {
				return ra, fmt.Errorf("%w: array %s too large or nested", errNotScalar, start.Name.Local)
			}
			item, err := readScalar(d, t)
			if err != nil {
				return ra, err
			}
			if item.arg.Set {
				ra.arg.Items = append(ra.arg.Items, item.arg.Text)
			}
		case xml.EndElement:
			return ra, nil
		}
	}
}

// checkArrays refuses an array parameter where the operation's part is not
// typed soapenc:Array, with the fault an undecodable parameter gets.
func checkArrays(c *Call) error {
	if len(c.arrays) == 0 {
		return nil
	}
	op, known := wsdl.Lookup(c.Method)
	for i, name := range c.arrays {
		if known && i < len(op.Params) && op.Params[i].Type == "soapenc:Array" {
			continue
		}
		return fmt.Errorf("%w: parameter %s is not a scalar", errNotScalar, name)
	}
	return nil
}

func attr(el xml.StartElement, space, local string) string {
	for _, a := range el.Attr {
		if a.Name.Local == local && (space == "" && a.Name.Space == "" || a.Name.Space == space) {
			return a.Value
		}
	}
	return ""
}

// isBase64Type compares the local part only: encoding/xml does not resolve
// prefixes inside attribute values (xsd:base64Binary, SOAP-ENC:base64).
func isBase64Type(t string) bool {
	if i := strings.LastIndexByte(t, ':'); i >= 0 {
		t = t[i+1:]
	}
	return t == "base64Binary" || t == "base64"
}

// decodeBase64 decodes a base64Binary parameter. SOAP::Lite sends every
// non-ASCII string this way, as UTF-8 or as Latin-1 bytes: valid UTF-8 is
// kept, anything else is read as Latin-1.
func decodeBase64(s string) (string, error) {
	s = strings.Map(func(r rune) rune {
		if r == ' ' || r == '\n' || r == '\r' || r == '\t' {
			return -1
		}
		return r
	}, s)
	raw, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		return "", fmt.Errorf("%w: base64Binary parameter: %w", errEnvelope, err)
	}
	if utf8.Valid(raw) {
		return string(raw), nil
	}
	r := make([]rune, len(raw))
	for i, b := range raw {
		r[i] = rune(b)
	}
	return string(r), nil
}

// charsetReader lets envelopes declare a Latin-1 encoding (UTF-8 and ASCII
// need none).
func charsetReader(label string, in io.Reader) (io.Reader, error) {
	switch strings.ToLower(label) {
	case "iso-8859-1", "latin1", "latin-1", "iso8859-1", "windows-1252", "cp1252":
		return charmap.Windows1252.NewDecoder().Reader(in), nil
	case "us-ascii", "ascii":
		return in, nil
	}
	return nil, fmt.Errorf("%w: unsupported encoding %q", errEnvelope, label)
}
