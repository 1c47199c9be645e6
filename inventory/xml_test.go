package inventory

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"ocsd/internal/testsupport"
)

func TestParseXML(t *testing.T) {
	doc := `<?xml version="1.0" encoding="UTF-8"?>
<!-- agent comment -->
<REQUEST ID="7" ERR='SUCCESS'>
  <DEVICEID>pc-2024-01-02-03-04-05</DEVICEID>
  <QUERY>DOWNLOAD</QUERY>
  <NAME>A &amp; B &lt;C&gt; &#233;&#x20AC;</NAME>
  <CDATA><![CDATA[<raw & text>]]></CDATA>
  <EMPTY/>
  <BLANK>   </BLANK>
  <SPACED> kept  </SPACED>
</REQUEST>`
	root, err := ParseXML([]byte(doc), DefaultXMLLimits())
	if err != nil {
		t.Fatal(err)
	}
	checks := map[string]string{
		"ID": "7", "ERR": "SUCCESS", "QUERY": "DOWNLOAD", "NAME": "A & B <C> é€",
		"CDATA": "<raw & text>", "EMPTY": "", "BLANK": "", "SPACED": " kept  ",
	}
	for k, want := range checks {
		if got := root.Field(k); got != want {
			t.Errorf("Field(%s) = %q, want %q", k, got, want)
		}
	}
	if el := root.Child("EMPTY"); el == nil || !el.IsEmpty() {
		t.Error("empty element not seen as empty")
	}
	if got := string([]byte(doc)[root.Child("NAME").Start:root.Child("NAME").End]); !strings.HasPrefix(got, "<NAME>") || !strings.HasSuffix(got, "</NAME>") {
		t.Errorf("element offsets cover %q", got)
	}
}

func TestParseXMLErrors(t *testing.T) {
	lim := XMLLimits{MaxDepth: 4, MaxElements: 10}
	cases := map[string]struct {
		doc  string
		want error
	}{
		"mismatched end":     {"<A><B></A></B>", ErrMalformedXML},
		"unclosed":           {"<A><B></B>", ErrMalformedXML},
		"doctype":            {`<!DOCTYPE A [<!ENTITY x "y">]><A>&x;</A>`, ErrMalformedXML},
		"unknown entity":     {"<A>&nbsp;</A>", ErrMalformedXML},
		"bad char ref":       {"<A>&#0;</A>", ErrMalformedXML},
		"two roots":          {"<A/><B/>", ErrMalformedXML},
		"text outside":       {"<A/>junk", ErrMalformedXML},
		"unquoted attribute": {"<A x=1/>", ErrMalformedXML},
		"lt in attribute":    {`<A x="<"/>`, ErrMalformedXML},
		"empty document":     {"  ", ErrMalformedXML},
		"too deep":           {"<A><A><A><A><A></A></A></A></A></A>", ErrTooLarge},
		"too many":           {"<A>" + strings.Repeat("<B/>", 10) + "</A>", ErrTooLarge},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := ParseXML([]byte(c.doc), lim)
			if !errors.Is(err, c.want) && CodeOf(err) != c.want.(*Error).Code {
				t.Fatalf("err = %v, want %v", err, c.want)
			}
		})
	}
}

func TestExtractContent(t *testing.T) {
	doc := []byte(`<REQUEST><DEVICEID>pc-2024-01-02-03-04-05</DEVICEID><QUERY>INVENTORY</QUERY><CONTENT>
<HARDWARE><NAME>pc</NAME><CHECKSUM>513</CHECKSUM></HARDWARE>
<BIOS><SSN>X1</SSN></BIOS>
<DRIVES><TYPE>/</TYPE></DRIVES><DRIVES><TYPE>/home</TYPE></DRIVES>
<SOFTWARES><NAME>bash</NAME></SOFTWARES>
<ACCOUNTINFO><KEYNAME>TAG</KEYNAME><KEYVALUE>PARIS</KEYVALUE></ACCOUNTINFO>
<DOWNLOAD><HISTORY><PACKAGE ID="17"/><PACKAGE><ID>18</ID></PACKAGE><OLD_DEVICEID>old-2020-01-01-00-00-00</OLD_DEVICEID></HISTORY></DOWNLOAD>
<IPDISCOVER><H><I>192.0.2.9</I><M>00:11:22:33:44:55</M><N>-</N></H></IPDISCOVER>
<ANTIVIRUS><NAME>av</NAME></ANTIVIRUS><ANTIVIRUS><NAME>av2</NAME></ANTIVIRUS>
<PRINTERS/>
</CONTENT></REQUEST>`)
	req, err := ParseRequest(doc, DefaultXMLLimits())
	if err != nil {
		t.Fatal(err)
	}
	c := ExtractContent(req.Root.Child("CONTENT"), doc)
	if !c.HasChecksum || c.Checksum != 513 || c.Hardware.Get("NAME") != "pc" {
		t.Errorf("hardware: %+v checksum %d", c.Hardware, c.Checksum)
	}
	if d := c.Sections["DRIVES"]; d == nil || len(d.Rows) != 2 || d.Rows[1].Get("TYPE") != "/home" {
		t.Errorf("drives: %+v", c.Sections["DRIVES"])
	}
	if _, ok := c.Sections["PRINTERS"]; ok {
		t.Error("an empty section counts as present")
	}
	if c.Software == nil || len(c.Software.Rows) != 1 {
		t.Errorf("software: %+v", c.Software)
	}
	if len(c.AccountInfo) != 1 || c.AccountInfo[0] != (AccountEntry{"TAG", "PARIS"}) {
		t.Errorf("account info: %+v", c.AccountInfo)
	}
	if strings.Join(c.DownloadHistory, ",") != "17,18" || c.OldDeviceID != "old-2020-01-01-00-00-00" {
		t.Errorf("download history %v, old deviceid %q", c.DownloadHistory, c.OldDeviceID)
	}
	if len(c.Discovered) != 1 || c.Discovered[0].MAC != "00:11:22:33:44:55" {
		t.Errorf("ipdiscover: %+v", c.Discovered)
	}
	if len(c.Extra) != 1 || c.Extra[0].Tag != "ANTIVIRUS" || strings.Count(c.Extra[0].XML, "<ANTIVIRUS>") != 2 {
		t.Errorf("extra sections: %+v", c.Extra)
	}
	changed := ExtractContent(mustRoot(t, []byte(strings.Replace(string(doc), "/home", "/srv", 1))).Child("CONTENT"),
		[]byte(strings.Replace(string(doc), "/home", "/srv", 1)))
	if changed.Sections["DRIVES"].Hash == c.Sections["DRIVES"].Hash || changed.Sections["BIOS"].Hash != c.Sections["BIOS"].Hash {
		t.Error("fingerprints do not follow content")
	}
}

func mustRoot(t *testing.T, doc []byte) *Element {
	t.Helper()
	r, err := ParseXML(doc, DefaultXMLLimits())
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// FuzzParseRequest feeds the agent document parser arbitrary bytes: it must
// never panic, and whatever it accepts must be extractable.
func FuzzParseRequest(f *testing.F) {
	f.Add([]byte(`<REQUEST><DEVICEID>pc-2024-01-02-03-04-05</DEVICEID><QUERY>PROLOG</QUERY></REQUEST>`))
	f.Add([]byte(`<REQUEST DEVICEID="pc-2024-01-02-03-04-05" QUERY="DOWNLOAD" ID="1" ERR="SUCCESS"/>`))
	f.Add([]byte(`<A>&#x1F600;<![CDATA[x]]><!-- c --><?pi x?></A>`))
	if dir := sharedSamples(); dir != "" {
		files, _ := filepath.Glob(filepath.Join(dir, "*", "*.xml"))
		for _, file := range files {
			if b, err := os.ReadFile(file); err == nil && len(b) < 64<<10 {
				f.Add(b)
			}
		}
	}
	f.Fuzz(func(t *testing.T, doc []byte) {
		req, err := ParseRequest(doc, XMLLimits{MaxDepth: 16, MaxElements: 20000})
		if err != nil {
			if CodeOf(err) == Internal {
				t.Fatalf("parse error without a code: %v", err)
			}
			return
		}
		if req.Query == "" {
			t.Fatal("accepted a request without QUERY")
		}
		c := ExtractContent(req.Root.Child("CONTENT"), doc)
		for _, s := range c.Sections {
			if len(s.Rows) == 0 {
				t.Fatal("present section without rows")
			}
		}
		compareLazy(t, doc)
	})
}

// sharedSamples locates the public samples without failing: fuzz seeds are
// optional.
func sharedSamples() string {
	dir := filepath.Join(testsupport.RepoRoot(), "..", "shared", "samples", "public")
	if st, err := os.Stat(dir); err == nil && st.IsDir() {
		return dir
	}
	return ""
}

// TestLazyParseMatchesWholeParse: for every public sample, parsing lazily
// and then loading everything gives exactly what a whole parse gives.
func TestLazyParseMatchesWholeParse(t *testing.T) {
	dir := sharedSamples()
	if dir == "" {
		testsupport.Unavailable(t, "public samples not found")
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*", "*.xml"))
	for _, file := range files {
		doc, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		t.Run(filepath.Base(file), func(t *testing.T) { compareLazy(t, doc) })
	}
}

func compareLazy(t *testing.T, doc []byte) {
	t.Helper()
	lim := DefaultXMLLimits()
	full, errFull := ParseRequest(doc, lim)
	lazy, errLazy := ParseRequestLazy(doc, lim)
	if errFull != nil || errLazy != nil {
		if (errFull == nil) != (errLazy == nil) && errFull == nil {
			t.Fatalf("lazy parse refused what the whole parse accepts: %v", errLazy)
		}
		return
	}
	a := ExtractContent(full.Root.Child("CONTENT"), doc)
	b := ExtractContent(lazy.Root.Child("CONTENT"), doc)
	if err := b.LoadAll(lim); err != nil {
		t.Fatalf("loading a document the whole parse accepts: %v", err)
	}
	if fmt.Sprint(a.Hardware) != fmt.Sprint(b.Hardware) || len(a.Sections) != len(b.Sections) || len(a.Extra) != len(b.Extra) {
		t.Fatalf("lazy content differs: %d/%d sections, %d/%d extras", len(a.Sections), len(b.Sections), len(a.Extra), len(b.Extra))
	}
	for tag, sa := range a.Sections {
		sb := b.Sections[tag]
		if sb == nil || sa.Hash != sb.Hash || fmt.Sprint(sa.Rows) != fmt.Sprint(sb.Rows) {
			t.Errorf("section %s differs", tag)
		}
	}
	if (a.Software == nil) != (b.Software == nil) || (a.Software != nil && (a.Software.Hash != b.Software.Hash || fmt.Sprint(a.Software.Rows) != fmt.Sprint(b.Software.Rows))) {
		t.Error("software differs")
	}
	for i := range a.Extra {
		if a.Extra[i] != b.Extra[i] {
			t.Errorf("extra section %s differs", a.Extra[i].Tag)
		}
	}
}

func TestLazyParseDefersErrors(t *testing.T) {
	doc := []byte(`<REQUEST><DEVICEID>pc-2024-01-02-03-04-05</DEVICEID><QUERY>INVENTORY</QUERY><CONTENT>
<HARDWARE><NAME>pc</NAME></HARDWARE><DRIVES><TYPE>&bogus;</TYPE></DRIVES><PRINTERS a="x>y"><NAME>p</NAME></PRINTERS></CONTENT></REQUEST>`)
	req, err := ParseRequestLazy(doc, DefaultXMLLimits())
	if err != nil {
		t.Fatalf("structure is fine, lazy parse must accept: %v", err)
	}
	c := ExtractContent(req.Root.Child("CONTENT"), doc)
	if err := c.Load(DefaultXMLLimits(), "PRINTERS"); err != nil || c.Sections["PRINTERS"].Rows[0].Get("a") != "x>y" {
		t.Fatalf("printers: %v %+v", err, c.Sections["PRINTERS"])
	}
	if err := c.Load(DefaultXMLLimits(), "DRIVES"); CodeOf(err) != Invalid {
		t.Fatalf("a bad entity in a loaded section: %v, want Invalid", err)
	}
	for _, bad := range []string{
		`<DRIVES><TYPE></DRIVES>`, `<DRIVES><!DOCTYPE x></DRIVES>`, `<DRIVES><A b="1></DRIVES>`, `<DRIVES><!-- open</DRIVES>`,
	} {
		d := []byte(`<REQUEST><DEVICEID>pc-2024-01-02-03-04-05</DEVICEID><QUERY>INVENTORY</QUERY><CONTENT>` + bad + `</CONTENT></REQUEST>`)
		if _, err := ParseRequestLazy(d, DefaultXMLLimits()); CodeOf(err) != Invalid {
			t.Errorf("%s: lazy parse accepted a broken structure (%v)", bad, err)
		}
	}
	deep := `<REQUEST><DEVICEID>pc-2024-01-02-03-04-05</DEVICEID><QUERY>INVENTORY</QUERY><CONTENT><DRIVES>` +
		strings.Repeat("<A>", 40) + strings.Repeat("</A>", 40) + `</DRIVES></CONTENT></REQUEST>`
	if _, err := ParseRequestLazy([]byte(deep), DefaultXMLLimits()); CodeOf(err) != TooLarge {
		t.Errorf("depth cap not applied inside a lazy section: %v", err)
	}
}
