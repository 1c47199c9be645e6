package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"ocsd/storage"
)

// runMigrate is `ocsd migrate`: it creates the schema in an empty database
// (printing the admin password once), applies the migrations an ocsd
// database lacks, or adopts an OCS database (GUI_VERSION 7039 to 7069) in
// place, printing each step. With --dry-run it prints what it would do and
// changes nothing.
func runMigrate(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("migrate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dsn := fs.String("db", "sqlite:./ocsd.db", "database: sqlite:PATH or mysql://USER:PASS@HOST:PORT/DB (env OCSD_DB)")
	dryRun := fs.Bool("dry-run", false, "print what would be done and change nothing")
	logFormat := fs.String("log-format", "json", "log format: json or console")
	logLevel := fs.String("log-level", "info", "log level: debug, info, warn, error")
	if err := loadFlags(fs, args); err != nil {
		return err
	}
	log, err := newLogger(stderr, *logFormat, *logLevel)
	if err != nil {
		return err
	}
	where := storage.Redact(*dsn)
	if *dryRun && missingSQLiteFile(*dsn) {
		fmt.Fprintf(stdout, "Would create %s with the OCS GUI_VERSION 7069 schema and an admin operator; nothing was changed.\n", where)
		return nil
	}
	dblog := log.With().Str("component", "storage").Logger()
	db, err := storage.Open(ctx, *dsn, storage.Options{MaxConns: 2, Log: &dblog})
	if err != nil {
		return err
	}
	defer db.Close()
	if *dryRun {
		return planMigration(ctx, db, where, stdout)
	}
	res, err := db.Migrate(ctx)
	if errors.Is(err, storage.ErrNeedsAdopt) {
		return adopt(ctx, db, where, stdout)
	}
	if err != nil {
		return err
	}
	printMigrated(stdout, where, res)
	return nil
}

// planMigration prints what runMigrate would do, without doing it.
func planMigration(ctx context.Context, db *storage.DB, where string, stdout io.Writer) error {
	pending, err := db.PendingMigrations(ctx)
	if errors.Is(err, storage.ErrNeedsAdopt) {
		plan, err := db.Adopt(ctx, true)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "Would adopt the OCS database %s (GUI_VERSION %s to 7069); nothing was changed:\n", where, plan.From)
		printSteps(stdout, plan.Steps)
		return nil
	}
	if err != nil {
		return err
	}
	switch {
	case len(pending) == 0:
		fmt.Fprintf(stdout, "%s is up to date; nothing to do.\n", where)
	case strings.HasPrefix(pending[0], "0001_"):
		fmt.Fprintf(stdout, "Would create the OCS GUI_VERSION 7069 schema in %s (%d migrations) and an admin operator; nothing was changed:\n", where, len(pending))
		printSteps(stdout, pending)
	default:
		fmt.Fprintf(stdout, "Would apply %d migrations to %s; nothing was changed:\n", len(pending), where)
		printSteps(stdout, pending)
	}
	return nil
}

// adopt brings an OCS database to 7069 and prints what it did, also when a
// step failed part way (the error says which).
func adopt(ctx context.Context, db *storage.DB, where string, stdout io.Writer) error {
	plan, err := db.Adopt(ctx, false)
	if err != nil {
		if len(plan.Steps) > 0 {
			fmt.Fprintf(stdout, "Adopting the OCS database %s (GUI_VERSION %s) failed; planned steps:\n", where, plan.From)
			printSteps(stdout, plan.Steps)
		}
		return err
	}
	fmt.Fprintf(stdout, "Adopted the OCS database %s (GUI_VERSION %s to 7069):\n", where, plan.From)
	printSteps(stdout, plan.Steps)
	return nil
}

func printMigrated(stdout io.Writer, where string, res storage.MigrateResult) {
	switch {
	case res.Created:
		fmt.Fprintf(stdout, "Created the OCS GUI_VERSION 7069 schema in %s (%d migrations).\n", where, len(res.Applied))
	case len(res.Applied) > 0:
		fmt.Fprintf(stdout, "Applied %d migrations to %s:\n", len(res.Applied), where)
		printSteps(stdout, res.Applied)
	default:
		fmt.Fprintf(stdout, "%s is up to date; nothing to do.\n", where)
	}
	if res.AdminPassword != "" {
		fmt.Fprintf(stdout, "Console operator: admin / %s  (shown once; change it in the console)\n", res.AdminPassword)
	}
}

// missingSQLiteFile tells whether dsn names an SQLite file that does not
// exist yet, which opening it would create.
func missingSQLiteFile(dsn string) bool {
	src, err := storage.ParseDSN(dsn)
	if err != nil || src.Dialect != storage.SQLite {
		return false
	}
	_, err = os.Stat(src.Path)
	return errors.Is(err, os.ErrNotExist)
}

func printSteps(w io.Writer, steps []string) {
	for i, s := range steps {
		fmt.Fprintf(w, "  %3d. %s\n", i+1, s)
	}
}
