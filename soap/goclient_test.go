package soap

import (
	"encoding/xml"
	"net/http/httptest"
	"testing"

	gsoap "github.com/hooklift/gowsdl/soap"

	"ocsd/internal/testsupport"
)

// goParam is one rpc/encoded parameter, typed the way SOAP::Lite types it.
type goParam struct {
	XMLName xml.Name
	Type    string `xml:"http://www.w3.org/2001/XMLSchema-instance type,attr"`
	Value   string `xml:",chardata"`
}

// goCall is the rpc wrapper element gowsdl's client cannot generate.
type goCall struct {
	XMLName xml.Name
	Params  []goParam
}

// goReply reads every s-gensymN part of a reply.
type goReply struct {
	XMLName xml.Name
	Parts   []goParam `xml:",any"`
}

// TestGoClient calls the server with gowsdl's runtime client (the part of
// gowsdl that works for rpc/encoded, given hand-written wrapper structs).
func TestGoClient(t *testing.T) {
	db := openMigrated(t, testsupport.SQLiteDSN(t))
	seedComputers(t, db)
	ts := httptest.NewServer(dbServer(t, db, Options{}).h)
	defer ts.Close()
	c := gsoap.NewClient(ts.URL+"/ocsinterface", gsoap.WithBasicAuth("ocssoap", "secret"))
	ns := "urn:Apache/Ocsinventory/Interface"
	call := func(method string, params ...string) []goParam {
		req := goCall{XMLName: xml.Name{Space: ns, Local: method}}
		for i, p := range params {
			req.Params = append(req.Params, goParam{XMLName: xml.Name{Local: "c-gensym" + string(rune('3'+i))}, Type: "xsd:string", Value: p})
		}
		var rep goReply
		if err := c.Call(ns+"#"+method, &req, &rep); err != nil {
			t.Fatalf("%s: %v", method, err)
		}
		return rep.Parts
	}
	parts := call("get_computers_V1", req("<ASKING_FOR>META</ASKING_FOR>"))
	if len(parts) != 6 || parts[0].Value != "<COMPUTERS>\n" || parts[1].XMLName.Local == parts[2].XMLName.Local {
		t.Fatalf("parts %+v", parts)
	}
	if p := call("reset_checksum_V1", "5", "1"); len(p) != 1 || p[0].Value != "1" || p[0].Type != "xsd:int" {
		t.Fatalf("reset %+v", p)
	}
	if p := call("ocs_config_V2", "BAD KEY"); p[0].Value != inband("BAD_KEY") {
		t.Fatalf("config %+v", p)
	}
}
