package storage

import (
	"context"
	"fmt"
	"strings"
)

// dataSteps plans the data changes OCS's updates made after p.from, then
// the config rows still missing and the new GUI_VERSION.
func (p *adoptPlanner) dataSteps() {
	if p.from < 7046 && p.config["TMP_DIR"] {
		p.add("remove config row TMP_DIR (OCS 7046)", "DELETE FROM config WHERE NAME = 'TMP_DIR'")
	}
	if p.from < 7051 && p.config["DOWNLOAD_REDISTRIB"] {
		p.add("remove config row DOWNLOAD_REDISTRIB (OCS 7051)", "DELETE FROM config WHERE NAME = 'DOWNLOAD_REDISTRIB'")
	}
	if p.from < 7057 {
		var names []string
		for _, n := range []string{"1", "2"} {
			for _, f := range []string{"ROLE", "NAME", "VALUE"} {
				if name := "CONEX_LDAP_CHECK_FIELD" + n + "_" + f; p.config[name] {
					names = append(names, "'"+name+"'")
				}
			}
		}
		if len(names) > 0 {
			p.add("remove the config rows CONEX_LDAP_CHECK_FIELD* (OCS 7057)",
				"DELETE FROM config WHERE NAME IN ("+strings.Join(names, ", ")+")")
		}
	}
	if p.from < 7062 && p.config["PASSWORD_VERSION"] {
		p.add("set config PASSWORD_VERSION to 2 (OCS 7062)", "UPDATE config SET IVALUE = 2 WHERE NAME = 'PASSWORD_VERSION'")
	}
	if p.from < 7064 {
		p.add("reset the LDAP filters of config to two empty ones (OCS 7064)",
			"DELETE FROM config WHERE NAME LIKE 'CONEX\\_LDAP\\_FILTER%'",
			"UPDATE config SET TVALUE = '2' WHERE NAME = 'CONEX_LDAP_NB_FILTERS'")
	}
	if p.from < 7065 && p.existed["layouts"] {
		p.add("remove the list_show_all layouts (OCS 7065)", "DELETE FROM layouts WHERE TABLE_NAME = 'list_show_all'")
	}
	if p.from < 7054 {
		p.steps = append(p.steps, adoptStep{
			desc: "add the 'Default' SNMP type with its condition, labels and OIDs (OCS 7054)",
			run: func(ctx context.Context, q queryer) error {
				return seedSNMPDefault(ctx, &seeder{q: q, dialect: MySQL})
			},
		})
	}
	p.missingConfig()
	if p.from != targetGUIVersion {
		p.add(fmt.Sprintf("set GUI_VERSION to %d", targetGUIVersion),
			fmt.Sprintf("UPDATE config SET TVALUE = '%d' WHERE NAME = 'GUI_VERSION'", targetGUIVersion))
	}
}

// missingConfig plans the insertion of the 7069 config rows the database
// lacks. Rows that exist keep their values, whatever they are. The LDAP
// filter rows are the console's to add and remove once 7064 set them up.
func (p *adoptPlanner) missingConfig() {
	var (
		rows  [][]any
		names []string
	)
	for _, r := range configRows() {
		ldapFilter := strings.HasPrefix(r.name, "CONEX_LDAP_FILTER")
		present := p.config[r.name] && !(ldapFilter && p.from < 7064)
		if present || (ldapFilter && p.from >= 7064) {
			continue
		}
		rows = append(rows, []any{r.name, r.ivalue, r.tvalue, r.comment})
		names = append(names, r.name)
	}
	if len(rows) == 0 {
		return
	}
	p.steps = append(p.steps, adoptStep{
		desc: "add the missing config rows " + strings.Join(names, ", "),
		run: func(ctx context.Context, q queryer) error {
			s := &seeder{q: q, dialect: MySQL}
			return s.insertRows(ctx, "INSERT IGNORE", "config", []string{"NAME", "IVALUE", "TVALUE", "COMMENTS"}, rows)
		},
	})
}

// ocsdSteps creates ocsd's own tables, the ledger last so that a failed
// adoption never looks like an ocsd database, and records the baseline.
func (p *adoptPlanner) ocsdSteps(all []migration) {
	for _, name := range p.target.order {
		if isOCSDTable(name) && name != "ocsd_migrations" && p.live.tables[name] == nil {
			p.createTable(p.target.tables[name], "create table "+name)
		}
	}
	if p.live.tables["ocsd_migrations"] == nil {
		p.createTable(p.target.tables["ocsd_migrations"], "create table ocsd_migrations")
	}
	var rows [][]any
	for _, m := range all {
		if m.version <= baselineVersion {
			rows = append(rows, []any{m.version, m.name, p.now})
		}
	}
	p.steps = append(p.steps, adoptStep{
		desc: fmt.Sprintf("record migrations %s to %s as applied", all[0].label(), migrationLabel(all, baselineVersion)),
		run: func(ctx context.Context, q queryer) error {
			s := &seeder{q: q, dialect: MySQL}
			return s.insertRows(ctx, "INSERT IGNORE", "ocsd_migrations", []string{"VERSION", "NAME", "APPLIED"}, rows)
		},
	})
}

func migrationLabel(all []migration, version int) string {
	for _, m := range all {
		if m.version == version {
			return m.label()
		}
	}
	return fmt.Sprintf("%04d", version)
}
