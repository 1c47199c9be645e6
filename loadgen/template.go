// Package loadgen replays agent traffic against an ocsd (or OCS) server:
// many concurrent agents, each with an identity cloned from a real
// inventory, measuring throughput and latency.
package loadgen

import (
	"bytes"
	"fmt"
	"regexp"
	"sort"
	"strconv"
)

// slot is a value of the inventory that differs per cloned agent.
type slot uint8

const (
	slotDeviceID slot = iota
	slotName
	slotSerial
	slotMAC
	slotUUID
)

// Template is an inventory cut around the values that identify a machine,
// so clone i can be rendered by concatenation alone.
type Template struct {
	parts    [][]byte
	slots    []slot
	original []string
}

var identityFields = []struct {
	re   *regexp.Regexp
	slot slot
}{
	{regexp.MustCompile(`<DEVICEID>([^<]*)</DEVICEID>`), slotDeviceID},
	{regexp.MustCompile(`(?s)<HARDWARE>.*?<NAME>([^<]*)</NAME>`), slotName},
	{regexp.MustCompile(`<SSN>([^<]*)</SSN>`), slotSerial},
	{regexp.MustCompile(`<MACADDR>([^<]*)</MACADDR>`), slotMAC},
	{regexp.MustCompile(`<UUID>([^<]*)</UUID>`), slotUUID},
}

// NewTemplate cuts doc (a full INVENTORY request) around its DEVICEID,
// hostname, serial, MAC addresses and UUID.
func NewTemplate(doc []byte) (*Template, error) {
	type cut struct {
		start, end int
		slot       slot
	}
	var cuts []cut
	for _, f := range identityFields {
		for _, m := range f.re.FindAllSubmatchIndex(doc, -1) {
			cuts = append(cuts, cut{m[2], m[3], f.slot})
			if f.slot == slotDeviceID || f.slot == slotName {
				break
			}
		}
	}
	if len(cuts) == 0 || cuts[0].slot != slotDeviceID {
		return nil, fmt.Errorf("loadgen: template has no DEVICEID")
	}
	sort.Slice(cuts, func(a, b int) bool { return cuts[a].start < cuts[b].start })
	t := &Template{}
	pos := 0
	for _, c := range cuts {
		if c.start < pos {
			continue // overlapping match (e.g. NAME inside an earlier slot)
		}
		t.parts = append(t.parts, doc[pos:c.start])
		t.slots = append(t.slots, c.slot)
		t.original = append(t.original, string(doc[c.start:c.end]))
		pos = c.end
	}
	t.parts = append(t.parts, doc[pos:])
	return t, nil
}

// Render returns the inventory of clone i and its DEVICEID. Every clone has
// its own DEVICEID, hostname, serial, MACs and UUID, so clones never look
// like duplicates of each other.
func (t *Template) Render(i int) ([]byte, string) {
	var b bytes.Buffer
	b.Grow(t.size() + 64)
	deviceID := ""
	macs := 0
	for k, p := range t.parts {
		b.Write(p)
		if k == len(t.slots) {
			break
		}
		v := t.value(t.slots[k], i, &macs)
		if t.slots[k] == slotDeviceID {
			deviceID = v
		}
		b.WriteString(v)
	}
	return b.Bytes(), deviceID
}

func (t *Template) size() int {
	n := 0
	for _, p := range t.parts {
		n += len(p)
	}
	return n
}

func (t *Template) value(s slot, i int, macs *int) string {
	switch s {
	case slotDeviceID:
		return fmt.Sprintf("bench%07d-2024-01-02-03-04-05", i)
	case slotName:
		return "bench" + strconv.Itoa(i)
	case slotSerial:
		return fmt.Sprintf("BENCH-SN-%07d", i)
	case slotMAC:
		*macs++
		return fmt.Sprintf("02:%02x:%02x:%02x:%02x:%02x", *macs&0xff, (i>>24)&0xff, (i>>16)&0xff, (i>>8)&0xff, i&0xff)
	case slotUUID:
		return fmt.Sprintf("00000000-0000-4000-8000-%012d", i)
	}
	return ""
}

// DeviceID returns the DEVICEID of clone i.
func (t *Template) DeviceID(i int) string {
	var macs int
	return t.value(slotDeviceID, i, &macs)
}

// Prolog returns the PROLOG request of clone i.
func Prolog(deviceID string) []byte {
	return []byte(`<?xml version="1.0" encoding="UTF-8"?>` + "\n<REQUEST>\n  <DEVICEID>" + deviceID +
		"</DEVICEID>\n  <QUERY>PROLOG</QUERY>\n</REQUEST>\n")
}
