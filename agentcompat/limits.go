package agentcompat

// Limits cap what one agent body may cost. A zero or negative field takes
// its DefaultLimits value, so a zero Limits is safe, never unlimited.
type Limits struct {
	// MaxBody is the largest body accepted as received, in bytes.
	MaxBody int64
	// MaxInflated is the largest document a body may inflate to, in bytes.
	MaxInflated int64
	// MaxRatio is the largest inflated/compressed size ratio. Real inventories
	// compress 8 to 15 times; deflate tops out near 1032, which only
	// crafted data reaches.
	MaxRatio int
}

// DefaultLimits are generous for real agents and small enough to stop
// abuse: the largest public inventory is 0.5 MB of XML and 40 KB on the wire,
// while OCS itself only has Apache's LimitRequestBody.
func DefaultLimits() Limits {
	return Limits{MaxBody: 20 << 20, MaxInflated: 100 << 20, MaxRatio: 200}
}

// ratioFloor is the inflated size always allowed whatever the ratio: a
// PROLOG of 117 bytes may legitimately inflate 50 times, and a megabyte
// costs nothing worth refusing an agent for.
const ratioFloor = 1 << 20

func (l Limits) withDefaults() Limits {
	d := DefaultLimits()
	if l.MaxBody <= 0 {
		l.MaxBody = d.MaxBody
	}
	if l.MaxInflated <= 0 {
		l.MaxInflated = d.MaxInflated
	}
	if l.MaxRatio <= 0 {
		l.MaxRatio = d.MaxRatio
	}
	return l
}

// inflatedCap is the most a body of bodyLen bytes may inflate to.
func (l Limits) inflatedCap(bodyLen int) int64 {
	byRatio := max(int64(bodyLen)*int64(l.MaxRatio), ratioFloor)
	return min(l.MaxInflated, byRatio)
}
