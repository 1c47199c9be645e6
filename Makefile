# ocsd — build, run, test. `make test` is what CI runs (through .ci/run).
GO      ?= go
DB      ?= sqlite:./ocsd.db
LISTEN  ?= 127.0.0.1:8080
PKGS    := ./...

.PHONY: all build run test test-short bench lint fuzz generate clean

all: build

build:
	CGO_ENABLED=0 $(GO) build -trimpath -o bin/ocsd ./cmd/ocsd

run: build
	./bin/ocsd serve --listen $(LISTEN) --db $(DB)

# Full suite: real SQLite always, real MariaDB when reachable (mandatory when CI=true).
test:
	$(GO) vet $(PKGS)
	$(GO) test -race -count=1 -timeout 60m $(PKGS)

test-short:
	$(GO) test -short -count=1 $(PKGS)

# Go benchmarks, then the end-to-end load generator against a throw-away server.
bench:
	$(GO) test -run '^$$' -bench . -benchmem $(PKGS)

lint:
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || (gofmt -l $$(git ls-files '*.go'); exit 1)
	$(GO) vet $(PKGS)

FUZZTIME ?= 30s
fuzz:
	$(GO) test ./agentcompat -run '^$$' -fuzz FuzzDecodeBody -fuzztime $(FUZZTIME) -fuzzminimizetime 10s
	$(GO) test ./agentcompat -run '^$$' -fuzz FuzzToUTF8 -fuzztime $(FUZZTIME) -fuzzminimizetime 10s
	$(GO) test ./inventory -run '^$$' -fuzz FuzzParseRequest -fuzztime $(FUZZTIME) -fuzzminimizetime 10s

generate:
	$(GO) generate ./...

clean:
	rm -rf bin
