package main

import (
	"bytes"
	"os"
	"testing"
)

// TestGeneratedIsCurrent fails when operations_gen.go was not regenerated
// after the WSDL changed: the server's table must never drift from it.
func TestGeneratedIsCurrent(t *testing.T) {
	raw, err := os.ReadFile("../ocsinterface.wsdl")
	if err != nil {
		t.Fatal(err)
	}
	ops, err := Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	if len(ops) < 20 || ops[0].Name != "get_computers_V1" || ops[14].Name != "delete_computers_by_id_V1" {
		t.Fatalf("WSDL declares %d operations, want the 15 of the OCS interface first, then the GLPI plugin's five and others", len(ops))
	}
	want, err := Generate(ops, "ocsinterface.wsdl")
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("../operations_gen.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatal("wsdl/operations_gen.go is stale: run go generate ./wsdl")
	}
}

func TestGoName(t *testing.T) {
	cases := map[string]string{
		"get_computers_V1": "GetComputersV1", "id": "ID", "get_snmp_V1": "GetSNMPV1",
		"ocs_config_V2": "OCSConfigV2", "mac": "MAC", "ninv": "Ninv",
	}
	for in, want := range cases {
		if got := goName(in); got != want {
			t.Errorf("goName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestParseRejectsDocumentLiteral(t *testing.T) {
	raw, _ := os.ReadFile("../ocsinterface.wsdl")
	bad := bytes.Replace(raw, []byte(`style="rpc" transport`), []byte(`style="document" transport`), 1)
	if _, err := Parse(bad); err == nil {
		t.Fatal("a document-style binding was accepted")
	}
}
