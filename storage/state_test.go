package storage

import (
	"maps"
	"testing"

	"ocsd/inventory"
)

func TestHashesRoundTrip(t *testing.T) {
	m := map[string]uint64{"BIOS": 1, "+ACCESSLOG": 0xfedcba9876543210, inventory.IdentityKey: 42, "SOFTWARES": 0}
	if got := parseHashes(formatHashes(m)); !maps.Equal(got, m) {
		t.Fatalf("round trip lost keys: %v -> %q -> %v", m, formatHashes(m), got)
	}
}
