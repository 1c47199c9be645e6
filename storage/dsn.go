package storage

import (
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/go-sql-driver/mysql"
)

// Dialect is the SQL flavour of an open database.
type Dialect uint8

// Supported dialects.
const (
	// SQLite is the embedded default (modernc.org/sqlite, no cgo).
	SQLite Dialect = iota + 1
	// MySQL covers MySQL and MariaDB, the dialect GLPI and OCS use.
	MySQL
)

// String names the dialect.
func (d Dialect) String() string {
	if d == MySQL {
		return "mysql"
	}
	return "sqlite"
}

// Source is a parsed --db value.
type Source struct {
	Dialect Dialect
	// Path is the SQLite file.
	Path string
	// MySQL is the driver configuration for MySQL/MariaDB.
	MySQL *mysql.Config
}

// ParseDSN reads the DSN forms ocsd accepts:
//
//	sqlite:PATH
//	mysql://USER:PASS@HOST:PORT/DB[?opt=v]
//	mysql://USER:PASS@unix(/run/mysqld/mysqld.sock)/DB
//	mysql://USER:PASS@tcp(HOST:PORT)/DB (the Go driver's spelling)
//	mysql://USER@/DB?socket=/run/mysqld/mysqld.sock
func ParseDSN(dsn string) (Source, error) {
	switch {
	case strings.HasPrefix(dsn, "sqlite:"):
		p := strings.TrimPrefix(strings.TrimPrefix(dsn, "sqlite:"), "//")
		if p == "" {
			return Source{}, fmt.Errorf("storage: sqlite DSN %q has no path", dsn)
		}
		return Source{Dialect: SQLite, Path: p}, nil
	case strings.HasPrefix(dsn, "mysql://"):
		cfg, err := parseMySQL(strings.TrimPrefix(dsn, "mysql://"))
		if err != nil {
			return Source{}, err
		}
		return Source{Dialect: MySQL, MySQL: cfg}, nil
	}
	return Source{}, fmt.Errorf("storage: unsupported DSN %q (want sqlite:PATH or mysql://USER:PASS@HOST:PORT/DB)", redact(dsn))
}

func parseMySQL(rest string) (*mysql.Config, error) {
	cfg := mysql.NewConfig()
	at := strings.LastIndex(rest, "@")
	if at < 0 {
		return nil, fmt.Errorf("storage: mysql DSN needs USER@HOST")
	}
	cred, hostPart := rest[:at], rest[at+1:]
	if i := strings.IndexByte(cred, ':'); i >= 0 {
		cfg.User, cfg.Passwd = unescape(cred[:i]), unescape(cred[i+1:])
	} else {
		cfg.User = unescape(cred)
	}
	query := ""
	if q := strings.IndexByte(hostPart, '?'); q >= 0 {
		hostPart, query = hostPart[:q], hostPart[q+1:]
	}
	var host, db string
	if netw, _, ok := strings.Cut(hostPart, "("); ok && (netw == "unix" || netw == "tcp") {
		end := strings.Index(hostPart, ")")
		if end < 0 {
			return nil, fmt.Errorf("storage: mysql DSN: unterminated %s(", netw)
		}
		cfg.Net, cfg.Addr = netw, hostPart[len(netw)+1:end]
		db = strings.TrimPrefix(hostPart[end+1:], "/")
	} else {
		slash := strings.IndexByte(hostPart, '/')
		if slash < 0 {
			return nil, fmt.Errorf("storage: mysql DSN needs /DATABASE")
		}
		host, db = hostPart[:slash], hostPart[slash+1:]
		cfg.Net, cfg.Addr = "tcp", host
		if host == "" {
			cfg.Net, cfg.Addr = "unix", "/run/mysqld/mysqld.sock"
		} else if !strings.Contains(host, ":") {
			cfg.Addr = host + ":3306"
		}
	}
	if db == "" {
		return nil, fmt.Errorf("storage: mysql DSN needs a database name")
	}
	cfg.DBName = db
	if err := applyMySQLOptions(cfg, query); err != nil {
		return nil, err
	}
	return cfg, nil
}

func applyMySQLOptions(cfg *mysql.Config, query string) error {
	vals, err := url.ParseQuery(query)
	if err != nil {
		return fmt.Errorf("storage: mysql DSN options: %w", err)
	}
	if s := vals.Get("socket"); s != "" {
		cfg.Net, cfg.Addr = "unix", s
	}
	if t := vals.Get("tls"); t != "" {
		cfg.TLSConfig = t
	}
	// OCS runs its sessions non-strict (Apache/Ocsinventory/Server/System.pm);
	// ocsd coerces values itself, and keeps the same mode so rows written by
	// either server, or by GLPI, read back the same.
	cfg.Params = map[string]string{"sql_mode": "'NO_ENGINE_SUBSTITUTION'"}
	cfg.Collation = "utf8mb4_general_ci"
	cfg.InterpolateParams = true
	// Transactions send their queued writes as one multi-statement round
	// trip (storage/batch.go); values are always escaped by interpolation.
	cfg.MultiStatements = true
	// UPDATE reports the rows it matched, as DBD::mysql does for OCS: an
	// update that changes nothing still says the row exists.
	cfg.ClientFoundRows = true
	cfg.ParseTime = false
	cfg.Timeout = 10 * time.Second
	cfg.ReadTimeout = 60 * time.Second
	cfg.WriteTimeout = 60 * time.Second
	return nil
}

func unescape(s string) string {
	if u, err := url.PathUnescape(s); err == nil {
		return u
	}
	return s
}

// redact hides a password in a DSN for error messages and logs.
func redact(dsn string) string {
	at := strings.LastIndex(dsn, "@")
	scheme := strings.Index(dsn, "://")
	if at < 0 || scheme < 0 {
		return dsn
	}
	cred := dsn[scheme+3 : at]
	if i := strings.IndexByte(cred, ':'); i >= 0 {
		return dsn[:scheme+3] + cred[:i] + ":***" + dsn[at:]
	}
	return dsn
}

// Redact hides the password of a DSN so it can be logged.
func Redact(dsn string) string { return redact(dsn) }
