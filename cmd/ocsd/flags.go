package main

import (
	"flag"
	"fmt"
	"net/netip"
	"strings"

	"ocsd/agentcompat"
	"ocsd/inventory"
)

// agentConfig configures the agent endpoint.
type agentConfig struct {
	limits          agentcompat.Limits
	xml             inventory.XMLLimits
	families        stringList
	extraAgents     stringList
	trustedProxies  stringList
	acceptTagUpdate bool
}

func agentFlags(fs *flag.FlagSet, c *agentConfig) {
	d := agentcompat.DefaultLimits()
	x := inventory.DefaultXMLLimits()
	fs.Int64Var(&c.limits.MaxBody, "max-body", d.MaxBody, "largest agent request body accepted, in bytes (413 beyond)")
	fs.Int64Var(&c.limits.MaxInflated, "max-inflated", d.MaxInflated, "largest inflated agent document, in bytes")
	fs.IntVar(&c.limits.MaxRatio, "max-ratio", d.MaxRatio, "largest inflate ratio of an agent body")
	fs.IntVar(&c.xml.MaxDepth, "max-xml-depth", x.MaxDepth, "deepest XML nesting accepted")
	fs.IntVar(&c.xml.MaxElements, "max-xml-elements", x.MaxElements, "most XML elements accepted in one document")
	c.families = stringList(agentcompat.DefaultUserAgentFamilies())
	fs.Var(&c.families, "user-agents", "comma-separated User-Agent families accepted on PROLOG (default: OCS, FusionInventory and GLPI agents)")
	fs.Var(&c.extraAgents, "extra-user-agents", "comma-separated exact User-Agent strings also accepted")
	fs.Var(&c.trustedProxies, "trusted-proxies", "comma-separated CIDRs of reverse proxies whose X-Forwarded-For is trusted")
	fs.BoolVar(&c.acceptTagUpdate, "accept-tag-update", false, "store the agent's ACCOUNTINFO (TAG) for known machines too (OCS_OPT_ACCEPT_TAG_UPDATE_FROM_CLIENT)")
}

func (c *agentConfig) proxies() ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, s := range c.trustedProxies {
		if !strings.Contains(s, "/") {
			s += "/128"
			if strings.Contains(s, ".") {
				s = strings.TrimSuffix(s, "/128") + "/32"
			}
		}
		p, err := netip.ParsePrefix(s)
		if err != nil {
			return nil, fmt.Errorf("serve: --trusted-proxies %q: %w", s, err)
		}
		out = append(out, p)
	}
	return out, nil
}

// soapConfig configures /ocsinterface.
type soapConfig struct {
	user, password string
	disabled       bool
	pageSize       int
}

func soapFlags(fs *flag.FlagSet, c *soapConfig) {
	fs.StringVar(&c.user, "soap-user", "", "HTTP Basic user of the SOAP service (env OCSD_SOAP_USER)")
	fs.StringVar(&c.password, "soap-password", "", "HTTP Basic password of the SOAP service (env OCSD_SOAP_PASSWORD)")
	fs.BoolVar(&c.disabled, "soap-disable", false, "turn the SOAP service off (403)")
	fs.IntVar(&c.pageSize, "soap-page-size", 100, "computers per get_computers_V1 page (OCS_OPT_WEB_SERVICE_RESULTS_LIMIT)")
}

// stringList is a comma-separated flag value.
type stringList []string

// String implements flag.Value.
func (s *stringList) String() string { return strings.Join(*s, ",") }

// Set implements flag.Value: a comma-separated list replaces the value.
func (s *stringList) Set(v string) error {
	*s = nil
	for _, part := range strings.Split(v, ",") {
		if part = strings.TrimSpace(part); part != "" {
			*s = append(*s, part)
		}
	}
	return nil
}
