package soap

import (
	"context"
	"fmt"
	"math"

	"ocsd/wsdl"
)

// ResetChecksumV1 serves reset_checksum_V1(checksum, id…): it assigns the
// checksum (not a mask) and returns the rows matched, 0E0 when none, nil
// when no id is given (mirrors Apache/Ocsinventory/Interface/Inventory.pm).
func (s *service) ResetChecksumV1(ctx context.Context, p wsdl.ResetChecksumV1Params) (wsdl.Result, error) {
	sum, ok := uintArg(p.Checksum, math.MaxUint64)
	if !ok {
		return errorResult("BAD_CHECKSUM"), nil
	}
	ids, ok := idArgs(p.ID)
	if !ok {
		return errorResult("BAD_ID"), nil
	}
	if len(ids) == 0 {
		return wsdl.One(wsdl.NilValue()), nil
	}
	n, err := s.b.ResetChecksum(ctx, sum, ids)
	s.changed()
	if err != nil {
		return nil, fmt.Errorf("soap: reset_checksum_V1: %w", err)
	}
	return wsdl.One(wsdl.Count(n)), nil
}

// idArgs reads positional computer ids; unset ones are skipped.
func idArgs(args []wsdl.Arg) ([]int64, bool) {
	out := make([]int64, 0, len(args))
	for _, a := range args {
		if !a.Set {
			continue
		}
		n, ok := uintArg(a, math.MaxInt64)
		if !ok {
			return nil, false
		}
		out = append(out, int64(n))
	}
	return out, true
}

// GetHistoryV1 serves get_history_V1(page): one page of deleted_equiv,
// ordered by DATE, DELETED (mirrors Apache/Ocsinventory/Interface/History.pm).
func (s *service) GetHistoryV1(ctx context.Context, p wsdl.GetHistoryV1Params) (wsdl.Result, error) {
	page, ok := uintArg(p.Offset, maxPage)
	if !ok {
		return errorResult("BAD_OFFSET"), nil
	}
	events, err := s.b.History(ctx, int(page)*s.pageSize, s.pageSize)
	if err != nil {
		return nil, fmt.Errorf("soap: get_history_V1: %w", err)
	}
	var d doc
	d.open(0, "EVENTS")
	for _, e := range events {
		d.open(1, "EVENT")
		d.leafText(2, "DATE", e.Date)
		d.leafText(2, "DELETED", e.Deleted)
		d.leaf(2, "EQUIVALENT", e.Equivalent)
		d.close(1, "EVENT")
	}
	d.close(0, "EVENTS")
	return wsdl.One(d.value()), nil
}

// ClearHistoryV1 serves clear_history_V1(count): it deletes the first count
// events in get_history_V1's order and returns how many it deleted.
func (s *service) ClearHistoryV1(ctx context.Context, p wsdl.ClearHistoryV1Params) (wsdl.Result, error) {
	n, ok := uintArg(p.Count, maxPage)
	if !ok {
		return errorResult("BAD_OFFSET"), nil
	}
	if n == 0 {
		return wsdl.One(wsdl.IntValue(0)), nil
	}
	deleted, err := s.b.ClearHistory(ctx, int(n))
	if err != nil {
		return nil, fmt.Errorf("soap: clear_history_V1: %w", err)
	}
	return wsdl.One(wsdl.IntValue(deleted)), nil
}

// GetDicoSoftElementV1 serves get_dico_soft_element_V1(word): the
// dictionary's formatted name of a software name, nil when it has none.
func (s *service) GetDicoSoftElementV1(ctx context.Context, p wsdl.GetDicoSoftElementV1Params) (wsdl.Result, error) {
	if !p.Word.Set {
		return wsdl.One(wsdl.NilValue()), nil
	}
	word := decodeXML(p.Word.Text)
	if len(word) > 255 {
		return wsdl.One(wsdl.NilValue()), nil
	}
	f, ok, err := s.b.DictionaryLookup(ctx, word)
	if err != nil {
		return nil, fmt.Errorf("soap: get_dico_soft_element_V1: %w", err)
	}
	if !ok {
		return wsdl.One(wsdl.NilValue()), nil
	}
	return wsdl.One(wsdl.Str(f)), nil
}
