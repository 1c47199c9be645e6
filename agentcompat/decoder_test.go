package agentcompat

import (
	"bytes"
	"fmt"
	"sync"
	"testing"
)

// TestDecoderReusesInflaters: pooled inflaters give exactly what fresh ones
// give, across reuse, concurrent callers and a truncated stream in between.
func TestDecoderReusesInflaters(t *testing.T) {
	var d Decoder
	docs := make([][]byte, 8)
	for i := range docs {
		docs[i] = []byte(fmt.Sprintf(`<?xml version="1.0"?><REQUEST><DEVICEID>d%d-2024-01-02-03-04-05</DEVICEID>%s</REQUEST>`,
			i, bytes.Repeat([]byte("<SOFTWARES><NAME>x</NAME></SOFTWARES>"), 100*i)))
	}
	truncated := Encode(docs[3], Zlib)
	truncated = truncated[:len(truncated)/2]
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for round := 0; round < 50; round++ {
				if _, err := d.Decode(truncated, DefaultLimits()); err == nil {
					t.Error("truncated stream accepted")
				}
				for _, doc := range docs {
					got, err := d.Decode(Encode(doc, Zlib), DefaultLimits())
					if err != nil || !bytes.Equal(got.XML, doc) || got.Encoding != Zlib {
						t.Errorf("pooled decode differs: %v", err)
						return
					}
				}
			}
		}()
	}
	wg.Wait()
}
