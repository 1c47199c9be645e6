package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"strings"
)

// loadFlags parses args into fs, then fills every flag the command line did
// not set from the environment (OCSD_<FLAG_NAME>, dashes as underscores) and,
// failing that, from the config file named by --config (lines "name = value",
// '#' comments). Precedence: flags, then environment, then file, then defaults.
func loadFlags(fs *flag.FlagSet, args []string) error {
	cfgPath := fs.String("config", os.Getenv("OCSD_CONFIG"), "config file of `name = value` lines (env OCSD_CONFIG)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	file := map[string]string{}
	if *cfgPath != "" {
		var err error
		if file, err = readConfigFile(*cfgPath); err != nil {
			return err
		}
	}
	var err error
	fs.VisitAll(func(f *flag.Flag) {
		if set[f.Name] || f.Name == "config" || err != nil {
			return
		}
		env := "OCSD_" + strings.ToUpper(strings.ReplaceAll(f.Name, "-", "_"))
		if v, ok := os.LookupEnv(env); ok {
			err = wrapSet(f, v, env)
			return
		}
		if v, ok := file[f.Name]; ok {
			err = wrapSet(f, v, *cfgPath)
		}
	})
	return err
}

func wrapSet(f *flag.Flag, v, from string) error {
	if err := f.Value.Set(v); err != nil {
		return fmt.Errorf("config: %s from %s: %w", f.Name, from, err)
	}
	return nil
}

func readConfigFile(path string) (map[string]string, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("config: %w", err)
	}
	defer fh.Close()
	out := map[string]string{}
	sc := bufio.NewScanner(fh)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		k, v, ok := strings.Cut(line, "=")
		if !ok {
			return nil, fmt.Errorf("config: %s:%d: want name = value", path, n)
		}
		out[strings.TrimSpace(k)] = strings.Trim(strings.TrimSpace(v), `"`)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("config: %s: %w", path, err)
	}
	return out, nil
}
