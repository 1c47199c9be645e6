package agentcompat

import (
	"encoding/xml"
	"testing"

	"ocsd/inventory"
)

func TestReplyBytes(t *testing.T) {
	tests := []struct {
		name  string
		build func(r *Reply)
		want  string
	}{
		{
			name:  "empty",
			build: func(*Reply) {},
			want:  "<?xml version='1.0' encoding='UTF-8'?>\n<REPLY>\n</REPLY>\n",
		},
		{
			name: "prolog in fixed order whatever the insertion order",
			build: func(r *Reply) {
				r.AddBlock("ACCOUNTINFO", Elem("KEYNAME", "TAG"), Elem("KEYVALUE", "NA"))
				r.AddOption("IPDISCOVER", Param("192.168.1.0", Attr{"IPDISC_LAT", "100"}))
				r.Add("INVENTORY_ON_STARTUP", "0")
				r.Add("OTHER", "x")
				r.AddOption("DOWNLOAD", Param("", Attr{"TYPE", "CONF"}, Attr{"ON", "1"}))
				r.Add("PROLOG_FREQ", "12")
				r.Add("RESPONSE", "SEND")
			},
			want: `<?xml version='1.0' encoding='UTF-8'?>
<REPLY>
  <RESPONSE>SEND</RESPONSE>
  <PROLOG_FREQ>12</PROLOG_FREQ>
  <INVENTORY_ON_STARTUP>0</INVENTORY_ON_STARTUP>
  <OTHER>x</OTHER>
  <OPTION>
    <NAME>IPDISCOVER</NAME>
    <PARAM IPDISC_LAT="100">192.168.1.0</PARAM>
  </OPTION>
  <OPTION>
    <NAME>DOWNLOAD</NAME>
    <PARAM TYPE="CONF" ON="1" />
  </OPTION>
  <ACCOUNTINFO>
    <KEYNAME>TAG</KEYNAME>
    <KEYVALUE>NA</KEYVALUE>
  </ACCOUNTINFO>
</REPLY>
`,
		},
		{
			name: "registry option escapes attributes and text",
			build: func(r *Reply) {
				r.AddOption("REGISTRY", Param(`a<b>&"c"'d'`,
					Attr{"REGTREE", "2"}, Attr{"REGKEY", `SOFTWARE\Foo "Bar" & 'Baz' <x>`}, Attr{"NAME", "tab\there\nline"}))
			},
			want: `<?xml version='1.0' encoding='UTF-8'?>
<REPLY>
  <OPTION>
    <NAME>REGISTRY</NAME>
    <PARAM REGTREE="2" REGKEY="SOFTWARE\Foo &quot;Bar&quot; &amp; &apos;Baz&apos; &lt;x&gt;" NAME="tab&#09;here&#10;line">a&lt;b&gt;&amp;&quot;c&quot;'d'</PARAM>
  </OPTION>
</REPLY>
`,
		},
		{
			name: "forbidden characters and invalid UTF-8 dropped, U+FFFD kept",
			build: func(r *Reply) {
				r.Add("RESPONSE", "A\x00B\x1bC\xffD\uFFFDE\uFFFEF")
				r.AddNode(Node{Name: "EMPTY"})
			},
			want: "<?xml version='1.0' encoding='UTF-8'?>\n<REPLY>\n  <RESPONSE>ABCD\uFFFDEF</RESPONSE>\n  <EMPTY></EMPTY>\n</REPLY>\n",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var r Reply
			tc.build(&r)
			got := r.Bytes()
			if string(got) != tc.want {
				t.Fatalf("Bytes() =\n%s\nwant\n%s", got, tc.want)
			}
			if _, err := inventory.ParseXML(got, inventory.DefaultXMLLimits()); err != nil {
				t.Fatalf("ParseXML: %v", err)
			}
			var v struct{}
			if err := xml.Unmarshal(got, &v); err != nil {
				t.Fatalf("encoding/xml: %v", err)
			}
		})
	}
}

func TestReplyBytesKeepsInsertionOrderAndState(t *testing.T) {
	var r Reply
	r.AddOption("B")
	r.Add("RESPONSE", "STOP")
	r.AddOption("A")
	first := string(r.Bytes())
	if second := string(r.Bytes()); first != second {
		t.Fatal("Bytes is not deterministic")
	}
	if r.elems[0].Name != "OPTION" {
		t.Fatal("Bytes reordered the reply itself")
	}
}

func TestReplyAttributeRoundTrip(t *testing.T) {
	const value = "C:\\Program Files\\\"x\" & <y> 'z'\ttab\nnl\r\u00e9"
	var r Reply
	r.AddOption("REGISTRY", Param(value, Attr{"REGKEY", value}))
	root, err := inventory.ParseXML(r.Bytes(), inventory.DefaultXMLLimits())
	if err != nil {
		t.Fatalf("ParseXML: %v", err)
	}
	param := root.Children[0].Children[1]
	if param.Attrs[0].Value != value || param.Text != value {
		t.Fatalf("read back attr %q text %q, want %q", param.Attrs[0].Value, param.Text, value)
	}
}
