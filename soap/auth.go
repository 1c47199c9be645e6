package soap

import (
	"crypto/sha256"
	"crypto/subtle"
	"net/http"
)

// Realm is the HTTP Basic realm, the one OCS's Apache configuration uses.
const Realm = "OCS Inventory SOAP Area"

// credentials checks HTTP Basic credentials in constant time.
type credentials struct {
	user, password [sha256.Size]byte
}

func newCredentials(user, password string) *credentials {
	return &credentials{user: sha256.Sum256([]byte(user)), password: sha256.Sum256([]byte(password))}
}

// allow reports whether r carries the configured credentials. Both halves are
// hashed and compared in full, so neither their length nor a matching user
// name shows in the timing.
func (c *credentials) allow(r *http.Request) bool {
	u, p, ok := r.BasicAuth()
	if !ok {
		return false
	}
	hu, hp := sha256.Sum256([]byte(u)), sha256.Sum256([]byte(p))
	okU := subtle.ConstantTimeCompare(hu[:], c.user[:])
	okP := subtle.ConstantTimeCompare(hp[:], c.password[:])
	return okU&okP == 1
}

// challenge answers 401 with the Basic realm.
func challenge(w http.ResponseWriter) {
	w.Header().Set("WWW-Authenticate", `Basic realm="`+Realm+`"`)
	http.Error(w, "401 Unauthorized: SOAP credentials required", http.StatusUnauthorized)
}
