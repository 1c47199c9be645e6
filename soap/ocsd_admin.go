package soap

import (
	"context"
	"errors"
	"strconv"

	"ocsd/dictionary"
	"ocsd/settings"
	"ocsd/wsdl"
)

// AdminStore is what ocsd's own administrative operations (ocsd_*) need
// besides the OCS interface: the software dictionary, the audit trail and
// the typed server options.
type AdminStore interface {
	dictionary.Store
	// RecordAudit writes audit records.
	RecordAudit(ctx context.Context, recs ...dictionary.AuditRecord) error
	// Settings returns the config table as a typed snapshot.
	Settings(ctx context.Context) (settings.Snapshot, error)
}

// viaSOAP names this interface in the audit trail.
const viaSOAP = "soap"

// actor is who makes a change through SOAP: the HTTP Basic user. The
// handler admits only the configured user, so that is who called.
func (s *service) actor() dictionary.Actor { return dictionary.Actor{Name: s.user, Via: viaSOAP} }

// admin returns the dictionary operations on the backend.
func (s *service) admin() *dictionary.Admin {
	lim := dictionary.DefaultLimits()
	lim.Now = s.now
	return dictionary.NewAdmin(s.b, lim)
}

// adminResult maps the outcome of an administrative operation: a
// validation failure becomes the in-band <RESULT><ERROR>CODE</ERROR>
// <MESSAGE>…</MESSAGE></RESULT>; any other error goes to the caller.
func adminResult(d *doc, err error) (wsdl.Result, error) {
	var de *dictionary.Error
	if errors.As(err, &de) {
		return adminError(de.Code, de.Message), nil
	}
	if err != nil {
		return nil, err
	}
	return wsdl.One(d.value()), nil
}

// adminError is an in-band error with a message for people: OCS's
// <RESULT><ERROR>LABEL</ERROR></RESULT> with a MESSAGE beside the label.
func adminError(code, msg string) wsdl.Result {
	var d doc
	d.open(0, "RESULT")
	d.leafText(1, "ERROR", code)
	d.leafText(1, "MESSAGE", msg)
	d.close(0, "RESULT")
	return wsdl.One(d.value())
}

// changedDoc is the reply of a change: how many objects it changed.
func changedDoc(n int) *doc {
	var d doc
	d.open(0, "RESULT")
	d.leafText(1, "CHANGED", strconv.Itoa(n))
	d.close(0, "RESULT")
	return &d
}

// ocsdText returns a set argument's text, entity-decoded as OCS's
// decode_xml does; "" when absent.
func ocsdText(a wsdl.Arg) string {
	if !a.Set {
		return ""
	}
	return decodeXML(a.Text)
}

// ocsdTexts returns the texts of the set arguments among args.
func ocsdTexts(args []wsdl.Arg) []string {
	out := make([]string, 0, len(args))
	for _, a := range args {
		if a.Set {
			out = append(out, decodeXML(a.Text))
		}
	}
	return out
}

// pageArg reads a page number argument ("" or absent: page 0).
func pageArg(a wsdl.Arg) (int, error) {
	return dictionary.ParsePage(ocsdText(a))
}
