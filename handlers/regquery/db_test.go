package regquery

import (
	"ocsd/storage"
)

var _ Store = (*storage.DB)(nil)
