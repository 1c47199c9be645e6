package agentcompat

import "testing"

func TestDefaultUserAgentPolicy(t *testing.T) {
	p := NewUserAgentPolicy(nil, nil)
	tests := []struct {
		ua     string
		family string // "unknown" when refused
	}{
		{"OCS-NG_unified_unix_agent_v2.10.0", "OCS-NG_unified_unix_agent"},
		{"OCS-NG_unified_unix_agent_v2.9.1", "OCS-NG_unified_unix_agent"},
		{"OCS-NG_WINDOWS_AGENT_v2.11.0.1", "OCS-NG_WINDOWS_AGENT"},
		{"OCS-NG_windows_client_v4061", "OCS-NG_windows_client"},
		{"OCS-NG_windows_mobile_agent", "OCS-NG_windows_mobile_agent"},
		{"OCS-NG_iOS_agent_v1.2", "OCS-NG_iOS_agent"},
		{"OCS-NG_Android_agent_v2.4", "OCS-NG_Android_agent"},
		{"OCS-NG_INJECTOR_PL_v2.12", "OCS-NG_INJECTOR_PL"},
		{"FusionInventory-Agent_v2.6-3", "FusionInventory-Agent"},
		{"FusionInventory-Agent_v2.1.6", "FusionInventory-Agent"},
		{"GLPI-Agent_v1.7.3", "GLPI-Agent"},
		{"GLPI-Android-Agent_v2.0", "GLPI-Android-Agent"},
		{"Inventory Agent/1.3.0 (Linux; Android 13; GLPI Inventory Agent)", "Inventory Agent"},
		{"SomeUnknownAgent_v1.0", "unknown"},
		{"OCS-NG_linux_client_v13", "unknown"},
		{"ocs-ng_unified_unix_agent_v2.10.0", "unknown"},
		{"OCS-NG_unified_unix_agent", "unknown"},
		{"curl/7.88.1", "unknown"},
		{"Inventory Agent/1.3.0 (Linux; Android 13)", "unknown"},
		{InvalidAgent, "unknown"},
		{"", "unknown"},
	}
	for _, tc := range tests {
		t.Run(tc.ua, func(t *testing.T) {
			if got := p.Family(tc.ua); got != tc.family {
				t.Errorf("Family(%q) = %q, want %q", tc.ua, got, tc.family)
			}
			if got, want := p.Allowed(tc.ua), tc.family != "unknown"; got != want {
				t.Errorf("Allowed(%q) = %v, want %v", tc.ua, got, want)
			}
		})
	}
}

func TestConfiguredUserAgentPolicy(t *testing.T) {
	p := NewUserAgentPolicy(
		[]string{"GLPI-Agent_v1.*", "*_v9*-beta", "", "Exact-Agent"},
		[]string{"# a comment", "", "SomeUnknownAgent_v1.0", "FusionInventory-Agent"},
	)
	tests := []struct {
		ua      string
		allowed bool
		family  string
	}{
		{"GLPI-Agent_v1.7", true, "GLPI-Agent"},
		{"GLPI-Agent_v2.0", false, "unknown"},
		{"Foo_v9.1-beta", true, "*_v9*-beta"},
		{"Foo_v9.1-beta2", false, "unknown"},
		{"Exact-Agent", true, "Exact-Agent"},
		{"Exact-Agent_v1", false, "unknown"},
		{"SomeUnknownAgent_v1.0", true, "SomeUnknownAgent"},
		// An extra entry admits that exact string only, as OCS's file does.
		{"FusionInventory-Agent", true, "FusionInventory-Agent"},
		{"FusionInventory-Agent_v2.6", false, "unknown"},
		{"# a comment", false, "unknown"},
		{"OCS-NG_unified_unix_agent_v2.10.0", false, "unknown"},
	}
	for _, tc := range tests {
		if got := p.Allowed(tc.ua); got != tc.allowed {
			t.Errorf("Allowed(%q) = %v, want %v", tc.ua, got, tc.allowed)
		}
		if got := p.Family(tc.ua); got != tc.family {
			t.Errorf("Family(%q) = %q, want %q", tc.ua, got, tc.family)
		}
	}
}

func TestZeroUserAgentPolicyRefuses(t *testing.T) {
	var p UserAgentPolicy
	var nilPolicy *UserAgentPolicy
	if p.Allowed("OCS-NG_unified_unix_agent_v2.10.0") || nilPolicy.Allowed("OCS-NG_unified_unix_agent_v2.10.0") {
		t.Fatal("zero or nil policy accepted an agent")
	}
}

func TestDefaultUserAgentFamiliesIsACopy(t *testing.T) {
	f := DefaultUserAgentFamilies()
	f[0] = "*"
	if NewUserAgentPolicy(nil, nil).Allowed("SomeUnknownAgent_v1.0") {
		t.Fatal("changing the returned slice changed the defaults")
	}
	if !NewUserAgentPolicy(f, nil).Allowed("SomeUnknownAgent_v1.0") {
		t.Fatal(`a "*" family should accept anything`)
	}
}

func TestParseUserAgent(t *testing.T) {
	tests := []struct{ ua, name, version string }{
		{"OCS-NG_unified_unix_agent_v2.10.0", "OCS-NG_unified_unix_agent", "2.10.0"},
		{"FusionInventory-Agent_v2.6-3", "FusionInventory-Agent", "2.6-3"},
		{"My_vendor_agent_v1_v2", "My_vendor_agent_v1", "2"},
		{"OCS-NG_windows_mobile_agent", "OCS-NG_windows_mobile_agent", ""},
		{"x_v", "x", ""},
		{"", "", ""},
	}
	for _, tc := range tests {
		name, version := ParseUserAgent(tc.ua)
		if name != tc.name || version != tc.version {
			t.Errorf("ParseUserAgent(%q) = %q, %q; want %q, %q", tc.ua, name, version, tc.name, tc.version)
		}
	}
}

func TestSanitizeUserAgent(t *testing.T) {
	tests := []struct{ name, ua, want string }{
		{"plain", "OCS-NG_unified_unix_agent_v2.10.0", "OCS-NG_unified_unix_agent_v2.10.0"},
		{"controls stripped", "OCS\x00-NG\x1b_v1\x7f", "OCS-NG_v1"},
		{"tab kept", "A\tB", "A\tB"},
		{"invalid UTF-8 replaced", "A\xffB", "A\uFFFDB"},
		{"markup", "<script>", InvalidAgent},
		{"quote", `a"b`, InvalidAgent},
		{"apostrophe", "a'b", InvalidAgent},
		{"semicolon", "Inventory Agent/1.3.0 (Linux; Android 13; GLPI Inventory Agent)", InvalidAgent},
		{"greater than after a control", "a\x01>", InvalidAgent},
		{"empty", "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := SanitizeUserAgent(tc.ua); got != tc.want {
				t.Errorf("SanitizeUserAgent(%q) = %q, want %q", tc.ua, got, tc.want)
			}
		})
	}
}
