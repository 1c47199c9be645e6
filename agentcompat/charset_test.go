package agentcompat

import (
	"bytes"
	"path/filepath"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"ocsd/internal/testsupport"
	"ocsd/inventory"
)

func utf16Bytes(t testing.TB, e unicode.Endianness, bom unicode.BOMPolicy, s string) []byte {
	t.Helper()
	out, err := unicode.UTF16(e, bom).NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestToUTF8(t *testing.T) {
	const (
		declLatin1 = `<?xml version="1.0" encoding="ISO-8859-1"?>`
		declUTF8   = `<?xml version="1.0" encoding="UTF-8"?>`
	)
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"ascii without declaration", "<R>abc</R>", "<R>abc</R>"},
		{"utf-8 kept", declUTF8 + "<R>Édition Intégrale ✓ 😀</R>", declUTF8 + "<R>Édition Intégrale ✓ 😀</R>"},
		{"latin-1 declared", declLatin1 + "<R>\xc9dition Int\xe9grale</R>", declUTF8 + "<R>Édition Intégrale</R>"},
		{"latin1 label single quotes", "<?xml version='1.0' encoding='latin1'?><R>\xe9</R>", "<?xml version='1.0' encoding='UTF-8'?><R>é</R>"},
		{"windows-1252 punctuation", `<?xml version="1.0" encoding="windows-1252"?><R>` + "\x80 \x92\x93\x94</R>", declUTF8 + "<R>€ ’“”</R>"},
		{"iso-8859-1 means windows-1252", declLatin1 + "<R>\x80\x85</R>", declUTF8 + "<R>€…</R>"},
		{"iso-8859-15 euro", `<?xml version="1.0" encoding="ISO-8859-15"?><R>` + "\xa4</R>", declUTF8 + "<R>€</R>"},
		{"declared latin-1 but already UTF-8", declLatin1 + "<R>Édition</R>", declUTF8 + "<R>Édition</R>"},
		{"declared latin-1, ascii only", declLatin1 + "<R>x</R>", declUTF8 + "<R>x</R>"},
		{"utf-8 declared with latin-1 bytes", declUTF8 + "<R>\xc9dition Int\xe9grale</R>", declUTF8 + "<R>Édition Intégrale</R>"},
		{"no declaration with latin-1 bytes", "<R>caf\xe9</R>", "<R>café</R>"},
		{"mixed utf-8 and latin-1", "<R>é\xe9</R>", "<R>éé</R>"},
		{"truncated utf-8 sequence", "<R>\xe2\x82</R>", "<R>â‚</R>"},
		{"windows-1252 holes read as latin-1", "<R>\x81\x8d\x8f\x90\x9d</R>", "<R>\u0081\u008d\u008f\u0090\u009d</R>"},
		{"unknown label repaired", `<?xml version="1.0" encoding="x-bogus"?><R>` + "\xe9</R>", declUTF8 + "<R>é</R>"},
		{"utf-16 label on ascii is a lie", `<?xml version="1.0" encoding="UTF-16"?><R>` + "\xe9</R>", declUTF8 + "<R>é</R>"},
		{"replacement label repaired", `<?xml version="1.0" encoding="iso-2022-kr"?><R>` + "\xe9</R>", declUTF8 + "<R>é</R>"},
		{"spaces around =", `<?xml version="1.0" encoding = "ISO-8859-1" ?><R>` + "\xe9</R>", `<?xml version="1.0" encoding = "UTF-8" ?><R>é</R>`},
		{"encoding outside the declaration ignored", "<R encoding=\"ISO-8859-1\">\xe9</R>", "<R encoding=\"ISO-8859-1\">é</R>"},
		{"controls stripped", "<R>a\x00b\x01c\x08d\x0be\x0cf\x1fg\th\ni\rj\x7f</R>", "<R>abcdefg\th\ni\rj\x7f</R>"},
		{"illegal char references stripped", "<R>a&#0;b&#1;c&#x1F;d&#X1f;e&#xFFFE;f&#65535;g&#xD800;h&#x110000;i&#999999999999;j</R>", "<R>abcdefghij</R>"},
		{"references joined by dropping are stripped", "<R>&#\x120;&#0&#1;;&&#1;#2;</R>", "<R></R>"},
		{"over-long references left to the parser", "<R>&#0000000000001;</R>", "<R>&#0000000000001;</R>"},
		{"legal char references kept", "<R>&#9;&#10;&#13;&#65;&#xe9;&#x1F600;&amp;&#32;</R>", "<R>&#9;&#10;&#13;&#65;&#xe9;&#x1F600;&amp;&#32;</R>"},
		{"malformed references left to the parser", "<R>&#; &#x; &#12 &#1x; &# &#1</R>", "<R>&#; &#x; &#12 &#1x; &# &#1</R>"},
		{"noncharacters stripped", "<R>a\uFFFEb\uFFFFc\uFFFDd</R>", "<R>abc\uFFFDd</R>"},
		{"utf-8 BOM kept", "\xef\xbb\xbf<R>é</R>", "\xef\xbb\xbf<R>é</R>"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := ToUTF8([]byte(tc.in))
			if string(got) != tc.want {
				t.Fatalf("ToUTF8(%q)\n = %q\nwant %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestToUTF8UTF16(t *testing.T) {
	doc := `<?xml version="1.0" encoding="UTF-16"?><R>Édition 😀</R>`
	want := `<?xml version="1.0" encoding="UTF-8"?><R>Édition 😀</R>`
	tests := []struct {
		name string
		in   []byte
	}{
		{"little endian with BOM", utf16Bytes(t, unicode.LittleEndian, unicode.UseBOM, doc)},
		{"big endian with BOM", utf16Bytes(t, unicode.BigEndian, unicode.UseBOM, doc)},
		{"little endian without BOM", utf16Bytes(t, unicode.LittleEndian, unicode.IgnoreBOM, doc)},
		{"big endian without BOM", utf16Bytes(t, unicode.BigEndian, unicode.IgnoreBOM, doc)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := ToUTF8(tc.in); string(got) != want {
				t.Fatalf("ToUTF8 = %q, want %q", got, want)
			}
		})
	}
	if got := ToUTF8(utf16Bytes(t, unicode.LittleEndian, unicode.UseBOM, "<R>a\x01b</R>")); string(got) != "<R>ab</R>" {
		t.Fatalf("UTF-16 control not stripped: %q", got)
	}
}

func TestToUTF8FastPathDoesNotCopy(t *testing.T) {
	for _, in := range [][]byte{
		[]byte("<R>abc</R>"),
		[]byte(`<?xml version="1.0" encoding="utf-8"?><R>Édition</R>`),
		[]byte("<R>\t\r\n&amp;&#233;</R>"),
	} {
		if out := ToUTF8(in); &out[0] != &in[0] || len(out) != len(in) {
			t.Errorf("ToUTF8(%q) copied its input", in)
		}
	}
}

// TestToUTF8PublicSamplesUnchanged: real agents' documents are valid UTF-8
// and must come out untouched.
func TestToUTF8PublicSamplesUnchanged(t *testing.T) {
	for _, path := range publicSamples(t, testsupport.SharedDir(t)) {
		in := readFile(t, path)
		if out := ToUTF8(in); len(in) > 0 && (&out[0] != &in[0] || len(out) != len(in)) {
			t.Errorf("%s: ToUTF8 changed a valid UTF-8 sample", filepath.Base(path))
		}
	}
}

// TestToUTF8Latin1Sample turns a real French Windows 7 inventory into
// latin-1 bytes (windows-1252, as Windows writes it: the sample has a ’),
// with a latin-1 declaration and with its original UTF-8 one, and checks
// ToUTF8 restores the original exactly.
func TestToUTF8Latin1Sample(t *testing.T) {
	path := filepath.Join(testsupport.SharedDir(t), "samples", "public", "inventory_format", "5-old-windows7-integrale.xml")
	orig := readFile(t, path)
	const origDecl = `encoding="UTF-8"`
	if !bytes.Contains(orig[:100], []byte(origDecl)) {
		t.Fatalf("sample no longer declares %s", origDecl)
	}
	latin1, err := charmap.Windows1252.NewEncoder().Bytes(orig)
	if err != nil {
		t.Fatalf("sample not representable in windows-1252: %v", err)
	}
	tests := []struct {
		name string
		in   []byte
	}{
		{"latin-1 declared", bytes.Replace(latin1, []byte(origDecl), []byte(`encoding="ISO-8859-1"`), 1)},
		{"UTF-8 declared", latin1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if utf8.Valid(tc.in) {
				t.Fatal("mutation left the sample valid UTF-8")
			}
			got := ToUTF8(tc.in)
			if !bytes.Equal(got, orig) {
				t.Fatalf("ToUTF8 did not restore the original (%d bytes, want %d)", len(got), len(orig))
			}
			root, err := inventory.ParseXML(got, inventory.DefaultXMLLimits())
			if err != nil {
				t.Fatalf("ParseXML: %v", err)
			}
			os := root.Child("CONTENT").Child("HARDWARE").Child("OSNAME")
			if os == nil || !bytes.Contains([]byte(os.Text), []byte("Édition Intégrale")) {
				t.Fatalf("OSNAME = %+v, want it to contain Édition Intégrale", os)
			}
		})
	}
}

// TestIsCleanEveryControl puts each ASCII byte at each offset of a word
// boundary, so every lane of the eight-byte scan is exercised.
func TestIsCleanEveryControl(t *testing.T) {
	for c := range byte(0x80) {
		for pos := range 20 {
			b := bytes.Repeat([]byte("a"), 20)
			b[pos] = c
			want := c >= 0x20 || allowedControl(c)
			if got := isClean(b); got != want {
				t.Fatalf("isClean with %#x at %d = %v, want %v", c, pos, got, want)
			}
		}
	}
	if !isClean([]byte("aaaaaaa\u0080\u009f\u00a0é€aaaaaaaa")) {
		t.Fatal("C1 and latin characters taken for controls")
	}
}
