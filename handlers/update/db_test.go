package update

import (
	"ocsd/storage"
)

var _ Store = (*storage.DB)(nil)
