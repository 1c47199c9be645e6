package ingest

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"ocsd/inventory"
	"ocsd/settings"
)

type planInput struct {
	cfg       settings.Snapshot
	req       *inventory.Request
	content   *inventory.Content
	ref       inventory.DeviceRef
	meta      Meta
	now       time.Time
	acceptTag bool
}

// buildPlan turns an inventory into the writes it causes. Sections absent
// from the document are left alone (OCS never clears them); with
// INVENTORY_DIFF, sections whose CHECKSUM bit is clear are left alone too;
// the others are written only if their fingerprint differs from the stored
// one, and then row by row (unchanged rows keep their ids).
func buildPlan(in planInput) *inventory.WritePlan {
	c := in.content
	known := in.ref.ID != 0
	p := &inventory.WritePlan{
		DeviceID: in.req.DeviceID,
		KnownID:  in.ref.ID,
		Now:      in.now.Format("2006-01-02 15:04:05"),
		LastDate: inventory.LastDate(c.Hardware, in.now),
		Hashes:   map[string]uint64{},
		Hardware: inventory.HardwareValues(inventory.HardwareInput{
			Hardware: c.Hardware, Networks: rowsOf(c, "NETWORKS"), ClientIP: in.meta.ClientIP,
			UserAgent: in.meta.UserAgent, Now: in.now,
		}),
	}
	p.Checksum = inventory.AllSectionsMask()
	if c.HasChecksum {
		p.Checksum = c.Checksum
	}
	p.UserID, p.KeepUserID = inventory.UserID(c.Hardware)
	diff := in.cfg.Bool("INVENTORY_DIFF")
	for _, s := range inventory.Sections() {
		sd := c.Sections[s.Tag]
		if sd == nil {
			continue
		}
		if known && diff && s.Mask != 0 && c.HasChecksum && c.Checksum&s.Mask == 0 {
			continue
		}
		if known && in.ref.Hashes[s.Tag] == sd.Hash {
			continue
		}
		p.Sections = append(p.Sections, inventory.SectionWrite{
			Section: s, Rows: coerceRows(s, sd.Rows), Hash: sd.Hash, IfHashDiffers: known,
		})
		p.Hashes[s.Tag] = sd.Hash
	}
	for _, e := range c.Extra {
		key := "+" + e.Tag
		if known && in.ref.Hashes[key] == e.Hash {
			continue
		}
		p.Extra = append(p.Extra, e)
		p.Hashes[key] = e.Hash
	}
	p.Account = c.AccountInfo
	p.AcceptAccount = in.acceptTag
	p.AccountKnown = known && in.ref.AccountFound
	if in.cfg.Bool("DOWNLOAD") {
		p.DownloadHistory = append([]string{}, c.DownloadHistory...)
	}
	return p
}

func rowsOf(c *inventory.Content, tag string) []inventory.Row {
	if sd := c.Sections[tag]; sd != nil {
		return sd.Rows
	}
	return nil
}

// coerceRows maps agent rows to stored values; single-row sections keep
// their first occurrence only.
func coerceRows(s inventory.Section, rows []inventory.Row) [][]string {
	if !s.Multi && len(rows) > 1 {
		rows = rows[:1]
	}
	out := make([][]string, len(rows))
	for i, r := range rows {
		vals := make([]string, len(s.Columns))
		for j, col := range s.Columns {
			vals[j] = inventory.ColumnValue(r.Get(col.Name), col)
		}
		out[i] = vals
	}
	return out
}

// prepareSoftware adds the software write when the SOFTWARES section is new
// or changed, normalising names, publishers and versions first — outside the
// inventory transaction, in sorted order, so concurrent inventories never
// deadlock on the shared name tables.
func (in *Ingester) prepareSoftware(ctx context.Context, p *inventory.WritePlan, c *inventory.Content, ref inventory.DeviceRef) error {
	sw := c.Software
	if sw == nil || (ref.ID != 0 && ref.Hashes["SOFTWARES"] == sw.Hash) {
		return nil
	}
	items := softwareItems(sw.Rows)
	names, pubs, vers := distinctSoftwareKeys(items)
	ids, err := in.store.NormaliseSoftware(ctx, names, pubs, vers)
	if err != nil {
		return fmt.Errorf("ingest: software names: %w", err)
	}
	sec := inventory.SoftwareSection()
	rows := make([][]string, 0, len(items))
	for _, it := range items {
		vals := make([]string, len(sec.Columns))
		vals[0] = strconv.FormatInt(ids.Names[it.name], 10)
		vals[1] = strconv.FormatInt(idOrUnavailable(ids.Publishers, it.publisher), 10)
		vals[2] = strconv.FormatInt(idOrUnavailable(ids.Versions, it.version), 10)
		for j := 3; j < len(sec.Columns); j++ {
			col := sec.Columns[j]
			vals[j] = inventory.ColumnValue(it.row.Get(col.Name), col)
		}
		rows = append(rows, vals)
	}
	p.Software = &inventory.SectionWrite{Section: sec, Rows: rows, Hash: sw.Hash, IfHashDiffers: ref.ID != 0}
	p.Hashes["SOFTWARES"] = sw.Hash
	return nil
}

// unavailableID is the seeded 'Unavailable' row of software_publisher and
// software_version, used for empty values (mirrors Apache/Ocsinventory/Server/Inventory/Software.pm).
const unavailableID = 1

func idOrUnavailable(m map[string]int64, key string) int64 {
	if key == "" {
		return unavailableID
	}
	return m[key]
}

type softwareItem struct {
	name, publisher, version string
	row                      inventory.Row
}

// softwareItems trims and truncates the normalised keys; rows without a
// name are dropped (OCS would attach them to whatever name has id 1).
func softwareItems(rows []inventory.Row) []softwareItem {
	out := make([]softwareItem, 0, len(rows))
	for _, r := range rows {
		name := inventory.TruncateText(strings.TrimSpace(r.Get("NAME")), 255)
		if inventory.IsEmptyValue(name) {
			continue
		}
		out = append(out, softwareItem{
			name:      name,
			publisher: normKey(r.Get("PUBLISHER")),
			version:   normKey(r.Get("VERSION")),
			row:       r,
		})
	}
	return out
}

func normKey(v string) string {
	v = inventory.TruncateText(strings.TrimSpace(v), 255)
	if inventory.IsEmptyValue(v) {
		return ""
	}
	return v
}

func distinctSoftwareKeys(items []softwareItem) (names, pubs, vers []string) {
	seen := [3]map[string]bool{{}, {}, {}}
	add := func(i int, dst *[]string, v string) {
		if v != "" && !seen[i][v] {
			seen[i][v] = true
			*dst = append(*dst, v)
		}
	}
	for _, it := range items {
		add(0, &names, it.name)
		add(1, &pubs, it.publisher)
		add(2, &vers, it.version)
	}
	return names, pubs, vers
}
