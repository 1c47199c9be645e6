package soap

import (
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"

	kgzip "github.com/klauspost/compress/gzip"
	"github.com/klauspost/compress/zlib"
)

// gzipMin is the smallest reply worth compressing.
const gzipMin = 1024

// checkContentType applies SOAP::Lite's rule on the request media type.
func checkContentType(ct string) *Fault {
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		mt = strings.ToLower(strings.TrimSpace(ct))
	}
	switch {
	case mt == "text/xml", mt == "application/soap+xml":
		return nil
	}
	return clientFault("Content-Type must be 'text/xml,' 'multipart/*,' 'application/soap+xml,' 'or 'application/dime' instead of '" +
		ct + "' (only text/xml and application/soap+xml are served here)")
}

// errTooLarge is a body over a cap.
var errTooLarge = errors.New("soap: request body too large")

// readBody reads the request body within the caps, inflating a deflate
// (zlib, as SOAP::Lite sends) or gzip Content-Encoding. A non-zero status
// refuses the request at the HTTP level.
func readBody(w http.ResponseWriter, r *http.Request, maxBody, maxInflated int64) ([]byte, int, error) {
	if r.ContentLength > maxBody {
		return nil, http.StatusRequestEntityTooLarge, errTooLarge
	}
	var in io.Reader = http.MaxBytesReader(w, r.Body, maxBody)
	limit := maxBody
	switch enc := strings.ToLower(strings.TrimSpace(r.Header.Get("Content-Encoding"))); enc {
	case "", "identity":
	case "deflate":
		zr, err := zlib.NewReader(in)
		if err != nil {
			return nil, http.StatusBadRequest, fmt.Errorf("soap: deflate body: %w", err)
		}
		defer zr.Close()
		in, limit = zr, maxInflated
	case "gzip", "x-gzip":
		gr, err := gzip.NewReader(in)
		if err != nil {
			return nil, http.StatusBadRequest, fmt.Errorf("soap: gzip body: %w", err)
		}
		defer gr.Close()
		in, limit = gr, maxInflated
	default:
		return nil, http.StatusUnsupportedMediaType, fmt.Errorf("soap: unsupported Content-Encoding %q", enc)
	}
	body, err := io.ReadAll(io.LimitReader(in, limit+1))
	var mbe *http.MaxBytesError
	switch {
	case errors.As(err, &mbe), int64(len(body)) > limit:
		return nil, http.StatusRequestEntityTooLarge, errTooLarge
	case err != nil:
		return nil, http.StatusBadRequest, fmt.Errorf("soap: read body: %w", err)
	case len(body) == 0:
		return nil, http.StatusBadRequest, errors.New("soap: empty request body")
	}
	return body, 0, nil
}

// writeReply sends a reply, gzipped when the client accepts it.
func writeReply(w http.ResponseWriter, r *http.Request, status int, body []byte) {
	h := w.Header()
	h.Set("Content-Type", "text/xml; charset=utf-8")
	h.Add("Vary", "Accept-Encoding")
	if len(body) < gzipMin || !acceptsGzip(r.Header.Get("Accept-Encoding")) {
		h.Set("Content-Length", strconv.Itoa(len(body)))
		w.WriteHeader(status)
		_, _ = w.Write(body)
		return
	}
	h.Set("Content-Encoding", "gzip")
	w.WriteHeader(status)
	gz, _ := kgzip.NewWriterLevel(w, kgzip.BestSpeed)
	_, _ = gz.Write(body)
	_ = gz.Close()
}

// acceptsGzip reads an Accept-Encoding header.
func acceptsGzip(ae string) bool {
	for _, part := range strings.Split(ae, ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if !strings.EqualFold(strings.TrimSpace(name), "gzip") && strings.TrimSpace(name) != "*" {
			continue
		}
		if q, ok := strings.CutPrefix(strings.ReplaceAll(params, " ", ""), "q="); ok {
			if v, err := strconv.ParseFloat(q, 64); err == nil && v == 0 {
				return false
			}
		}
		return true
	}
	return false
}
