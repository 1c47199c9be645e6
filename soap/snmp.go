package soap

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"ocsd/soap/store"
	"ocsd/wsdl"
)

// snmpRequest is a validated get_snmp_V1 request.
type snmpRequest struct {
	query  store.SNMPQuery
	meta   bool
	wanted uint64
}

// parseSNMPRequest validates get_snmp_V1's REQUEST: the language of
// get_computers_V1 with ASKING_FOR SNMP_INVENTORY (default) or SNMP_META,
// sorted by device id only.
func parseSNMPRequest(r requestDoc, pageSize int) (*snmpRequest, wsdl.Result, error) {
	sr := &snmpRequest{}
	off, bad := pageOffset(r, pageSize)
	if bad != "" {
		return nil, errorResult(bad), nil
	}
	sr.query.Offset, sr.query.Limit = off, pageSize
	if v, present, ok := r.single("ENGINE"); !present || !ok || !strings.EqualFold(v, "FIRST") {
		return nil, nil, serverFault("BAD_ENGINE")
	}
	switch v, present, ok := r.single("ASKING_FOR"); {
	case !ok:
		return nil, nil, serverFault("BAD_ASKING_FOR")
	case !present || strings.EqualFold(v, "SNMP_INVENTORY"):
	case strings.EqualFold(v, "SNMP_META"):
		sr.meta = true
	default:
		return nil, nil, serverFault("BAD_ASKING_FOR")
	}
	if v, present, ok := r.single("CHECKSUM"); !ok || present && !reDigits.MatchString(v) {
		return nil, nil, serverFault("BAD_CHECKSUM")
	}
	if v, present, ok := r.single("WANTED"); !ok || present {
		n, err := strconv.ParseUint(v, 10, 64)
		if !ok || !reDigits.MatchString(v) || err != nil {
			return nil, nil, serverFault("BAD_WANTED")
		}
		sr.wanted = n
	}
	var cq store.ComputerQuery
	if res, f := parseFilters(r, &cq); res != nil || f != nil {
		return nil, res, f
	}
	if len(cq.UserIDs) > 0 {
		return nil, nil, serverFault("BAD_REQUEST")
	}
	if f := parseSort(r, &cq); f != nil || cq.Sort != store.SortID {
		return nil, nil, serverFault("BAD_SORT_BY")
	}
	sr.query.IDs, sr.query.ExcludeIDs, sr.query.Tags, sr.query.ExcludeTags, sr.query.Desc =
		cq.IDs, cq.ExcludeIDs, cq.Tags, cq.ExcludeTags, cq.Desc
	return sr, nil, nil
}

// GetSNMPV1 serves get_snmp_V1: "<SNMP_DEVICES>\n", one string per device,
// "</SNMP_DEVICES>\n". Devices are the rows of the tables snmp_types names.
func (s *service) GetSNMPV1(ctx context.Context, p wsdl.GetSNMPV1Params) (wsdl.Result, error) {
	r, err := parseRequestDoc(p.Request)
	if err != nil {
		return wsdl.One(wsdl.Str(malformedXML)), nil
	}
	sr, res, err := parseSNMPRequest(r, s.pageSize)
	if res != nil || err != nil {
		return res, err
	}
	devs, err := s.b.SNMPDevices(ctx, sr.query)
	if err != nil {
		return nil, fmt.Errorf("soap: get_snmp_V1: %w", err)
	}
	docs := make([]wsdl.Value, len(devs))
	for i, dv := range devs {
		docs[i] = wsdl.EscapedValue(snmpDoc(dv, sr))
	}
	return wrapList("SNMP_DEVICES", docs), nil
}

// snmpDoc renders one device: <DEVICE> (META) or <SNMP_DEVICE> (INVENTORY,
// with its columns as <DATA><ENTRY Name=…>), children sorted by name.
func snmpDoc(dv store.SNMPDevice, sr *snmpRequest) string {
	var d doc
	root := "SNMP_DEVICE"
	if sr.meta {
		root = "DEVICE"
	}
	d.open(0, root)
	if !sr.meta && sr.wanted&wantAccountInfo != 0 {
		d.open(1, "ACCOUNTINFO")
		d.leafAttr(2, "ENTRY", "Name", "TAG", dv.Tag)
		d.close(1, "ACCOUNTINFO")
	}
	d.leafText(1, "DATABASEID", strconv.FormatInt(dv.ID, 10))
	if !sr.meta {
		order := make([]int, len(dv.Columns))
		for i := range order {
			order[i] = i
		}
		sort.SliceStable(order, func(a, b int) bool { return dv.Columns[order[a]] < dv.Columns[order[b]] })
		d.open(1, "DATA")
		for _, i := range order {
			d.leafAttr(2, "ENTRY", "Name", dv.Columns[i], dv.Values[i])
		}
		d.close(1, "DATA")
	}
	d.leaf(1, "TAG", dv.Tag)
	d.leafText(1, "TYPE", dv.Type)
	d.close(0, root)
	return d.String()
}
