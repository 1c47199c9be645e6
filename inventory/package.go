package inventory

// Activation is a package made available at a location (a download_enable
// row) with what is needed to build its PACK parameter.
type Activation struct {
	EnableID int64
	FileID   string
	InfoLoc  string
	PackLoc  string
	CertPath string
	CertFile string
	// ServerID is the redistribution server (0: none); ServerFound tells
	// whether that machine still exists, ServerIP/ServerName its address.
	ServerID    int64
	ServerFound bool
	ServerIP    string
	ServerName  string
}

// Package statuses the server itself writes in devices.TVALUE (NAME='DOWNLOAD').
const (
	PackageNotified         = "NOTIFIED"
	PackageAlreadyInstalled = "SUCCESS_ALREADY_IN_HISTORY"
	PackageUnknownCode      = "UNKNOWN_CODE"
)
