package soap

import (
	"context"

	"ocsd/soap/store"
)

// Backend is what the SOAP service needs from the OCS database. The storage
// package's *DB implements it.
type Backend interface {
	ComputerReader
	HistoryStore
	ConfigStore
	IPDiscoverStore
	DeviceWriter
	SNMPReader
	AdminStore
	PluginStore
}

// ComputerReader reads computers and their sections for get_computers_V1.
type ComputerReader interface {
	// Computers returns one page of computers in the query's order.
	Computers(ctx context.Context, q store.ComputerQuery) ([]store.Computer, error)
	// ComputerIDs returns the ids of every computer the query selects, in
	// its order (Offset and Limit ignored).
	ComputerIDs(ctx context.Context, q store.ComputerQuery) ([]int64, error)
	// ComputersByID returns the computers of ids still present, in any order.
	ComputersByID(ctx context.Context, ids []int64) ([]store.Computer, error)
	// TableHasRows tells whether a section table (or software) has any row.
	TableHasRows(ctx context.Context, table string) (bool, error)
	// SectionRows returns the rows of a per-device table for the given
	// devices, ordered by device then row id.
	SectionRows(ctx context.Context, q store.RowQuery) ([]store.Row, error)
	// SoftwareRows returns the normalised software of the given devices,
	// with the columns named in cols (NAME, PUBLISHER, VERSION, CATEGORY and
	// the software table's own columns).
	SoftwareRows(ctx context.Context, cols []string, ids []int64) ([]store.Row, error)
	// AccountInfo returns the accountinfo rows of the given devices.
	AccountInfo(ctx context.Context, ids []int64) (store.AccountInfo, error)
	// DictionaryWords returns, per device, the distinct dictionary names
	// (dico_soft.FORMATTED) of its software.
	DictionaryWords(ctx context.Context, ids []int64) (map[int64][]string, error)
	// DictionaryLookup returns the formatted name of a software name.
	DictionaryLookup(ctx context.Context, word string) (string, bool, error)
}

// DeviceWriter changes computers.
type DeviceWriter interface {
	// ResetChecksum sets hardware.CHECKSUM of ids and returns the rows matched.
	ResetChecksum(ctx context.Context, checksum uint64, ids []int64) (int64, error)
	// DeleteComputers deletes each computer and every row attached to it,
	// skipping computers locked by a live inventory; with trace it records
	// each deletion in deleted_equiv. It returns the ids deleted.
	DeleteComputers(ctx context.Context, ids []int64, trace bool) ([]int64, error)
}

// HistoryStore reads and trims deleted_equiv.
type HistoryStore interface {
	// History returns events ordered by DATE, DELETED.
	History(ctx context.Context, offset, limit int) ([]store.Event, error)
	// ClearHistory deletes the first n events in History's order and
	// returns how many were deleted.
	ClearHistory(ctx context.Context, n int) (int64, error)
}

// ConfigStore reads and writes the config table.
type ConfigStore interface {
	// ConfigRow returns the row named name.
	ConfigRow(ctx context.Context, name string) (store.ConfigRow, bool, error)
	// SetConfig creates the row if missing, then sets the values given.
	SetConfig(ctx context.Context, name string, ivalue *int64, tvalue *string) error
}

// IPDiscoverStore reads discovered interfaces and manages known devices.
type IPDiscoverStore interface {
	// DiscoveredInterfaces returns netmap rows newer than since, ordered by
	// DATE; unknownOnly keeps MACs neither inventoried nor declared.
	DiscoveredInterfaces(ctx context.Context, since string, offset, limit int, unknownOnly bool) ([]store.Interface, error)
	// DeviceTypeExists tells whether devicetype has the name.
	DeviceTypeExists(ctx context.Context, name string) (bool, error)
	// OperatorExists tells whether operators has the id.
	OperatorExists(ctx context.Context, id string) (bool, error)
	// TagNetworkDevice declares (or re-declares) a MAC as a network device.
	TagNetworkDevice(ctx context.Context, d store.NetworkDevice) (int64, error)
	// UntagNetworkDevice removes the declarations of a MAC; it returns the count.
	UntagNetworkDevice(ctx context.Context, mac string) (int64, error)
	// CreateDeviceType adds a type; false when it existed.
	CreateDeviceType(ctx context.Context, name string) (bool, error)
	// DeleteDeviceType removes a type and returns the rows deleted.
	DeleteDeviceType(ctx context.Context, name string) (int64, error)
}

// SNMPReader reads SNMP devices for get_snmp_V1.
type SNMPReader interface {
	// SNMPDevices returns one page of SNMP devices of every type.
	SNMPDevices(ctx context.Context, q store.SNMPQuery) ([]store.SNMPDevice, error)
}

// PluginStore serves what only the GLPI ocsinventoryng plugin's dialect
// asks (search_computers_V1, get_computer_sections_V1, get_checksum_V1,
// remove_deleted_computer_V1 and get_computers_V1 with FILTER/DISPLAY).
type PluginStore interface {
	// PluginComputers returns how many visible, unarchived computers q
	// selects, and the page of them (META view) its Offset and Limit give.
	PluginComputers(ctx context.Context, q store.PluginQuery) (int64, []store.Computer, error)
	// PluginChecksum returns hardware.CHECKSUM of a computer.
	PluginChecksum(ctx context.Context, id int64) (string, bool, error)
	// PluginDictionary returns, per device, its software names the
	// dictionary knows, with their dictionary names, sorted.
	PluginDictionary(ctx context.Context, ids []int64) (map[int64][]store.DicoName, error)
	// PluginRemoveDeleted deletes the deleted_equiv events of deleted: with
	// an equivalent those naming it, without one those naming none (NULL,
	// '' or 'NULL'). It returns how many were deleted.
	PluginRemoveDeleted(ctx context.Context, deleted string, equivalent *string) (int64, error)
}
