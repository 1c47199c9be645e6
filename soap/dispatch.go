package soap

import (
	"net/url"
	"regexp"
	"strings"
)

// className is the Perl class every OCS method lives in.
const className = "Apache::Ocsinventory::Interface"

var reMethod = regexp.MustCompile(`^\w+$`)

// Fault is an error the service reports as a SOAP fault with its message
// shown to the client. Any other error becomes a generic server fault.
type Fault struct {
	// Code is "Client" or "Server".
	Code string
	// Message is the faultstring.
	Message string
}

// Error implements error.
func (f *Fault) Error() string { return "soap: fault " + f.Code + ": " + f.Message }

func clientFault(msg string) *Fault { return &Fault{Code: faultClient, Message: msg} }
func serverFault(msg string) *Fault { return &Fault{Code: faultServer, Message: msg} }

// classOf maps a method namespace to a Perl class name as SOAP::Lite does
// (mirrors SOAP::Server::find_target): the URI's path, or a urn's opaque
// part, without leading and trailing slashes, with "/" read as "::".
func classOf(ns string) string {
	u, err := url.Parse(ns)
	if err != nil {
		return ns
	}
	p := u.Path
	if u.Opaque != "" {
		p = u.Opaque
	}
	return strings.ReplaceAll(strings.Trim(p, "/"), "/", "::")
}

// checkTarget applies SOAP::Lite's dispatch rules to a call: the namespace
// must name the OCS class, the method must be a word, and a non-empty
// SOAPAction must be "ns#method" or "ns/method".
func checkTarget(c *Call, action string, hasAction bool) *Fault {
	if !reMethod.MatchString(c.Method) {
		return clientFault("Bad method name (" + c.Method + ")")
	}
	if c.Namespace == "" {
		return clientFault("Denied access to method (" + c.Method + ") in class (main)")
	}
	if cl := classOf(c.Namespace); cl != className {
		return clientFault("Failed to access class (" + cl + ")")
	}
	action = strings.Trim(action, `"`)
	if !hasAction || action == "" {
		return nil
	}
	ns := c.Namespace
	if action == ns+"#"+c.Method || action == ns+"/"+c.Method || (strings.HasSuffix(ns, "/") && action == ns+c.Method) {
		return nil
	}
	return clientFault("SOAPAction shall match 'uri#method' if present (got '" + action + "', expected '" + ns + "#" + c.Method + "')")
}

// unknownMethod is the fault for a method the WSDL does not declare.
func unknownMethod(m string) *Fault {
	return clientFault("Failed to locate method (" + m + ") in class (" + className + ")")
}
