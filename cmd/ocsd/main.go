// Command ocsd is an OCS Inventory NG compatible server: the agents'
// communication endpoint (/ocsinventory) and the SOAP web service
// (/ocsinterface) on the OCS database schema.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

const usage = `ocsd — OCS Inventory NG compatible inventory server

usage: ocsd <command> [flags]

commands:
  serve        run the server (agents on /ocsinventory, SOAP on /ocsinterface)
  migrate      create the schema, or adopt an existing OCS database (GUI_VERSION 7039…7069)
  bench        replay inventories as concurrent agents and report throughput
  settings     list, read or change the server options (the config table)
  dictionary   administer the software dictionary (categories, ignored names, matching rules)
  version      print the version

Run "ocsd <command> -h" for the flags of a command. Every flag can also be set
with an environment variable OCSD_<FLAG> (e.g. OCSD_DB) or in a --config file.
`

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

type command func(ctx context.Context, args []string, stdout, stderr io.Writer) error

func commands() map[string]command {
	return map[string]command{
		"serve":    runServe,
		"migrate":  runMigrate,
		"bench":    runBench,
		"settings": runSettings,
		"version": func(_ context.Context, _ []string, out, _ io.Writer) error {
			_, err := fmt.Fprintln(out, "ocsd", version)
			return err
		},
		"dictionary": runDictionary,
	}
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprint(stderr, usage)
		return 2
	}
	cmd, ok := commands()[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "ocsd: unknown command %q\n\n%s", args[0], usage)
		return 2
	}
	if err := cmd(ctx, args[1:], stdout, stderr); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 2
		}
		fmt.Fprintln(stderr, "ocsd:", err)
		return 1
	}
	return 0
}
