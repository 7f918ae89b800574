# WorkSupport — the two commands a new user needs: `make run` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help

# Debian packages the build, the tests and `make run` need (chromium: the dashboard's browser tests).
APT_PACKAGES := pkg-config ca-certificates libfcgi-dev libpq-dev libcurl4-openssl-dev libjansson-dev \
                postgresql postgresql-client nginx-light wrk curl time libssl-dev chromium
# What `make fuzz` needs on top (schemathesis itself goes into a venv from PyPI).
FUZZ_APT_PACKAGES := python3-venv python3-pip
# What `make deb` and `make deb-test` need on top: dpkg-shlibdeps, man pages from --help; lintian,
# and fcntl locks from perl (deb-test copies dpkg's database between two apt runs).
DEB_APT_PACKAGES := dpkg-dev help2man
DEB_TEST_APT_PACKAGES := lintian libfile-fcntllock-perl
RUN_DIR ?= $(CURDIR)/.run
PREFIX ?= /usr/local

.PHONY: help deps fuzz-deps build release test fuzz run stop install clean bench openapi deb deb-test

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-9s %s\n", $$1, $$2}'

# $(call apt_install,PACKAGES): apt-get update, then install those not installed yet.
define apt_install
	@missing=""; for p in $(1); do \
	    dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	    sudo=""; [ "$$(id -u)" = 0 ] || sudo=sudo; \
	    echo "installing:$$missing"; \
	    $$sudo apt-get update -q && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -q --no-install-recommends $$missing; \
	fi
endef

deps: ## install the Debian packages that are missing (apt-get update first)
	$(call apt_install,$(APT_PACKAGES))

fuzz-deps: ## install what `make fuzz` needs besides `deps` (python3-venv, python3-pip)
	$(call apt_install,$(FUZZ_APT_PACKAGES))

build: deps ## debug build
	swift build

release: deps ## release build, self-contained binaries (no Swift runtime needed on the server)
	swift build -c release --static-swift-stdlib

test: deps ## build once, start a private PostgreSQL cluster, run every test, stop the cluster
	scripts/run-tests

fuzz: deps fuzz-deps ## schemathesis against /api/openapi.json through nginx and the pool (a few minutes)
	scripts/fuzz

bench: release ## benchmarks: API through nginx vs a C responder, simulator, harvester, anomalies, releases, webhooks, dashboard, delivery metrics, flow, Slack, collaboration graph (BENCHMARKS.md)
	bench/run
	bench/sim.sh
	bench/harvest.sh
	bench/writer.sh
	bench/anomalies.sh
	bench/releases.sh
	bench/webhooks.sh
	bench/ui.sh
	bench/dora.sh
	bench/slack.sh
	bench/team.sh
	bench/flow.sh

openapi: build ## write docs/openapi.json from the API's own document (a test compares the two)
	.build/debug/worksupport-api --openapi > docs/openapi.json

run: release ## start a local cluster, migrate, create a demo API key and print how to use it
	scripts/run-local start "$(RUN_DIR)"

stop: ## stop what `make run` started
	scripts/run-local stop "$(RUN_DIR)"

install: release ## install binaries and migrations under PREFIX (default /usr/local)
	install -d "$(DESTDIR)$(PREFIX)/bin" "$(DESTDIR)$(PREFIX)/share/worksupport/migrations"
	install -m 755 .build/release/worksupport .build/release/worksupport-api .build/release/worksupport-harvest \
	    .build/release/worksupport-sim "$(DESTDIR)$(PREFIX)/bin/"
	install -m 644 migrations/*.sql "$(DESTDIR)$(PREFIX)/share/worksupport/migrations/"

deb: release ## worksupport_<version>_<arch>.deb from the release build (debian/README)
	$(call apt_install,$(DEB_APT_PACKAGES))
	scripts/build-deb

deb-test: deb ## lintian, then install, upgrade, remove and purge the .deb in a throwaway root (as root)
	$(call apt_install,$(DEB_TEST_APT_PACKAGES))
	scripts/deb-test worksupport_$$(tr -d '[:space:]' < VERSION)_$$(dpkg --print-architecture).deb

clean: ## remove build products (not the `make run` data)
	rm -rf .build .build-pg .build-fuzz .build-deb worksupport_*.deb
