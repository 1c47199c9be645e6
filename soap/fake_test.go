package soap

import (
	"context"
	"sort"

	"github.com/rs/zerolog"

	"ocsd/soap/store"
)

// memBackend is an in-memory Backend for codec and dispatch tests; the
// database-backed tests exercise the storage package.
type memBackend struct {
	computers []store.Computer
	rows      map[string][]store.Row
	config    map[string]store.ConfigRow
	events    []store.Event
	types     map[string]bool
	tagged    []store.NetworkDevice
	deleted   []int64
	resetTo   uint64
	lastQuery store.ComputerQuery
}

func newMem() *memBackend {
	return &memBackend{rows: map[string][]store.Row{}, config: map[string]store.ConfigRow{}, types: map[string]bool{}}
}

func (m *memBackend) Computers(_ context.Context, q store.ComputerQuery) ([]store.Computer, error) {
	m.lastQuery = q
	out := append([]store.Computer(nil), m.computers...)
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	if q.Offset >= len(out) {
		return nil, nil
	}
	out = out[q.Offset:]
	if len(out) > q.Limit {
		out = out[:q.Limit]
	}
	return out, nil
}

func (m *memBackend) ComputerIDs(ctx context.Context, q store.ComputerQuery) ([]int64, error) {
	q.Offset, q.Limit = 0, len(m.computers)
	cs, _ := m.Computers(ctx, q)
	ids := make([]int64, len(cs))
	for i, c := range cs {
		ids[i] = c.ID
	}
	return ids, nil
}

func (m *memBackend) ComputersByID(_ context.Context, ids []int64) ([]store.Computer, error) {
	var out []store.Computer
	for _, c := range m.computers {
		for _, id := range ids {
			if c.ID == id {
				out = append(out, c)
			}
		}
	}
	return out, nil
}

func (m *memBackend) TableHasRows(context.Context, string) (bool, error) { return true, nil }

func (m *memBackend) SectionRows(_ context.Context, q store.RowQuery) ([]store.Row, error) {
	return m.rows[q.Table], nil
}

func (m *memBackend) SoftwareRows(_ context.Context, _ []string, _ []int64) ([]store.Row, error) {
	return m.rows["software"], nil
}

func (m *memBackend) AccountInfo(_ context.Context, ids []int64) (store.AccountInfo, error) {
	ai := store.AccountInfo{Columns: []string{"TAG", "fields_3"}, Rows: map[int64][]*string{},
		FieldNames: map[string]string{"fields_3": "COLOR"}, Labels: map[string]map[string]string{"COLOR": {"1": "red", "2": "blue"}}}
	for _, c := range m.computers {
		tag := c.Tag
		ai.Rows[c.ID] = []*string{&tag, strp("1&&&2")}
	}
	return ai, nil
}

func (m *memBackend) DictionaryWords(_ context.Context, ids []int64) (map[int64][]string, error) {
	return map[int64][]string{ids[0]: {"Firefox"}}, nil
}

func (m *memBackend) DictionaryLookup(_ context.Context, w string) (string, bool, error) {
	if w == "firefox-esr" {
		return "Firefox", true, nil
	}
	return "", false, nil
}

func (m *memBackend) ResetChecksum(_ context.Context, sum uint64, ids []int64) (int64, error) {
	m.resetTo = sum
	n := int64(0)
	for _, c := range m.computers {
		for _, id := range ids {
			if c.ID == id {
				n++
			}
		}
	}
	return n, nil
}

func (m *memBackend) DeleteComputers(_ context.Context, ids []int64, _ bool) ([]int64, error) {
	m.deleted = append(m.deleted, ids...)
	return ids, nil
}

func (m *memBackend) History(_ context.Context, off, limit int) ([]store.Event, error) {
	if off >= len(m.events) {
		return nil, nil
	}
	return m.events[off:min(len(m.events), off+limit)], nil
}

func (m *memBackend) ClearHistory(_ context.Context, n int) (int64, error) {
	n = min(n, len(m.events))
	m.events = m.events[n:]
	return int64(n), nil
}

func (m *memBackend) ConfigRow(_ context.Context, name string) (store.ConfigRow, bool, error) {
	r, ok := m.config[name]
	return r, ok, nil
}

func (m *memBackend) SetConfig(_ context.Context, name string, iv *int64, tv *string) error {
	r := m.config[name]
	if iv != nil {
		r.IValue = iv
	}
	if tv != nil {
		r.TValue = tv
	}
	m.config[name] = r
	return nil
}

func (m *memBackend) DiscoveredInterfaces(context.Context, string, int, int, bool) ([]store.Interface, error) {
	return []store.Interface{{Date: "2024-01-02 03:04:05", IP: "10.0.0.9", MAC: "00:11:22:33:44:55", Mask: "255.0.0.0"}}, nil
}

func (m *memBackend) DeviceTypeExists(_ context.Context, n string) (bool, error) {
	return m.types[n], nil
}
func (m *memBackend) OperatorExists(_ context.Context, id string) (bool, error) {
	return id == "admin", nil
}

func (m *memBackend) TagNetworkDevice(_ context.Context, d store.NetworkDevice) (int64, error) {
	m.tagged = append(m.tagged, d)
	return 1, nil
}

func (m *memBackend) UntagNetworkDevice(context.Context, string) (int64, error) { return 0, nil }

func (m *memBackend) CreateDeviceType(_ context.Context, n string) (bool, error) {
	if m.types[n] {
		return false, nil
	}
	m.types[n] = true
	return true, nil
}

func (m *memBackend) DeleteDeviceType(_ context.Context, n string) (int64, error) {
	if !m.types[n] {
		return 0, nil
	}
	delete(m.types, n)
	return 1, nil
}

func (m *memBackend) SNMPDevices(context.Context, store.SNMPQuery) ([]store.SNMPDevice, error) {
	return []store.SNMPDevice{{Type: "Printer", ID: 4, Columns: []string{"NAME"}, Values: []*string{strp("hp")}}}, nil
}

func storeEvent(deleted string) store.Event {
	return store.Event{Date: "2024-04-01 08:00:00", Deleted: deleted}
}

func zlogNop() zerolog.Logger { return zerolog.Nop() }
