// Package settings describes the OCS server options kept in the `config`
// table: their type, default, validation and meaning (the port of the
// server's %CONFIG, Apache/Ocsinventory/Server/System/Config.pm), and a typed
// snapshot of their current values.
package settings

import (
	"regexp"
	"sort"
	"strconv"
)

// Type says which column of `config` holds a key's value.
type Type uint8

// Key value types.
const (
	// Int keys live in config.IVALUE.
	Int Type = iota
	// Text keys live in config.TVALUE.
	Text
)

// String names the type.
func (t Type) String() string {
	if t == Text {
		return "text"
	}
	return "int"
}

// Key is one option of the communication server.
type Key struct {
	Name string
	Type Type
	// Default is the server default, used when the config table has no row.
	Default string
	// Pattern validates written values (ocs_config_V1/V2 semantics).
	Pattern *regexp.Regexp
	// Meaning says what the option does.
	Meaning string
}

// Valid reports whether v is an acceptable value for k.
func (k Key) Valid(v string) bool { return k.Pattern.MatchString(v) }

var (
	reBool      = regexp.MustCompile(`^(1|0)$`)
	reUint      = regexp.MustCompile(`^\d+$`)
	rePositive  = regexp.MustCompile(`^[1-9]\d*$`)
	reFrequency = regexp.MustCompile(`^(-1|\d+)$`)
	reAny       = regexp.MustCompile(`^.+$`)
	reScan      = regexp.MustCompile(`^(NMAP|ICMP|ARPSCAN)$`)
)

func ik(name, def string, re *regexp.Regexp, meaning string) Key {
	return Key{Name: name, Type: Int, Default: def, Pattern: re, Meaning: meaning}
}

func tk(name, def string, re *regexp.Regexp, meaning string) Key {
	return Key{Name: name, Type: Text, Default: def, Pattern: re, Meaning: meaning}
}

// keys is the server's option list: 2.8.1 plus the five keys 2.12 added.
var keys = [...]Key{
	ik("AUTO_DUPLICATE_LVL", "15", reUint, "Duplicate criteria bitmap: 1 hostname, 2 serial, 4 MAC, 8 model, 16 UUID, 32 asset tag"),
	ik("COMPRESS_TRY_OTHERS", "0", reBool, "Accept gzip and uncompressed agent posts besides zlib"),
	ik("DEPLOY", "0", reBool, "Deprecated agent auto-deployment"),
	ik("DOWNLOAD", "0", reBool, "Package deployment"),
	ik("DOWNLOAD_CYCLE_LATENCY", "60", reUint, "Seconds between download cycles"),
	ik("DOWNLOAD_EXECUTION_TIMEOUT", "120", rePositive, "Minutes before a package command is killed"),
	ik("DOWNLOAD_FRAG_LATENCY", "60", rePositive, "Seconds between fragment downloads"),
	ik("DOWNLOAD_GROUPS_TRACE_EVENTS", "1", reBool, "Track group-assigned packages per computer"),
	ik("DOWNLOAD_PERIOD_LATENCY", "60", reUint, "Seconds between download periods"),
	ik("DOWNLOAD_PERIOD_LENGTH", "10", rePositive, "Cycles per download period"),
	ik("DOWNLOAD_TIMEOUT", "7", rePositive, "Days a package stays valid on an agent"),
	ik("ENABLE_GROUPS", "1", reBool, "Computer groups"),
	ik("FREQUENCY", "0", reFrequency, "Inventory frequency in days (0: every contact, -1: never)"),
	ik("GENERATE_OCS_FILES", "0", reBool, "Write a copy of each inventory to OCS_FILES_PATH"),
	ik("GENERATE_OCS_FILES_SNMP", "0", reBool, "Same for SNMP inventories"),
	ik("GROUPS_CACHE_OFFSET", "43200", reUint, "Random spread of group recomputation (seconds)"),
	ik("GROUPS_CACHE_REVALIDATE", "43200", reUint, "Validity of the group cache (seconds)"),
	ik("INVENTORY_CACHE_ENABLED", "1", reBool, "Maintain the *_cache search tables"),
	ik("INVENTORY_CACHE_KEEP", "1", reBool, "Keep cache entries forever"),
	ik("INVENTORY_CACHE_REVALIDATE", "7", reUint, "Days before the cache tables are rebuilt"),
	ik("INVENTORY_DIFF", "1", reBool, "Only rewrite sections whose agent checksum bit is set"),
	ik("INVENTORY_FILTER_ENABLED", "0", reBool, "Inventory filter subsystem"),
	ik("INVENTORY_FILTER_FLOOD_IP", "0", reBool, "Refuse a new computer from an IP that created one recently"),
	ik("INVENTORY_FILTER_FLOOD_IP_CACHE_TIME", "300", reUint, "Window of the flood filter (seconds)"),
	ik("INVENTORY_FILTER_ON", "0", reBool, "Inventory filter stack"),
	ik("INVENTORY_ON_STARTUP", "0", reBool, "Agents inventory when their service starts"),
	ik("INVENTORY_SESSION_ONLY", "0", reBool, "Refuse inventories not preceded by a PROLOG"),
	ik("INVENTORY_TRANSACTION", "1", reBool, "One database transaction per inventory"),
	ik("INVENTORY_WRITE_DIFF", "1", reBool, "Row-level diff writes"),
	ik("IPDISCOVER", "2", reUint, "IpDiscover agents per subnet (0: off)"),
	ik("IPDISCOVER_BETTER_THRESHOLD", "1", regexp.MustCompile(`^\d+(,\d+)?$`), "Days of advantage needed to replace an elected agent"),
	ik("IPDISCOVER_LATENCY", "100", regexp.MustCompile(`^[1-9]\d+$`), "Milliseconds between ARP requests"),
	ik("IPDISCOVER_LINK_TAG_NETWORK", "0", reBool, "Scope subnets by TAG"),
	ik("IPDISCOVER_MAX_ALIVE", "14", rePositive, "Days before an elected agent is dropped"),
	ik("IPDISCOVER_NO_POSTPONE", "0", reBool, "Elect IpDiscover agents immediately"),
	ik("IPDISCOVER_USE_GROUPS", "1", reBool, "Honour group IpDiscover settings"),
	ik("LOCK_REUSE_TIME", "600", reUint, "Seconds after which a computer lock may be taken over"),
	ik("LOGLEVEL", "0", reBool, "Engine activity logging"),
	tk("LOGPATH", "/var/log/ocsinventory-server", reAny, "Log directory"),
	tk("OCS_FILES_FORMAT", "OCS", regexp.MustCompile(`^(OCS|XML)$`), "Format of inventory copies: OCS (compressed) or XML"),
	ik("OCS_FILES_OVERWRITE", "0", reBool, "Overwrite inventory copies"),
	tk("OCS_FILES_PATH", "/tmp", reAny, "Directory of inventory copies"),
	ik("PROLOG_FILTER_ON", "0", reBool, "Prolog filter stack"),
	ik("PROLOG_FREQ", "12", rePositive, "Hours between agent contacts"),
	ik("PROXY_REVALIDATE_DELAY", "3600", reUint, "Deprecated cache header"),
	ik("REGISTRY", "1", reBool, "Registry queries"),
	ik("SCAN_ARP_BANDWIDTH", "256", reUint, "Bandwidth of ARP scans (kbps)"),
	tk("SCAN_TYPE_IPDISCOVER", "ICMP", reScan, "IpDiscover scan method"),
	tk("SCAN_TYPE_SNMP", "ICMP", reScan, "SNMP scan method"),
	ik("SECURITY_LEVEL", "0", reUint, "Unused"),
	ik("SESSION_CLEAN_TIME", "86400", reUint, "Period of the session purge (seconds)"),
	ik("SESSION_VALIDITY_TIME", "3600", reUint, "Validity of a prolog session for the inventory (seconds)"),
	ik("SNMP", "1", reBool, "SNMP scans"),
	ik("SNMP_INVENTORY_DIFF", "1", reBool, "SNMP diff mode"),
	ik("SNMP_LINK_TAG", "0", reBool, "Link SNMP devices to the agent's TAG"),
	ik("TRACE_DELETED", "0", reBool, "Record merged and deleted computers in deleted_equiv (GLPI requires 1)"),
	ik("UPDATE", "0", reBool, "Deprecated agent self-update"),
}

// Keys returns every server option, sorted by name.
func Keys() []Key {
	out := make([]Key, len(keys))
	copy(out, keys[:])
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Lookup returns the server option named name.
func Lookup(name string) (Key, bool) {
	for i := range keys {
		if keys[i].Name == name {
			return keys[i], true
		}
	}
	return Key{}, false
}

// Value is one row of the config table.
type Value struct {
	IValue *int64
	TValue *string
}

// Snapshot is the config table as read at one moment, with typed accessors
// that fall back to the server default when a row is missing.
type Snapshot map[string]Value

// Int returns the integer value of name: IVALUE for int keys, TVALUE parsed
// for text keys, the default when absent or unparseable.
func (s Snapshot) Int(name string) int64 {
	if v, ok := s[name]; ok {
		if v.IValue != nil {
			return *v.IValue
		}
		if v.TValue != nil {
			if n, err := strconv.ParseInt(*v.TValue, 10, 64); err == nil {
				return n
			}
		}
	}
	if k, ok := Lookup(name); ok {
		n, _ := strconv.ParseInt(k.Default, 10, 64)
		return n
	}
	return 0
}

// Bool reports whether the integer value of name is non-zero.
func (s Snapshot) Bool(name string) bool { return s.Int(name) != 0 }

// Text returns the text value of name, the default when absent.
func (s Snapshot) Text(name string) string {
	if v, ok := s[name]; ok && v.TValue != nil {
		return *v.TValue
	}
	if k, ok := Lookup(name); ok {
		return k.Default
	}
	return ""
}

// Has reports whether the config table has a row for name.
func (s Snapshot) Has(name string) bool {
	_, ok := s[name]
	return ok
}
