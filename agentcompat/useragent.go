package agentcompat

import (
	"strings"
	"unicode/utf8"
)

// defaultFamilies are the agents accepted out of the box, as patterns over
// the whole User-Agent ('*' matches any run of characters). The OCS names
// mirror %ocsagents in Apache/Ocsinventory/Server/Useragent.pm (plus the
// injector, which OCS only lets through because it never sends a PROLOG);
// FusionInventory and the GLPI agents are what OCS installs admit through
// their extra user agents file.
var defaultFamilies = [...]string{
	"OCS-NG_unified_unix_agent_v*",
	"OCS-NG_WINDOWS_AGENT_v*",
	"OCS-NG_windows_client_v*",
	"OCS-NG_windows_mobile_agent*",
	"OCS-NG_iOS_agent*",
	"OCS-NG_Android_agent*",
	"OCS-NG_INJECTOR_PL*",
	"FusionInventory-Agent*",
	"GLPI-Agent_v*",
	"GLPI-Android-Agent*",
	// The GLPI Inventory Android app: "Inventory Agent/1.3.0 (Linux; Android 13; GLPI Inventory Agent)".
	"Inventory Agent/* (*GLPI Inventory Agent)",
}

// DefaultUserAgentFamilies returns the family patterns NewUserAgentPolicy
// uses when given none, for configuration to show or extend.
func DefaultUserAgentFamilies() []string {
	return append([]string(nil), defaultFamilies[:]...)
}

// InvalidAgent replaces a User-Agent carrying markup or quote characters
// (mirrors Apache/Ocsinventory/Server/Modperl2.pm _get_http_header, 2.12).
const InvalidAgent = "Invalid_agent"

// familyUnknown is Family's answer for a refused User-Agent: refused values
// are unbounded and must not become metric labels.
const familyUnknown = "unknown"

// UserAgentPolicy decides which agents may open a session. OCS applies it
// to PROLOG only (mirrors Apache/Ocsinventory/Server/Useragent.pm, a
// prolog-read hook); other requests are accepted from anyone. The zero value
// refuses everything; build one with NewUserAgentPolicy.
type UserAgentPolicy struct {
	families []family
	extra    map[string]string
}

// family is one compiled pattern: the literal parts between its '*'s.
type family struct {
	label string
	parts []string
}

// NewUserAgentPolicy builds a policy from configuration. allowFamilies are
// patterns over the whole User-Agent where '*' matches any run of
// characters ("GLPI-Agent_v*"); none means DefaultUserAgentFamilies. extra
// are whole User-Agents accepted exactly, like the lines of OCS's
// OCS_OPT_EXT_USERAGENTS_FILE_PATH file: empty entries and entries starting
// with '#' are ignored.
//
// Unlike OCS, no version is compared: OCS refuses an agent newer than the
// server (and 2.8.1 misreads two-digit minors, refusing 2.9 while accepting
// 2.10), which only ever locks out upgraded agents.
func NewUserAgentPolicy(allowFamilies []string, extra []string) *UserAgentPolicy {
	if len(allowFamilies) == 0 {
		allowFamilies = defaultFamilies[:]
	}
	p := &UserAgentPolicy{extra: make(map[string]string, len(extra))}
	for _, pat := range allowFamilies {
		if pat != "" {
			p.families = append(p.families, family{label: familyLabel(pat), parts: strings.Split(pat, "*")})
		}
	}
	for _, ua := range extra {
		if ua != "" && !strings.HasPrefix(ua, "#") {
			name, _ := ParseUserAgent(ua)
			p.extra[ua] = name
		}
	}
	return p
}

// Allowed reports whether ua may open a session. Give it the header as
// received (SanitizeUserAgent is for storing and logging: it turns the GLPI
// Android app's "(Linux; Android 13; …)" into InvalidAgent).
func (p *UserAgentPolicy) Allowed(ua string) bool {
	_, ok := p.lookup(ua)
	return ok
}

// Family names the agent family of ua for logs and metrics: the matching
// pattern's literal prefix ("OCS-NG_unified_unix_agent", "GLPI-Agent"), the
// NAME part of an exactly allowed extra User-Agent, or "unknown" for a
// refused one, so the set of values stays bounded by configuration.
func (p *UserAgentPolicy) Family(ua string) string {
	if label, ok := p.lookup(ua); ok {
		return label
	}
	return familyUnknown
}

func (p *UserAgentPolicy) lookup(ua string) (string, bool) {
	if p == nil {
		return "", false
	}
	if name, ok := p.extra[ua]; ok {
		return name, true
	}
	for _, f := range p.families {
		if f.match(ua) {
			return f.label, true
		}
	}
	return "", false
}

// match reports whether s matches the pattern's literal parts in order, the
// first anchored at the start and the last at the end.
func (f family) match(s string) bool {
	if len(f.parts) == 1 {
		return s == f.parts[0]
	}
	first, last := f.parts[0], f.parts[len(f.parts)-1]
	if !strings.HasPrefix(s, first) {
		return false
	}
	s = s[len(first):]
	for _, mid := range f.parts[1 : len(f.parts)-1] {
		i := strings.Index(s, mid)
		if i < 0 {
			return false
		}
		s = s[i+len(mid):]
	}
	return strings.HasSuffix(s, last)
}

// familyLabel is the literal text before a pattern's first '*', without a
// "_v<digits…>" version part nor trailing separators: "GLPI-Agent_v1.*" is
// GLPI-Agent.
func familyLabel(pat string) string {
	label, _, _ := strings.Cut(pat, "*")
	if name, version := ParseUserAgent(label); version == "" || (version[0] >= '0' && version[0] <= '9') {
		label = name
	}
	label = strings.TrimRight(label, " /_-(")
	if label == "" {
		return pat
	}
	return label
}

// ParseUserAgent splits an agent User-Agent "<NAME>_v<VERSION>" on its last
// "_v" (mirrors _get_useragent in Apache/Ocsinventory/Server/Useragent.pm).
// Without "_v", name is the whole User-Agent and version is empty.
func ParseUserAgent(ua string) (name, version string) {
	i := strings.LastIndex(ua, "_v")
	if i < 0 {
		return ua, ""
	}
	return ua[:i], ua[i+2:]
}

// SanitizeUserAgent returns the User-Agent to store and log: control
// characters stripped, invalid UTF-8 replaced (hardware.USERAGENT is a utf8
// column), and the whole value replaced by InvalidAgent when it contains
// any of < > " ' ; (mirrors _get_http_header in
// Apache/Ocsinventory/Server/Modperl2.pm, 2.12, which keeps tab, newline and
// carriage return; DEL is stripped too). Truncation to the column's 50
// characters is the store's business.
func SanitizeUserAgent(ua string) string {
	if !needsUASanitizing(ua) {
		return ua
	}
	clean := strings.Map(func(r rune) rune {
		if (r < 0x20 && !allowedControl(byte(r))) || r == 0x7f {
			return -1
		}
		return r
	}, ua)
	if strings.ContainsAny(clean, `<>"';`) {
		return InvalidAgent
	}
	return clean
}

func needsUASanitizing(ua string) bool {
	if !utf8.ValidString(ua) {
		return true
	}
	for i := 0; i < len(ua); i++ {
		switch c := ua[i]; {
		case c < 0x20 && !allowedControl(c), c == 0x7f:
			return true
		case c == '<', c == '>', c == '"', c == '\'', c == ';':
			return true
		}
	}
	return false
}
