package soap

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"ocsd/dictionary"
	"ocsd/wsdl"
)

// The ocsd_dictionary_* operations administer the software dictionary
// (dictionary.Admin, shared with `ocsd dictionary`). Pages hold the
// service's page size (OCS_OPT_WEB_SERVICE_RESULTS_LIMIT); replies are laid
// out as XML::Simple lays out OCS's, elements in alphabetical order.

// OcsdDictionaryListV1 serves ocsd_dictionary_list_V1(kind, page).
func (s *service) OcsdDictionaryListV1(ctx context.Context, p wsdl.OcsdDictionaryListV1Params) (wsdl.Result, error) {
	return s.searchEntries(ctx, "", p.Kind, p.Page)
}

// OcsdDictionarySearchV1 serves ocsd_dictionary_search_V1(text, kind, page).
func (s *service) OcsdDictionarySearchV1(ctx context.Context, p wsdl.OcsdDictionarySearchV1Params) (wsdl.Result, error) {
	return s.searchEntries(ctx, ocsdText(p.Text), p.Kind, p.Page)
}

func (s *service) searchEntries(ctx context.Context, text string, kindArg, pageArgV wsdl.Arg) (wsdl.Result, error) {
	kind, err := dictionary.ParseKind(ocsdText(kindArg))
	if err != nil {
		return adminResult(nil, err)
	}
	page, err := pageArg(pageArgV)
	if err != nil {
		return adminResult(nil, err)
	}
	pg, err := s.admin().Search(ctx, text, kind, page, s.pageSize)
	if err != nil {
		return adminResult(nil, fmt.Errorf("soap: dictionary list: %w", err))
	}
	var d doc
	d.open(0, "RESULT")
	for _, e := range pg.Entries {
		d.open(1, "ENTRY")
		d.leafText(2, "EXTRACTED", e.Extracted)
		d.leafText(2, "FORMATTED", e.Formatted)
		d.leafText(2, "KIND", string(e.Kind))
		d.close(1, "ENTRY")
	}
	d.leafText(1, "PAGE", strconv.Itoa(page))
	d.leafText(1, "TOTAL", strconv.Itoa(pg.Total))
	d.close(0, "RESULT")
	return adminResult(&d, nil)
}

// OcsdDictionaryUnclassifiedV1 serves ocsd_dictionary_unclassified_V1(page,
// text): names in neither table, the most widespread first.
func (s *service) OcsdDictionaryUnclassifiedV1(ctx context.Context, p wsdl.OcsdDictionaryUnclassifiedV1Params) (wsdl.Result, error) {
	page, err := pageArg(p.Page)
	if err != nil {
		return adminResult(nil, err)
	}
	pg, err := s.admin().Unclassified(ctx, ocsdText(p.Text), page, s.pageSize)
	if err != nil {
		return adminResult(nil, fmt.Errorf("soap: dictionary unclassified: %w", err))
	}
	var d doc
	d.open(0, "RESULT")
	d.leafText(1, "PAGE", strconv.Itoa(page))
	for _, n := range pg.Names {
		d.open(1, "SOFTWARE")
		d.leafText(2, "DEVICES", strconv.Itoa(n.Devices))
		d.leafText(2, "FORMATTED", n.Formatted)
		d.leafText(2, "NAME", n.Name)
		d.close(1, "SOFTWARE")
	}
	d.leafText(1, "TOTAL", strconv.Itoa(pg.Total))
	d.close(0, "RESULT")
	return adminResult(&d, nil)
}

// changed maps the outcome of a change to its reply.
func changed(op string, n int, err error) (wsdl.Result, error) {
	if err != nil {
		return adminResult(nil, fmt.Errorf("soap: %s: %w", op, err))
	}
	return adminResult(changedDoc(n), nil)
}

// OcsdDictionaryAssignV1 serves ocsd_dictionary_assign_V1(category, name…).
func (s *service) OcsdDictionaryAssignV1(ctx context.Context, p wsdl.OcsdDictionaryAssignV1Params) (wsdl.Result, error) {
	n, err := s.admin().Assign(ctx, s.actor(), ocsdText(p.Category), ocsdTexts(p.Name))
	return changed("ocsd_dictionary_assign_V1", n, err)
}

// OcsdDictionaryIgnoreV1 serves ocsd_dictionary_ignore_V1(name…).
func (s *service) OcsdDictionaryIgnoreV1(ctx context.Context, p wsdl.OcsdDictionaryIgnoreV1Params) (wsdl.Result, error) {
	n, err := s.admin().Ignore(ctx, s.actor(), ocsdTexts(p.Name))
	return changed("ocsd_dictionary_ignore_V1", n, err)
}

// OcsdDictionaryUnchangedV1 serves ocsd_dictionary_unchanged_V1(name…).
func (s *service) OcsdDictionaryUnchangedV1(ctx context.Context, p wsdl.OcsdDictionaryUnchangedV1Params) (wsdl.Result, error) {
	n, err := s.admin().MarkUnchanged(ctx, s.actor(), ocsdTexts(p.Name))
	return changed("ocsd_dictionary_unchanged_V1", n, err)
}

// OcsdDictionaryMoveV1 serves ocsd_dictionary_move_V1(from, to).
func (s *service) OcsdDictionaryMoveV1(ctx context.Context, p wsdl.OcsdDictionaryMoveV1Params) (wsdl.Result, error) {
	n, err := s.admin().Move(ctx, s.actor(), ocsdText(p.From), ocsdText(p.To))
	return changed("ocsd_dictionary_move_V1", n, err)
}

// OcsdDictionaryDeleteV1 serves ocsd_dictionary_delete_V1(what, value…):
// what is NAME (values are raw names) or CATEGORY (values are categories).
func (s *service) OcsdDictionaryDeleteV1(ctx context.Context, p wsdl.OcsdDictionaryDeleteV1Params) (wsdl.Result, error) {
	values := ocsdTexts(p.Value)
	var n int
	var err error
	switch strings.ToUpper(ocsdText(p.What)) {
	case "NAME":
		n, err = s.admin().Delete(ctx, s.actor(), values)
	case "CATEGORY":
		n, err = s.admin().DeleteCategories(ctx, s.actor(), values)
	default:
		return adminError(dictionary.CodeBadKind, "what must be NAME or CATEGORY"), nil
	}
	return changed("ocsd_dictionary_delete_V1", n, err)
}

// OcsdDictionaryRulesV1 serves ocsd_dictionary_rules_V1(): every rule, in
// the order they apply.
func (s *service) OcsdDictionaryRulesV1(ctx context.Context, _ wsdl.OcsdDictionaryRulesV1Params) (wsdl.Result, error) {
	rules, err := s.admin().Rules(ctx)
	if err != nil {
		return nil, fmt.Errorf("soap: ocsd_dictionary_rules_V1: %w", err)
	}
	var d doc
	d.open(0, "RESULT")
	for _, r := range rules {
		d.open(1, "RULE")
		d.leafText(2, "FORMATTED", r.Formatted)
		d.leafText(2, "ID", strconv.FormatInt(r.ID, 10))
		d.leafText(2, "KIND", string(r.Kind))
		d.leafText(2, "PATTERN", r.Pattern)
		d.leafText(2, "PRIORITY", strconv.Itoa(r.Priority))
		d.close(1, "RULE")
	}
	d.close(0, "RESULT")
	return adminResult(&d, nil)
}

// OcsdDictionaryAddRuleV1 serves ocsd_dictionary_add_rule_V1(kind, pattern,
// formatted, priority): the new rule's ID.
func (s *service) OcsdDictionaryAddRuleV1(ctx context.Context, p wsdl.OcsdDictionaryAddRuleV1Params) (wsdl.Result, error) {
	prio, err := dictionary.ParsePriority(ocsdText(p.Priority))
	if err != nil {
		return adminResult(nil, err)
	}
	r := dictionary.Rule{Kind: dictionary.RuleKind(ocsdText(p.Kind)), Pattern: ocsdText(p.Pattern),
		Formatted: ocsdText(p.Formatted), Priority: prio}
	id, err := s.admin().AddRule(ctx, s.actor(), r)
	if err != nil {
		return adminResult(nil, fmt.Errorf("soap: ocsd_dictionary_add_rule_V1: %w", err))
	}
	var d doc
	d.open(0, "RESULT")
	d.leafText(1, "ID", strconv.FormatInt(id, 10))
	d.close(0, "RESULT")
	return adminResult(&d, nil)
}

// OcsdDictionaryDeleteRuleV1 serves ocsd_dictionary_delete_rule_V1(id).
func (s *service) OcsdDictionaryDeleteRuleV1(ctx context.Context, p wsdl.OcsdDictionaryDeleteRuleV1Params) (wsdl.Result, error) {
	id, ok := uintArg(p.ID, 1<<62)
	if !ok || id == 0 {
		return adminError(dictionary.CodeBadID, "the rule id must be a positive integer"), nil
	}
	err := s.admin().DeleteRule(ctx, s.actor(), int64(id))
	return changed("ocsd_dictionary_delete_rule_V1", 1, err)
}
