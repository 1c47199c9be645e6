package soap

import (
	"context"
	"net/http/httptest"
	"os"
	"testing"
	"time"

	"ocsd/loadgen"
	"ocsd/storage"
)

func TestZZDiag2(t *testing.T) {
	if os.Getenv("DIAG2") == "" {
		t.Skip()
	}
	ctx := context.Background()
	db, err := storage.Open(ctx, "mysql://root@127.0.0.1:3306/ocsd_diag", storage.Options{})
	must(t, err)
	s := dbServer(t, db, Options{})
	ts := httptest.NewServer(s.h)
	defer ts.Close()
	for _, kind := range kinds() {
		res, err := loadgen.RunSOAP(ctx, loadgen.SOAPConfig{Target: ts.URL + "/ocsinterface", User: "ocssoap", Password: "secret", Clients: 4, Duration: 8 * time.Second, Kind: kind})
		must(t, err)
		t.Log(res)
	}
}

func kinds() []loadgen.SOAPKind {
	if os.Getenv("DIAG2") == "inv" {
		return []loadgen.SOAPKind{loadgen.SOAPInventory}
	}
	return []loadgen.SOAPKind{loadgen.SOAPMeta, loadgen.SOAPInventory}
}
