package inventory

// Kind is the storage class of a section column; it decides how an agent's
// text value is coerced before it is written (see Coerce).
type Kind uint8

// Column kinds. They mirror the MySQL types of the OCS 7069 schema closely
// enough to reproduce MySQL's non-strict coercions on every dialect.
const (
	// Text is a VARCHAR/TEXT column; Size caps its length in characters.
	Text Kind = iota
	// Int is a signed 32-bit INT column.
	Int
	// SmallInt is a signed 16-bit SMALLINT column.
	SmallInt
	// TinyInt is a signed 8-bit TINYINT column.
	TinyInt
	// BigInt is a signed 64-bit BIGINT column.
	BigInt
	// Date is a DATE column (YYYY-MM-DD).
	Date
	// DateTime is a DATETIME column (YYYY-MM-DD HH:MM:SS).
	DateTime
)

// Column is one mapped column of a section table.
type Column struct {
	// Name is both the XML field name and the column name.
	Name string
	// Kind is the column's storage class.
	Kind Kind
	// Size is the maximum length of a Text column in characters (0: unbounded).
	Size int
	// Fallback replaces an empty, "??", "N/A" or "NA" value when HasFallback.
	Fallback string
	// HasFallback tells whether Fallback applies (an empty fallback is legal).
	HasFallback bool
}

// Section describes one automatic inventory section: the Go port of an entry
// of OCS's %DATA_MAP (mirrors Apache/Ocsinventory/Map.pm, 2.12 section set).
type Section struct {
	// Tag is the XML element name under CONTENT.
	Tag string
	// Table is the database table the rows go to.
	Table string
	// Mask is the section's bit in HARDWARE/CHECKSUM; 0 means "always processed".
	Mask uint64
	// Multi tells whether a device may have several rows.
	Multi bool
	// KeyedByDevice is true for single-row tables whose primary key is HARDWARE_ID (no ID column).
	KeyedByDevice bool
	// AppendOnly sections are never deleted on re-inventory (OCS journallog).
	AppendOnly bool
	// Columns are the mapped columns, in schema order.
	Columns []Column
}

func txt(name string, size int) Column { return Column{Name: name, Kind: Text, Size: size} }
func num(name string, k Kind) Column   { return Column{Name: name, Kind: k} }

// withFallback returns c with a fallback value, as Map.pm's "fallback" attribute.
func withFallback(c Column, fb string) Column {
	c.Fallback, c.HasFallback = fb, true
	return c
}

// Checksum bits of the sections that have no row table of their own.
const (
	// MaskHardware is the HARDWARE bit, set on every inventory.
	MaskHardware uint64 = 1
	// MaskSoftware is the SOFTWARES bit (agents set it; the software tables are special).
	MaskSoftware uint64 = 65536
)

// sections is the static section table. Column types and sizes follow the
// OCS GUI_VERSION 7069 schema; masks, multi and fallbacks follow Map.pm
// (server 2.12: multi-row BATTERIES/USBDEVICES, LOCAL_USERS/LOCAL_GROUPS).
var sections = [...]Section{
	{Tag: "BIOS", Table: "bios", Mask: 2, KeyedByDevice: true, Columns: []Column{
		txt("SMANUFACTURER", 255), txt("SMODEL", 255), txt("SSN", 255), txt("TYPE", 255),
		txt("BMANUFACTURER", 255), txt("BVERSION", 255), txt("BDATE", 255), txt("ASSETTAG", 255),
		txt("MMANUFACTURER", 255), txt("MMODEL", 255), txt("MSN", 255)}},
	{Tag: "MEMORIES", Table: "memories", Mask: 4, Multi: true, Columns: []Column{
		txt("CAPTION", 255), txt("DESCRIPTION", 255), num("CAPACITY", Int), txt("PURPOSE", 255),
		txt("TYPE", 255), txt("SPEED", 255), withFallback(num("NUMSLOTS", SmallInt), "0"), txt("SERIALNUMBER", 255)}},
	{Tag: "SLOTS", Table: "slots", Mask: 8, Multi: true, Columns: []Column{
		txt("NAME", 255), txt("DESCRIPTION", 255), txt("DESIGNATION", 255), txt("PURPOSE", 255),
		txt("STATUS", 255), withFallback(num("PSHARE", TinyInt), "0")}},
	{Tag: "REGISTRY", Table: "registry", Mask: 16, Multi: true, Columns: []Column{
		txt("NAME", 255), txt("REGVALUE", 65535)}},
	{Tag: "CONTROLLERS", Table: "controllers", Mask: 32, Multi: true, Columns: []Column{
		txt("MANUFACTURER", 255), txt("NAME", 255), txt("CAPTION", 255), txt("DESCRIPTION", 255),
		txt("VERSION", 255), txt("TYPE", 255)}},
	{Tag: "MONITORS", Table: "monitors", Mask: 64, Multi: true, Columns: []Column{
		txt("MANUFACTURER", 255), txt("CAPTION", 255), txt("DESCRIPTION", 255), txt("TYPE", 255), txt("SERIAL", 255)}},
	{Tag: "PORTS", Table: "ports", Mask: 128, Multi: true, Columns: []Column{
		txt("TYPE", 255), txt("NAME", 255), txt("CAPTION", 255), txt("DESCRIPTION", 255)}},
	{Tag: "STORAGES", Table: "storages", Mask: 256, Multi: true, Columns: []Column{
		txt("MANUFACTURER", 255), txt("NAME", 255), txt("MODEL", 255), txt("DESCRIPTION", 255),
		txt("TYPE", 255), withFallback(num("DISKSIZE", Int), "0"), txt("SERIALNUMBER", 255), txt("FIRMWARE", 255)}},
	{Tag: "DRIVES", Table: "drives", Mask: 512, Multi: true, Columns: []Column{
		txt("LETTER", 255), txt("TYPE", 255), txt("FILESYSTEM", 255), withFallback(num("TOTAL", Int), "0"),
		withFallback(num("FREE", Int), "0"), withFallback(num("NUMFILES", Int), "0"), txt("VOLUMN", 255), num("CREATEDATE", Date)}},
	{Tag: "INPUTS", Table: "inputs", Mask: 1024, Multi: true, Columns: []Column{
		txt("TYPE", 255), txt("MANUFACTURER", 255), txt("CAPTION", 255), txt("DESCRIPTION", 255),
		txt("INTERFACE", 255), txt("POINTTYPE", 255)}},
	{Tag: "MODEMS", Table: "modems", Mask: 2048, Multi: true, Columns: []Column{
		txt("NAME", 255), txt("MODEL", 255), txt("DESCRIPTION", 255), txt("TYPE", 255)}},
	{Tag: "NETWORKS", Table: "networks", Mask: 4096, Multi: true, Columns: []Column{
		txt("DESCRIPTION", 255), txt("TYPE", 255), txt("TYPEMIB", 255), txt("SPEED", 255), txt("MTU", 255),
		withFallback(txt("MACADDR", 255), "00:00:00:00:00:00"), txt("STATUS", 255), txt("IPADDRESS", 255),
		txt("IPMASK", 255), txt("IPGATEWAY", 255), txt("IPSUBNET", 255), txt("IPDHCP", 255), num("VIRTUALDEV", TinyInt)}},
	{Tag: "PRINTERS", Table: "printers", Mask: 8192, Multi: true, Columns: []Column{
		txt("NAME", 255), txt("DRIVER", 255), txt("PORT", 255), txt("DESCRIPTION", 255), txt("SERVERNAME", 255),
		txt("SHARENAME", 255), txt("RESOLUTION", 50), txt("COMMENT", 255), num("SHARED", Int), num("NETWORK", Int)}},
	{Tag: "SOUNDS", Table: "sounds", Mask: 16384, Multi: true, Columns: []Column{
		txt("MANUFACTURER", 255), txt("NAME", 255), txt("DESCRIPTION", 255)}},
	{Tag: "VIDEOS", Table: "videos", Mask: 32768, Multi: true, Columns: []Column{
		txt("NAME", 255), txt("CHIPSET", 255), txt("MEMORY", 255), txt("RESOLUTION", 255)}},
	{Tag: "VIRTUALMACHINES", Table: "virtualmachines", Mask: 131072, Multi: true, Columns: []Column{
		txt("NAME", 255), txt("STATUS", 255), txt("SUBSYSTEM", 255), txt("VMTYPE", 255), txt("UUID", 255),
		num("VCPU", Int), num("MEMORY", Int)}},
	{Tag: "CPUS", Table: "cpus", Mask: 262144, Multi: true, Columns: []Column{
		txt("MANUFACTURER", 255), txt("TYPE", 255), txt("SERIALNUMBER", 255), txt("SPEED", 255), num("CORES", Int),
		txt("L2CACHESIZE", 255), txt("CPUARCH", 255), num("DATA_WIDTH", Int), num("CURRENT_ADDRESS_WIDTH", Int),
		num("LOGICAL_CPUS", Int), txt("VOLTAGE", 255), txt("CURRENT_SPEED", 255), txt("SOCKET", 255)}},
	{Tag: "SIM", Table: "sim", Mask: 524288, Multi: true, Columns: []Column{
		txt("OPERATOR", 255), txt("OPNAME", 255), txt("COUNTRY", 255), txt("SERIALNUMBER", 255),
		txt("DEVICEID", 255), txt("PHONENUMBER", 255)}},
	{Tag: "BATTERIES", Table: "batteries", Mask: 1048576, Multi: true, Columns: []Column{
		txt("LOCATION", 255), txt("MANUFACTURER", 255), txt("MANUFACTUREDATE", 10), txt("SERIALNUMBER", 255),
		txt("NAME", 255), txt("CHEMISTRY", 20), txt("DESIGNCAPACITY", 10), txt("DESIGNVOLTAGE", 20),
		txt("SBDSVERSION", 255), num("MAXERROR", Int), txt("OEMSPECIFIC", 255)}},
	{Tag: "USBDEVICES", Table: "usbdevices", Mask: 2097152, Multi: true, Columns: []Column{
		txt("DESCRIPTION", 255), txt("INTERFACE", 255), txt("MANUFACTURER", 255), txt("SERIAL", 255), txt("TYPE", 255)}},
	{Tag: "REPOSITORY", Table: "repository", Multi: true, Columns: []Column{
		txt("BASEURL", 255), txt("EXCLUDE", 255), txt("EXCLUDED", 255), txt("EXPIRE", 255), txt("FILENAME", 255),
		txt("MIRRORS", 255), txt("NAME", 255), txt("PKGS", 255), txt("REVISION", 255), txt("SIZE", 255),
		txt("TAG", 255), txt("UPDATED", 255)}},
	{Tag: "JAVAINFO", Table: "javainfo", KeyedByDevice: true, Columns: []Column{
		withFallback(txt("JAVANAME", 255), "noname"), withFallback(num("JAVAPATHLEVEL", Int), "0"),
		txt("JAVACOUNTRY", 255), txt("JAVACLASSPATH", 255), txt("JAVAHOME", 255)}},
	{Tag: "JOURNALLOG", Table: "journallog", Multi: true, AppendOnly: true, Columns: []Column{
		txt("JOURNALLOG", 0), withFallback(txt("LISTENERNAME", 255), "noname"), txt("DATE", 255),
		withFallback(num("STATUS", Int), "0"), num("ERRORCODE", Int)}},
	{Tag: "LOCAL_USERS", Table: "local_users", Multi: true, Columns: []Column{
		txt("ID_USER", 255), txt("GID", 255), txt("NAME", 255), txt("HOME", 255), txt("SHELL", 255), txt("LOGIN", 255)}},
	{Tag: "LOCAL_GROUPS", Table: "local_groups", Multi: true, Columns: []Column{
		txt("ID_GROUP", 255), txt("NAME", 255), txt("MEMBER", 255)}},
}

// Sections returns the automatic sections in table order. The slice is a
// copy; the table itself is immutable.
func Sections() []Section {
	out := make([]Section, len(sections))
	copy(out, sections[:])
	return out
}

// SectionByTag returns the automatic section whose XML tag is tag.
func SectionByTag(tag string) (Section, bool) {
	for i := range sections {
		if sections[i].Tag == tag {
			return sections[i], true
		}
	}
	return Section{}, false
}

// SectionByTable returns the automatic section stored in table.
func SectionByTable(table string) (Section, bool) {
	for i := range sections {
		if sections[i].Table == table {
			return sections[i], true
		}
	}
	return Section{}, false
}

// AllSectionsMask is the OR of every section bit, hardware and software
// included: the CHECKSUM stored when an agent sends none.
func AllSectionsMask() uint64 {
	m := MaskHardware | MaskSoftware
	for i := range sections {
		m |= sections[i].Mask
	}
	return m
}

// DeviceTables lists every per-device table ocsd writes or that OCS's console
// and GLPI attach to a device, with the column holding the device id. Deleting
// a device or merging a duplicate clears them all, so none is left orphaned.
func DeviceTables() []DeviceTable {
	out := make([]DeviceTable, 0, len(sections)+16)
	for i := range sections {
		out = append(out, DeviceTable{Table: sections[i].Table, Column: "HARDWARE_ID"})
	}
	return append(out, extraDeviceTables[:]...)
}

// DeviceTable names a table and the column that refers to hardware.ID.
type DeviceTable struct {
	Table  string
	Column string
}

// extraDeviceTables are per-device tables outside the section map.
var extraDeviceTables = [...]DeviceTable{
	{"software", "HARDWARE_ID"},
	{"accesslog", "HARDWARE_ID"},
	{"download_history", "HARDWARE_ID"},
	{"saas", "HARDWARE_ID"},
	{"archive", "HARDWARE_ID"},
	{"cve_search_computer", "HARDWARE_ID"},
	{"ocsd_device_state", "HARDWARE_ID"},
	{"ocsd_extra_sections", "HARDWARE_ID"},
}

// softwareSection describes the software table as a section whose first three
// columns are the ids of the normalised name, publisher and version
// (mirrors the 2.12 software writer, Apache/Ocsinventory/Server/Inventory/Software.pm).
var softwareSection = Section{Tag: "SOFTWARES", Table: "software", Mask: MaskSoftware, Multi: true, Columns: []Column{
	num("NAME_ID", Int), num("PUBLISHER_ID", Int), num("VERSION_ID", Int), txt("FOLDER", 65535),
	txt("COMMENTS", 65535), txt("FILENAME", 255), withFallback(num("FILESIZE", Int), "0"), num("SOURCE", Int),
	txt("GUID", 255), txt("LANGUAGE", 255), num("INSTALLDATE", DateTime), num("BITSWIDTH", Int), txt("ARCHITECTURE", 255)}}

// SoftwareSection returns the description of the software table.
func SoftwareSection() Section { return softwareSection }
