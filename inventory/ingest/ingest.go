// Package ingest is the unit of work of one INVENTORY request: identify the
// device, decide what changed, normalise software, write everything in one
// transaction, then resolve duplicates and compute the agent's reply.
package ingest

import (
	"context"
	"fmt"
	"time"

	"github.com/rs/zerolog"

	"ocsd/inventory"
	"ocsd/settings"
)

// Store is what the ingest needs from the database.
type Store interface {
	// LookupDevice finds the newest hardware row with this DEVICEID (ID 0: none).
	LookupDevice(ctx context.Context, deviceID string) (inventory.DeviceRef, error)
	// NormaliseSoftware returns the ids of names, publishers and versions,
	// creating the missing ones.
	NormaliseSoftware(ctx context.Context, names, publishers, versions []string) (inventory.SoftwareIDs, error)
	// ExecutePlan writes a plan in one transaction.
	ExecutePlan(ctx context.Context, plan *inventory.WritePlan) (inventory.WriteResult, error)
	// Account reads a device's accountinfo row.
	Account(ctx context.Context, id int64) ([]inventory.AccountEntry, error)
	// CacheSearchValues feeds the console's search caches.
	CacheSearchValues(ctx context.Context, osname string, regNames, regValues []string) error
	// ForgetFingerprint drops one stored fingerprint of a device.
	ForgetFingerprint(ctx context.Context, id int64, key string) error
}

// SettingsSource gives the current server options.
type SettingsSource interface {
	Settings(ctx context.Context) (settings.Snapshot, error)
}

// Deduplicator merges the devices an inventory shows to be the same machine
// into it (explicit OLD_DEVICEID renames and AUTO_DUPLICATE_LVL matches).
type Deduplicator interface {
	Resolve(ctx context.Context, c inventory.Identity) (merged []int64, err error)
}

// Options tune the ingest.
type Options struct {
	// AcceptTagUpdate stores the agent's ACCOUNTINFO for known devices too
	// (OCS_OPT_ACCEPT_TAG_UPDATE_FROM_CLIENT).
	AcceptTagUpdate bool
	// Now is the clock (nil: time.Now).
	Now func() time.Time
	// XML caps the parse of sections left unparsed (inventory.ParseRequestLazy).
	XML inventory.XMLLimits
}

// Ingester runs inventories.
type Ingester struct {
	store Store
	cfg   SettingsSource
	dups  Deduplicator
	opt   Options
	locks *keyedMutex
}

// New returns an Ingester.
func New(store Store, cfg SettingsSource, dups Deduplicator, opt Options) *Ingester {
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.XML.MaxElements == 0 {
		opt.XML = inventory.DefaultXMLLimits()
	}
	return &Ingester{store: store, cfg: cfg, dups: dups, opt: opt, locks: newKeyedMutex(512)}
}

// Meta is what the transport knows about an inventory request.
type Meta struct {
	// Document is the decoded XML the request was parsed from.
	Document  []byte
	ClientIP  string
	UserAgent string
}

// Outcome is the result of an inventory, for the reply and the logs.
type Outcome struct {
	ID      int64
	Created bool
	Merged  []int64
	Written []string
	// AccountUpdate tells the agent to replace its account info with Account.
	AccountUpdate bool
	Account       []inventory.AccountEntry
}

// Ingest stores one inventory, whose CONTENT was read by inventory.ExtractContent. It returns only after the inventory is
// committed; duplicate resolution failures after the commit are logged, not
// returned, because the inventory itself is safe.
func (in *Ingester) Ingest(ctx context.Context, req *inventory.Request, content *inventory.Content, meta Meta) (*Outcome, error) {
	cfg, err := in.cfg.Settings(ctx)
	if err != nil {
		return nil, fmt.Errorf("ingest: settings: %w", err)
	}
	unlock := in.locks.lock(req.DeviceID)
	defer unlock()
	ref, err := in.store.LookupDevice(ctx, req.DeviceID)
	if err != nil {
		return nil, fmt.Errorf("ingest: lookup: %w", err)
	}
	if err := loadChanged(content, ref, in.opt.XML); err != nil {
		return nil, err
	}
	now := in.opt.Now()
	plan := buildPlan(planInput{cfg: cfg, req: req, content: content, ref: ref, meta: meta, now: now, acceptTag: in.opt.AcceptTagUpdate})
	ident := inventory.IdentityOf(content, 0, req.DeviceID, uint64(cfg.Int("AUTO_DUPLICATE_LVL")))
	idChanged := ref.ID == 0 || ref.Hashes[inventory.IdentityKey] != ident.Fingerprint()
	if idChanged {
		plan.Hashes[inventory.IdentityKey] = ident.Fingerprint()
	}
	if err := in.prepareSoftware(ctx, plan, content, ref); err != nil {
		return nil, err
	}
	res, err := in.store.ExecutePlan(ctx, plan)
	if err != nil {
		return nil, fmt.Errorf("ingest: write: %w", err)
	}
	out := &Outcome{ID: res.ID, Created: res.Created, Written: res.Written, Account: res.Account}
	if out.Account == nil && !res.Created && plan.AccountKnown {
		out.Account = ref.Account
	}
	if cfg.Bool("INVENTORY_CACHE_ENABLED") {
		in.cacheSearchValues(ctx, content)
	}
	if idChanged || ident.OldDeviceID != "" {
		ident.ID = res.ID
		out.Merged = in.resolveDuplicates(ctx, ident)
	}
	if len(out.Merged) > 0 {
		if acc, err := in.store.Account(ctx, res.ID); err == nil {
			out.Account = acc
		} else {
			zerolog.Ctx(ctx).Error().Err(err).Int64("hardware_id", res.ID).Msg("account info after merge")
		}
	}
	out.AccountUpdate = accountUpdate(res.Created && len(out.Merged) == 0, res.AccountLost, content, out.Account)
	return out, nil
}

// loadChanged parses the sections the inventory may have to write: all of
// them for a new machine, else those whose fingerprint differs from the one
// stored. A re-inventory that changed nothing parses none of its sections.
func loadChanged(c *inventory.Content, ref inventory.DeviceRef, lim inventory.XMLLimits) error {
	var tags []string
	for tag, sd := range c.Sections {
		if !sd.Loaded() && (ref.ID == 0 || ref.Hashes[tag] != sd.Hash) {
			tags = append(tags, tag)
		}
	}
	if sw := c.Software; sw != nil && !sw.Loaded() && (ref.ID == 0 || ref.Hashes["SOFTWARES"] != sw.Hash) {
		tags = append(tags, "SOFTWARES")
	}
	if err := c.Load(lim, tags...); err != nil {
		return fmt.Errorf("ingest: %w", err)
	}
	return nil
}

// cacheSearchValues feeds the console's search caches; a failure there
// costs a drop-down entry, not the inventory, so it is only logged.
func (in *Ingester) cacheSearchValues(ctx context.Context, c *inventory.Content) {
	var names, values []string
	if reg := c.Sections["REGISTRY"]; reg != nil {
		for _, r := range reg.Rows {
			names = append(names, inventory.TruncateText(r.Get("NAME"), 255))
			values = append(values, r.Get("REGVALUE"))
		}
	}
	osname := inventory.TruncateText(c.Hardware.Get("OSNAME"), 255)
	if err := in.store.CacheSearchValues(ctx, osname, names, values); err != nil {
		zerolog.Ctx(ctx).Warn().Err(err).Msg("search caches")
	}
}

// resolveDuplicates merges the machines the inventory shows to be this one.
// It runs only when the evidence changed since the machine's previous
// inventory (see inventory.Identity.Fingerprint); after a failure the stored
// fingerprint is dropped so the next inventory tries again.
func (in *Ingester) resolveDuplicates(ctx context.Context, ident inventory.Identity) []int64 {
	if in.dups == nil {
		return nil
	}
	merged, err := in.dups.Resolve(ctx, ident)
	if err != nil {
		log := zerolog.Ctx(ctx)
		log.Error().Err(err).Int64("hardware_id", ident.ID).Msg("duplicate resolution failed; inventory kept")
		if err := in.store.ForgetFingerprint(ctx, ident.ID, inventory.IdentityKey); err != nil {
			log.Error().Err(err).Msg("forget identity fingerprint")
		}
	}
	return merged
}

// accountUpdate decides between ACCOUNT_UPDATE and NO_ACCOUNT_UPDATE
// (mirrors Apache/Ocsinventory/Server/Inventory.pm): a new device that merged
// nothing keeps what it sent; otherwise the stored values win whenever the
// agent's differ, are missing, or are not as many as the stored columns.
func accountUpdate(newDevice, lost bool, c *inventory.Content, stored []inventory.AccountEntry) bool {
	if lost {
		return true
	}
	if newDevice {
		return false
	}
	if !c.HasAccountInfo || len(c.AccountInfo) != len(stored) {
		return true
	}
	for _, s := range stored {
		for _, a := range c.AccountInfo {
			if a.Name == s.Name && a.Value != s.Value {
				return true
			}
		}
	}
	return false
}
