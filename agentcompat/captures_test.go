package agentcompat

import (
	"bytes"
	"fmt"
	"sort"
	"strings"
	"testing"

	"ocsd/inventory"
)

func encodingNamed(t testing.TB, name string) Encoding {
	t.Helper()
	switch name {
	case "zlib":
		return Zlib
	case "gzip":
		return Gzip
	case "plain":
		return Plain
	}
	t.Fatalf("unknown capture encoding %q", name)
	return Zlib
}

// TestCapturesRoundTrip encodes each captured request in the encoding its
// agent used and decodes it back. The captures hold decoded text, so the
// wire bytes are rebuilt; what is checked is that every real exchange's
// encoding is sniffed as such and survives intact.
func TestCapturesRoundTrip(t *testing.T) {
	for _, c := range loadCaptures(t) {
		if c.ReqEncoding == "empty" {
			continue
		}
		t.Run(fmt.Sprintf("%04d-%s", c.Seq, c.Label), func(t *testing.T) {
			enc := encodingNamed(t, c.ReqEncoding)
			dec, err := Decode(Encode(c.ReqBody, enc), DefaultLimits())
			if err != nil {
				t.Fatalf("Decode: %v", err)
			}
			if dec.Encoding != enc || !bytes.Equal(dec.XML, c.ReqBody) {
				t.Fatalf("Decode = %v, %d bytes; want %v, %d bytes", dec.Encoding, len(dec.XML), enc, len(c.ReqBody))
			}
			if out := ToUTF8(dec.XML); &out[0] != &dec.XML[0] {
				t.Fatal("ToUTF8 altered a real agent's UTF-8 request")
			}
			if _, err := inventory.ParseXML(dec.XML, inventory.DefaultXMLLimits()); err != nil {
				t.Fatalf("ParseXML: %v", err)
			}
		})
	}
}

// TestCapturesUserAgents replays the PROLOGs: the default policy must accept
// exactly the agents the real server answered 200.
func TestCapturesUserAgents(t *testing.T) {
	p := NewUserAgentPolicy(nil, nil)
	seen := 0
	for _, c := range loadCaptures(t) {
		if c.Method != "POST" || !strings.Contains(c.Label, "PROLOG") {
			continue
		}
		seen++
		if got, want := p.Allowed(c.UserAgent), c.Status == 200; got != want {
			t.Errorf("%s: Allowed(%q) = %v, real server answered %d", c.Label, c.UserAgent, got, c.Status)
		}
	}
	if seen == 0 {
		t.Fatal("no PROLOG captures")
	}
}

// TestCapturesReplies rebuilds the captured replies with Reply and compares
// them with the real ones, ignoring element and attribute order (the real
// server's is Perl hash order).
func TestCapturesReplies(t *testing.T) {
	download := Param("",
		Attr{"TYPE", "CONF"}, Attr{"ON", "0"}, Attr{"CYCLE_LATENCY", "60"}, Attr{"FRAG_LATENCY", "10"},
		Attr{"PERIOD_LATENCY", "1"}, Attr{"PERIOD_LENGTH", "10"}, Attr{"TIMEOUT", "30"}, Attr{"EXECUTION_TIMEOUT", "120"})
	var prologReply Reply
	prologReply.Add("RESPONSE", "SEND")
	prologReply.Add("PROLOG_FREQ", "24")
	prologReply.Add("INVENTORY_ON_STARTUP", "1")
	prologReply.AddOption("DOWNLOAD", download)
	var accountReply Reply
	accountReply.Add("RESPONSE", "ACCOUNT_UPDATE")
	accountReply.AddBlock("ACCOUNTINFO", Elem("KEYNAME", "TAG"), Elem("KEYVALUE", "NA"))
	var noUpdate Reply
	noUpdate.Add("RESPONSE", "NO_UPDATE")
	want := map[int]*Reply{1: &prologReply, 6: &prologReply, 8: &prologReply, 10: &prologReply,
		4: &accountReply, 9: &accountReply, 11: &accountReply, 14: &noUpdate}

	compared := 0
	for _, c := range loadCaptures(t) {
		r, ok := want[c.Seq]
		if !ok {
			continue
		}
		compared++
		got := r.Bytes()
		if canon(t, got) != canon(t, c.RespBody) {
			t.Errorf("%s: reply differs\n got: %s\nwant: %s", c.Label, got, c.RespBody)
		}
		if !bytes.HasPrefix(got, []byte(replyDecl)) || !bytes.HasPrefix(c.RespBody, []byte(replyDecl)) {
			t.Errorf("%s: declaration differs", c.Label)
		}
	}
	if compared != len(want) {
		t.Fatalf("compared %d replies, want %d", compared, len(want))
	}
}

// canon renders a document with children and attributes sorted.
func canon(t testing.TB, doc []byte) string {
	t.Helper()
	root, err := inventory.ParseXML(doc, inventory.DefaultXMLLimits())
	if err != nil {
		t.Fatalf("ParseXML(%q): %v", doc, err)
	}
	return canonElement(root)
}

func canonElement(e *inventory.Element) string {
	attrs := make([]string, 0, len(e.Attrs))
	for _, a := range e.Attrs {
		attrs = append(attrs, fmt.Sprintf("%s=%q", a.Name, a.Value))
	}
	sort.Strings(attrs)
	children := make([]string, 0, len(e.Children))
	for _, c := range e.Children {
		children = append(children, canonElement(c))
	}
	sort.Strings(children)
	return fmt.Sprintf("<%s %s>%q%s</%s>", e.Name, strings.Join(attrs, " "), strings.TrimSpace(e.Text), strings.Join(children, ""), e.Name)
}
