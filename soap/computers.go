package soap

import (
	"context"
	"fmt"
	"sort"
	"sync"

	"ocsd/soap/store"
	"ocsd/wsdl"
)

// GetComputersV1 serves get_computers_V1: the wrapper "<COMPUTERS>\n", one
// string per computer, then "</COMPUTERS>\n", each a part of its own. A
// plugin-shaped request gets the GLPI plugin's dialect (isPluginRequest).
func (s *service) GetComputersV1(ctx context.Context, p wsdl.GetComputersV1Params) (wsdl.Result, error) {
	r, err := parseRequestDoc(p.Request)
	if err != nil {
		return wsdl.One(wsdl.Str(malformedXML)), nil
	}
	if isPluginRequest(r) {
		return s.pluginComputers(ctx, p.Request, r)
	}
	cr, res, err := parseComputerRequest(r, s.pageSize)
	if res != nil || err != nil {
		return res, err
	}
	comps, err := s.pageComputers(ctx, cr.query)
	if err != nil {
		return nil, fmt.Errorf("soap: get_computers_V1: %w", err)
	}
	var docs []wsdl.Value
	if cr.meta {
		docs = metaDocs(comps)
	} else if docs, err = s.inventoryDocs(ctx, comps, cr); err != nil {
		return nil, fmt.Errorf("soap: get_computers_V1: %w", err)
	}
	return wrapList("COMPUTERS", docs), nil
}

// pageComputers returns one page of computers, through the selection cache
// when it is on.
func (s *service) pageComputers(ctx context.Context, q store.ComputerQuery) ([]store.Computer, error) {
	if s.sel == nil {
		return s.b.Computers(ctx, q)
	}
	ids, err := s.sel.page(ctx, s.b, q)
	if err != nil || len(ids) == 0 {
		return nil, err
	}
	found, err := s.b.ComputersByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	byID := make(map[int64]store.Computer, len(found))
	for _, c := range found {
		byID[c.ID] = c
	}
	out := make([]store.Computer, 0, len(ids))
	for _, id := range ids {
		if c, ok := byID[id]; ok {
			out = append(out, c)
		}
	}
	return out, nil
}

// wrapList returns the parts "<TAG>\n", docs…, "</TAG>\n" (docs are in
// wire form, see doc).
func wrapList(tag string, docs []wsdl.Value) wsdl.Result {
	out := make(wsdl.Result, 0, len(docs)+2)
	out = append(out, wsdl.EscapedValue("&lt;"+tag+"&gt;\n"))
	out = append(out, docs...)
	return append(out, wsdl.EscapedValue("&lt;/"+tag+"&gt;\n"))
}

// metaDocs renders the META view: seven fields in alphabetical order.
func metaDocs(comps []store.Computer) []wsdl.Value {
	out := make([]wsdl.Value, len(comps))
	for i, c := range comps {
		var d doc
		d.open(0, "COMPUTER")
		metaFields(&d, 1, c)
		d.close(0, "COMPUTER")
		out[i] = d.value()
	}
	return out
}

// metaFields writes the seven META fields of c at level.
func metaFields(d *doc, level int, c store.Computer) {
	d.leafText(level, "CHECKSUM", c.Checksum)
	d.leafText(level, "DATABASEID", fmt.Sprint(c.ID))
	d.leafText(level, "DEVICEID", c.DeviceID)
	d.leafText(level, "LASTCOME", c.LastCome)
	d.leafText(level, "LASTDATE", c.LastDate)
	d.leafText(level, "NAME", c.Name)
	d.leafText(level, "TAG", c.Tag)
}

// block is one rendered element of a <COMPUTER>, kept per device until the
// blocks are sorted by tag.
type block struct {
	tag  string
	text string
}

// pageBlocks collects the rendered blocks of a page, by device.
type pageBlocks struct {
	mu  sync.Mutex
	dev map[int64][]block
}

func (p *pageBlocks) add(id int64, tag, text string) {
	p.mu.Lock()
	p.dev[id] = append(p.dev[id], block{tag: tag, text: text})
	p.mu.Unlock()
}

// span is the part of a section's text that belongs to one device.
type span struct {
	id       int64
	from, to int
}

// addSpans adds the blocks of one section, cut from its text.
func (p *pageBlocks) addSpans(tag, text string, spans []span) {
	p.mu.Lock()
	for _, s := range spans {
		p.dev[s.id] = append(p.dev[s.id], block{tag: tag, text: text[s.from:s.to]})
	}
	p.mu.Unlock()
}

// sectionParallelism bounds the concurrent section reads of one page.
const sectionParallelism = 4

// inventoryDocs renders the INVENTORY view of a page: each requested section
// is read for the whole page in one query, then the blocks of each device
// are sorted by tag, as XML::Simple sorts hash keys.
func (s *service) inventoryDocs(ctx context.Context, comps []store.Computer, cr *computerRequest) ([]wsdl.Value, error) {
	if len(comps) == 0 {
		return nil, nil
	}
	ids := computerIDs(comps)
	pb, err := s.collectBlocks(ctx, ids, cr.sections, cr.wanted, nil)
	if err != nil {
		return nil, err
	}
	out := make([]wsdl.Value, len(comps))
	for i, id := range ids {
		out[i] = computerDoc(computerOpen, pb.dev[id])
	}
	return out, nil
}

// computerIDs returns the ids of comps, in order.
func computerIDs(comps []store.Computer) []int64 {
	ids := make([]int64, len(comps))
	for i, c := range comps {
		ids[i] = c.ID
	}
	return ids
}

// collectBlocks reads and renders, for the devices ids, the sections whose
// bit is in sections and the special sections of wanted; extra adds the
// renderings of other tasks (nil: none).
func (s *service) collectBlocks(ctx context.Context, ids []int64, sections, wanted uint64,
	extra func(ids []int64, pb *pageBlocks) []func(context.Context) error) (*pageBlocks, error) {
	pb := &pageBlocks{dev: make(map[int64][]block, len(ids))}
	var tasks []func(context.Context) error
	for i := range s.sections {
		sec := &s.sections[i]
		if sec.Mask&sections != 0 {
			tasks = append(tasks, func(ctx context.Context) error { return s.renderSection(ctx, sec, ids, pb) })
		}
	}
	if extra != nil {
		tasks = append(tasks, extra(ids, pb)...)
	} else {
		if wanted&wantAccountInfo != 0 {
			tasks = append(tasks, func(ctx context.Context) error { return s.renderAccountInfo(ctx, ids, pb) })
		}
		if wanted&wantDictionary != 0 {
			tasks = append(tasks, func(ctx context.Context) error { return s.renderDictionary(ctx, ids, pb) })
		}
	}
	if err := runBounded(ctx, sectionParallelism, tasks); err != nil {
		return nil, err
	}
	return pb, nil
}

// computerOpen is the start tag of a stock <COMPUTER>, in wire form.
const computerOpen = "&lt;COMPUTER&gt;"

// computerDoc assembles one <COMPUTER> from its blocks, as a value made of
// them; open is its start tag in wire form (attributes included).
func computerDoc(open string, blocks []block) wsdl.Value {
	if len(blocks) == 0 {
		return wsdl.EscapedValue(open + "&lt;/COMPUTER&gt;\n")
	}
	sort.SliceStable(blocks, func(i, j int) bool { return blocks[i].tag < blocks[j].tag })
	chunks := make([]string, 0, len(blocks)+2)
	chunks = append(chunks, open+"\n")
	for _, b := range blocks {
		chunks = append(chunks, b.text)
	}
	return wsdl.EscapedChunks(append(chunks, "&lt;/COMPUTER&gt;\n"))
}

// renderSection reads one section for the page and renders one element per row.
func (s *service) renderSection(ctx context.Context, sec *exportSection, ids []int64, pb *pageBlocks) error {
	if s.sel != nil && sec.Table != "hardware" {
		has, err := s.sel.hasRows(ctx, s.b, sec.Table)
		if err != nil || !has {
			return err
		}
	}
	var rows []store.Row
	var err error
	if sec.Software {
		rows, err = s.b.SoftwareRows(ctx, sec.Fields, ids)
	} else {
		rows, err = s.b.SectionRows(ctx, store.RowQuery{Table: sec.Table, Key: sec.Key, Columns: sec.Fields, IDs: ids})
	}
	if err != nil {
		return fmt.Errorf("soap: section %s: %w", sec.Tag, err)
	}
	// The whole page's section is written into one buffer, each device's
	// block a slice of it: one allocation instead of one per device.
	var d doc
	d.grow(len(rows) * sec.rowSize)
	spans := make([]span, 0, len(ids))
	for start := 0; start < len(rows); {
		end := start
		for end < len(rows) && rows[end].DeviceID == rows[start].DeviceID {
			end++
		}
		from := d.b.Len()
		for i := start; i < end; i++ {
			d.open(1, sec.Tag)
			for j, v := range rows[i].Values {
				d.wireLeaf(sec.opens[j], sec.closes[j], v)
			}
			d.close(1, sec.Tag)
		}
		spans = append(spans, span{id: rows[start].DeviceID, from: from, to: d.b.Len()})
		start = end
	}
	pb.addSpans(sec.Tag, d.String(), spans)
	return nil
}

// runBounded runs tasks with at most n at a time and returns the first error.
func runBounded(ctx context.Context, n int, tasks []func(context.Context) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	sem := make(chan struct{}, n)
	errs := make(chan error, len(tasks))
	var wg sync.WaitGroup
	for _, t := range tasks {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			if err := t(ctx); err != nil {
				errs <- err
				cancel()
			}
		}()
	}
	wg.Wait()
	close(errs)
	return <-errs
}
