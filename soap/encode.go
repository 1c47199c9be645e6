package soap

import (
	"bytes"
	"strconv"
	"unicode/utf8"

	"ocsd/wsdl"
)

// envelopeOpen returns the start of a reply envelope laid out as SOAP::Lite
// writes it: one line, soap/soapenc/xsd/xsi prefixes, encodingStyle first.
func envelopeOpen(v Version) string {
	env, enc := nsEnv11, nsEnc11
	if v == SOAP12 {
		env, enc = nsEnv12, nsEnc12
	}
	return `<?xml version="1.0" encoding="UTF-8"?><soap:Envelope soap:encodingStyle="` + enc +
		`" xmlns:soap="` + env + `" xmlns:soapenc="` + enc +
		`" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soap:Body>`
}

const envelopeClose = `</soap:Body></soap:Envelope>`

// encodeResult writes the reply to a call: <methodResponse xmlns=ns> with one
// child per returned value. The children get distinct names (s-gensymN):
// with a repeated name PHP's SoapClient folds them into a nested array.
func encodeResult(b *bytes.Buffer, v Version, method, ns string, res wsdl.Result) {
	size := 512 + 2*len(method) + len(ns)
	for _, val := range res {
		n := val.Len()
		size += n + n/8 + 64
	}
	b.Grow(size)
	b.WriteString(envelopeOpen(v))
	b.WriteString("<" + method + "Response")
	if ns != "" {
		b.WriteString(` xmlns="`)
		escapeAttr(b, ns)
		b.WriteByte('"')
	}
	b.WriteByte('>')
	for i, val := range res {
		name := "s-gensym" + strconv.Itoa(3+2*i)
		b.WriteString("<" + name)
		switch val.Kind {
		case wsdl.Nil:
			b.WriteString(` xsi:nil="true" />`)
			continue
		case wsdl.Int:
			b.WriteString(` xsi:type="xsd:int">`)
		case wsdl.ZeroRows:
			b.WriteString(` xsi:type="xsd:float">`)
		case wsdl.Escaped:
			b.WriteString(` xsi:type="xsd:string">`)
			b.WriteString(val.Text)
			for _, c := range val.Chunks {
				b.WriteString(c)
			}
			b.WriteString("</" + name + ">")
			continue
		case wsdl.Struct:
			b.WriteString(` xsi:type="soapenc:Struct">`)
			encodeMembers(b, val.Members)
			b.WriteString("</" + name + ">")
			continue
		default:
			b.WriteString(` xsi:type="xsd:string">`)
		}
		escapeText(b, val.Text)
		b.WriteString("</" + name + ">")
	}
	b.WriteString("</" + method + "Response>")
	b.WriteString(envelopeClose)
}

// encodeMembers writes the members of a struct, each an xsd:string.
func encodeMembers(b *bytes.Buffer, members []wsdl.Member) {
	for _, m := range members {
		b.WriteString("<" + m.Name + ` xsi:type="xsd:string">`)
		escapeText(b, m.Text)
		b.WriteString("</" + m.Name + ">")
	}
}

// Fault codes: the client sent something unusable, or the server failed.
const (
	faultClient = "Client"
	faultServer = "Server"
)

// encodeFault writes a SOAP fault in the request's version.
func encodeFault(b *bytes.Buffer, v Version, code, msg string) {
	b.WriteString(envelopeOpen(v))
	if v == SOAP12 {
		c := "soap:Receiver"
		if code == faultClient {
			c = "soap:Sender"
		}
		b.WriteString("<soap:Fault><soap:Code><soap:Value>" + c + "</soap:Value></soap:Code><soap:Reason><soap:Text xml:lang=\"en\">")
		escapeText(b, msg)
		b.WriteString("</soap:Text></soap:Reason></soap:Fault>")
	} else {
		b.WriteString("<soap:Fault><faultcode>soap:" + code + "</faultcode><faultstring>")
		escapeText(b, msg)
		b.WriteString("</faultstring></soap:Fault>")
	}
	b.WriteString(envelopeClose)
}

// escapeText escapes character data as SOAP::Lite does (&, <, >; quotes and
// newlines stay literal) and drops characters XML 1.0 cannot carry, which
// database values may hold.
func escapeText(b *bytes.Buffer, s string) {
	last := 0
	for i := 0; i < len(s); {
		c := s[i]
		var rep string
		width := 1
		switch {
		case c == '&':
			rep = "&amp;"
		case c == '<':
			rep = "&lt;"
		case c == '>':
			rep = "&gt;"
		case c == '\r':
			rep = "&#xD;" // a literal CR would be read back as LF
		case c < 0x20 && c != '\t' && c != '\n':
			rep = ""
		case c >= 0x80:
			r, w := utf8.DecodeRuneInString(s[i:])
			width = w
			if r != utf8.RuneError || w != 1 {
				if r != 0xFFFE && r != 0xFFFF {
					i += w
					continue
				}
			}
			rep = "\uFFFD"
		default:
			i++
			continue
		}
		b.WriteString(s[last:i])
		b.WriteString(rep)
		i += width
		last = i
	}
	b.WriteString(s[last:])
}

// escapeAttr escapes an attribute value.
func escapeAttr(b *bytes.Buffer, s string) {
	for _, r := range s {
		switch r {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '"':
			b.WriteString("&quot;")
		default:
			b.WriteRune(r)
		}
	}
}
