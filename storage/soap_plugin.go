package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strings"

	"ocsd/dictionary"
	"ocsd/soap/store"
)

// pluginWhere writes the FROM and WHERE of a plugin-dialect selection (the
// selection of the GLPI plugin's database client, OcsDbClient::getComputers):
// computers with an accountinfo row, not groups, not archived, filtered.
func (db *DB) pluginWhere(q store.PluginQuery) (string, []any) {
	var w strings.Builder
	var args []any
	w.WriteString(` FROM hardware h JOIN accountinfo a ON a.HARDWARE_ID = h.ID
 WHERE h.DEVICEID NOT LIKE '!_%' ESCAPE '!' AND h.ARCHIVE IS NULL`)
	inList(&w, &args, "h.ID", q.IDs, false)
	inList(&w, &args, "h.ID", q.ExcludeIDs, true)
	inList(&w, &args, "a.TAG", q.Tags, false)
	inList(&w, &args, "a.TAG", q.ExcludeTags, true)
	inList(&w, &args, "h.DEVICEID", q.DeviceIDs, false)
	inList(&w, &args, "h.DEVICEID", q.ExcludeDeviceIDs, true)
	inList(&w, &args, "h.USERID", q.UserIDs, false)
	if q.Checksum != 0 {
		w.WriteString(" AND (h.CHECKSUM & ?) > 1")
		args = append(args, db.uint64Arg(q.Checksum))
	}
	if q.Since != "" {
		w.WriteString(" AND h.LASTDATE > ?")
		args = append(args, q.Since)
	}
	if q.Before != "" {
		w.WriteString(" AND h.LASTDATE < ?")
		args = append(args, q.Before)
	}
	return w.String(), args
}

// pluginOrder is the ORDER BY of a plugin-dialect page, ID breaking ties.
func pluginOrder(q store.PluginQuery) string {
	if q.Sort != store.SortName {
		return computerOrder(store.ComputerQuery{Sort: q.Sort, Desc: q.Desc}, "h.")
	}
	if q.Desc {
		return "h.NAME DESC, h.ID DESC"
	}
	return "h.NAME, h.ID"
}

// PluginComputers returns how many computers q selects and one page of them
// (META view), as the GLPI plugin's dialect pages: by row offset.
func (db *DB) PluginComputers(ctx context.Context, q store.PluginQuery) (int64, []store.Computer, error) {
	where, args := db.pluginWhere(q)
	var total int64
	if err := db.sql.QueryRowContext(ctx, "SELECT COUNT(*)"+where, args...).Scan(&total); err != nil {
		return 0, nil, fmt.Errorf("storage: plugin computers: %w", err)
	}
	if total == 0 || q.Offset >= int(total) {
		return total, nil, nil
	}
	query := "SELECT h.ID, h.DEVICEID, h.NAME, h.CHECKSUM, h.LASTDATE, h.LASTCOME, a.TAG" + where + " ORDER BY " + pluginOrder(q)
	if q.Limit > 0 {
		query += " LIMIT ? OFFSET ?"
		args = append(args, q.Limit, q.Offset)
	} else if q.Offset > 0 {
		query += " LIMIT ? OFFSET ?"
		args = append(args, total, q.Offset)
	}
	rows, err := db.sql.QueryContext(ctx, query, args...)
	if err != nil {
		return 0, nil, fmt.Errorf("storage: plugin computers: %w", err)
	}
	defer rows.Close()
	var out []store.Computer
	for rows.Next() {
		var c store.Computer
		var name, lastDate, lastCome, tag dbText
		var sum wideText
		if err := rows.Scan(&c.ID, &c.DeviceID, &name, &sum, &lastDate, &lastCome, &tag); err != nil {
			return 0, nil, fmt.Errorf("storage: plugin computers: %w", err)
		}
		c.Name, c.Checksum, c.LastDate, c.LastCome, c.Tag = name.String, sum.String, lastDate.String, lastCome.String, tag.String
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return 0, nil, fmt.Errorf("storage: plugin computers: %w", err)
	}
	return total, out, nil
}

// PluginChecksum returns hardware.CHECKSUM of the computer id.
func (db *DB) PluginChecksum(ctx context.Context, id int64) (string, bool, error) {
	var sum wideText
	err := db.sql.QueryRowContext(ctx, "SELECT CHECKSUM FROM hardware WHERE ID = ?", id).Scan(&sum)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	if err != nil {
		return "", false, fmt.Errorf("storage: checksum of %d: %w", id, err)
	}
	return sum.String, true, nil
}

// PluginDictionary returns, per device, the distinct software names the
// dictionary knows, with their dictionary names, sorted: dico_soft entries,
// and with rules in force the names a rule classifies (compat.md S31).
func (db *DB) PluginDictionary(ctx context.Context, ids []int64) (map[int64][]store.DicoName, error) {
	out := map[int64][]store.DicoName{}
	if len(ids) == 0 {
		return out, nil
	}
	m, err := db.exportMatcher(ctx)
	if err != nil {
		return nil, fmt.Errorf("storage: dictionary names: %w", err)
	}
	if m.Len() > 0 {
		return db.ruledPluginNames(ctx, m, ids)
	}
	in, args := idsIn("s.HARDWARE_ID", ids)
	rows, err := db.scanRows(ctx, `SELECT DISTINCT s.HARDWARE_ID, n.NAME, d.FORMATTED FROM software s
 JOIN software_name n ON n.ID = s.NAME_ID JOIN dico_soft d ON d.EXTRACTED = n.NAME
 WHERE `+in+" ORDER BY s.HARDWARE_ID, n.NAME, d.FORMATTED", args, []string{"NAME", "FORMATTED"}, nil)
	if err != nil {
		return nil, fmt.Errorf("storage: dictionary names: %w", err)
	}
	for _, r := range rows {
		if r.Values[0] != nil && r.Values[1] != nil {
			out[r.DeviceID] = append(out[r.DeviceID], store.DicoName{Extracted: *r.Values[0], Formatted: *r.Values[1]})
		}
	}
	return out, nil
}

// ruledPluginNames is PluginDictionary with rules: a name's dico_soft
// entries as without rules, else (unless dico_ignored holds it) the first
// rule that matches it. Names are ordered as the query without rules orders
// them, ignoring case.
func (db *DB) ruledPluginNames(ctx context.Context, m *dictionary.Matcher, ids []int64) (map[int64][]store.DicoName, error) {
	rows, err := db.deviceNameRows(ctx, ids)
	if err != nil {
		return nil, fmt.Errorf("storage: dictionary names: %w", err)
	}
	exp := m.Export()
	out := map[int64][]store.DicoName{}
	for _, r := range rows {
		name, f, ok, err := resolveNameRow(exp, r.Values)
		if err != nil {
			return nil, fmt.Errorf("storage: dictionary names: %w", err)
		}
		if ok {
			out[r.DeviceID] = append(out[r.DeviceID], store.DicoName{Extracted: name, Formatted: f})
		}
	}
	for _, names := range out {
		sort.Slice(names, func(i, j int) bool {
			a, b := names[i], names[j]
			if a.Extracted != b.Extracted {
				return lessFolded(a.Extracted, b.Extracted)
			}
			return a.Formatted < b.Formatted
		})
	}
	return out, nil
}

// PluginRemoveDeleted deletes the deleted_equiv events of deleted: with an
// equivalent, those naming it; without, those naming none (NULL, ” or the
// literal 'NULL' GLPI writes). It returns how many rows went.
func (db *DB) PluginRemoveDeleted(ctx context.Context, deleted string, equivalent *string) (int64, error) {
	q := "DELETE FROM deleted_equiv WHERE DELETED = ? AND (EQUIVALENT IS NULL OR EQUIVALENT IN ('', 'NULL'))"
	args := []any{deleted}
	if equivalent != nil {
		q = "DELETE FROM deleted_equiv WHERE DELETED = ? AND EQUIVALENT = ?"
		args = append(args, *equivalent)
	}
	res, err := db.sql.ExecContext(ctx, q, args...)
	if err != nil {
		return 0, fmt.Errorf("storage: remove deleted %s: %w", deleted, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, fmt.Errorf("storage: remove deleted %s: %w", deleted, err)
	}
	return n, nil
}
