package handlers

import (
	"bytes"
	"testing"

	"ocsd/agentcompat"
)

func TestReplyCache(t *testing.T) {
	var c replyCache
	small := []byte("<?xml version='1.0' encoding='UTF-8'?>\n<REPLY>\n  <RESPONSE>SEND</RESPONSE>\n</REPLY>\n")
	big := append(append([]byte("<REPLY>"), bytes.Repeat([]byte("x"), maxCachedReply)...), "</REPLY>"...)
	for _, enc := range []agentcompat.Encoding{agentcompat.Zlib, agentcompat.Gzip, agentcompat.Plain} {
		for _, doc := range [][]byte{small, big} {
			first, second := c.encode(doc, enc), c.encode(doc, enc)
			for _, body := range [][]byte{first, second} {
				got, err := agentcompat.Decode(body, agentcompat.DefaultLimits())
				if err != nil || !bytes.Equal(got.XML, doc) || got.Encoding != enc {
					t.Fatalf("%v: cached reply does not decode to the document: %v", enc, err)
				}
			}
		}
	}
	if len(c.m) != 2 {
		t.Errorf("%d cached replies, want the small one in zlib and gzip", len(c.m))
	}
}
