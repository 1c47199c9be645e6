package download

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"ocsd/agentcompat"
	"ocsd/handlers"
	"ocsd/inventory"
)

// assignments splits the machine's DOWNLOAD rows: its own (enable id →
// status, nil = never sent) and those of its groups.
func assignments(dev inventory.Contact) (own map[int64]*string, groups []int64) {
	own = map[int64]*string{}
	for _, p := range dev.Params {
		if p.Name != "DOWNLOAD" || p.IValue == nil {
			continue
		}
		if p.Group {
			groups = append(groups, *p.IValue)
		} else {
			own[*p.IValue] = p.TValue
		}
	}
	return own, groups
}

// packs selects the packages to offer (group packages first, then the
// machine's own that were never delivered or only notified), skips those the
// agent already installed unless forced, and records what was offered.
func (m *Module) packs(ctx context.Context, p *handlers.PrologContext) ([]agentcompat.Node, error) {
	dev := p.Device
	own, groups := assignments(dev)
	var untracked []int64
	for _, g := range groups {
		if _, mine := own[g]; !mine && !slices.Contains(untracked, g) {
			untracked = append(untracked, g)
		}
	}
	if p.Settings.Bool("DOWNLOAD_GROUPS_TRACE_EVENTS") && len(untracked) > 0 {
		if err := m.store.AssignPackages(ctx, dev.ID, untracked); err != nil {
			return nil, fmt.Errorf("download: %w", err)
		}
		for _, g := range untracked {
			own[g] = nil
		}
		untracked = nil
	}
	candidates := append([]int64{}, untracked...)
	var mine []int64
	for id, st := range own {
		if st == nil || *st == inventory.PackageNotified {
			mine = append(mine, id)
		}
	}
	slices.Sort(mine)
	candidates = append(candidates, mine...)
	acts, err := m.store.Activations(ctx, candidates)
	if err != nil {
		return nil, fmt.Errorf("download: %w", err)
	}
	history, err := m.store.PackageHistory(ctx, dev.ID)
	if err != nil {
		return nil, fmt.Errorf("download: %w", err)
	}
	nodes, installed := offer(dev, candidates, acts, history)
	stamp := m.timestamp()
	if err := m.store.SetPackageStatus(ctx, dev.ID, installed, inventory.PackageAlreadyInstalled, stamp, false); err != nil {
		return nil, fmt.Errorf("download: %w", err)
	}
	if err := m.store.SetPackageStatus(ctx, dev.ID, mine, inventory.PackageNotified, stamp, true); err != nil {
		return nil, fmt.Errorf("download: %w", err)
	}
	return nodes, nil
}

// offer builds the PACK parameters, once per FILEID.
func offer(dev inventory.Contact, ids []int64, acts map[int64]inventory.Activation, history map[string]bool) (nodes []agentcompat.Node, installed []int64) {
	seen := map[string]bool{}
	for _, id := range ids {
		a, ok := acts[id]
		if !ok || (a.ServerID != 0 && !a.ServerFound) || seen[a.FileID] {
			continue
		}
		force := optionText(dev, "DOWNLOAD_FORCE", id) == "1"
		if history[a.FileID] && !force {
			installed = append(installed, id)
			continue
		}
		seen[a.FileID] = true
		nodes = append(nodes, packParam(dev, a, force))
	}
	return nodes, installed
}

func packParam(dev inventory.Contact, a inventory.Activation, force bool) agentcompat.Node {
	packLoc := a.PackLoc
	if a.ServerID != 0 {
		packLoc = strings.NewReplacer("$IP$", a.ServerIP, "$NAME$", a.ServerName).Replace(packLoc)
	}
	forceText := "0"
	if force {
		forceText = "1"
	}
	return agentcompat.Param("",
		agentcompat.Attr{Name: "TYPE", Value: "PACK"},
		agentcompat.Attr{Name: "ID", Value: a.FileID},
		agentcompat.Attr{Name: "INFO_LOC", Value: a.InfoLoc},
		agentcompat.Attr{Name: "PACK_LOC", Value: packLoc},
		agentcompat.Attr{Name: "CERT_PATH", Value: orInstallPath(a.CertPath)},
		agentcompat.Attr{Name: "CERT_FILE", Value: orInstallPath(a.CertFile)},
		agentcompat.Attr{Name: "SCHEDULE", Value: optionText(dev, "DOWNLOAD_SCHEDULE", a.EnableID)},
		agentcompat.Attr{Name: "POSTCMD", Value: optionText(dev, "DOWNLOAD_POSTCMD", a.EnableID)},
		agentcompat.Attr{Name: "FORCE", Value: forceText},
	)
}

// orInstallPath: agents replace the INSTALL_PATH token by their install dir.
func orInstallPath(s string) string {
	if s == "" {
		return "INSTALL_PATH"
	}
	return s
}

// optionText returns the TVALUE of a per-package row (DOWNLOAD_FORCE,
// DOWNLOAD_SCHEDULE, DOWNLOAD_POSTCMD) of the machine, else of a group.
func optionText(dev inventory.Contact, name string, enableID int64) string {
	var fromGroup string
	for _, p := range dev.Params {
		if p.Name != name || p.IValue == nil || *p.IValue != enableID || p.TValue == nil {
			continue
		}
		if !p.Group {
			return *p.TValue
		}
		if fromGroup == "" {
			fromGroup = *p.TValue
		}
	}
	return fromGroup
}
