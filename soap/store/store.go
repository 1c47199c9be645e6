// Package store holds the plain data the SOAP service exchanges with the
// OCS database: query descriptions and rows. It imports nothing of ocsd, so
// both the soap package (which declares the Backend interface it needs) and
// the storage package (which implements it) can share these types.
package store

// SortKey is a column computers can be sorted by.
type SortKey uint8

// Sort keys of get_computers_V1 (SORT_BY).
const (
	SortID SortKey = iota
	SortLastDate
	SortLastCome
	// SortName sorts by NAME (the GLPI plugin dialect's ORDER only).
	SortName
)

// ComputerQuery selects one page of computers (get_computers_V1, engine
// FIRST). Empty slices mean "no filter".
type ComputerQuery struct {
	IDs, ExcludeIDs   []int64
	Tags, ExcludeTags []string
	UserIDs           []string
	// Checksum keeps computers sharing any bit with hardware.CHECKSUM (0: no filter).
	Checksum uint64
	Sort     SortKey
	Desc     bool
	// Offset is the first row (0-based); Limit the page size.
	Offset, Limit int
}

// Computer is the META view of one computer.
type Computer struct {
	ID       int64
	DeviceID string
	Name     string
	Checksum string
	LastDate string
	LastCome string
	Tag      string
}

// RowQuery reads columns of a per-device table for a set of devices.
type RowQuery struct {
	// Table is the table; Key its device column (HARDWARE_ID, or ID for hardware).
	Table, Key string
	// Columns are read in this order.
	Columns []string
	// IDs are the devices.
	IDs []int64
}

// Row is one row of a per-device table: NULL columns are nil.
type Row struct {
	DeviceID int64
	Values   []*string
}

// AccountInfo is the accountinfo table for a set of devices, with what is
// needed to name and decode its columns.
type AccountInfo struct {
	// Columns are the table's columns, HARDWARE_ID excluded.
	Columns []string
	// Rows maps a device to its values, in Columns order.
	Rows map[int64][]*string
	// FieldNames maps fields_N columns to the names accountinfo_config gives them.
	FieldNames map[string]string
	// Labels maps a field name to its coded values (config ACCOUNT_VALUE_<field>_<code>).
	Labels map[string]map[string]string
}

// Event is one row of deleted_equiv.
type Event struct {
	Date       string
	Deleted    string
	Equivalent *string
}

// ConfigRow is one row of the config table.
type ConfigRow struct {
	IValue *int64
	TValue *string
}

// Interface is one row of netmap (an interface seen by IpDiscover).
type Interface struct {
	Date, IP, MAC, Mask string
	Name                *string
}

// NetworkDevice is a MAC declared as a known network device.
type NetworkDevice struct {
	MAC, Description, Type, User string
}

// SNMPQuery selects SNMP devices of every type (get_snmp_V1).
type SNMPQuery struct {
	IDs, ExcludeIDs   []int64
	Tags, ExcludeTags []string
	Desc              bool
	Offset, Limit     int
}

// SNMPDevice is one SNMP device: its type, row id and every column of its
// type's table.
type SNMPDevice struct {
	Type    string
	ID      int64
	Columns []string
	Values  []*string
	// Tag is the TAG of the matching snmp_accountinfo row, if any.
	Tag *string
}

// PluginQuery selects computers for the GLPI ocsinventoryng plugin's dialect
// (get_computers_V1 with FILTER, search_computers_V1,
// get_computer_sections_V1), with the semantics of the plugin's own
// database client. Empty slices and zero values mean "no filter".
type PluginQuery struct {
	IDs, ExcludeIDs             []int64
	Tags, ExcludeTags           []string
	DeviceIDs, ExcludeDeviceIDs []string
	UserIDs                     []string
	// Checksum keeps computers whose hardware.CHECKSUM & Checksum > 1.
	Checksum uint64
	// Since and Before bound LASTDATE, exclusive ("YYYY-MM-DD[ hh:mm:ss]").
	Since, Before string
	Sort          SortKey
	Desc          bool
	// Offset is the first row (0-based); Limit the page size (0: no limit).
	Offset, Limit int
}

// DicoName is a software name of a device that the software dictionary
// knows, with the dictionary's name for it.
type DicoName struct {
	Extracted, Formatted string
}
