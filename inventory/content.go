package inventory

import (
	"bytes"
	"strconv"
	"strings"
)

// Field is one name/value pair of a Row.
type Field struct {
	Name  string
	Value string
}

// Row is one occurrence of a section: its attributes and leaf children, in
// document order, empty values left out.
type Row []Field

// Get returns the value of field name, "" when absent.
func (r Row) Get(name string) string {
	for i := range r {
		if r[i].Name == name {
			return r[i].Value
		}
	}
	return ""
}

// SectionData is what an inventory carries for one section tag.
type SectionData struct {
	// Rows are the occurrences parsed so far: all of them, unless the
	// request was parsed lazily and Content.Load has not loaded the section.
	Rows []Row
	// pending are occurrences left unparsed (ParseRequestLazy).
	pending []*Element
	// Hash fingerprints the raw XML of every occurrence of the section; two
	// inventories with the same hash carry the same rows.
	Hash uint64
}

// AccountEntry is one ACCOUNTINFO KEYNAME/KEYVALUE pair.
type AccountEntry struct {
	Name  string
	Value string
}

// DiscoveredHost is one IPDISCOVER/H entry: a host seen on the scanned subnet.
type DiscoveredHost struct {
	IP   string
	MAC  string
	Name string
}

// ExtraSection is a CONTENT child OCS has no table for; ocsd keeps its raw
// XML instead of dropping it (see docs/compat.md).
type ExtraSection struct {
	Tag  string
	XML  string
	Hash uint64
}

// Content is the CONTENT of an INVENTORY request, grouped the way the ingest
// needs it.
type Content struct {
	// Sections holds the automatic sections present in the document, by tag.
	Sections map[string]*SectionData
	// Hardware holds the HARDWARE fields (nil when absent).
	Hardware Row
	// Checksum is HARDWARE/CHECKSUM; HasChecksum is false when the agent sent none.
	Checksum    uint64
	HasChecksum bool
	// Software holds the SOFTWARES rows; nil when the section is absent.
	Software *SectionData
	// AccountInfo holds the ACCOUNTINFO entries; HasAccountInfo tells whether any was sent.
	AccountInfo    []AccountEntry
	HasAccountInfo bool
	// DownloadHistory lists the package ids under DOWNLOAD/HISTORY; HasDownload
	// is true when a DOWNLOAD section was sent at all.
	DownloadHistory []string
	HasDownload     bool
	// Discovered lists IPDISCOVER/H hosts; HasIPDiscover tells whether the section was sent.
	Discovered    []DiscoveredHost
	HasIPDiscover bool
	// OldDeviceID is the agent's previous DEVICEID, if it changed.
	OldDeviceID string
	// Extra holds sections without an OCS table.
	Extra []ExtraSection
}

// handledTags are CONTENT children read by ExtractContent itself.
var handledTags = map[string]bool{
	"HARDWARE": true, "SOFTWARES": true, "ACCOUNTINFO": true, "DOWNLOAD": true,
	"IPDISCOVER": true, "OLD_DEVICEID": true, "DEVICEID": true,
}

// ExtractContent reads the CONTENT element of an inventory. doc is the byte
// slice the element was parsed from (for section fingerprints).
func ExtractContent(content *Element, doc []byte) *Content {
	c := &Content{Sections: make(map[string]*SectionData, 24)}
	if content == nil {
		return c
	}
	hashers := map[string]*fingerprint{}
	var extras extraSections
	for _, el := range content.Children {
		if el.IsEmpty() {
			continue
		}
		if _, ok := SectionByTag(el.Name); ok {
			c.addRow(hashers, el, doc)
			continue
		}
		if handledTags[el.Name] {
			c.readSpecial(el, doc, hashers)
			continue
		}
		extras.add(el, doc)
	}
	c.Extra = extras.list()
	for tag, h := range hashers {
		if tag == "SOFTWARES" {
			c.Software.Hash = h.sum()
			continue
		}
		c.Sections[tag].Hash = h.sum()
	}
	return c
}

func (c *Content) addRow(hashers map[string]*fingerprint, el *Element, doc []byte) {
	sd := c.Sections[el.Name]
	if sd == nil {
		sd = &SectionData{}
		c.Sections[el.Name] = sd
	}
	sd.add(el)
	hashInto(hashers, el, doc)
}

func (sd *SectionData) add(el *Element) {
	if el.Lazy() {
		sd.pending = append(sd.pending, el)
		return
	}
	sd.Rows = append(sd.Rows, RowOf(el))
}

// Loaded reports whether every occurrence of the section has been parsed.
func (sd *SectionData) Loaded() bool { return len(sd.pending) == 0 }

// load parses the pending occurrences; empty ones are dropped, as when the
// request is parsed whole.
func (sd *SectionData) load(x *expander, lim XMLLimits) error {
	for _, el := range sd.pending {
		if err := x.expand(el, lim); err != nil {
			return err
		}
		if !el.IsEmpty() {
			sd.Rows = append(sd.Rows, RowOf(el))
		}
	}
	sd.pending = nil
	return nil
}

// Load parses the sections named by tags ("SOFTWARES" for the software)
// that a lazily parsed request left unparsed. A section whose occurrences
// all turn out empty is then absent, as it would have been in a whole
// parse. Parse errors are inventory.Invalid.
func (c *Content) Load(lim XMLLimits, tags ...string) error {
	var x expander
	for _, tag := range tags {
		if tag == "SOFTWARES" {
			if c.Software != nil {
				if err := c.Software.load(&x, lim); err != nil {
					return err
				}
				if len(c.Software.Rows) == 0 {
					c.Software = nil
				}
			}
			continue
		}
		sd := c.Sections[tag]
		if sd == nil {
			continue
		}
		if err := sd.load(&x, lim); err != nil {
			return err
		}
		if len(sd.Rows) == 0 {
			delete(c.Sections, tag)
		}
	}
	return nil
}

// LoadAll parses every section a lazily parsed request left unparsed.
func (c *Content) LoadAll(lim XMLLimits) error {
	tags := []string{"SOFTWARES"}
	for tag := range c.Sections {
		tags = append(tags, tag)
	}
	return c.Load(lim, tags...)
}

func hashInto(hashers map[string]*fingerprint, el *Element, doc []byte) {
	h := hashers[el.Name]
	if h == nil {
		h = &fingerprint{}
		hashers[el.Name] = h
	}
	if el.End <= len(doc) && el.Start < el.End {
		h.write(doc[el.Start:el.End])
	}
}

func (c *Content) readSpecial(el *Element, doc []byte, hashers map[string]*fingerprint) {
	switch el.Name {
	case "HARDWARE":
		if c.Hardware == nil {
			c.Hardware = RowOf(el)
			if v := strings.TrimSpace(c.Hardware.Get("CHECKSUM")); v != "" {
				if n, err := strconv.ParseUint(v, 10, 64); err == nil {
					c.Checksum, c.HasChecksum = n, true
				}
			}
		}
	case "SOFTWARES":
		if c.Software == nil {
			c.Software = &SectionData{}
		}
		c.Software.add(el)
		hashInto(hashers, el, doc)
	case "ACCOUNTINFO":
		c.HasAccountInfo = true
		if name := el.Field("KEYNAME"); name != "" {
			c.AccountInfo = append(c.AccountInfo, AccountEntry{Name: name, Value: el.Field("KEYVALUE")})
		}
	case "DOWNLOAD":
		c.readDownload(el)
	case "IPDISCOVER":
		c.HasIPDiscover = true
		for _, h := range el.All("H") {
			c.Discovered = append(c.Discovered, DiscoveredHost{IP: h.Field("I"), MAC: h.Field("M"), Name: h.Field("N")})
		}
	case "OLD_DEVICEID":
		c.OldDeviceID = el.Text
	}
}

// readDownload reads DOWNLOAD/HISTORY/PACKAGE@ID; the Windows agent sometimes
// puts OLD_DEVICEID there too (mirrors Apache/Ocsinventory/Server/Inventory.pm).
func (c *Content) readDownload(el *Element) {
	c.HasDownload = true
	for _, hist := range el.All("HISTORY") {
		for _, p := range hist.All("PACKAGE") {
			if id := p.Field("ID"); id != "" {
				c.DownloadHistory = append(c.DownloadHistory, id)
			}
		}
		if old := hist.Field("OLD_DEVICEID"); old != "" && c.OldDeviceID == "" {
			c.OldDeviceID = old
		}
	}
}

// extraSections gathers the sections without an OCS table: occurrences of
// one tag are kept together, in document order, under one fingerprint.
type extraSections struct {
	tags  []string
	parts map[string][][]byte
	fps   map[string]*fingerprint
}

func (x *extraSections) add(el *Element, doc []byte) {
	if el.End > len(doc) || el.Start >= el.End {
		return
	}
	if x.parts == nil {
		x.parts, x.fps = map[string][][]byte{}, map[string]*fingerprint{}
	}
	raw := doc[el.Start:el.End]
	if x.fps[el.Name] == nil {
		x.tags = append(x.tags, el.Name)
		x.fps[el.Name] = &fingerprint{}
	}
	x.parts[el.Name] = append(x.parts[el.Name], raw)
	x.fps[el.Name].write(raw)
}

func (x *extraSections) list() []ExtraSection {
	out := make([]ExtraSection, 0, len(x.tags))
	for _, tag := range x.tags {
		out = append(out, ExtraSection{Tag: tag, XML: string(bytes.Join(x.parts[tag], nil)), Hash: x.fps[tag].sum()})
	}
	return out
}

// RowOf builds a Row from an element: its attributes, then its leaf
// children's text; empty values and nested elements are left out.
func RowOf(el *Element) Row {
	r := make(Row, 0, len(el.Attrs)+len(el.Children))
	for _, a := range el.Attrs {
		if a.Value != "" {
			r = append(r, Field{Name: a.Name, Value: a.Value})
		}
	}
	for _, ch := range el.Children {
		if ch.Text != "" && len(ch.Children) == 0 {
			r = append(r, Field{Name: ch.Name, Value: ch.Text})
		}
	}
	return r
}
