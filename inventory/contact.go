package inventory

import "time"

// Contact is what a PROLOG knows of the machine that sent it.
type Contact struct {
	// ID is hardware.ID; 0 when the DEVICEID is unknown.
	ID     int64
	Name   string
	IPAddr string
	// LastDate and LastCome are zero when NULL.
	LastDate time.Time
	LastCome time.Time
	Quality  float64
	Fidelity int64
	// Params are the devices rows of the machine and of its groups.
	Params []DeviceParam
}

// DeviceParam is a devices row: a per-device (Group false) or per-group
// setting, or a package assignment.
type DeviceParam struct {
	Name   string
	IValue *int64
	TValue *string
	Group  bool
}

// Param returns the machine's own row named name.
func (c Contact) Param(name string) (DeviceParam, bool) {
	for _, p := range c.Params {
		if p.Name == name && !p.Group {
			return p, true
		}
	}
	return DeviceParam{}, false
}

// GroupInts returns the non-NULL IVALUEs of the group rows named name.
func (c Contact) GroupInts(name string) []int64 {
	var out []int64
	for _, p := range c.Params {
		if p.Name == name && p.Group && p.IValue != nil {
			out = append(out, *p.IValue)
		}
	}
	return out
}
