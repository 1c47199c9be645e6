package wsdl

import (
	"context"
	"strings"
	"testing"
)

func TestDocumentAddress(t *testing.T) {
	doc := string(Document("https://ocs.example:8443/ocsinterface?parts=joined&x=\"1\""))
	if !strings.Contains(doc, `location="https://ocs.example:8443/ocsinterface?parts=joined&amp;x=&quot;1&quot;"`) {
		t.Fatalf("address not substituted:\n%s", doc[len(doc)-300:])
	}
	if strings.Contains(doc, placeholderAddress) {
		t.Fatal("placeholder left in document")
	}
}

// stockOperations are the fifteen methods of the OCS interface.
var stockOperations = []string{"get_computers_V1", "get_snmp_V1", "reset_checksum_V1", "get_history_V1",
	"clear_history_V1", "get_dico_soft_element_V1", "ocs_config_V1", "ocs_config_V2", "get_ipdiscover_devices_V1",
	"ipdiscover_tag_V1", "ipdiscover_untag_V1", "ipdiscover_remove_V1", "ipdiscover_create_type_V1",
	"ipdiscover_delete_type_V1", "delete_computers_by_id_V1"}

// pluginOperations are the methods only the GLPI ocsinventoryng plugin's
// SOAP client calls.
var pluginOperations = []string{"search_computers_V1", "get_computer_sections_V1", "get_checksum_V1",
	"remove_deleted_computer_V1", "_get_account_fields_V1"}

func TestLookupAndOperations(t *testing.T) {
	ops := Operations()
	for i, name := range stockOperations {
		if i >= len(ops) || ops[i].Name != name {
			t.Fatalf("operation %d is not %s: the stock operations come first, in order", i, name)
		}
	}
	for _, name := range pluginOperations {
		if _, ok := Lookup(name); !ok {
			t.Errorf("plugin operation %s not declared", name)
		}
	}
	if gs, _ := Lookup("get_computer_sections_V1"); gs.Params[0].Type != "soapenc:Array" {
		t.Errorf("get_computer_sections_V1 ids = %+v, want an array part", gs.Params[0])
	}
	for _, o := range ops {
		got, ok := Lookup(o.Name)
		if !ok || got.Name != o.Name || !strings.HasSuffix(got.SOAPAction, "#"+o.Name) {
			t.Errorf("Lookup(%s) = %+v, %v", o.Name, got, ok)
		}
	}
	if _, ok := Lookup("send_error"); ok {
		t.Fatal("an undeclared operation was found")
	}
	rc, _ := Lookup("reset_checksum_V1")
	if !rc.Variadic || len(rc.Params) != 2 {
		t.Fatalf("reset_checksum_V1 = %+v", rc)
	}
}

// recorder is a Service that records which operation ran with what.
type recorder struct {
	Service
	got ResetChecksumV1Params
}

func (r *recorder) ResetChecksumV1(_ context.Context, p ResetChecksumV1Params) (Result, error) {
	r.got = p
	return One(Count(0)), nil
}

func TestCallPositional(t *testing.T) {
	r := &recorder{}
	res, ok, err := Call(context.Background(), r, "reset_checksum_V1", []Arg{ArgOf("5"), ArgOf("1"), {}, ArgOf("3")})
	if !ok || err != nil || len(res) != 1 || res[0].Text != "0E0" {
		t.Fatalf("Call = %v %v %v", res, ok, err)
	}
	if r.got.Checksum.Text != "5" || len(r.got.ID) != 3 || r.got.ID[1].Set {
		t.Fatalf("params = %+v", r.got)
	}
	if _, ok, _ := Call(context.Background(), r, "nope", nil); ok {
		t.Fatal("unknown operation called")
	}
}
