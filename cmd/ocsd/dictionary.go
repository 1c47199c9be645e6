package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/user"
	"strconv"
	"text/tabwriter"

	"ocsd/dictionary"
	"ocsd/soap"
	"ocsd/storage"
)

// The SOAP service runs its administrative operations on the same database.
var _ soap.AdminStore = (*storage.DB)(nil)

const dictionaryUsage = `usage: ocsd dictionary [--db DSN] [--actor NAME] [--page N] [--size N] VERB [ARG…]

  list [KIND]                                entries of a kind: CAT, UNCHANGED, IGNORED or ALL (default)
  search TEXT [KIND]                         entries whose name or category contains TEXT (any case)
  unclassified [TEXT]                        names in neither table, with their device counts
  assign CATEGORY NAME…                      file names under a category
  ignore NAME…                               mark names ignored
  unchanged NAME…                            keep names as they are
  move FROM TO                               file every name of category FROM under TO
  delete NAME… | delete --category CAT…      unclassify names, or every name of categories
  rules                                      the rules, in the order they apply
  add-rule KIND PATTERN FORMATTED [PRIORITY] add a rule: IEXACT, PREFIX or REGEXP (RE2)
  delete-rule ID                             delete a rule

Changes are recorded in the audit trail as --actor (default: the
operating-system user).`

// dictionaryCLI is one invocation of ocsd dictionary.
type dictionaryCLI struct {
	adm        *dictionary.Admin
	who        dictionary.Actor
	page, size int
	out        io.Writer
}

func runDictionary(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("dictionary", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dsn := fs.String("db", "sqlite:./ocsd.db", "database (env OCSD_DB)")
	actor := fs.String("actor", "", "who makes the changes, for the audit trail (default: the operating-system user)")
	page := fs.Int("page", 0, "page of a listing (0 first)")
	size := fs.Int("size", dictionary.DefaultPageSize, "entries per page")
	db, rest, err := openAdmin(ctx, fs, args, dsn, func() { fmt.Fprintln(stderr, dictionaryUsage) })
	if err != nil {
		return err
	}
	defer db.Close()
	c := &dictionaryCLI{adm: dictionary.NewAdmin(db, dictionary.DefaultLimits()),
		who: dictionary.Actor{Name: actorName(*actor), Via: "cli"}, page: *page, size: *size, out: stdout}
	err = c.run(ctx, rest[0], rest[1:])
	if errors.Is(err, flag.ErrHelp) {
		fs.Usage()
	}
	return err
}

// actorName is the --actor flag, or the operating-system user.
func actorName(flagValue string) string {
	if flagValue != "" {
		return flagValue
	}
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	return os.Getenv("USER")
}

// run dispatches a verb.
func (c *dictionaryCLI) run(ctx context.Context, verb string, args []string) error {
	switch {
	case verb == "list" && len(args) <= 1:
		return c.list(ctx, "", args)
	case verb == "search" && (len(args) == 1 || len(args) == 2):
		return c.list(ctx, args[0], args[1:])
	case verb == "unclassified" && len(args) <= 1:
		return c.unclassified(ctx, args)
	case verb == "rules" && len(args) == 0:
		return c.rules(ctx)
	case verb == "add-rule" && (len(args) == 3 || len(args) == 4):
		return c.addRule(ctx, args)
	case verb == "delete-rule" && len(args) == 1:
		id, err := strconv.ParseInt(args[0], 10, 64)
		if err != nil {
			return fmt.Errorf("dictionary: rule id %q is not an integer", args[0])
		}
		if err := c.adm.DeleteRule(ctx, c.who, id); err != nil {
			return err
		}
		return c.changed(1)
	}
	return c.change(ctx, verb, args)
}

// change runs the verbs that reclassify names.
func (c *dictionaryCLI) change(ctx context.Context, verb string, args []string) error {
	var n int
	var err error
	switch {
	case verb == "assign" && len(args) >= 2:
		n, err = c.adm.Assign(ctx, c.who, args[0], args[1:])
	case verb == "ignore" && len(args) >= 1:
		n, err = c.adm.Ignore(ctx, c.who, args)
	case verb == "unchanged" && len(args) >= 1:
		n, err = c.adm.MarkUnchanged(ctx, c.who, args)
	case verb == "move" && len(args) == 2:
		n, err = c.adm.Move(ctx, c.who, args[0], args[1])
	case verb == "delete" && len(args) >= 2 && args[0] == "--category":
		n, err = c.adm.DeleteCategories(ctx, c.who, args[1:])
	case verb == "delete" && len(args) >= 1:
		n, err = c.adm.Delete(ctx, c.who, args)
	default:
		return flag.ErrHelp
	}
	if err != nil {
		return err
	}
	return c.changed(n)
}

func (c *dictionaryCLI) changed(n int) error {
	_, err := fmt.Fprintf(c.out, "%d changed\n", n)
	return err
}

func (c *dictionaryCLI) list(ctx context.Context, text string, kindArg []string) error {
	kind := dictionary.All
	if len(kindArg) == 1 {
		k, err := dictionary.ParseKind(kindArg[0])
		if err != nil {
			return err
		}
		kind = k
	}
	p, err := c.adm.Search(ctx, text, kind, c.page, c.size)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(c.out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "KIND\tNAME\tFORMATTED")
	for _, e := range p.Entries {
		fmt.Fprintf(tw, "%s\t%s\t%s\n", e.Kind, e.Extracted, e.Formatted)
	}
	fmt.Fprintf(tw, "page %d: %d of %d\n", c.page, len(p.Entries), p.Total)
	return tw.Flush()
}

func (c *dictionaryCLI) unclassified(ctx context.Context, args []string) error {
	text := ""
	if len(args) == 1 {
		text = args[0]
	}
	p, err := c.adm.Unclassified(ctx, text, c.page, c.size)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(c.out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "DEVICES\tNAME\tRULE GIVES")
	for _, s := range p.Names {
		fmt.Fprintf(tw, "%d\t%s\t%s\n", s.Devices, s.Name, s.Formatted)
	}
	fmt.Fprintf(tw, "page %d: %d of %d\n", c.page, len(p.Names), p.Total)
	return tw.Flush()
}

func (c *dictionaryCLI) rules(ctx context.Context) error {
	rules, err := c.adm.Rules(ctx)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(c.out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tPRIORITY\tKIND\tPATTERN\tFORMATTED")
	for _, r := range rules {
		fmt.Fprintf(tw, "%d\t%d\t%s\t%s\t%s\n", r.ID, r.Priority, r.Kind, r.Pattern, r.Formatted)
	}
	return tw.Flush()
}

func (c *dictionaryCLI) addRule(ctx context.Context, args []string) error {
	prio := ""
	if len(args) == 4 {
		prio = args[3]
	}
	p, err := dictionary.ParsePriority(prio)
	if err != nil {
		return err
	}
	id, err := c.adm.AddRule(ctx, c.who, dictionary.Rule{Kind: dictionary.RuleKind(args[0]), Pattern: args[1], Formatted: args[2], Priority: p})
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(c.out, "rule %d added\n", id)
	return err
}
