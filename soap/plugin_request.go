package soap

import (
	"bytes"
	"encoding/xml"
	"io"
	"math"
	"strconv"
	"strings"

	"ocsd/inventory"
	"ocsd/soap/store"
	"ocsd/wsdl"
)

// The two dialects of get_computers_V1 are told apart by the REQUEST's
// shape. Stock OCS knows ENGINE, ASKING_FOR, CHECKSUM, WANTED, OFFSET,
// BEGIN, ID, EXCLUDE_ID, TAG, EXCLUDE_TAG, USERID, SORT_BY and SORT_DIR,
// all flat. The GLPI ocsinventoryng plugin's client (OcsSoapRequest) also
// sends elements no stock server knows: MAX_RECORDS, the nested FILTER and
// DISPLAY, ORDER and COMPLETE. A request with any of them is plugin-shaped
// and gets the plugin's reply (TOTAL_COUNT and MAX_RECORDS attributes, a
// META child per computer, row-offset paging); any other request gets the
// stock reply, byte for byte (docs/compat.md S23).
var pluginMarkers = [...]string{"MAX_RECORDS", "FILTER", "DISPLAY", "ORDER", "COMPLETE"}

// isPluginRequest tells a plugin-shaped REQUEST.
func isPluginRequest(r requestDoc) bool {
	for _, m := range pluginMarkers {
		if _, ok := r[m]; ok {
			return true
		}
	}
	return false
}

// pluginRequest is a validated plugin-shaped get_computers_V1 request.
type pluginRequest struct {
	query store.PluginQuery
	meta  bool
	// sections and wanted select what each computer carries besides META.
	sections, wanted uint64
}

// nestedDoc is the children of the REQUEST's nested elements (FILTER,
// DISPLAY): element name → its children's texts by name.
type nestedDoc map[string]requestDoc

// maxNestedDepth is REQUEST > FILTER > IDS: the deepest OcsSoapRequest goes.
const maxNestedDepth = 3

// parseNested reads the nested elements of a REQUEST (after the same
// decoding as parseRequestDoc).
func parseNested(a wsdl.Arg) (nestedDoc, error) {
	s := strings.TrimSuffix(decodeXML(a.Text), `\`)
	d := xml.NewDecoder(strings.NewReader(s))
	d.Strict = true
	d.CharsetReader = charsetReader
	out := nestedDoc{}
	var parent, name string
	var text bytes.Buffer
	depth, n := 0, 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, errMalformed
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			switch {
			case depth > maxNestedDepth:
				return nil, errMalformed
			case depth == 2:
				parent = t.Name.Local
			case depth == 3:
				if n++; n > maxRequestElements {
					return nil, errMalformed
				}
				name = t.Name.Local
				text.Reset()
			}
		case xml.EndElement:
			if depth == 3 {
				if out[parent] == nil {
					out[parent] = requestDoc{}
				}
				out[parent][name] = append(out[parent][name], text.String())
			}
			depth--
		case xml.CharData:
			if depth == 3 {
				text.Write(t)
			}
		}
	}
}

// uintText parses digits up to max.
func uintText(v string, max uint64) (uint64, bool) {
	v = strings.TrimSpace(v)
	n, err := strconv.ParseUint(v, 10, 64)
	return n, reDigits.MatchString(v) && err == nil && n <= max
}

// optionalUint reads an element that may appear once, empty meaning absent.
func optionalUint(r requestDoc, name string, max uint64) (n uint64, present, ok bool) {
	v, present, ok := r.single(name)
	if !ok || !present || strings.TrimSpace(v) == "" {
		return 0, false, ok
	}
	n, ok = uintText(v, max)
	return n, true, ok
}

// nonEmpty drops empty values (an empty PHP array serialises as <X></X>).
func nonEmpty(vals []string) []string {
	var out []string
	for _, v := range vals {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}

// parsePluginRequest validates a plugin-shaped REQUEST. Errors come back as
// an in-band label: the plugin's client parses every reply as XML and never
// checks for a fault.
func parsePluginRequest(r requestDoc, nested nestedDoc, pageSize int) (*pluginRequest, string) {
	pr := &pluginRequest{}
	var cr computerRequest
	if f := checkEngine(r, &cr); f != nil {
		return nil, f.Message
	}
	pr.meta = cr.meta
	off, bad := pageOffset(r, 1)
	if bad != "" {
		return nil, bad
	}
	limit, present, ok := optionalUint(r, "MAX_RECORDS", math.MaxInt32)
	if !ok {
		return nil, "BAD_MAX_RECORDS"
	}
	if !present || limit == 0 || limit > uint64(pageSize) {
		limit = uint64(pageSize)
	}
	pr.query.Offset, pr.query.Limit = off, int(limit)
	if bad := pr.display(r, nested["DISPLAY"]); bad != "" {
		return nil, bad
	}
	if bad := pr.filters(r, nested["FILTER"]); bad != "" {
		return nil, bad
	}
	return pr, pr.order(r)
}

// display reads the sections to send: DISPLAY's CHECKSUM and WANTED, else
// the top-level ones, else every section and no special one; COMPLETE > 0
// sends everything. HARDWARE always comes, as from the plugin's database
// client. DISPLAY's PLUGINS (OCS plugin tables) is accepted and unused.
func (pr *pluginRequest) display(r, disp requestDoc) string {
	for name := range disp {
		if name != "CHECKSUM" && name != "WANTED" && name != "PLUGINS" {
			return "BAD_DISPLAY"
		}
	}
	pr.sections = math.MaxUint64
	for _, src := range []requestDoc{r, disp} {
		if n, present, ok := optionalUint(src, "CHECKSUM", math.MaxUint64); !ok {
			return "BAD_CHECKSUM"
		} else if present {
			pr.sections = n
		}
		if n, present, ok := optionalUint(src, "WANTED", math.MaxUint64); !ok {
			return "BAD_WANTED"
		} else if present {
			pr.wanted = n
		}
	}
	if _, _, ok := optionalUint(disp, "PLUGINS", math.MaxUint64); !ok {
		return "BAD_DISPLAY"
	}
	if n, present, ok := optionalUint(r, "COMPLETE", math.MaxUint64); !ok {
		return "BAD_COMPLETE"
	} else if present && n > 0 {
		pr.sections, pr.wanted = math.MaxUint64, wantAccountInfo|wantDictionary
	}
	pr.sections |= inventory.MaskHardware
	return ""
}

// pluginFilters are the FILTER children the plugin's client documents.
var pluginFilters = map[string]bool{"IDS": true, "EXCLUDE_IDS": true, "TAGS": true, "EXCLUDE_TAGS": true,
	"DEVICEIDS": true, "EXCLUDE_DEVICEIDS": true, "CHECKSUM": true, "INVENTORIED_SINCE": true, "INVENTORIED_BEFORE": true}

// filters reads FILTER and the stock top-level filters (ID, EXCLUDE_ID,
// TAG, EXCLUDE_TAG, USERID); the top-level CHECKSUM selects sections only.
func (pr *pluginRequest) filters(r, f requestDoc) string {
	var stock store.ComputerQuery
	if res, fault := parseFilters(r, &stock); fault != nil {
		return fault.Message
	} else if res != nil {
		return "BAD_ID"
	}
	for name := range f {
		if !pluginFilters[name] {
			return "BAD_FILTER"
		}
	}
	q := &pr.query
	ids, ok := parseIDs(nonEmpty(f["IDS"]))
	exclude, ok2 := parseIDs(nonEmpty(f["EXCLUDE_IDS"]))
	if !ok || !ok2 {
		return "BAD_ID"
	}
	q.IDs, q.ExcludeIDs = append(stock.IDs, ids...), append(stock.ExcludeIDs, exclude...)
	q.Tags, q.ExcludeTags = append(stock.Tags, nonEmpty(f["TAGS"])...), append(stock.ExcludeTags, nonEmpty(f["EXCLUDE_TAGS"])...)
	q.DeviceIDs, q.ExcludeDeviceIDs = nonEmpty(f["DEVICEIDS"]), nonEmpty(f["EXCLUDE_DEVICEIDS"])
	q.UserIDs = stock.UserIDs
	n, _, ok := optionalUint(f, "CHECKSUM", math.MaxUint64)
	if !ok {
		return "BAD_CHECKSUM"
	}
	q.Checksum = n
	for name, dst := range map[string]*string{"INVENTORIED_SINCE": &q.Since, "INVENTORIED_BEFORE": &q.Before} {
		v, _, ok := f.single(name)
		if v = strings.TrimSpace(v); !ok || v != "" && (!reDate.MatchString(v) || !validDate(v)) {
			return "BAD_DATE"
		}
		*dst = v
	}
	return ""
}

// pluginSorts are ORDER's columns.
var pluginSorts = map[string]store.SortKey{"ID": store.SortID, "LASTDATE": store.SortLastDate,
	"LASTCOME": store.SortLastCome, "NAME": store.SortName}

// order reads SORT_BY and SORT_DIR as stock requests do, then ORDER
// ("LASTDATE", "ID DESC": a column, then an optional direction).
func (pr *pluginRequest) order(r requestDoc) string {
	var stock store.ComputerQuery
	if f := parseSort(r, &stock); f != nil {
		return f.Message
	}
	pr.query.Sort, pr.query.Desc = stock.Sort, stock.Desc
	v, present, ok := r.single("ORDER")
	if !ok {
		return "BAD_ORDER"
	}
	words := strings.Fields(strings.ToUpper(strings.ReplaceAll(v, "`", "")))
	if !present || len(words) == 0 {
		return ""
	}
	key, known := pluginSorts[strings.TrimPrefix(words[0], "HARDWARE.")]
	if !known || len(words) > 2 || len(words) == 2 && words[1] != "ASC" && words[1] != "DESC" {
		return "BAD_ORDER"
	}
	pr.query.Sort, pr.query.Desc = key, len(words) == 2 && words[1] == "DESC"
	return ""
}
