package storage

// What OCS removed or renamed between GUI_VERSION 7039 and 7069 (ocsreports
// files/update/70NN.sql). Adoption only ever drops these: tables, columns and
// keys it does not know about belong to an administrator or to the console
// (fields_N columns, tuning indexes) and stay.

// droppedTable tells whether OCS dropped table name, and in which version.
func droppedTable(name string) (version int, ok bool) {
	switch name {
	case "unixusers":
		return 7040, true
	case "snmp", "snmp_blades", "snmp_fans", "snmp_firewalls", "snmp_inputs", "snmp_laststate",
		"snmp_links", "snmp_loadbalancers", "snmp_localprinters", "snmp_memories", "snmp_modems",
		"snmp_networks", "snmp_ports", "snmp_powersupplies", "snmp_printers", "snmp_softwares",
		"snmp_sounds", "snmp_storages", "snmp_switchinfos", "snmp_switchs", "snmp_trays",
		"snmp_videos", "snmp_virtualmachines":
		// The SNMP tables of the old SNMP inventory, replaced by typed ones.
		return 7054, true
	}
	return 0, false
}

// droppedColumn tells whether OCS dropped table.column, and in which version.
func droppedColumn(table, column string) (version int, ok bool) {
	switch table + "." + column {
	case "software_name.CATEGORY":
		return 7045, true // categories moved to software_categories_link
	case "snmp_types.CONDITION_OID", "snmp_types.CONDITION_VALUE":
		return 7054, true // moved to snmp_types_conditions first (moveData)
	case "snmp_communities.AUTHKEY":
		return 7054, true // replaced by AUTHPROTO/PRIVPROTO/PRIVPASSWD/LEVEL
	}
	return 0, false
}

// droppedIndex tells whether OCS dropped key index of table.
func droppedIndex(table, index string) (version int, ok bool) {
	switch table + "." + index {
	case "registry_regvalue_cache.REGVALUE":
		return 7044, true // REGVALUE became TEXT, too long for a unique key
	case "engine_persistent.ID":
		return 7056, true // replaced by the primary key on ID
	}
	return 0, false
}

// renamedColumn tells whether OCS renamed a column of table.
func renamedColumn(table string) (from, to string, version int, ok bool) {
	if table == "layouts" {
		return "USER", "CREATOR", 7065, true
	}
	return "", "", 0, false
}

// replacedTable tells whether OCS dropped and recreated table with a new
// layout, and which column only the new layout has.
func replacedTable(table string) (marker string, version int, ok bool) {
	if table == "snmp_accountinfo" {
		return "SNMP_TYPE", 7067, true
	}
	return "", 0, false
}
