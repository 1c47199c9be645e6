package storage

import "ocsd/soap"

// The SOAP service's Backend is the OCS database.
var _ soap.Backend = (*DB)(nil)
