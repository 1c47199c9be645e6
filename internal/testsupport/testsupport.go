// Package testsupport gives tests their real databases and the shared
// reference material, with one rule: outside CI a missing dependency skips
// the test with a message; under CI=true it fails it.
package testsupport

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// InCI reports whether the tests run under CI (CI=true), where nothing may skip.
func InCI() bool { return os.Getenv("CI") == "true" }

// Unavailable skips t (or fails it under CI) because something it needs is missing.
func Unavailable(t testing.TB, format string, args ...any) {
	t.Helper()
	msg := fmt.Sprintf(format, args...)
	if InCI() {
		t.Fatalf("required under CI=true: %s", msg)
	}
	t.Skipf("skipped: %s", msg)
}

// RepoRoot returns the root of the ocsd checkout.
func RepoRoot() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Clean(filepath.Join(filepath.Dir(file), "..", ".."))
}

// SharedDir returns ../shared beside the checkout (reference captures,
// samples, specs), skipping the test when it is absent.
func SharedDir(t testing.TB) string {
	t.Helper()
	dir := os.Getenv("OCSD_SHARED")
	if dir == "" {
		dir = filepath.Join(RepoRoot(), "..", "shared")
	}
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		Unavailable(t, "reference material %s not found (set OCSD_SHARED)", dir)
	}
	return dir
}

// SQLiteDSN returns the DSN of a fresh SQLite database in t's temp dir.
func SQLiteDSN(t testing.TB) string {
	t.Helper()
	return "sqlite:" + filepath.Join(t.TempDir(), "ocsd.db")
}

// MySQLServer returns the base DSN of the test MariaDB/MySQL server, without
// database name ("mysql://root@127.0.0.1:3306"), from OCSD_TEST_MYSQL or the
// local default, after checking it accepts connections.
func MySQLServer(t testing.TB) string {
	t.Helper()
	base := os.Getenv("OCSD_TEST_MYSQL")
	if base == "" {
		base = "mysql://root@127.0.0.1:3306"
	}
	host := base[strings.LastIndex(base, "@")+1:]
	if !strings.HasPrefix(host, "unix(") {
		c, err := net.DialTimeout("tcp", host, 2*time.Second)
		if err != nil {
			Unavailable(t, "MariaDB not reachable at %s: %v (set OCSD_TEST_MYSQL)", host, err)
		}
		c.Close()
	}
	return base
}

// MySQLDSN returns the DSN of a database name unique to this test on the test
// server; the database is created by the first storage.Open and dropped by
// drop at cleanup (pass storage.DropDatabase).
func MySQLDSN(t testing.TB, drop func(ctx context.Context, dsn string) error) string {
	t.Helper()
	base := MySQLServer(t)
	var b [4]byte
	_, _ = rand.Read(b[:])
	name := "ocsd_test_" + sanitize(t.Name()) + "_" + hex.EncodeToString(b[:])
	if len(name) > 64 {
		name = name[:55] + "_" + hex.EncodeToString(b[:])
	}
	dsn := base + "/" + name
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if err := drop(ctx, dsn); err != nil {
			t.Logf("drop %s: %v", name, err)
		}
	})
	return dsn
}

func sanitize(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
		} else {
			b.WriteByte('_')
		}
	}
	out := b.String()
	if len(out) > 30 {
		out = out[:30]
	}
	return out
}
