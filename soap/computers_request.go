package soap

import (
	"math"
	"strconv"
	"strings"

	"ocsd/soap/store"
	"ocsd/wsdl"
)

// computerRequest is a validated get_computers_V1 request.
type computerRequest struct {
	query store.ComputerQuery
	meta  bool
	// sections is the section selector (CHECKSUM, or every bit when absent).
	sections uint64
	wanted   uint64
}

// WANTED bits.
const (
	wantAccountInfo = 1
	wantDictionary  = 2
)

// parseComputerRequest validates a REQUEST document (mirrors
// Apache/Ocsinventory/Interface/Inventory.pm and Internals.pm
// search_engine, with every parameter checked strictly). It returns either
// the request, an in-band error result, or a fault.
func parseComputerRequest(r requestDoc, pageSize int) (*computerRequest, wsdl.Result, error) {
	cr := &computerRequest{sections: math.MaxUint64}
	off, bad := pageOffset(r, pageSize)
	if bad != "" {
		return nil, errorResult(bad), nil
	}
	cr.query.Offset, cr.query.Limit = off, pageSize
	if f := checkEngine(r, cr); f != nil {
		return nil, nil, f
	}
	if v, present, ok := r.single("CHECKSUM"); !ok || present {
		n, err := strconv.ParseUint(v, 10, 64)
		if !ok || !reDigits.MatchString(v) || err != nil {
			return nil, nil, serverFault("BAD_CHECKSUM")
		}
		cr.query.Checksum, cr.sections = n, n
	}
	if v, present, ok := r.single("WANTED"); !ok || present {
		n, err := strconv.ParseUint(v, 10, 64)
		if !ok || !reDigits.MatchString(v) || err != nil {
			return nil, nil, serverFault("BAD_WANTED")
		}
		cr.wanted = n
	}
	if res, f := parseFilters(r, &cr.query); res != nil || f != nil {
		return nil, res, f
	}
	if f := parseSort(r, &cr.query); f != nil {
		return nil, nil, f
	}
	return cr, nil, nil
}

// pageOffset reads OFFSET (a page number) or else BEGIN (a row offset).
func pageOffset(r requestDoc, pageSize int) (int, string) {
	if v, present, ok := r.single("OFFSET"); !ok || present {
		n, err := strconv.Atoi(v)
		if !ok || !reDigits.MatchString(v) || err != nil || n > maxPage {
			return 0, "BAD_OFFSET"
		}
		return n * pageSize, ""
	}
	if v, present, ok := r.single("BEGIN"); !ok || present {
		n, err := strconv.Atoi(v)
		if !ok || !reDigits.MatchString(v) || err != nil || n > maxPage*pageSize {
			return 0, "BAD_BEGIN_VALUE"
		}
		return n, ""
	}
	return 0, ""
}

// checkEngine requires ENGINE FIRST and reads ASKING_FOR (both
// case-insensitive; ASKING_FOR defaults to INVENTORY).
func checkEngine(r requestDoc, cr *computerRequest) *Fault {
	if v, present, ok := r.single("ENGINE"); !present || !ok || !strings.EqualFold(v, "FIRST") {
		return serverFault("BAD_ENGINE")
	}
	v, present, ok := r.single("ASKING_FOR")
	switch {
	case !ok:
		return serverFault("BAD_ASKING_FOR")
	case !present || strings.EqualFold(v, "INVENTORY"):
	case strings.EqualFold(v, "META"):
		cr.meta = true
	default:
		return serverFault("BAD_ASKING_FOR")
	}
	return nil
}

// parseFilters reads ID, EXCLUDE_ID, TAG, EXCLUDE_TAG and USERID.
func parseFilters(r requestDoc, q *store.ComputerQuery) (wsdl.Result, *Fault) {
	if len(r["ID"]) > 0 && len(r["EXCLUDE_ID"]) > 0 || len(r["TAG"]) > 0 && len(r["EXCLUDE_TAG"]) > 0 {
		return nil, serverFault("BAD_REQUEST")
	}
	var ok bool
	if q.IDs, ok = parseIDs(r["ID"]); !ok {
		return errorResult("BAD_ID"), nil
	}
	if q.ExcludeIDs, ok = parseIDs(r["EXCLUDE_ID"]); !ok {
		return errorResult("BAD_ID"), nil
	}
	q.Tags, q.ExcludeTags, q.UserIDs = r["TAG"], r["EXCLUDE_TAG"], r["USERID"]
	return nil, nil
}

// parseIDs reads computer ids: every one must be a positive integer.
func parseIDs(vals []string) ([]int64, bool) {
	if len(vals) == 0 {
		return nil, true
	}
	out := make([]int64, 0, len(vals))
	for _, v := range vals {
		v = strings.TrimSpace(v)
		n, err := strconv.ParseInt(v, 10, 64)
		if !reDigits.MatchString(v) || err != nil {
			return nil, false
		}
		out = append(out, n)
	}
	return out, true
}

// parseSort reads SORT_BY (ID, LASTDATE or LASTCOME) and SORT_DIR (ASC or DESC).
func parseSort(r requestDoc, q *store.ComputerQuery) *Fault {
	by, present, ok := r.single("SORT_BY")
	switch {
	case !ok:
		return serverFault("BAD_SORT_BY")
	case !present || by == "ID":
	case by == "LASTDATE":
		q.Sort = store.SortLastDate
	case by == "LASTCOME":
		q.Sort = store.SortLastCome
	default:
		return serverFault("BAD_SORT_BY")
	}
	dir, present, ok := r.single("SORT_DIR")
	switch {
	case !ok:
		return serverFault("BAD_SORT_DIR")
	case !present || strings.EqualFold(dir, "ASC"):
	case strings.EqualFold(dir, "DESC"):
		q.Desc = true
	default:
		return serverFault("BAD_SORT_DIR")
	}
	return nil
}
