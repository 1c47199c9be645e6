package storage

import (
	"fmt"
	"strconv"
	"time"
)

// dbText scans any column as the text MySQL would print for it. SQLite's
// driver hands DATE/DATETIME/TIMESTAMP columns back as time.Time; they are
// printed back in MySQL's layout so both dialects read identical strings
// (which the row diff and every reply depend on).
type dbText struct {
	String string
	Valid  bool
	// DateOnly prints time values as YYYY-MM-DD (DATE columns).
	DateOnly bool
}

// Scan implements sql.Scanner.
func (d *dbText) Scan(v any) error {
	d.Valid = v != nil
	switch x := v.(type) {
	case nil:
		d.String = ""
	case string:
		d.String = x
	case []byte:
		d.String = string(x)
	case int64:
		d.String = strconv.FormatInt(x, 10)
	case float64:
		d.String = strconv.FormatFloat(x, 'f', -1, 64)
	case bool:
		d.String = "0"
		if x {
			d.String = "1"
		}
	case time.Time:
		if d.DateOnly {
			d.String = x.Format("2006-01-02")
		} else {
			d.String = x.Format("2006-01-02 15:04:05")
		}
	default:
		return fmt.Errorf("storage: cannot read %T as text", v)
	}
	return nil
}
