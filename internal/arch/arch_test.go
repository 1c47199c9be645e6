// Package arch holds the architecture test: it fails when a package imports
// something its layer must not (dependencies point inward, see docs/architecture.md).
package arch

import (
	"os/exec"
	"strings"
	"testing"
)

const module = "ocsd"

// rule forbids packages matching from to depend (transitively) on targets
// matching to, except the packages listed in allow.
type rule struct {
	name  string
	from  func(pkg string) bool
	to    func(dep string) bool
	allow func(pkg string) bool
}

func under(prefix string) func(string) bool {
	return func(p string) bool { return p == prefix || strings.HasPrefix(p, prefix+"/") }
}

func anyOf(fs ...func(string) bool) func(string) bool {
	return func(p string) bool {
		for _, f := range fs {
			if f(p) {
				return true
			}
		}
		return false
	}
}

func ours(p string) bool { return p == module || strings.HasPrefix(p, module+"/") }

var rules = []rule{
	{name: "the inventory core imports nothing of ocsd",
		from: func(p string) bool { return p == module+"/inventory" },
		to:   func(d string) bool { return ours(d) && d != module+"/inventory" }},
	{name: "inventory subpackages import only the core, settings and each other",
		from: func(p string) bool { return strings.HasPrefix(p, module+"/inventory/") },
		to: func(d string) bool {
			return ours(d) && !under(module+"/inventory")(d) && d != module+"/settings"
		}},
	{name: "handlers never import soap",
		from: under(module + "/handlers"), to: under(module + "/soap")},
	{name: "soap never imports handlers",
		from: under(module + "/soap"), to: under(module + "/handlers")},
	{name: "only storage speaks SQL",
		from: func(p string) bool {
			return ours(p) && !under(module+"/storage")(p) && !under(module+"/cmd")(p) && !under(module+"/internal")(p)
		},
		to: anyOf(under("database/sql"), under("github.com/go-sql-driver/mysql"), under("modernc.org/sqlite"))},
	{name: "only cmd wires concrete storage",
		from: func(p string) bool {
			return ours(p) && !under(module+"/cmd")(p) && !under(module+"/storage")(p) && !under(module+"/internal")(p)
		},
		to: under(module + "/storage")},
	{name: "gorilla/mux stays in cmd",
		from: func(p string) bool { return ours(p) && !under(module+"/cmd")(p) },
		to:   under("github.com/gorilla/mux")},
	{name: "the dictionary imports only inventory and settings",
		from: under(module + "/dictionary"),
		to: func(d string) bool {
			return ours(d) && !under(module+"/dictionary")(d) && d != module+"/inventory" && d != module+"/settings"
		}},
	{name: "settings is dependency-free",
		from: func(p string) bool { return p == module+"/settings" },
		to:   ours},
}

func TestImportDirections(t *testing.T) {
	out, err := exec.Command("go", "list", "-f", "{{.ImportPath}}: {{join .Deps \" \"}}", module+"/...").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	checked := 0
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		pkg, deps, _ := strings.Cut(line, ": ")
		for _, r := range rules {
			if !r.from(pkg) {
				continue
			}
			checked++
			for _, d := range strings.Fields(deps) {
				if r.to(d) && d != pkg {
					t.Errorf("%s: %s depends on %s", r.name, pkg, d)
				}
			}
		}
	}
	if checked == 0 {
		t.Fatal("no package matched any rule: the test checks nothing")
	}
}
