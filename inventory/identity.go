package inventory

import (
	"strconv"
	"strings"
)

// DeviceRef is what a DEVICEID lookup finds: the hardware row id (0: unknown
// device) and the fingerprints of the sections its last inventory carried.
type DeviceRef struct {
	ID     int64
	Hashes map[string]uint64
	// Account is the machine's accountinfo row; AccountFound is false when
	// it has none.
	Account      []AccountEntry
	AccountFound bool
}

// SoftwareIDs maps software names, publishers and versions (as sent, after
// trimming) to the ids of their normalised rows.
type SoftwareIDs struct {
	Names      map[string]int64
	Publishers map[string]int64
	Versions   map[string]int64
}

// Duplicate criteria bits of AUTO_DUPLICATE_LVL (mirrors Apache/Ocsinventory/Server/Duplicate.pm).
const (
	DupHostname uint64 = 1
	DupSerial   uint64 = 2
	DupMAC      uint64 = 4
	DupModel    uint64 = 8
	DupUUID     uint64 = 16
	DupAssetTag uint64 = 32
)

// Identity is the evidence an inventory gives about which machine it is,
// taken from the received XML (not the stored rows).
type Identity struct {
	// ID is the device that sent the inventory: the merge survivor.
	ID       int64
	DeviceID string
	// OldDeviceID is the agent's previous DEVICEID (explicit rename).
	OldDeviceID string
	// Level is AUTO_DUPLICATE_LVL: the criteria a candidate must all match.
	Level    uint64
	Hostname string
	Serial   string
	MACs     []string
	Model    string
	UUID     string
	AssetTag string
	// Checksum is the CHECKSUM received, OR-ed into the survivor on merge.
	Checksum uint64
	// UserID is the USERID received (nil/keep semantics as UserID).
	UserID     *string
	KeepUserID bool
}

// IdentityKey is the fingerprint key of the duplicate evidence in a
// device's stored fingerprints.
const IdentityKey = "@identity"

// Fingerprint hashes the duplicate evidence and the criteria in force. When
// it has not changed since a machine's previous inventory, no duplicate can
// have appeared that this inventory would find: a machine that came to share
// the evidence since has found this one itself, with its own inventory.
func (id Identity) Fingerprint() uint64 {
	var h fingerprint
	for _, s := range []string{strconv.FormatUint(id.Level, 10), id.Hostname, id.Serial, id.Model, id.UUID, id.AssetTag} {
		h.write([]byte(s))
		h.write([]byte{0})
	}
	for _, m := range id.MACs {
		h.write([]byte(m))
		h.write([]byte{1})
	}
	return h.sum()
}

// IdentityOf gathers the duplicate evidence of an inventory.
func IdentityOf(c *Content, id int64, deviceID string, level uint64) Identity {
	out := Identity{ID: id, DeviceID: deviceID, OldDeviceID: strings.TrimSpace(c.OldDeviceID), Level: level}
	out.Hostname = c.Hardware.Get("NAME")
	out.UUID = c.Hardware.Get("UUID")
	if b := c.Sections["BIOS"]; b != nil && len(b.Rows) > 0 {
		out.Serial = b.Rows[0].Get("SSN")
		out.Model = b.Rows[0].Get("SMODEL")
		out.AssetTag = b.Rows[0].Get("ASSETTAG")
	}
	if n := c.Sections["NETWORKS"]; n != nil {
		seen := map[string]bool{}
		for _, r := range n.Rows {
			if m := r.Get("MACADDR"); m != "" && !seen[m] {
				seen[m] = true
				out.MACs = append(out.MACs, m)
			}
		}
	}
	out.Checksum = AllSectionsMask()
	if c.HasChecksum {
		out.Checksum = c.Checksum
	}
	out.UserID, out.KeepUserID = UserID(c.Hardware)
	return out
}

// MergeOptions carry what the survivor of a merge takes from the request.
type MergeOptions struct {
	// Trace writes a deleted_equiv row (TRACE_DELETED=1).
	Trace bool
	// Checksum is the CHECKSUM the survivor received, OR-ed with the victim's.
	Checksum uint64
	// UserID is the USERID received; with KeepUserID the victim's is kept.
	UserID     *string
	KeepUserID bool
}
