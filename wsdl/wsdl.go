// Package wsdl holds the contract of the SOAP web service /ocsinterface: the
// WSDL document (ocsinterface.wsdl, SOAP 1.1 rpc/encoded) and the operation
// table generated from it (operations_gen.go). The server dispatches only
// through that table, so it serves exactly the operations the WSDL declares.
package wsdl

import (
	"bytes"
	_ "embed" // the WSDL document is embedded
	"strconv"
)

//go:generate go run ./gen -in ocsinterface.wsdl -out operations_gen.go

//go:embed ocsinterface.wsdl
var document []byte

// placeholderAddress is the soap:address of the embedded document; Document
// replaces it with the address the WSDL was requested at.
const placeholderAddress = "http://localhost/ocsinterface?parts=joined"

// Namespace is the method namespace the WSDL declares (any namespace whose
// path maps to Apache::Ocsinventory::Interface is accepted on the wire).
const Namespace = "urn:Apache/Ocsinventory/Interface"

// Document returns the WSDL with its service address (soap:address) set to
// address, for example "https://ocs.example/ocsinterface?parts=joined".
func Document(address string) []byte {
	return bytes.Replace(document, []byte(placeholderAddress), []byte(xmlAttr(address)), 1)
}

// Raw returns the WSDL exactly as embedded.
func Raw() []byte { return bytes.Clone(document) }

func xmlAttr(s string) string {
	var b bytes.Buffer
	for _, r := range s {
		switch r {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '"':
			b.WriteString("&quot;")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Arg is one positional parameter as it came on the wire.
type Arg struct {
	// Text is the decoded value (base64Binary already decoded).
	Text string
	// Set is false for a missing parameter or one sent as xsi:nil.
	Set bool
	// Items are the elements of a SOAP-ENC:Array parameter (nil for a
	// scalar); only parts typed soapenc:Array accept one.
	Items []string
}

// ArgOf returns a set Arg holding s.
func ArgOf(s string) Arg { return Arg{Text: s, Set: true} }

// Kind is the wire type of one returned value.
type Kind uint8

// Value kinds, as SOAP::Lite types a Perl scalar.
const (
	// String is xsd:string.
	String Kind = iota
	// Int is xsd:int.
	Int
	// ZeroRows is Perl DBI's "0E0" (true but zero), sent as xsd:float.
	ZeroRows
	// Nil is an undefined value (xsi:nil).
	Nil
	// Escaped is an xsd:string whose Text is already escaped as XML
	// character data (documents rendered straight into their wire form).
	Escaped
	// Struct is a SOAP-ENC:Struct of string members (PHP reads an object).
	Struct
)

// Value is one returned value.
type Value struct {
	Kind Kind
	Text string
	// Chunks continue Text in an Escaped value: a document assembled from
	// pieces rendered apart (a computer's sections) is sent without first
	// being copied into one string.
	Chunks []string
	// Members are the fields of a Struct, in order.
	Members []Member
}

// Member is one field of a Struct value: Name must be an XML name.
type Member struct {
	Name, Text string
}

// StructValue returns a SOAP-ENC:Struct value of string members.
func StructValue(members ...Member) Value { return Value{Kind: Struct, Members: members} }

// Str returns an xsd:string value.
func Str(s string) Value { return Value{Kind: String, Text: s} }

// IntValue returns an xsd:int value.
func IntValue(n int64) Value { return Value{Kind: Int, Text: strconv.FormatInt(n, 10)} }

// Count returns n as xsd:int, or 0E0 when n is zero (DBI's row counts).
func Count(n int64) Value {
	if n == 0 {
		return Value{Kind: ZeroRows, Text: "0E0"}
	}
	return IntValue(n)
}

// EscapedValue returns an xsd:string value from text already escaped as
// XML character data.
func EscapedValue(text string) Value { return Value{Kind: Escaped, Text: text} }

// EscapedChunks returns an Escaped value made of chunks, in order.
func EscapedChunks(chunks []string) Value { return Value{Kind: Escaped, Chunks: chunks} }

// Len returns the length of an Escaped value's text, chunks included.
func (v Value) Len() int {
	n := len(v.Text)
	for _, c := range v.Chunks {
		n += len(c)
	}
	return n
}

// NilValue returns an undefined value.
func NilValue() Value { return Value{Kind: Nil} }

// Result is what an operation returns: one wire part per value, in order
// (get_computers_V1 returns several).
type Result []Value

// One returns a Result of a single value.
func One(v Value) Result { return Result{v} }

// Part is one part of a WSDL message.
type Part struct {
	Name string
	Type string
}

// Operation is one entry of the generated operation table.
type Operation struct {
	// Name is the operation (and method element) name.
	Name string
	// SOAPAction is the action the WSDL declares.
	SOAPAction string
	// Params are the input parts, in positional order.
	Params []Part
	// Variadic tells that the last part collects every further parameter.
	Variadic bool
	// Returns are the output parts.
	Returns []Part
	// Doc is the operation's documentation.
	Doc string
}

// argAt returns the i-th positional parameter, unset when absent.
func argAt(args []Arg, i int) Arg {
	if i < len(args) {
		return args[i]
	}
	return Arg{}
}

// argsFrom returns the positional parameters from i on.
func argsFrom(args []Arg, i int) []Arg {
	if i < len(args) {
		return args[i:]
	}
	return nil
}
