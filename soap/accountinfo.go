package soap

import (
	"context"
	"fmt"
	"sort"
	"strings"
)

// renderAccountInfo renders ACCOUNTINFO (WANTED & 1): one <ENTRY Name=…> per
// column, named by accountinfo_config for fields_N columns; coded fields
// (select, radio, checkbox) give one ENTRY per code, carrying its label
// (mirrors Apache/Ocsinventory/Interface/Inventory.pm). Entries are sorted
// by name; OCS emits them in random hash order.
func (s *service) renderAccountInfo(ctx context.Context, ids []int64, pb *pageBlocks) error {
	return s.renderAccount(ctx, ids, pb, false)
}

// accountEntry writes one value of the field name: <ENTRY Name="name">, or
// with elements <name> (left out when name is no XML name).
func (d *doc) accountEntry(name string, v *string, elements bool) {
	switch {
	case !elements:
		d.leafAttr(2, "ENTRY", "Name", name, v)
	case reXMLName.MatchString(name):
		d.leaf(2, name, v)
	}
}

// renderAccount renders ACCOUNTINFO, its values as ENTRY elements or, with
// elements, as elements named by their field.
func (s *service) renderAccount(ctx context.Context, ids []int64, pb *pageBlocks, elements bool) error {
	ai, err := s.b.AccountInfo(ctx, ids)
	if err != nil {
		return fmt.Errorf("soap: accountinfo: %w", err)
	}
	type col struct {
		idx  int
		name string
	}
	cols := make([]col, len(ai.Columns))
	for i, c := range ai.Columns {
		name := c
		if n, ok := ai.FieldNames[c]; ok && n != "" {
			name = n
		}
		cols[i] = col{idx: i, name: name}
	}
	sort.SliceStable(cols, func(i, j int) bool { return cols[i].name < cols[j].name })
	for _, id := range ids {
		vals, ok := ai.Rows[id]
		if !ok {
			continue
		}
		var d doc
		d.open(1, "ACCOUNTINFO")
		for _, c := range cols {
			labels := ai.Labels[c.name]
			v := vals[c.idx]
			if labels == nil || v == nil {
				d.accountEntry(c.name, v, elements)
				continue
			}
			for _, code := range strings.Split(*v, "&&&") {
				if code == "" {
					continue
				}
				label := labels[code]
				d.accountEntry(c.name, &label, elements)
			}
		}
		d.close(1, "ACCOUNTINFO")
		pb.add(id, "ACCOUNTINFO", d.String())
	}
	return nil
}

// renderDictionary renders DICO_SOFT (WANTED & 2): the distinct dictionary
// names of the device's software, from the normalised software tables.
func (s *service) renderDictionary(ctx context.Context, ids []int64, pb *pageBlocks) error {
	words, err := s.b.DictionaryWords(ctx, ids)
	if err != nil {
		return fmt.Errorf("soap: dictionary: %w", err)
	}
	for _, id := range ids {
		var d doc
		d.open(1, "DICO_SOFT")
		for _, w := range words[id] {
			d.leafText(2, "WORD", w)
		}
		d.close(1, "DICO_SOFT")
		pb.add(id, "DICO_SOFT", d.String())
	}
	return nil
}
