package soap

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"time"

	"ocsd/soap/store"
	"ocsd/wsdl"
)

var (
	reDate = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}( \d\d:\d\d:\d\d)?$`)
	reMAC  = regexp.MustCompile(`^[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){5}$`)
)

// GetIpdiscoverDevicesV1 serves get_ipdiscover_devices_V1(date, page [, nInv]):
// interfaces seen after date, one page at a time; nInv=1 keeps only MACs
// neither inventoried nor declared (mirrors Interface/Ipdiscover.pm).
func (s *service) GetIpdiscoverDevicesV1(ctx context.Context, p wsdl.GetIpdiscoverDevicesV1Params) (wsdl.Result, error) {
	if !p.Date.Set || !reDate.MatchString(p.Date.Text) || !validDate(p.Date.Text) {
		return errorResult("BAD_DATE"), nil
	}
	page, ok := uintArg(p.Offset, maxPage)
	if !ok {
		return errorResult("BAD_OFFSET"), nil
	}
	unknown := false
	switch {
	case !p.Ninv.Set || p.Ninv.Text == "0":
	case p.Ninv.Text == "1":
		unknown = true
	default:
		return errorResult("BAD_THIRD_PARAMETER"), nil
	}
	ifs, err := s.b.DiscoveredInterfaces(ctx, p.Date.Text, int(page)*s.pageSize, s.pageSize, unknown)
	if err != nil {
		return nil, fmt.Errorf("soap: get_ipdiscover_devices_V1: %w", err)
	}
	var d doc
	d.open(0, "RESULT")
	for _, i := range ifs {
		d.open(1, "IFACE")
		d.leafText(2, "DATE", i.Date)
		d.leafText(2, "IP", i.IP)
		d.leafText(2, "MAC", i.MAC)
		d.leafText(2, "MASK", i.Mask)
		d.leaf(2, "NAME", i.Name)
		d.close(1, "IFACE")
	}
	d.close(0, "RESULT")
	return wsdl.One(d.value()), nil
}

// validDate checks the calendar, not only the shape.
func validDate(s string) bool {
	layout := "2006-01-02"
	if len(s) > 10 {
		layout = "2006-01-02 15:04:05"
	}
	_, err := time.Parse(layout, s)
	return err == nil
}

// textArg reads a required short text argument.
func textArg(a wsdl.Arg) (string, bool) {
	v := strings.TrimSpace(decodeXML(a.Text))
	return v, a.Set && v != "" && len([]rune(v)) <= 255
}

// IpdiscoverTagV1 serves ipdiscover_tag_V1(mac, description, type, user):
// it declares the MAC as a network device of an existing type on behalf of
// an existing operator, and returns 1.
func (s *service) IpdiscoverTagV1(ctx context.Context, p wsdl.IpdiscoverTagV1Params) (wsdl.Result, error) {
	if !p.MAC.Set || !reMAC.MatchString(p.MAC.Text) {
		return errorResult("BAD_MAC"), nil
	}
	desc := decodeXML(p.Description.Text)
	if !p.Description.Set || len([]rune(desc)) > 255 {
		return errorResult("BAD_DESCRIPTION"), nil
	}
	typ, okType := textArg(p.Type)
	if okType {
		var err error
		if okType, err = s.b.DeviceTypeExists(ctx, typ); err != nil {
			return nil, fmt.Errorf("soap: ipdiscover_tag_V1: %w", err)
		}
	}
	if !okType {
		return errorResult("BAD_TYPE"), nil
	}
	user, okUser := textArg(p.User)
	if okUser {
		var err error
		if okUser, err = s.b.OperatorExists(ctx, user); err != nil {
			return nil, fmt.Errorf("soap: ipdiscover_tag_V1: %w", err)
		}
	}
	if !okUser {
		return errorResult("BAD_USER"), nil
	}
	n, err := s.b.TagNetworkDevice(ctx, store.NetworkDevice{MAC: p.MAC.Text, Description: desc, Type: typ, User: user})
	if err != nil {
		return nil, fmt.Errorf("soap: ipdiscover_tag_V1: %w", err)
	}
	return wsdl.One(wsdl.IntValue(n)), nil
}

// untag removes a MAC's declaration: rows deleted, or 0E0.
func (s *service) untag(ctx context.Context, mac wsdl.Arg, op string) (wsdl.Result, error) {
	if !mac.Set || !reMAC.MatchString(mac.Text) {
		return errorResult("BAD_MAC"), nil
	}
	n, err := s.b.UntagNetworkDevice(ctx, mac.Text)
	if err != nil {
		return nil, fmt.Errorf("soap: %s: %w", op, err)
	}
	return wsdl.One(wsdl.Count(n)), nil
}

// IpdiscoverUntagV1 serves ipdiscover_untag_V1(mac).
func (s *service) IpdiscoverUntagV1(ctx context.Context, p wsdl.IpdiscoverUntagV1Params) (wsdl.Result, error) {
	return s.untag(ctx, p.MAC, "ipdiscover_untag_V1")
}

// IpdiscoverRemoveV1 serves ipdiscover_remove_V1(mac), the same as untag:
// OCS's remove does not touch netmap either.
func (s *service) IpdiscoverRemoveV1(ctx context.Context, p wsdl.IpdiscoverRemoveV1Params) (wsdl.Result, error) {
	return s.untag(ctx, p.MAC, "ipdiscover_remove_V1")
}

// IpdiscoverCreateTypeV1 serves ipdiscover_create_type_V1(type): 1 when
// created, 0 when it existed.
func (s *service) IpdiscoverCreateTypeV1(ctx context.Context, p wsdl.IpdiscoverCreateTypeV1Params) (wsdl.Result, error) {
	typ, ok := textArg(p.Type)
	if !ok {
		return errorResult("BAD_TYPE"), nil
	}
	created, err := s.b.CreateDeviceType(ctx, typ)
	if err != nil {
		return nil, fmt.Errorf("soap: ipdiscover_create_type_V1: %w", err)
	}
	if created {
		return wsdl.One(wsdl.IntValue(1)), nil
	}
	return wsdl.One(wsdl.IntValue(0)), nil
}

// IpdiscoverDeleteTypeV1 serves ipdiscover_delete_type_V1(type): rows
// deleted, or 0E0.
func (s *service) IpdiscoverDeleteTypeV1(ctx context.Context, p wsdl.IpdiscoverDeleteTypeV1Params) (wsdl.Result, error) {
	typ, ok := textArg(p.Type)
	if !ok {
		return errorResult("BAD_TYPE"), nil
	}
	n, err := s.b.DeleteDeviceType(ctx, typ)
	if err != nil {
		return nil, fmt.Errorf("soap: ipdiscover_delete_type_V1: %w", err)
	}
	return wsdl.One(wsdl.Count(n)), nil
}

// DeleteComputersByIDV1 serves delete_computers_by_id_V1(id…): every
// computer and every row attached to it is deleted (a computer locked by a
// live inventory is skipped, as OCS does); with TRACE_DELETED=1 each
// deletion is recorded in deleted_equiv. It returns "OK".
func (s *service) DeleteComputersByIDV1(ctx context.Context, p wsdl.DeleteComputersByIDV1Params) (wsdl.Result, error) {
	ids, ok := idArgs(p.ID)
	if !ok {
		return errorResult("BAD_ID"), nil
	}
	row, found, err := s.b.ConfigRow(ctx, "TRACE_DELETED")
	if err != nil {
		return nil, fmt.Errorf("soap: delete_computers_by_id_V1: %w", err)
	}
	trace := found && row.IValue != nil && *row.IValue > 0
	if len(ids) > 0 {
		_, err := s.b.DeleteComputers(ctx, ids, trace)
		s.changed()
		if err != nil {
			return nil, fmt.Errorf("soap: delete_computers_by_id_V1: %w", err)
		}
	}
	return wsdl.One(wsdl.Str("OK")), nil
}
