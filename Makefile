# Two commands do everything on a fresh Debian machine: `make site` and `make test`. See README.md.
SHELL := /bin/bash
.SHELLFLAGS := -o pipefail -ec
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1
EDITION ?= hasselby-vallingby
export VAGEN_EDITION := $(EDITION)
export VAGEN_RELEASE ?= 0
LEADER_PDFS := pdf/cirkelledarvagledning.pdf en/pdf/cirkelledarvagledning.pdf

.PHONY: site test serve preview deps debian-packages lock clean benchmark release fact-checklist fact-check-record review-packets review-record review-site

## site: build every language and every PDF into site/ (EDITION=<name> picks editions/<name>.yml)
# The three builds are independent, so the leader and offline builds run beside the main one (two cores).
site: deps
	mkdir -p build && rm -rf build/leader-site build/offline-site
	VAGEN_PDF=1 $(BIN)/mkdocs build --strict -f mkdocs-leader.yml > build/leader-build.log 2>&1 && \
	  VAGEN_DIRECTORY_URLS=false $(BIN)/mkdocs build --strict -d build/offline-site > build/offline-build.log 2>&1 & \
	  side=$$!; \
	VAGEN_PDF=1 $(BIN)/mkdocs build --strict --clean 2>&1 | tee build/mkdocs-build.log; \
	wait $$side || { cat build/leader-build.log build/offline-build.log; exit 1; }
	cat build/leader-build.log build/offline-build.log | tee -a build/mkdocs-build.log
	for pdf in $(LEADER_PDFS); do mkdir -p site/$$(dirname $$pdf) && cp build/leader-site/$$pdf site/$$pdf; done
	$(BIN)/python scripts/precompress.py site
	$(BIN)/python scripts/offline_copies.py build/offline-site site/offline

## release: build for publishing; refuses to run while the edition's site_url is a placeholder address
release:
	$(MAKE) site VAGEN_RELEASE=1

## fact-checklist: the term-start fact check for an edition, as an A4 PDF and a spreadsheet, in build/fact-checklist/
fact-checklist: deps
	$(BIN)/python scripts/fact_checklist.py make --edition $(EDITION)

## fact-check-record: record a completed checklist, e.g. `make fact-check-record CHECKLIST=filled.csv BY="bostadsvägledare AB"`
fact-check-record: deps
	$(BIN)/python scripts/fact_checklist.py record "$(CHECKLIST)" --by "$(BY)"

## review-packets: one review packet per language (PDF and spreadsheet) in build/review/, e.g. `make review-packets LANGS="ar ti"`
review-packets: review-site
	$(BIN)/python scripts/review_packet.py make $(LANGS) --site build/review-site

## review-record: record a native speaker's review of one page, e.g. `make review-record PAGE=docs/ar/index.md BY="role"`
review-record: review-site
	$(BIN)/python scripts/review_packet.py record "$(PAGE)" --by "$(BY)" --site build/review-site

review-site: deps
	rm -rf build/review-site
	$(BIN)/mkdocs build --strict -d build/review-site

## test: build, then run every test on the built site and PDFs
test: site
	$(BIN)/python -m pytest

## serve: live preview of every language (no PDFs)
serve: deps
	$(BIN)/mkdocs serve

## preview: quick live preview of Swedish and one more language, e.g. `make preview L=ar`
preview: deps
	BUILD_ALL=false BUILD_$(shell echo $(L) | tr 'a-z-' 'A-Z_')=true $(BIN)/mkdocs serve

deps: $(VENV)/.installed debian-packages

$(VENV)/.installed: requirements.lock
	python3 -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -r requirements.lock
	touch $@

debian-packages:
	sh scripts/install_debian_packages.sh

## lock: re-pin the Python packages after changing pyproject.toml
lock:
	rm -rf build/lock-venv && python3 -m venv build/lock-venv
	build/lock-venv/bin/pip install --quiet '.[test]'
	(echo "# Exact versions for every Python package the build and tests use. Regenerate with: make lock"; \
	 build/lock-venv/bin/pip freeze --exclude vagen-till-egen-bostad) > requirements.lock

## benchmark: print page weights, search index sizes, build times, PDF sizes and Lighthouse scores
benchmark: site build/lighthouse/node_modules/.bin/lighthouse
	$(BIN)/python scripts/benchmark.py

build/lighthouse/node_modules/.bin/lighthouse: lighthouse-package.json lighthouse-package-lock.json
	mkdir -p build/lighthouse && cp lighthouse-package.json build/lighthouse/package.json
	cp lighthouse-package-lock.json build/lighthouse/package-lock.json
	npm ci --prefix build/lighthouse --no-audit --no-fund --silent

clean:
	rm -rf site build
