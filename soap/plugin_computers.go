package soap

import (
	"context"
	"fmt"
	"regexp"
	"strconv"

	"ocsd/soap/store"
	"ocsd/wsdl"
)

// pluginComputers serves a plugin-shaped get_computers_V1 (mirrors what
// GLPI's OcsSoapClient::getComputers parses): the parts
// `<COMPUTERS TOTAL_COUNT="n" MAX_RECORDS="m">`, one <COMPUTER> per
// computer with a <META> child (DATABASEID, CHECKSUM, DEVICEID, LASTCOME,
// LASTDATE, NAME, TAG) beside its sections, and `</COMPUTERS>`. OFFSET is a
// row offset; MAX_RECORDS is the page size used (at most the server's),
// which the client adds to OFFSET until it reaches TOTAL_COUNT.
func (s *service) pluginComputers(ctx context.Context, a wsdl.Arg, r requestDoc) (wsdl.Result, error) {
	nested, err := parseNested(a)
	if err != nil {
		return wsdl.One(wsdl.Str(malformedXML)), nil
	}
	pr, bad := parsePluginRequest(r, nested, s.pageSize)
	if bad != "" {
		return errorResult(bad), nil
	}
	total, comps, err := s.b.PluginComputers(ctx, pr.query)
	if err != nil {
		return nil, fmt.Errorf("soap: get_computers_V1: %w", err)
	}
	docs, err := s.pluginDocs(ctx, comps, pr)
	if err != nil {
		return nil, fmt.Errorf("soap: get_computers_V1: %w", err)
	}
	open := "&lt;COMPUTERS TOTAL_COUNT=\"" + strconv.FormatInt(total, 10) +
		"\" MAX_RECORDS=\"" + strconv.Itoa(pr.query.Limit) + "\"&gt;\n"
	out := make(wsdl.Result, 0, len(docs)+2)
	out = append(out, wsdl.EscapedValue(open))
	out = append(out, docs...)
	return append(out, wsdl.EscapedValue("&lt;/COMPUTERS&gt;\n")), nil
}

// pluginDocs renders the computers of a plugin-shaped page: META, then
// (INVENTORY) the sections asked for, sorted by tag.
func (s *service) pluginDocs(ctx context.Context, comps []store.Computer, pr *pluginRequest) ([]wsdl.Value, error) {
	if len(comps) == 0 {
		return nil, nil
	}
	ids := computerIDs(comps)
	pb := &pageBlocks{dev: make(map[int64][]block, len(ids))}
	if !pr.meta {
		var err error
		if pb, err = s.collectBlocks(ctx, ids, pr.sections, pr.wanted, s.pluginSpecial(pr.wanted, false)); err != nil {
			return nil, err
		}
	}
	out := make([]wsdl.Value, len(comps))
	for i, c := range comps {
		var d doc
		d.open(1, "META")
		metaFields(&d, 2, c)
		d.close(1, "META")
		pb.add(c.ID, "META", d.String())
		out[i] = computerDoc(computerOpen, pb.dev[c.ID])
	}
	return out, nil
}

// pluginSpecial returns the renderings of the special sections of wanted as
// the plugin's client reads them: ACCOUNTINFO entries keyed by their Name
// attribute (or, with elements, by the element's own name), and DICO_SOFT
// words whose Name is the software name and text the dictionary's name.
func (s *service) pluginSpecial(wanted uint64, elements bool) func([]int64, *pageBlocks) []func(context.Context) error {
	return func(ids []int64, pb *pageBlocks) []func(context.Context) error {
		var tasks []func(context.Context) error
		if wanted&wantAccountInfo != 0 {
			tasks = append(tasks, func(ctx context.Context) error { return s.renderAccount(ctx, ids, pb, elements) })
		}
		if wanted&wantDictionary != 0 {
			tasks = append(tasks, func(ctx context.Context) error { return s.renderPluginDictionary(ctx, ids, pb) })
		}
		return tasks
	}
}

// reXMLName matches the names usable as element names as they are.
var reXMLName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_.-]*$`)

// renderPluginDictionary renders DICO_SOFT as a map: one
// <WORD Name="software name">dictionary name</WORD> per software name of
// the device the dictionary knows.
func (s *service) renderPluginDictionary(ctx context.Context, ids []int64, pb *pageBlocks) error {
	names, err := s.b.PluginDictionary(ctx, ids)
	if err != nil {
		return fmt.Errorf("soap: dictionary: %w", err)
	}
	for _, id := range ids {
		var d doc
		d.open(1, "DICO_SOFT")
		for _, n := range names[id] {
			d.leafAttr(2, "WORD", "Name", n.Extracted, &n.Formatted)
		}
		d.close(1, "DICO_SOFT")
		pb.add(id, "DICO_SOFT", d.String())
	}
	return nil
}
