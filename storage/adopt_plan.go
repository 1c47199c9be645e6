package storage

import (
	"fmt"
	"slices"
	"strings"
)

// adoptPlanner turns the difference between a live OCS database and the
// target schema into steps. It updates its copy of the live schema as it
// plans, so each decision sees the effect of the earlier ones.
type adoptPlanner struct {
	from   int
	live   *dbSchema
	target *dbSchema
	// config holds the names of the live config rows.
	config map[string]bool
	// existed holds the tables the database had before adoption.
	existed map[string]bool
	// now is the time recorded with the migrations.
	now   string
	steps []adoptStep
}

func (p *adoptPlanner) add(desc string, stmts ...string) {
	p.steps = append(p.steps, sqlStep(desc, stmts...))
}

// plan computes every step, in the order they must run.
func (p *adoptPlanner) plan(all []migration) {
	p.existed = toSet(p.live.order)
	created := map[string]bool{}
	for _, name := range p.target.order {
		if !isOCSDTable(name) && p.live.tables[name] == nil {
			p.createTable(p.target.tables[name], "create table "+name)
			created[name] = true
		}
	}
	for _, name := range p.target.order {
		if lt := p.live.tables[name]; lt != nil && !isOCSDTable(name) && !created[name] {
			p.alterTable(lt, p.target.tables[name])
		}
	}
	for _, name := range p.live.order {
		if version, ok := droppedTable(name); ok {
			p.add(fmt.Sprintf("drop table %s (removed by OCS %d)", name, version), "DROP TABLE "+quoteIdent(name))
		}
	}
	p.dataSteps()
	p.ocsdSteps(all)
}

func (p *adoptPlanner) createTable(t *dbTable, desc string) {
	p.add(desc, t.create...)
	p.live.add(t)
}

func isOCSDTable(name string) bool { return strings.HasPrefix(name, "ocsd_") }

// alterTable plans the changes that make lt look like want.
func (p *adoptPlanner) alterTable(lt, want *dbTable) {
	if marker, version, ok := replacedTable(want.name); ok {
		if _, _, has := lt.column(marker); !has {
			p.add(fmt.Sprintf("replace table %s by its %d layout (OCS %d drops its old rows too)", want.name, version, version),
				append([]string{"DROP TABLE " + quoteIdent(want.name)}, want.create...)...)
			p.live.add(want)
			return
		}
	}
	if !strings.EqualFold(lt.engine, "InnoDB") {
		p.add(fmt.Sprintf("convert table %s from %s to InnoDB (docs/compat.md D4)", lt.name, lt.engine),
			"ALTER TABLE "+quoteIdent(lt.name)+" ENGINE=InnoDB")
		lt.engine = "InnoDB"
	}
	p.renameColumns(lt, want)
	p.dropIndexes(lt, want)
	p.moveData(lt)
	p.addColumns(lt, want)
	p.modifyColumns(lt, want)
	p.dropColumns(lt, want)
	if len(lt.primary) == 0 && len(want.primary) > 0 {
		p.add(fmt.Sprintf("add primary key %s(%s)", lt.name, strings.Join(want.primary, ", ")),
			alter(lt.name, "ADD PRIMARY KEY "+columnList(want.primary)))
		lt.primary = want.primary
	} else if !slices.Equal(lt.primary, want.primary) {
		p.add(fmt.Sprintf("keep primary key %s(%s) (OCS 7069 has (%s); left as is)", lt.name,
			strings.Join(lt.primary, ", "), strings.Join(want.primary, ", ")))
	}
	p.addIndexes(lt, want)
}

func (p *adoptPlanner) renameColumns(lt, want *dbTable) {
	oldName, newName, version, ok := renamedColumn(lt.name)
	if !ok {
		return
	}
	_, i, hasOld := lt.column(oldName)
	wc, _, inTarget := want.column(newName)
	if _, _, hasNew := lt.column(newName); !hasOld || hasNew || !inTarget {
		return
	}
	p.add(fmt.Sprintf("rename column %s.%s to %s (OCS %d)", lt.name, oldName, newName, version),
		alter(lt.name, "CHANGE COLUMN "+quoteIdent(oldName)+" "+quoteIdent(newName)+" "+wc.def))
	lt.columns[i] = wc
}

// dropIndexes drops the keys OCS removed. An auto-increment column needs a
// key at every moment, so losing one comes with the new primary key.
func (p *adoptPlanner) dropIndexes(lt, want *dbTable) {
	for _, ix := range lt.indexes {
		version, ok := droppedIndex(lt.name, ix.name)
		if _, kept := want.index(ix.name); !ok || kept {
			continue
		}
		clause := "DROP INDEX " + quoteIdent(ix.name)
		desc := fmt.Sprintf("drop index %s.%s (removed by OCS %d)", lt.name, ix.name, version)
		if len(lt.primary) == 0 && len(want.primary) > 0 {
			clause = "ADD PRIMARY KEY " + columnList(want.primary) + ", " + clause
			desc += fmt.Sprintf(", with primary key (%s)", strings.Join(want.primary, ", "))
			lt.primary = want.primary
		}
		p.add(desc, alter(lt.name, clause))
		lt.indexes = slices.DeleteFunc(lt.indexes, func(x dbIndex) bool { return x.name == ix.name })
	}
}

// moveData copies what OCS moved before dropping columns: 7054 turned the
// single condition of an SNMP type into rows of snmp_types_conditions.
func (p *adoptPlanner) moveData(lt *dbTable) {
	if lt.name != "snmp_types" {
		return
	}
	if _, _, ok := lt.column("CONDITION_OID"); !ok {
		return
	}
	p.add("copy the conditions of snmp_types into snmp_types_conditions (OCS 7054)",
		`INSERT INTO snmp_types_conditions (TYPE_ID, CONDITION_OID, CONDITION_VALUE)
		SELECT DISTINCT t.ID, t.CONDITION_OID, t.CONDITION_VALUE FROM snmp_types t
		WHERE NOT EXISTS (SELECT 1 FROM snmp_types_conditions c WHERE c.TYPE_ID = t.ID
			AND CAST(c.CONDITION_OID AS BINARY) = CAST(t.CONDITION_OID AS BINARY))`)
}

// addColumns adds the target columns lt lacks, at their target position.
func (p *adoptPlanner) addColumns(lt, want *dbTable) {
	for i, wc := range want.columns {
		if _, _, ok := lt.column(wc.name); ok {
			continue
		}
		pos, at := "FIRST", 0
		if i > 0 {
			prev := want.columns[i-1].name
			_, j, _ := lt.column(prev)
			pos, at = "AFTER "+quoteIdent(prev), j+1
		}
		clause := "ADD COLUMN " + quoteIdent(wc.name) + " " + wc.def + " " + pos
		desc := fmt.Sprintf("add column %s.%s %s", lt.name, wc.name, wc.def)
		if wc.autoInc && len(lt.primary) == 0 && slices.Equal(want.primary, []string{wc.name}) {
			clause += ", ADD PRIMARY KEY " + columnList(want.primary)
			desc += " as primary key"
			lt.primary = want.primary
		}
		p.add(desc, alter(lt.name, clause))
		lt.columns = slices.Insert(lt.columns, at, wc)
	}
}

// modifyColumns changes the columns whose type, nullability or
// auto-increment differ. A text column becoming an integer first has its
// blank values set to NULL, as OCS 7050 did for memories.CAPACITY; a text
// column is never narrowed (that would cut data), only reported.
func (p *adoptPlanner) modifyColumns(lt, want *dbTable) {
	for _, wc := range want.columns {
		lc, i, ok := lt.column(wc.name)
		if !ok || (lc.typ == wc.typ && lc.nullable == wc.nullable && lc.autoInc == wc.autoInc) {
			continue
		}
		if narrows(lc.typ, wc.typ) {
			p.add(fmt.Sprintf("keep column %s.%s %s (wider than OCS 7069's %s; left as is)", lt.name, lc.name, lc.typ, wc.typ))
			continue
		}
		var stmts []string
		if isTextType(lc.typ) && isIntType(wc.typ) {
			col := quoteIdent(wc.name)
			stmts = append(stmts, "UPDATE "+quoteIdent(lt.name)+" SET "+col+" = NULL WHERE TRIM(COALESCE("+col+", '')) = ''")
		}
		stmts = append(stmts, alter(lt.name, "MODIFY COLUMN "+quoteIdent(wc.name)+" "+wc.def))
		p.add(fmt.Sprintf("change column %s.%s from %s to %s", lt.name, wc.name, lc.typ, wc.def), stmts...)
		lt.columns[i] = wc
	}
}

// dropColumns drops the columns OCS removed; columns it never knew (the
// console's fields_N, an administrator's own) stay.
func (p *adoptPlanner) dropColumns(lt, want *dbTable) {
	for _, lc := range slices.Clone(lt.columns) {
		version, ok := droppedColumn(lt.name, lc.name)
		if _, _, kept := want.column(lc.name); !ok || kept {
			continue
		}
		p.add(fmt.Sprintf("drop column %s.%s (removed by OCS %d)", lt.name, lc.name, version),
			alter(lt.name, "DROP COLUMN "+quoteIdent(lc.name)))
		lt.columns = slices.DeleteFunc(lt.columns, func(c dbColumn) bool { return c.name == lc.name })
	}
}

// addIndexes adds the target keys lt lacks; keys it has beyond them (an
// administrator's tuning) stay.
func (p *adoptPlanner) addIndexes(lt, want *dbTable) {
	for _, wi := range want.indexes {
		if _, ok := lt.index(wi.name); ok {
			continue
		}
		kind := "KEY"
		if wi.unique {
			kind = "UNIQUE KEY"
		}
		p.add(fmt.Sprintf("add %s %s.%s(%s)", strings.ToLower(kind), lt.name, wi.name, strings.Join(wi.columns, ", ")),
			alter(lt.name, "ADD "+kind+" "+quoteIdent(wi.name)+" "+columnList(wi.columns)))
		lt.indexes = append(lt.indexes, wi)
	}
}

// narrows tells whether changing a text column from have to want could cut
// stored values.
func narrows(have, want string) bool {
	if !isTextType(have) || !isTextType(want) {
		return false
	}
	return textCapacity(want) < textCapacity(have)
}

// textCapacity is the maximum length of a text type, in characters.
func textCapacity(t string) int {
	switch {
	case strings.HasPrefix(t, "longtext"):
		return 1 << 32
	case strings.HasPrefix(t, "mediumtext"):
		return 1 << 24
	case strings.HasPrefix(t, "tinytext"):
		return 255
	case strings.HasPrefix(t, "text"):
		return 65535
	}
	var n int
	if i := strings.IndexByte(t, '('); i >= 0 {
		fmt.Sscanf(t[i+1:], "%d", &n)
	}
	return n
}

func alter(table, clause string) string { return "ALTER TABLE " + quoteIdent(table) + " " + clause }

func columnList(cols []string) string {
	quoted := make([]string, len(cols))
	for i, c := range cols {
		quoted[i] = quoteIdent(c)
	}
	return "(" + strings.Join(quoted, ", ") + ")"
}
