package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"ocsd/dictionary"
	"ocsd/settings"
	"ocsd/soap"
	"ocsd/storage"
)

const settingsUsage = `usage: ocsd settings [--db DSN] list
       ocsd settings [--db DSN] get NAME
       ocsd settings [--db DSN] [--actor NAME] set NAME VALUE

list prints every server option with its type, current value, default and
meaning; set validates the value as ocs_config_V2 does and records the
change in the audit trail as --actor (default: the operating-system user).`

func runSettings(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("settings", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dsn := fs.String("db", "sqlite:./ocsd.db", "database (env OCSD_DB)")
	actor := fs.String("actor", "", "who makes the change, for the audit trail (default: the operating-system user)")
	db, rest, err := openAdmin(ctx, fs, args, dsn, func() { fmt.Fprintln(stderr, settingsUsage) })
	if err != nil {
		return err
	}
	defer db.Close()
	switch {
	case rest[0] == "list" && len(rest) == 1:
		return listSettings(ctx, db, stdout)
	case rest[0] == "get" && len(rest) == 2:
		return getSetting(ctx, db, stdout, rest[1])
	case rest[0] == "set" && len(rest) == 3:
		who := dictionary.Actor{Name: actorName(*actor), Via: "cli"}
		return setSetting(ctx, db, stdout, who, rest[1], rest[2])
	}
	fs.Usage()
	return flag.ErrHelp
}

// openAdmin parses an administration command's flags, which must leave a
// subcommand, and opens the database of its --db flag.
func openAdmin(ctx context.Context, fs *flag.FlagSet, args []string, dsn *string, usage func()) (*storage.DB, []string, error) {
	fs.Usage = usage
	if err := loadFlags(fs, args); err != nil {
		return nil, nil, err
	}
	rest := fs.Args()
	if len(rest) == 0 {
		usage()
		return nil, nil, flag.ErrHelp
	}
	db, err := openExisting(ctx, *dsn)
	if err != nil {
		return nil, nil, err
	}
	return db, rest, nil
}

// openExisting opens a database ocsd already manages (applying pending
// migrations, never adopting an OCS database silently).
func openExisting(ctx context.Context, dsn string) (*storage.DB, error) {
	db, err := storage.Open(ctx, dsn, storage.Options{})
	if err != nil {
		return nil, err
	}
	if _, err := db.Migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

func listSettings(ctx context.Context, db *storage.DB, w io.Writer) error {
	snap, err := db.Settings(ctx)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tTYPE\tVALUE\tDEFAULT\tMEANING")
	for _, k := range settings.Keys() {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", k.Name, k.Type, current(snap, k), k.Default, k.Meaning)
	}
	return tw.Flush()
}

// current prints a key's value, or "-" when the config table has no row.
func current(snap settings.Snapshot, k settings.Key) string {
	if v, ok := snap.Current(k); ok {
		return v
	}
	return "-"
}

func getSetting(ctx context.Context, db *storage.DB, w io.Writer, name string) error {
	k, ok := settings.Lookup(name)
	if !ok {
		return fmt.Errorf("settings: %s is not a server option (see ocsd settings list)", name)
	}
	snap, err := db.Settings(ctx)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintln(w, current(snap, k))
	return err
}

func setSetting(ctx context.Context, db *storage.DB, w io.Writer, who dictionary.Actor, name, value string) error {
	k, ok := settings.Lookup(name)
	if !ok {
		return fmt.Errorf("settings: %s is not a server option (see ocsd settings list)", name)
	}
	v, err := k.Parse(value)
	if err != nil {
		return err
	}
	if err := who.Validate(); err != nil {
		return err
	}
	snap, err := db.Settings(ctx)
	if err != nil {
		return err
	}
	before, _ := snap.Current(k)
	if err := db.SetConfig(ctx, name, v.IValue, v.TValue); err != nil {
		return err
	}
	if err := db.RecordAudit(ctx, who.Record(time.Now(), soap.ActionSettingsSet, name, before, value)); err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "%s = %s\n", name, value)
	return err
}
