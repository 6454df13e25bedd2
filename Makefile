# newsdesk's checks. `make check` is what CI runs (through .ci/run).

# The Go toolchain newsdesk is built, tested and checked with. The machines
# come with go1.26.8, whose standard library has known vulnerabilities in
# net/http, html/template and crypto/x509 that newsdesk's code reaches
# (govulncheck shows the traces); go1.27.3 has the fixes, and the go command
# fetches it from the module proxy on first use.
export GOTOOLCHAIN := go1.27.3
GO ?= go
# The PostgreSQL server the store and queue tests use (a fresh schema per
# test, dropped after it); .ci/run starts it. Set it empty to skip those
# tests locally; CI (CI=true) fails rather than skip them.
NEWSDESK_TEST_POSTGRES ?= postgres://postgres@127.0.0.1:5432/test?sslmode=disable
export NEWSDESK_TEST_POSTGRES
STATICCHECK_VERSION ?= v0.8.2
# Tools are built with the toolchain above and kept per toolchain, so an
# analyser is never older than the standard library it reads.
TOOLS := $(CURDIR)/.tools/$(GOTOOLCHAIN)
export PATH := $(TOOLS):$(PATH)

.PHONY: demo check tools postgres fmt vet staticcheck test fuzz vuln build

demo:
	$(GO) run ./cmd/newsdesk demo

build:
	$(GO) build -o bin/newsdesk ./cmd/newsdesk

check: tools postgres fmt vet staticcheck test fuzz vuln

# tools installs what the checks need on a fresh machine: staticcheck from
# the Go module proxy, Debian's Chromium for the browser tests, and a C
# compiler, without which `go test -race` cannot build (the race detector
# needs cgo). govulncheck is installed by scripts/vulncheck.
tools:
	@test -x $(TOOLS)/staticcheck || GOBIN=$(TOOLS) $(GO) install honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION)
	@pkgs=; \
	command -v chromium >/dev/null 2>&1 || pkgs="chromium fonts-dejavu-core"; \
	command -v gcc >/dev/null 2>&1 || pkgs="$$pkgs gcc libc6-dev"; \
	if [ -n "$$pkgs" ]; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$pkgs >/dev/null; \
	fi

# postgres installs and starts the PostgreSQL server the back end's tests
# use, unless NEWSDESK_TEST_POSTGRES names another or none.
# It comes after tools, whose apt-get would otherwise race its own for
# dpkg's lock under make -j.
postgres: tools
	@scripts/postgres

fmt:
	@out=$$(gofmt -l .); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet ./...

staticcheck:
	$(TOOLS)/staticcheck ./...

# go test's default limit is 10 minutes a package; internal/pipeline, the
# slowest, took 574 s of it on a 2-core machine busy with other work (about
# 280 s when quiet), so the limit is raised to keep a loaded run from failing
# for want of time rather than for a fault.
test:
	$(GO) test -race -count=1 -timeout 20m ./...

# fuzz runs the fuzzers of the parsers that see untrusted input for a short,
# bounded time each, beyond the seed corpora every `go test` runs: what a
# feed's server sends (feeds, OPML, announced feeds, robots.txt, caching
# and Retry-After headers, sniffed types, article pages and the dates they
# declare, the dates and quotes read from their text, the URLs they link)
# and what a web client sends (search queries). 15 fuzzers of 4 s each take
# about the minute the 6 fuzzers of 10 s took. internal/web's fuzzers run
# on their seeds only: its test binary links the SQLite driver, whose build
# with fuzzing instrumentation took 4 to 15 minutes on the shared 2-core
# machine, against seconds for the other packages (docs/security.md).
FUZZTIME ?= 4s
# Minimising each new interesting input of FuzzExtract's large seed pages
# took the whole budget (10 executions in 10 s); without it, about 2,000 a
# second. A failing input is still written to testdata/fuzz.
FUZZFLAGS ?= -fuzzminimizetime 0
fuzz:
	$(GO) test -run '^$$' -fuzz '^FuzzExtract$$' -fuzztime $(FUZZTIME) $(FUZZFLAGS) ./internal/extract
	$(GO) test -run '^$$' -fuzz '^FuzzPageDates$$' -fuzztime $(FUZZTIME) $(FUZZFLAGS) ./internal/extract
	$(GO) test -run '^$$' -fuzz '^FuzzParse$$' -fuzztime $(FUZZTIME) $(FUZZFLAGS) ./internal/feed
	$(GO) test -run '^$$' -fuzz '^FuzzParseOPML$$' -fuzztime $(FUZZTIME) $(FUZZFLAGS) ./internal/feed
	$(GO) test -run '^$$' -fuzz '^FuzzDiscover$$' -fuzztime $(FUZZTIME) $(FUZZFLAGS) ./internal/feed
	$(GO) test -run '^$$' -fuzz '^FuzzHTMLText$$' -fuzztime $(FUZZTIME) $(FUZZFLAGS) ./internal/feed
	$(GO) test -run '^$$' -fuzz '^FuzzRobots$$' -fuzztime $(FUZZTIME) $(FUZZFLAGS) ./internal/fetch
	$(GO) test -run '^$$' -fuzz '^FuzzFreshFor$$' -fuzztime $(FUZZTIME) $(FUZZFLAGS) ./internal/fetch
	$(GO) test -run '^$$' -fuzz '^FuzzParseRetryAfter$$' -fuzztime $(FUZZTIME) $(FUZZFLAGS) ./internal/fetch
	$(GO) test -run '^$$' -fuzz '^FuzzSniffFeed$$' -fuzztime $(FUZZTIME) $(FUZZFLAGS) ./internal/fetch
	$(GO) test -run '^$$' -fuzz '^FuzzCanonicalURL$$' -fuzztime $(FUZZTIME) $(FUZZFLAGS) ./internal/news
	$(GO) test -run '^$$' -fuzz '^FuzzQuotes$$' -fuzztime $(FUZZTIME) $(FUZZFLAGS) ./internal/text
	$(GO) test -run '^$$' -fuzz '^FuzzDates$$' -fuzztime $(FUZZTIME) $(FUZZFLAGS) ./internal/text
	$(GO) test -run '^$$' -fuzz '^FuzzParseQuery$$' -fuzztime $(FUZZTIME) $(FUZZFLAGS) ./internal/store
	$(GO) test -run '^$$' -fuzz '^FuzzLoad$$' -fuzztime $(FUZZTIME) $(FUZZFLAGS) ./internal/cluster

vuln:
	@GOBIN=$(TOOLS) ./scripts/vulncheck
