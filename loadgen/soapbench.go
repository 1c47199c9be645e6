package loadgen

import (
	"bytes"
	"context"
	"fmt"
	"html"
	"io"
	"net/http"
	"sort"
	"strconv"
	"sync"
	"time"
)

// SOAPKind is the request a SOAP benchmark repeats.
type SOAPKind string

// SOAP benchmark kinds.
const (
	// SOAPMeta pages through get_computers_V1 ASKING_FOR=META.
	SOAPMeta SOAPKind = "meta"
	// SOAPInventory pages through get_computers_V1 INVENTORY with every
	// section (no CHECKSUM) and ACCOUNTINFO.
	SOAPInventory SOAPKind = "inventory"
)

// SOAPConfig drives a benchmark of /ocsinterface.
type SOAPConfig struct {
	// Target is the SOAP endpoint URL (http://host:port/ocsinterface).
	Target string
	// User and Password are the HTTP Basic credentials.
	User, Password string
	// Clients is the number of concurrent clients (0: 4).
	Clients int
	// Duration is the measured phase (0: 10s).
	Duration time.Duration
	// Kind is the request repeated.
	Kind SOAPKind
	// Pages is how many pages the clients cycle through (OFFSET 0…Pages-1;
	// 0: 100, i.e. 10,000 computers at 100 per page).
	Pages int
	// Client is the HTTP client (nil: a keep-alive client).
	Client *http.Client
}

// SOAPResult reports a SOAP benchmark.
type SOAPResult struct {
	Kind     SOAPKind
	Pages    int
	Failed   int
	Bytes    int64
	Elapsed  time.Duration
	Rate     float64 // pages per second
	P50, P95 time.Duration
}

// String formats the result on one line.
func (r SOAPResult) String() string {
	return fmt.Sprintf("soap %s: %d pages in %s = %.1f pages/s (p50 %s, p95 %s, %d failed, %.1f MB)",
		r.Kind, r.Pages, r.Elapsed.Round(time.Millisecond), r.Rate, r.P50.Round(time.Microsecond),
		r.P95.Round(time.Microsecond), r.Failed, float64(r.Bytes)/1e6)
}

// soapEnvelope is a get_computers_V1 call as SOAP::Lite sends it.
func soapEnvelope(kind SOAPKind, page int) []byte {
	doc := "<REQUEST><ENGINE>FIRST</ENGINE><ASKING_FOR>INVENTORY</ASKING_FOR><WANTED>1</WANTED><OFFSET>" +
		strconv.Itoa(page) + "</OFFSET></REQUEST>"
	if kind == SOAPMeta {
		doc = "<REQUEST><ENGINE>FIRST</ENGINE><ASKING_FOR>META</ASKING_FOR><CHECKSUM>131071</CHECKSUM><OFFSET>" +
			strconv.Itoa(page) + "</OFFSET></REQUEST>"
	}
	return []byte(`<?xml version="1.0" encoding="UTF-8"?><soap:Envelope soap:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/"` +
		` xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsd="http://www.w3.org/2001/XMLSchema"` +
		` xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soap:Body><get_computers_V1 xmlns="urn:Apache/Ocsinventory/Interface">` +
		`<c-gensym3 xsi:type="xsd:string">` + html.EscapeString(doc) + `</c-gensym3></get_computers_V1></soap:Body></soap:Envelope>`)
}

// RunSOAP runs cfg.Clients clients, each requesting the next page in turn,
// for cfg.Duration, and reports pages per second.
func RunSOAP(ctx context.Context, cfg SOAPConfig) (SOAPResult, error) {
	if cfg.Kind != SOAPMeta && cfg.Kind != SOAPInventory {
		return SOAPResult{}, fmt.Errorf("loadgen: unknown SOAP kind %q", cfg.Kind)
	}
	if cfg.Clients <= 0 {
		cfg.Clients = 4
	}
	if cfg.Duration <= 0 {
		cfg.Duration = 10 * time.Second
	}
	if cfg.Pages <= 0 {
		cfg.Pages = 100
	}
	if cfg.Client == nil {
		// Like PHP's SoapClient and SOAP::Lite by default, ask for no compression.
		cfg.Client = &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: cfg.Clients, DisableCompression: true},
			Timeout: time.Minute}
	}
	if _, _, err := soapPost(ctx, cfg, 0); err != nil {
		return SOAPResult{}, err
	}
	var mu sync.Mutex
	var lat []time.Duration
	res := SOAPResult{Kind: cfg.Kind}
	deadline := time.Now().Add(cfg.Duration)
	start := time.Now()
	var wg sync.WaitGroup
	for c := 0; c < cfg.Clients; c++ {
		wg.Add(1)
		go func(c int) {
			defer wg.Done()
			for i := c; time.Now().Before(deadline) && ctx.Err() == nil; i += cfg.Clients {
				t0 := time.Now()
				n, _, err := soapPost(ctx, cfg, i%cfg.Pages)
				d := time.Since(t0)
				mu.Lock()
				if err != nil {
					res.Failed++
				} else {
					res.Pages++
					res.Bytes += n
					lat = append(lat, d)
				}
				mu.Unlock()
			}
		}(c)
	}
	wg.Wait()
	res.Elapsed = time.Since(start)
	res.Rate = float64(res.Pages) / res.Elapsed.Seconds()
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	if len(lat) > 0 {
		res.P50, res.P95 = lat[len(lat)/2], lat[len(lat)*95/100]
	}
	return res, nil
}

// soapPost sends one page request and returns the reply size.
func soapPost(ctx context.Context, cfg SOAPConfig, page int) (int64, int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, cfg.Target, bytes.NewReader(soapEnvelope(cfg.Kind, page)))
	if err != nil {
		return 0, 0, fmt.Errorf("loadgen: soap request: %w", err)
	}
	req.Header.Set("Content-Type", "text/xml; charset=utf-8")
	req.Header.Set("SOAPAction", `"urn:Apache/Ocsinventory/Interface#get_computers_V1"`)
	req.SetBasicAuth(cfg.User, cfg.Password)
	resp, err := cfg.Client.Do(req)
	if err != nil {
		return 0, 0, fmt.Errorf("loadgen: soap post: %w", err)
	}
	defer resp.Body.Close()
	n, err := io.Copy(io.Discard, resp.Body)
	if err != nil {
		return 0, resp.StatusCode, fmt.Errorf("loadgen: soap reply: %w", err)
	}
	if resp.StatusCode != http.StatusOK {
		return n, resp.StatusCode, fmt.Errorf("loadgen: soap reply: HTTP %d", resp.StatusCode)
	}
	return n, resp.StatusCode, nil
}
