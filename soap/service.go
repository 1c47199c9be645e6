package soap

import (
	"html"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/rs/zerolog"

	"ocsd/wsdl"
)

// service implements every operation of the WSDL on a Backend.
type service struct {
	b        Backend
	pageSize int
	now      func() time.Time
	log      zerolog.Logger
	sections []exportSection
	// sel caches selections across pages (nil: disabled).
	sel *selections
	// user is the HTTP Basic user every admitted call authenticated as
	// (the actor of ocsd_* changes in the audit trail).
	user string
}

var _ wsdl.Service = (*service)(nil)

func newService(b Backend, opt Options, log zerolog.Logger) *service {
	s := &service{b: b, pageSize: opt.PageSize, now: opt.Now, log: log, sections: exportSections(), user: opt.User}
	if opt.SelectionTTL > 0 {
		s.sel = newSelections(opt.SelectionTTL, opt.Now)
	}
	return s
}

// changed forgets cached selections after a write.
func (s *service) changed() {
	if s.sel != nil {
		s.sel.clear()
	}
}

var reDigits = regexp.MustCompile(`^\d+$`)

// decodeXML mirrors Internals.pm decode_xml: a string that does not start
// with '<' has its entities decoded once more (for clients that escape twice).
func decodeXML(s string) string {
	if strings.HasPrefix(s, "<") {
		return s
	}
	return html.UnescapeString(s)
}

// uintArg parses a set argument made of digits only, within max.
func uintArg(a wsdl.Arg, max uint64) (uint64, bool) {
	if !a.Set || !reDigits.MatchString(a.Text) {
		return 0, false
	}
	n, err := strconv.ParseUint(a.Text, 10, 64)
	return n, err == nil && n <= max
}

// maxPage bounds page numbers so that page × page size stays an int.
const maxPage = 1 << 30

// errorResult is a one-part in-band error.
func errorResult(label string) wsdl.Result { return wsdl.One(wsdl.Str(inband(label))) }

// strp returns a pointer to s.
func strp(s string) *string { return &s }
