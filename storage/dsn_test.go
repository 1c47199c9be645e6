package storage

import "testing"

func TestParseDSN(t *testing.T) {
	tests := []struct {
		dsn                     string
		net, addr, user, pw, db string
	}{
		{"mysql://ocs:secret@127.0.0.1:3306/ocsweb", "tcp", "127.0.0.1:3306", "ocs", "secret", "ocsweb"},
		{"mysql://ocs@db.example/ocsweb", "tcp", "db.example:3306", "ocs", "", "ocsweb"},
		{"mysql://root@tcp(127.0.0.1:3307)/ocsweb", "tcp", "127.0.0.1:3307", "root", "", "ocsweb"},
		{"mysql://ocs:p%40ss@unix(/run/mysqld/mysqld.sock)/ocsweb", "unix", "/run/mysqld/mysqld.sock", "ocs", "p@ss", "ocsweb"},
		{"mysql://ocs@/ocsweb?socket=/tmp/my.sock", "unix", "/tmp/my.sock", "ocs", "", "ocsweb"},
	}
	for _, tt := range tests {
		src, err := ParseDSN(tt.dsn)
		if err != nil {
			t.Errorf("%s: %v", tt.dsn, err)
			continue
		}
		c := src.MySQL
		if src.Dialect != MySQL || c.Net != tt.net || c.Addr != tt.addr || c.User != tt.user || c.Passwd != tt.pw || c.DBName != tt.db {
			t.Errorf("%s: got %s %s user %q pass %q db %q", tt.dsn, c.Net, c.Addr, c.User, c.Passwd, c.DBName)
		}
	}
	if src, err := ParseDSN("sqlite:./ocsd.db"); err != nil || src.Dialect != SQLite || src.Path != "./ocsd.db" {
		t.Errorf("sqlite: %+v %v", src, err)
	}
	for _, bad := range []string{"postgres://x/y", "mysql://nohost", "mysql://u@h:1/", "mysql://u@tcp(h:1/db", "sqlite:"} {
		if _, err := ParseDSN(bad); err == nil {
			t.Errorf("%s: accepted", bad)
		}
	}
}
