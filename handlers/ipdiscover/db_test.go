package ipdiscover

import (
	"time"

	"ocsd/storage"
)

var _ Store = (*storage.DB)(nil)

// clock is the fixed time of the tests, shared by the module and the store.
func clock() time.Time { return time.Date(2024, 6, 1, 12, 0, 0, 0, time.Local) }
