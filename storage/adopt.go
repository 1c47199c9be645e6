package storage

import (
	"context"
	"errors"
	"fmt"
	"strconv"
)

// Oldest and newest OCS schema versions Adopt accepts. Older databases must
// first be brought to 7039 by OCS's own updater.
const (
	adoptMinGUIVersion = 7039
	targetGUIVersion   = 7069
)

// AdoptPlan lists what Adopt does (or would do) to an OCS database.
type AdoptPlan struct {
	// From is the GUI_VERSION the database had.
	From string
	// Steps are human-readable, one per change, in order.
	Steps []string
}

// adoptStep is one change of an adoption.
type adoptStep struct {
	desc string
	run  func(ctx context.Context, q queryer) error
}

// sqlStep is a step made of plain statements.
func sqlStep(desc string, stmts ...string) adoptStep {
	return adoptStep{desc: desc, run: func(ctx context.Context, q queryer) error {
		for _, s := range stmts {
			if _, err := q.ExecContext(ctx, s); err != nil {
				return err
			}
		}
		return nil
	}}
}

// Adopt brings an existing OCS database (GUI_VERSION 7039 to 7069) to the
// 7069 schema in place, keeping its data, and makes ocsd manage it: it
// compares the live schema with the target and creates missing tables, adds
// missing columns and keys, changes column types that differ, drops what
// OCS dropped up to 7069 (moving data first where OCS did), adds missing
// config rows without touching existing values, sets GUI_VERSION 7069,
// creates ocsd's tables and records the migrations. With dryRun it only
// returns the plan. MySQL/MariaDB only: SQLite never held an OCS database.
func (db *DB) Adopt(ctx context.Context, dryRun bool) (AdoptPlan, error) {
	if db.dialect != MySQL {
		return AdoptPlan{}, errors.New("storage: adopt: only MySQL/MariaDB databases can be adopted; SQLite never held an OCS schema")
	}
	var plan AdoptPlan
	err := db.withSchemaLock(ctx, func(s *session) error {
		steps, later, from, err := db.planAdoption(ctx, s)
		plan.From = from
		if err != nil {
			return err
		}
		for _, st := range steps {
			plan.Steps = append(plan.Steps, st.desc)
		}
		for _, m := range later {
			plan.Steps = append(plan.Steps, "apply migration "+m.label())
		}
		if dryRun {
			return nil
		}
		for _, st := range steps {
			if err := st.run(ctx, s); err != nil {
				return fmt.Errorf("%s: %w", st.desc, err)
			}
			db.log.Info().Str("step", st.desc).Msg("adopt")
		}
		var res MigrateResult
		return s.apply(ctx, later, &res)
	})
	if err != nil {
		return plan, fmt.Errorf("storage: adopt: %w", err)
	}
	return plan, nil
}

// planAdoption checks that s holds an OCS database ocsd may adopt and
// computes the steps, then the migrations after the baseline.
func (db *DB) planAdoption(ctx context.Context, s *session) ([]adoptStep, []migration, string, error) {
	st, err := s.state(ctx)
	if err != nil {
		return nil, nil, "", err
	}
	if len(st.applied) > 0 {
		return nil, nil, "", errors.New("the database is already managed by ocsd: run migrate")
	}
	if !st.tables["config"] {
		return nil, nil, "", errors.New("no config table: this is not an OCS database")
	}
	from, err := guiVersion(ctx, s)
	if err != nil {
		return nil, nil, "", err
	}
	n, err := strconv.Atoi(from)
	if err != nil || n < adoptMinGUIVersion || n > targetGUIVersion {
		return nil, nil, from, fmt.Errorf("GUI_VERSION %q: ocsd adopts %d to %d; update older databases with OCS first",
			from, adoptMinGUIVersion, targetGUIVersion)
	}
	live, err := readLiveSchema(ctx, s)
	if err != nil {
		return nil, nil, from, err
	}
	target, err := targetSchema()
	if err != nil {
		return nil, nil, from, err
	}
	config, err := queryStrings(ctx, s, "SELECT NAME FROM config")
	if err != nil {
		return nil, nil, from, fmt.Errorf("read config: %w", err)
	}
	all, err := loadMigrations(MySQL)
	if err != nil {
		return nil, nil, from, err
	}
	p := &adoptPlanner{from: n, live: live, target: target, config: toSet(config), now: db.nowText()}
	p.plan(all)
	var later []migration
	for _, m := range all {
		if m.version > baselineVersion {
			later = append(later, m)
		}
	}
	return p.steps, later, from, nil
}

func toSet(names []string) map[string]bool {
	out := make(map[string]bool, len(names))
	for _, n := range names {
		out[n] = true
	}
	return out
}
