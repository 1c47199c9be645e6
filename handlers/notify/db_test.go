package notify

import (
	"ocsd/storage"
)

var _ Store = (*storage.DB)(nil)
