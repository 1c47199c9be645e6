package inventory

import (
	"strings"
	"time"
)

// hardwareColumns are the hardware columns an inventory sets from its
// HARDWARE section, in the order of WritePlan.Hardware (mirrors
// Apache/Ocsinventory/Server/Inventory/Update/Hardware.pm). Text columns an
// agent leaves out become NULL; numeric ones become 0.
var hardwareColumns = [...]Column{
	txt("NAME", 255), txt("WORKGROUP", 255), txt("USERDOMAIN", 255), txt("OSNAME", 255),
	txt("OSVERSION", 255), txt("OSCOMMENTS", 255), txt("PROCESSORT", 255), txt("DNS", 255),
	txt("DEFAULTGATEWAY", 255), txt("DESCRIPTION", 255), txt("WINCOMPANY", 255), txt("WINOWNER", 255),
	txt("WINPRODID", 255), txt("WINPRODKEY", 255), txt("UUID", 255), txt("ARCH", 10),
	num("PROCESSORS", Int), num("PROCESSORN", SmallInt), num("MEMORY", Int), num("SWAP", Int), num("TYPE", Int),
	txt("IPADDR", 255), txt("IPSRC", 255), txt("USERAGENT", 50), num("CATEGORY_ID", Int),
}

// HardwareColumns returns the hardware column names of WritePlan.Hardware.
func HardwareColumns() []string {
	out := make([]string, len(hardwareColumns))
	for i, c := range hardwareColumns {
		out[i] = c.Name
	}
	return out
}

// HardwareInput is what, besides the HARDWARE section, decides the hardware row.
type HardwareInput struct {
	Hardware  Row
	Networks  []Row
	ClientIP  string
	UserAgent string
	Now       time.Time
}

// HardwareValues computes WritePlan.Hardware for an inventory.
func HardwareValues(in HardwareInput) []*string {
	out := make([]*string, len(hardwareColumns))
	for i, c := range hardwareColumns {
		var v string
		switch c.Name {
		case "IPADDR":
			v = sourceAddress(in)
		case "IPSRC":
			v = in.ClientIP
		case "USERAGENT":
			v = in.UserAgent
		default:
			v = in.Hardware.Get(c.Name)
		}
		switch {
		case v == "" && c.Kind == Text:
			out[i] = nil
		case v == "" && c.Name == "CATEGORY_ID":
			out[i] = nil
		default:
			s := Coerce(v, c.Kind, c.Size)
			out[i] = &s
		}
	}
	return out
}

// sourceAddress picks hardware.IPADDR: the interface address the request
// came from when the agent reports it, else the agent's own HARDWARE/IPADDR.
func sourceAddress(in HardwareInput) string {
	if in.ClientIP != "" {
		for _, n := range in.Networks {
			if n.Get("IPADDRESS") == in.ClientIP {
				return in.ClientIP
			}
		}
	}
	return in.Hardware.Get("IPADDR")
}

// UserID returns the hardware.USERID to store (nil: NULL), and keep=true when
// the stored value must stay: OCS ignores service accounts (system,
// localsystem) so the last real user stays visible.
func UserID(hw Row) (v *string, keep bool) {
	u := hw.Get("USERID")
	if strings.Contains(strings.ToLower(u), "system") {
		return nil, true
	}
	if u == "" {
		return nil, false
	}
	u = TruncateText(u, 255)
	return &u, false
}

// LastDate returns hardware.LASTDATE: the agent's LASTDATE when it sends a
// usable one, else now.
func LastDate(hw Row, now time.Time) string {
	v := hw.Get("LASTDATE")
	if v != "" && !strings.HasPrefix(v, "1970-01-01") {
		if t, ok := ParseDate(v); ok {
			return t.Format("2006-01-02 15:04:05")
		}
	}
	return now.Format("2006-01-02 15:04:05")
}
