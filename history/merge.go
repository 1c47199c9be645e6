// Package history keeps track of machines that disappear: it merges the
// duplicates an inventory reveals into the machine that sent it and records
// merges and deletions in deleted_equiv, which is how GLPI follows them.
package history

import (
	"context"
	"fmt"

	"github.com/rs/zerolog"

	"ocsd/inventory"
	"ocsd/settings"
)

// Store is what merging needs from the database.
type Store interface {
	FindDuplicates(ctx context.Context, ident inventory.Identity) ([]int64, error)
	DevicesByDeviceID(ctx context.Context, deviceID string, exclude int64) ([]int64, error)
	MergeDevice(ctx context.Context, victim, survivor int64, opt inventory.MergeOptions) (bool, error)
}

// SettingsSource gives the current server options.
type SettingsSource interface {
	Settings(ctx context.Context) (settings.Snapshot, error)
}

// Merger resolves duplicates after an inventory.
type Merger struct {
	store Store
	cfg   SettingsSource
}

// NewMerger returns a Merger.
func NewMerger(store Store, cfg SettingsSource) *Merger { return &Merger{store: store, cfg: cfg} }

// Resolve merges into ident.ID, in this order, the machine of the agent's
// previous DEVICEID (regardless of AUTO_DUPLICATE_LVL) and every machine
// matching all AUTO_DUPLICATE_LVL criteria. Each merge is its own
// transaction; a failed merge is reported and the others still run.
func (m *Merger) Resolve(ctx context.Context, ident inventory.Identity) ([]int64, error) {
	cfg, err := m.cfg.Settings(ctx)
	if err != nil {
		return nil, fmt.Errorf("history: settings: %w", err)
	}
	var victims []int64
	if ident.OldDeviceID != "" && ident.OldDeviceID != ident.DeviceID {
		ids, err := m.store.DevicesByDeviceID(ctx, ident.OldDeviceID, ident.ID)
		if err != nil {
			return nil, fmt.Errorf("history: old deviceid: %w", err)
		}
		victims = append(victims, ids...)
	}
	dups, err := m.store.FindDuplicates(ctx, ident)
	if err != nil {
		return nil, fmt.Errorf("history: find duplicates: %w", err)
	}
	victims = appendNew(victims, dups)
	opt := inventory.MergeOptions{Trace: cfg.Bool("TRACE_DELETED"), Checksum: ident.Checksum, UserID: ident.UserID, KeepUserID: ident.KeepUserID}
	var merged []int64
	var firstErr error
	for _, v := range victims {
		ok, err := m.store.MergeDevice(ctx, v, ident.ID, opt)
		if err != nil {
			zerolog.Ctx(ctx).Error().Err(err).Int64("victim", v).Int64("survivor", ident.ID).Msg("merge failed")
			if firstErr == nil {
				firstErr = fmt.Errorf("history: merge %d into %d: %w", v, ident.ID, err)
			}
			continue
		}
		if ok {
			merged = append(merged, v)
		}
	}
	return merged, firstErr
}

func appendNew(list, more []int64) []int64 {
	for _, id := range more {
		dup := false
		for _, x := range list {
			if x == id {
				dup = true
				break
			}
		}
		if !dup {
			list = append(list, id)
		}
	}
	return list
}
