package inventory

import "strings"

// Request is a decoded agent request: the document, its DEVICEID and QUERY.
type Request struct {
	Root     *Element
	DeviceID string
	Query    string
}

// ParseRequest parses an agent document and applies the checks every request
// gets (mirrors Apache/Ocsinventory.pm): QUERY is required, and DEVICEID must
// look like "<name>-YYYY-MM-DD-HH-MM-SS" except for UPDATE requests.
func ParseRequest(body []byte, lim XMLLimits) (*Request, error) {
	return parseRequest(body, lim, nil)
}

// eagerContent are the CONTENT children an inventory always needs parsed:
// identity, account info, packages, IpDiscover results, registry values.
var eagerContent = map[string]bool{
	"HARDWARE": true, "BIOS": true, "NETWORKS": true, "ACCOUNTINFO": true, "DOWNLOAD": true,
	"IPDISCOVER": true, "OLD_DEVICEID": true, "DEVICEID": true, "REGISTRY": true,
}

// ParseRequestLazy is ParseRequest that leaves the other CONTENT children
// unparsed after checking their structure: ExtractContent fingerprints them
// from their bytes and Content.Load parses those the ingest must write. A
// re-inventory whose software did not change never parses its software.
// Callers that need the whole tree use Element.ExpandAll.
func ParseRequestLazy(body []byte, lim XMLLimits) (*Request, error) {
	return parseRequest(body, lim, func(depth int, parent, name string) bool {
		return depth == 2 && parent == "CONTENT" && !eagerContent[name]
	})
}

func parseRequest(body []byte, lim XMLLimits, lazy lazyFunc) (*Request, error) {
	p := xmlParser{data: body, doc: string(body), lim: lim, names: make(map[string]string, 64), lazy: lazy}
	root, err := p.parse()
	if err != nil {
		return nil, err
	}
	r := &Request{Root: root, Query: strings.TrimSpace(root.Field("QUERY"))}
	r.DeviceID = root.Field("DEVICEID")
	if r.DeviceID == "" {
		if c := root.Child("CONTENT"); c != nil {
			r.DeviceID = c.Field("DEVICEID")
		}
	}
	if r.Query == "" {
		return nil, ErrNoQuery
	}
	if !strings.EqualFold(r.Query, "UPDATE") && !ValidDeviceID(r.DeviceID) {
		return nil, ErrBadDeviceID
	}
	return r, nil
}

// ValidDeviceID reports whether id matches ^.+-\d{4}(-\d{2}){5}$.
func ValidDeviceID(id string) bool {
	const suffix = len("-2024-01-02-03-04-05")
	if len(id) <= suffix || strings.ContainsAny(id, "\n") {
		return false
	}
	tail := id[len(id)-suffix:]
	for i := 0; i < suffix; i++ {
		c := tail[i]
		if i == 0 || i == 5 || i == 8 || i == 11 || i == 14 || i == 17 {
			if c != '-' {
				return false
			}
			continue
		}
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// Field returns name as XML::Simple sees it: an attribute, else the text of
// the first child element of that name; empty values count as absent.
func (e *Element) Field(name string) string {
	if e == nil {
		return ""
	}
	for _, a := range e.Attrs {
		if a.Name == name && a.Value != "" {
			return a.Value
		}
	}
	for _, c := range e.Children {
		if c.Name == name && c.Text != "" {
			return c.Text
		}
	}
	return ""
}

// Child returns the first child element named name, or nil.
func (e *Element) Child(name string) *Element {
	if e == nil {
		return nil
	}
	for _, c := range e.Children {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// All returns the child elements named name, in document order.
func (e *Element) All(name string) []*Element {
	if e == nil {
		return nil
	}
	var out []*Element
	for _, c := range e.Children {
		if c.Name == name {
			out = append(out, c)
		}
	}
	return out
}

// IsEmpty reports whether e carries nothing: no attributes, no text and only
// empty children (XML::Simple's SuppressEmpty drops such elements). An
// element not parsed yet (see ParseRequestLazy) is judged from its bytes.
func (e *Element) IsEmpty() bool {
	if e.raw != nil {
		return rawIsEmpty(e.raw)
	}
	if len(e.Attrs) > 0 || e.Text != "" {
		return false
	}
	for _, c := range e.Children {
		if !c.IsEmpty() {
			return false
		}
	}
	return true
}
