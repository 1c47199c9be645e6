package handlers

import (
	"strconv"
	"strings"

	"ocsd/inventory"
	"ocsd/settings"
)

// ScanSetting resolves a 2.12 scan setting (SCAN_TYPE_IPDISCOVER,
// SCAN_TYPE_SNMP, SCAN_ARP_BANDWIDTH) for a PROLOG reply: the machine's
// devices row TVALUE, else a group's, else the global option ("0" when that
// is blank, as the `|| 0` of OCS's Capacities/Ipdiscover.pm and
// Capacities/Snmp.pm gives). OCS reads the machine's TVALUE only when its
// IVALUE is set and takes groups in hash order; ocsd takes any set TVALUE and
// the last group row read.
func ScanSetting(cfg settings.Snapshot, dev inventory.Contact, name string) string {
	if p, ok := dev.Param(name); ok && p.TValue != nil {
		return *p.TValue
	}
	group, found := "", false
	for _, p := range dev.Params {
		if p.Group && p.Name == name && p.TValue != nil {
			group, found = *p.TValue, true
		}
	}
	if found {
		return group
	}
	v := cfg.Text(name)
	if k, ok := settings.Lookup(name); ok && k.Type == settings.Int {
		v = strconv.FormatInt(cfg.Int(name), 10)
	}
	if strings.TrimSpace(v) == "" {
		return "0"
	}
	return v
}
