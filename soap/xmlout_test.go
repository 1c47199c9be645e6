package soap

import (
	"strings"
	"testing"
)

func TestEscapeTwice(t *testing.T) {
	for in, want := range map[string]string{
		"":                       "",
		"plain text 123":         "plain text 123",
		`a&b<c>d"e'f`:            `a&amp;amp;b&amp;lt;c&amp;gt;d&amp;quot;e'f`,
		"tab\tline\nend":         "tab\tline\nend",
		"cr\r\n":                 "cr&#xD;\n",
		"bell\x07nul\x00esc\x1b": "bellnulesc",
		"café ☕ 😀":               "café ☕ 😀",
		"bad\xffutf8\xc3":        "bad\uFFFDutf8\uFFFD",
		"non\uFFFEchar\uFFFF":    "non\uFFFDchar\uFFFD",
		"\x7f&":                  "\x7f&amp;amp;",
	} {
		var b strings.Builder
		escapeTwice(&b, in)
		if b.String() != want {
			t.Errorf("escapeTwice(%q) = %q, want %q", in, b.String(), want)
		}
	}
}

func BenchmarkEscapeTwice(b *testing.B) {
	vals := []string{"Microsoft Visual C++ 2015-2022 Redistributable (x64) - 14.38.33135",
		"C:\\Program Files\\Common Files\\Microsoft Shared\\", "{5D4E1B55-4E3C-4B6B-A5F1-2C8E1D5A0E23}",
		"2024-01-02 00:00:00", "Intel(R) Ethernet Connection & <I219-LM>", "Müller GmbH"}
	n := 0
	for _, v := range vals {
		n += len(v)
	}
	var sb strings.Builder
	b.SetBytes(int64(n))
	for i := 0; i < b.N; i++ {
		if i%4096 == 0 {
			sb = strings.Builder{}
			sb.Grow(4096 * 2 * n)
		}
		for _, v := range vals {
			escapeTwice(&sb, v)
		}
	}
}
