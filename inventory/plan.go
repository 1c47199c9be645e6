package inventory

// WritePlan is everything one INVENTORY request writes, computed before the
// transaction so the transaction does only I/O. The store executes it
// atomically: all of it is committed, or nothing.
type WritePlan struct {
	// DeviceID is the agent's DEVICEID.
	DeviceID string
	// KnownID is the hardware.ID found before the transaction (0: new device).
	KnownID int64
	// Hardware holds the hardware columns to set, in HardwareColumns order;
	// a nil entry stores NULL.
	Hardware []*string
	// Checksum is OR-ed into hardware.CHECKSUM (with the stored value and 1).
	Checksum uint64
	// LastDate is hardware.LASTDATE; Now is the request time (LASTCOME).
	LastDate string
	Now      string
	// UserID is hardware.USERID (nil: NULL) unless KeepUserID.
	UserID     *string
	KeepUserID bool
	// Sections are the section writes, in table order.
	Sections []SectionWrite
	// Software is the software write (nil: section absent or skipped).
	Software *SectionWrite
	// Account is the agent's ACCOUNTINFO. It is stored for a new device (and
	// for a known one that lost its row, with TAG "LOST").
	Account []AccountEntry
	// AcceptAccount stores Account over a known device's row too.
	AcceptAccount bool
	// AccountKnown tells the store the caller read the known device's
	// accountinfo row and found it, so it need not read it again.
	AccountKnown bool
	// Extra are the sections without an OCS table that changed.
	Extra []ExtraSection
	// Hashes are the fingerprints to remember for the next inventory.
	Hashes map[string]uint64
	// DownloadHistory, when not nil, replaces the device's download_history.
	DownloadHistory []string
}

// SectionWrite is the new content of one section of one device.
type SectionWrite struct {
	Section Section
	// Rows are the coerced values, one slice per row, in Section.Columns order.
	Rows [][]string
	// Hash is the section fingerprint stored on success.
	Hash uint64
	// IfHashDiffers skips the write when the stored fingerprint equals Hash
	// (checked inside the transaction, after the device row is locked).
	IfHashDiffers bool
}

// WriteResult is what the store reports after executing a WritePlan.
type WriteResult struct {
	// ID is the device's hardware.ID.
	ID int64
	// Created is true when the hardware row was inserted by this request.
	Created bool
	// Written lists the tables whose rows changed.
	Written []string
	// Account is the device's accountinfo row after the write (column → value).
	Account []AccountEntry
	// AccountLost is true when a known device had no accountinfo row (OCS's LOST case).
	AccountLost bool
}

// StoredRow is a section row as read back from the database.
type StoredRow struct {
	ID     int64
	Values []string
}

// DiffRows matches fresh rows against stored rows as multisets. It returns
// the ids of stored rows that no fresh row matches (to delete) and the
// indexes of fresh rows that no stored row matches (to insert); unchanged
// rows keep their ids, which is what lets a re-inventory write nothing.
func DiffRows(stored []StoredRow, fresh [][]string) (del []int64, ins []int) {
	pool := make(map[string][]int64, len(stored))
	for _, r := range stored {
		k := rowKey(r.Values)
		pool[k] = append(pool[k], r.ID)
	}
	for i, r := range fresh {
		k := rowKey(r)
		if ids := pool[k]; len(ids) > 0 {
			pool[k] = ids[1:]
			continue
		}
		ins = append(ins, i)
	}
	for _, ids := range pool {
		del = append(del, ids...)
	}
	return del, ins
}

func rowKey(vals []string) string {
	n := 0
	for _, v := range vals {
		n += len(v) + 1
	}
	b := make([]byte, 0, n)
	for _, v := range vals {
		b = append(b, v...)
		b = append(b, 0)
	}
	return string(b)
}
