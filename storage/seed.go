package storage

import (
	"context"
	"fmt"
	"strings"
)

// seeds are the data migrations of a fresh install: the rows an OCS
// GUI_VERSION 7069 database holds before its first agent (the base install
// with the rows of updates 7040 to 7069 applied), with the deviations of
// docs/compat.md D1 and D2.
func seeds() []migration {
	return []migration{
		{version: 109, name: "seed_config", seed: seedConfig},
		{version: 110, name: "seed_accountinfo_config", seed: seedAccountinfoConfig},
		{version: 111, name: "seed_blacklists", seed: seedBlacklists},
		{version: 112, name: "seed_software_unavailable", seed: seedSoftwareUnavailable},
		{version: 113, name: "seed_notification", seed: seedNotification},
		{version: 114, name: "seed_downloadwk", seed: seedDownloadWorkflow},
		{version: 115, name: "seed_snmp_default", seed: seedSNMPDefault},
		{version: 116, name: "seed_admin_operator", seed: seedAdmin},
	}
}

// seeder writes the rows of a seed step inside its transaction.
type seeder struct {
	q       queryer
	dialect Dialect
	// adminPassword is set by the admin seed when it creates the operator.
	adminPassword string
}

// insert writes rows (values in the order of cols, nil for NULL) into table
// in one statement.
func (s *seeder) insert(ctx context.Context, table string, cols []string, rows [][]any) error {
	return s.insertRows(ctx, "INSERT", table, cols, rows)
}

// insertRows is insert with another verb ("INSERT IGNORE").
func (s *seeder) insertRows(ctx context.Context, verb, table string, cols []string, rows [][]any) error {
	if len(rows) == 0 {
		return nil
	}
	var b strings.Builder
	b.WriteString(verb + " INTO " + table + " (" + strings.Join(cols, ", ") + ") VALUES ")
	args := make([]any, 0, len(rows)*len(cols))
	for i, r := range rows {
		if len(r) != len(cols) {
			return fmt.Errorf("seed %s: row %d has %d values for %d columns", table, i, len(r), len(cols))
		}
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(placeholders(len(cols)))
		args = append(args, r...)
	}
	if _, err := s.q.ExecContext(ctx, b.String(), args...); err != nil {
		return fmt.Errorf("seed %s: %w", table, err)
	}
	return nil
}

// exists reports whether query returns a row.
func (s *seeder) exists(ctx context.Context, query string, args ...any) (bool, error) {
	rows, err := s.q.QueryContext(ctx, query, args...)
	if err != nil {
		return false, err
	}
	defer rows.Close()
	return rows.Next(), rows.Err()
}

func seedAccountinfoConfig(ctx context.Context, s *seeder) error {
	// The TAG field, once for computers and once for SNMP devices.
	cols := []string{"ID", "NAME_ACCOUNTINFO", "TYPE", "NAME", "ID_TAB", "COMMENT", "SHOW_ORDER", "ACCOUNT_TYPE", "DEFAULT_VALUE"}
	return s.insert(ctx, "accountinfo_config", cols, [][]any{
		{1, "TAG", 0, "TAG", 1, "TAG", 1, "COMPUTERS", nil},
		{2, "TAG", 0, "TAG", 1, "TAG", 1, "SNMP", nil},
	})
}

func seedSoftwareUnavailable(ctx context.Context, s *seeder) error {
	// Id 1 stands for "no publisher" / "no version" in software rows.
	if err := s.insert(ctx, "software_publisher", []string{"ID", "PUBLISHER"}, [][]any{{1, "Unavailable"}}); err != nil {
		return err
	}
	return s.insert(ctx, "software_version", []string{"ID", "VERSION"}, [][]any{{1, "Unavailable"}})
}

func seedNotification(ctx context.Context, s *seeder) error {
	return s.insert(ctx, "notification", []string{"ID", "TYPE", "FILE", "SUBJECT", "ALTBODY"}, [][]any{
		{1, "SELECTED", "DEFAULT", nil, nil},
		{2, "DEFAULT", "templates/OCS_template.html", "Notification OCSInventory", "Default report inventory"},
		{3, "PERSO", nil, nil, nil},
	})
}

// seedDownloadWorkflow writes the package request workflow of the console:
// its tabs, form fields (labels are console message numbers) and states.
func seedDownloadWorkflow(ctx context.Context, s *seeder) error {
	tabs := [][]any{
		{"TAB", "INFO_DEM", "1033", 1, 1},
		{"TAB", "INFO_PAQUET", "1034", 2, 1},
		{"TAB", "INFO_CONF", "1035", 3, 1},
		{"TAB", "INFO_VALID", "1036", 4, 1},
		{"TAB", "INFO_HISTO", "1052", 5, 1},
	}
	if err := s.insert(ctx, "downloadwk_tab_values", []string{"FIELD", "VALUE", "LBL", "ID", "DEFAULT_FIELD"}, tabs); err != nil {
		return err
	}
	fields := [][]any{
		{"1", "USER", 3, "1038", 1, 1, "loggeduser", 1, 0, 0},
		{"2", "NAME_TELEDEPLOY", 0, "1037", 1, 2, "", 1, 0, 0},
		{"2", "INFO_PACK", 0, "53", 1, 3, "", 1, 0, 0},
		{"3", "PRIORITY", 2, "1039", 1, 4, "", 1, 0, 0},
		{"3", "NOTIF_USER", 2, "1040", 1, 5, "", 1, 0, 0},
		{"3", "REPORT_USER", 2, "1041", 1, 6, "", 1, 0, 0},
		{"3", "REBOOT", 2, "1042", 1, 7, "", 1, 0, 0},
		{"4", "VALID_INSTALL", 6, "1043", 1, 8, "", 1, 0, 0},
		{"4", "STATUS", 2, "1046", 0, 9, "2", 1, 1, 0},
		{"5", "LIST_HISTO", 10, "1052", 0, 10,
			"select AUTHOR,DATE,ACTION from downloadwk_history where id_dde=%s$$$$OLD_MODIF", 1, 0, 0},
	}
	cols := []string{"TAB", "FIELD", "TYPE", "LBL", "MUST_COMPLETED", "ID", "VALUE", "DEFAULT_FIELD", "RESTRICTED", "LINK_STATUS"}
	if err := s.insert(ctx, "downloadwk_fields", cols, fields); err != nil {
		return err
	}
	states := [][]any{
		{1, "NIV0", "DELETE", 0},
		{2, "NIV1", "WAITING FOR INCLUSION", 0},
		{3, "NIV2", "ACKNOWLEDGEMENT", 0},
		{4, "NIV3", "REFUSAL", 0},
		{5, "NIV4", "NEED TO CHANGE", 0},
		{6, "NIV5", "CREATE PACKAGE", 0},
		{7, "NIV6", "LOCAL TEST", 0},
		{8, "NIV7", "PERIMETER LIMITED DEPLOYMENT", 0},
		{9, "NIV8", "DURING DEPLOYMENT", 0},
	}
	return s.insert(ctx, "downloadwk_statut_request", []string{"ID", "NAME", "LBL", "ACTIF"}, states)
}
