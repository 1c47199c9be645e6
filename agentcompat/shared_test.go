package agentcompat

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"ocsd/internal/testsupport"
)

// capture is one exchange of ../shared/reference/agents, as index.jsonl
// describes it, with the decoded bodies.
type capture struct {
	Seq          int    `json:"seq"`
	Label        string `json:"label"`
	Method       string `json:"method"`
	UserAgent    string `json:"user_agent"`
	ReqEncoding  string `json:"req_body_encoding"`
	Status       int    `json:"status"`
	RespEncoding string `json:"resp_body_encoding"`
	ReqBody      []byte `json:"-"`
	RespBody     []byte `json:"-"`
}

var bodyHeader = regexp.MustCompile(`(?m)^# body: \d+ bytes on the wire, decoded as \w+ -> \d+ bytes\n`)

// loadCaptures reads every exchange of the reference captures.
func loadCaptures(t testing.TB) []capture {
	t.Helper()
	dir := filepath.Join(testsupport.SharedDir(t), "reference", "agents")
	f, err := os.Open(filepath.Join(dir, "index.jsonl"))
	if err != nil {
		t.Fatalf("open index: %v", err)
	}
	defer f.Close()
	var out []capture
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var c capture
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			t.Fatalf("index line %q: %v", sc.Text(), err)
		}
		prefix := filepath.Join(dir, fmt.Sprintf("%04d-%s", c.Seq, c.Label))
		c.ReqBody = captureBody(t, prefix+".req.txt")
		c.RespBody = captureBody(t, prefix+".resp.txt")
		out = append(out, c)
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("read index: %v", err)
	}
	if len(out) == 0 {
		t.Fatal("no captures in index.jsonl")
	}
	return out
}

func captureBody(t testing.TB, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read capture: %v", err)
	}
	loc := bodyHeader.FindIndex(data)
	if loc == nil {
		t.Fatalf("%s: no body header", path)
	}
	return data[loc[1]:]
}

// publicSamples returns the paths of every public inventory sample, sorted.
func publicSamples(t testing.TB, shared string) []string {
	t.Helper()
	var paths []string
	root := filepath.Join(shared, "samples", "public")
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".xml") {
			paths = append(paths, p)
		}
		return err
	})
	if err != nil {
		t.Fatalf("walk samples: %v", err)
	}
	sort.Strings(paths)
	return paths
}

// sharedIfPresent locates ../shared like testsupport.SharedDir, but reports
// absence instead of skipping: fuzz targets still run their built-in seeds.
func sharedIfPresent() (string, bool) {
	dir := os.Getenv("OCSD_SHARED")
	if dir == "" {
		dir = filepath.Join(testsupport.RepoRoot(), "..", "shared")
	}
	st, err := os.Stat(dir)
	return dir, err == nil && st.IsDir()
}

func readFile(t testing.TB, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read %s: %v", path, err)
	}
	return data
}
