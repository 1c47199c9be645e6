package inventory

import "hash/crc32"

// castagnoli is the CRC-32C table; both CRC-32 variants below run on the
// processor's CRC and carry-less multiply instructions on amd64 and arm64.
var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// fingerprint is a 64-bit digest of byte strings: CRC-32C and CRC-32
// (IEEE) side by side. It is stable across processes (fingerprints are
// stored) and an order of magnitude faster than CRC-64 on an 80 KB
// inventory, where hashing had become a fifth of the parse cost. It guards
// against rewriting unchanged sections, not against an adversary: a forged
// collision could only make ocsd skip a section the same agent changed.
type fingerprint struct {
	c, i uint32
}

func (f *fingerprint) write(b []byte) {
	f.c = crc32.Update(f.c, castagnoli, b)
	f.i = crc32.Update(f.i, crc32.IEEETable, b)
}

func (f *fingerprint) sum() uint64 { return uint64(f.c)<<32 | uint64(f.i) }

// fingerprintOf returns the fingerprint of one byte string.
func fingerprintOf(b []byte) uint64 {
	var f fingerprint
	f.write(b)
	return f.sum()
}
