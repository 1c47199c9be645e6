package soap

import (
	"sort"

	"ocsd/inventory"
)

// exportSection is one section get_computers_V1 can return in INVENTORY mode.
type exportSection struct {
	// Tag is the element name; Table and Key locate the rows.
	Tag, Table, Key string
	// Mask is the section's CHECKSUM bit: requested when CHECKSUM & Mask ≠ 0.
	Mask uint64
	// Fields are emitted in this (alphabetical) order.
	Fields []string
	// Software sections come from the normalised software tables.
	Software bool
	// rowSize estimates the rendered size of one row (to size buffers once).
	rowSize int
	// opens and closes are each field's start and end tags in wire form at
	// level 2, written once rather than piece by piece for every value.
	opens, closes []string
}

// wireTags fills opens and closes from Fields.
func (e *exportSection) wireTags() {
	e.opens, e.closes = make([]string, len(e.Fields)), make([]string, len(e.Fields))
	for i, f := range e.Fields {
		e.opens[i] = "    &lt;" + f + "&gt;"
		e.closes[i] = "&lt;/" + f + "&gt;\n"
	}
}

// estimateRow returns the typical wire size of one rendered row: markup of
// each field plus a short escaped value.
func estimateRow(tag string, fields []string) int {
	n := 2 * (len(tag) + 16)
	for _, f := range fields {
		n += 2*len(f) + 56
	}
	return n
}

// hardwareFields are the HARDWARE fields OCS 2.8.1 emits (mirrors
// Apache/Ocsinventory/Map.pm; ID, SSTATE and USERAGENT despite noXml).
var hardwareFields = []string{"ARCH", "CATEGORY_ID", "CHECKSUM", "DEFAULTGATEWAY", "DESCRIPTION", "DNS", "FIDELITY",
	"ID", "IPADDR", "IPSRC", "LASTCOME", "LASTDATE", "MEMORY", "NAME", "OSCOMMENTS", "OSNAME", "OSVERSION",
	"PROCESSORN", "PROCESSORS", "PROCESSORT", "QUALITY", "SSTATE", "SWAP", "TYPE", "USERAGENT", "USERDOMAIN",
	"USERID", "WINCOMPANY", "WINOWNER", "WINPRODID", "WINPRODKEY", "WORKGROUP"}

// softwareFields are the SOFTWARES fields of servers up to 2.7, now read from
// software + software_name/_publisher/_version (+ category), plus FORMATTED:
// the software dictionary's name for NAME (docs/compat.md S31).
var softwareFields = []string{"BITSWIDTH", "CATEGORY", "COMMENTS", "FILENAME", "FILESIZE", "FOLDER", "FORMATTED",
	"GUID", "INSTALLDATE", "LANGUAGE", "NAME", "PUBLISHER", "SOURCE", "VERSION"}

// exportSections builds the section list from the inventory section table:
// every section with a CHECKSUM bit (BIOS included), HARDWARE and SOFTWARES,
// sorted by tag as XML::Simple sorts them.
func exportSections() []exportSection {
	out := []exportSection{
		{Tag: "HARDWARE", Table: "hardware", Key: "ID", Mask: inventory.MaskHardware, Fields: hardwareFields},
		{Tag: "SOFTWARES", Table: "software", Key: "HARDWARE_ID", Mask: inventory.MaskSoftware, Fields: softwareFields, Software: true},
	}
	for _, s := range inventory.Sections() {
		if s.Mask == 0 {
			continue
		}
		fields := make([]string, len(s.Columns))
		for i, c := range s.Columns {
			fields[i] = c.Name
		}
		sort.Strings(fields)
		out = append(out, exportSection{Tag: s.Tag, Table: s.Table, Key: "HARDWARE_ID", Mask: s.Mask, Fields: fields})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Tag < out[j].Tag })
	for i := range out {
		out[i].rowSize = estimateRow(out[i].Tag, out[i].Fields)
		out[i].wireTags()
	}
	return out
}
