package soap

import (
	"context"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"ocsd/soap/store"
	"ocsd/wsdl"
)

// The methods below exist only in the GLPI ocsinventoryng plugin's SOAP
// client (OcsSoapClient), never in a stock OCS server. That client parses
// every reply as XML (implode of the parts, trim, simplexml) without
// checking for a fault, so their errors come back in-band.

// SearchComputersV1 serves search_computers_V1(field, value): the computers
// whose ID, TAG or DEVICEID (field, any case, as the plugin's database
// client accepts) equals value, as <COMPUTERS> of META <COMPUTER>s, the
// parts get_computers_V1 META sends.
func (s *service) SearchComputersV1(ctx context.Context, p wsdl.SearchComputersV1Params) (wsdl.Result, error) {
	if !p.Value.Set || p.Value.Text == "" {
		return errorResult("BAD_VALUE"), nil
	}
	var q store.PluginQuery
	switch strings.ToUpper(strings.TrimSpace(p.Field.Text)) {
	case "ID":
		id, ok := uintText(p.Value.Text, math.MaxInt64)
		if !ok {
			return errorResult("BAD_ID"), nil
		}
		q.IDs = []int64{int64(id)}
	case "TAG":
		q.Tags = []string{p.Value.Text}
	case "DEVICEID":
		q.DeviceIDs = []string{p.Value.Text}
	default:
		return errorResult("BAD_FIELD"), nil
	}
	_, comps, err := s.b.PluginComputers(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("soap: search_computers_V1: %w", err)
	}
	return wrapList("COMPUTERS", metaDocs(comps)), nil
}

// GetComputerSectionsV1 serves get_computer_sections_V1(ids, checksum,
// wanted): for each visible computer of ids (an array, or one string of ids
// separated by commas or spaces), a <COMPUTER ID="…"> with the sections
// whose bit is in checksum (all when absent) and the special sections of
// wanted (none when absent). ACCOUNTINFO fields are elements of their own
// name there: the plugin keys each section's values by element name.
func (s *service) GetComputerSectionsV1(ctx context.Context, p wsdl.GetComputerSectionsV1Params) (wsdl.Result, error) {
	ids, ok := sectionIDs(p.Ids)
	if !ok {
		return errorResult("BAD_ID"), nil
	}
	sections, wanted := uint64(math.MaxUint64), uint64(0)
	if p.Checksum.Set && strings.TrimSpace(p.Checksum.Text) != "" {
		if sections, ok = uintText(p.Checksum.Text, math.MaxUint64); !ok {
			return errorResult("BAD_CHECKSUM"), nil
		}
	}
	if p.Wanted.Set && strings.TrimSpace(p.Wanted.Text) != "" {
		if wanted, ok = uintText(p.Wanted.Text, math.MaxUint64); !ok {
			return errorResult("BAD_WANTED"), nil
		}
	}
	var docs []wsdl.Value
	for start := 0; start < len(ids); start += s.pageSize {
		chunk := ids[start:min(start+s.pageSize, len(ids))]
		_, comps, err := s.b.PluginComputers(ctx, store.PluginQuery{IDs: chunk})
		if err != nil || len(comps) == 0 {
			if err != nil {
				return nil, fmt.Errorf("soap: get_computer_sections_V1: %w", err)
			}
			continue
		}
		found := computerIDs(comps)
		pb, err := s.collectBlocks(ctx, found, sections, wanted, s.pluginSpecial(wanted, true))
		if err != nil {
			return nil, fmt.Errorf("soap: get_computer_sections_V1: %w", err)
		}
		for _, id := range found {
			docs = append(docs, computerDoc("&lt;COMPUTER ID=\""+strconv.FormatInt(id, 10)+"\"&gt;", pb.dev[id]))
		}
	}
	return wrapList("COMPUTERS", docs), nil
}

// sectionIDs reads the ids of get_computer_sections_V1, distinct, in order.
func sectionIDs(a wsdl.Arg) ([]int64, bool) {
	vals := a.Items
	if a.Items == nil {
		vals = strings.FieldsFunc(a.Text, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' || r == '\n' })
	}
	ids, ok := parseIDs(nonEmpty(vals))
	if !ok {
		return nil, false
	}
	seen := make(map[int64]bool, len(ids))
	out := ids[:0]
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out, true
}

// GetChecksumV1 serves get_checksum_V1(id): <CHECKSUM>n</CHECKSUM>, the
// computer's hardware.CHECKSUM (the plugin reads the root's text as an int).
func (s *service) GetChecksumV1(ctx context.Context, p wsdl.GetChecksumV1Params) (wsdl.Result, error) {
	id, ok := uintText(p.ID.Text, math.MaxInt64)
	if !p.ID.Set || !ok {
		return errorResult("BAD_ID"), nil
	}
	sum, found, err := s.b.PluginChecksum(ctx, int64(id))
	if err != nil {
		return nil, fmt.Errorf("soap: get_checksum_V1: %w", err)
	}
	if !found {
		return errorResult("NOT_FOUND"), nil
	}
	var d doc
	d.leafText(0, "CHECKSUM", sum)
	return wsdl.One(d.value()), nil
}

// maxDeletedLen is deleted_equiv.DELETED's width.
const maxDeletedLen = 255

// RemoveDeletedComputerV1 serves remove_deleted_computer_V1(deleted
// [, equivalent]): deletes the deleted_equiv events of a deleted computer
// (no equivalent: those whose EQUIVALENT is NULL, ” or 'NULL') or of a
// merged one (those naming equivalent), and returns how many went (0E0
// when none).
func (s *service) RemoveDeletedComputerV1(ctx context.Context, p wsdl.RemoveDeletedComputerV1Params) (wsdl.Result, error) {
	if !p.Deleted.Set || p.Deleted.Text == "" || len([]rune(p.Deleted.Text)) > maxDeletedLen {
		return errorResult("BAD_DELETED"), nil
	}
	var equiv *string
	if e := p.Equivalent.Text; p.Equivalent.Set && e != "" && e != "NULL" {
		equiv = &e
	}
	n, err := s.b.PluginRemoveDeleted(ctx, p.Deleted.Text, equiv)
	if err != nil {
		return nil, fmt.Errorf("soap: remove_deleted_computer_V1: %w", err)
	}
	return wsdl.One(wsdl.Count(n)), nil
}

// GetAccountFieldsV1 serves _get_account_fields_V1(request): the
// administrative fields as a SOAP struct whose member names and values are
// the names ACCOUNTINFO entries carry (TAG, then the accountinfo_config
// names of fields_N). The plugin's client casts the reply to an array and
// uses it as a column → name map; a struct is the one reply PHP turns into
// an object rather than an array its client would implode. Names that are
// not XML names cannot be members and are left out.
func (s *service) GetAccountFieldsV1(ctx context.Context, _ wsdl.GetAccountFieldsV1Params) (wsdl.Result, error) {
	ai, err := s.b.AccountInfo(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("soap: _get_account_fields_V1: %w", err)
	}
	seen := map[string]bool{}
	var names []string
	for _, c := range ai.Columns {
		name := c
		if n, ok := ai.FieldNames[c]; ok && n != "" {
			name = n
		}
		if !seen[name] && reXMLName.MatchString(name) {
			seen[name] = true
			names = append(names, name)
		}
	}
	sort.Strings(names)
	members := make([]wsdl.Member, len(names))
	for i, n := range names {
		members[i] = wsdl.Member{Name: n, Text: n}
	}
	return wsdl.One(wsdl.StructValue(members...)), nil
}
