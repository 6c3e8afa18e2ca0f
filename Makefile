# Duxin: `make demo` builds the extension and runs the demo; `make test` runs every test.
# Both install what is missing (see scripts/setup.sh) and are quick when everything is there.

SHELL := /bin/bash
PORT ?= 8765
WASM := target/wasm32-unknown-unknown/wasm/duxin.wasm
# The wasm, linked with its relocations kept: split-wasm.mjs reads from them which function
# pointers the panel's code can hold, and nulls the rest of the panel's table (the code and data
# are the same bytes; wasm-bindgen carries the relocations along and split-wasm drops them).
WASM_BUILD = cargo rustc --profile wasm --target wasm32-unknown-unknown --lib --quiet $(1) -- -C link-arg=--emit-relocs
DIST := dist/chrome

.PHONY: test demo setup build extension native-test typecheck e2e bench eval clean package team-bench

test: setup build
	@set -o pipefail; start=$$(date +%s); \
	echo "== cargo fmt --check, clippy -D warnings (native and wasm)"; cargo fmt --check || exit 1; \
	cargo clippy --quiet --all-targets -- -D warnings || exit 1; \
	cargo clippy --quiet --target wasm32-unknown-unknown --lib -- -D warnings || exit 1; \
	echo "== cargo test (native core)"; cargo test --quiet 2>&1 | tail -n 25 || exit 1; \
	echo "== typecheck every extension script against the generated types"; npx --no-install tsc -p extension/tsconfig.json || exit 1; \
	echo "== the content script's pure parts under node"; node --test --test-reporter=dot tests/unit/ || exit 1; \
	echo "== end-to-end in Chromium"; node --test --test-concurrency=1 --test-reporter=spec tests/e2e/ 2>&1 | tail -n 60 || exit 1; \
	echo "== end-to-end in Firefox (firefox-esr, geckodriver, the Firefox zip as a temporary add-on)"; ff=$$(date +%s); \
	node --test --test-concurrency=1 --test-reporter=spec tests/firefox/ 2>&1 | tail -n 20 || exit 1; \
	echo "Firefox E2E: $$(( $$(date +%s) - ff ))s"; \
	echo "== the store packages"; node scripts/check-package.mjs || exit 1; \
	echo "make test: all suites passed in $$(( $$(date +%s) - start ))s (fmt, clippy, native cargo test, typecheck, node unit tests, Chromium E2E, Firefox E2E, packages)"

demo: setup build
	node tests/demo.mjs --port $(PORT)

setup:
	@scripts/setup.sh

# What the stores get: both zips (written by build), checked; `web-ext lint` on the Firefox zip's
# contents (~30 s here, so here rather than in `make test`); dist/listing/ (descriptions,
# privacy statement, permission reasons, screenshots taken in Chromium).
package: setup build
	@node scripts/check-package.mjs
	@d=$$(mktemp -d) && unzip -q dist/duxin-firefox.zip -d $$d && \
	npx --no-install web-ext lint --source-dir $$d --no-config-discovery 2>&1 | grep -E -i '^(errors|notices|warnings) +[0-9]+|summary'; rc=$${PIPESTATUS[0]}; rm -rf $$d; \
	if [ $$rc -ne 0 ]; then echo "web-ext lint: errors in dist/duxin-firefox.zip"; exit 1; fi
	@node scripts/package.mjs

# `build` alone works on a fresh clone: setup (0.2 s when everything is there) installs the wasm32
# target, wasm-bindgen and the npm packages the assembly and the fixtures need. Order-only, so it
# never forces a rebuild.
build: extension

$(WASM): $(shell find src data -type f) Cargo.toml Cargo.lock | setup
	$(call WASM_BUILD)

extension: $(WASM) | setup
	@mkdir -p $(DIST)/pkg
	@# Names stay for split-wasm.mjs, which finds the panel's closures by them and then drops them.
	@wasm-bindgen --target web --remove-producers-section --out-dir $(DIST)/pkg $(WASM)
	@# With wasm-opt, the names go on to it (it sorts the functions by them and writes none).
	@node scripts/split-wasm.mjs $(DIST)/pkg $(WASM) $$([ -x node_modules/.bin/wasm-opt ] && echo --keep-names)
	@# The panel's module to the smallest (--converge); the pages' one pass, alongside. -Os, not -Oz:
	@# a little larger raw but smaller gzipped, which is what loads and what the cap counts (panel
	@# -0.5 KB, pages -1.5 KB, measured 2026-12-05; Rust's own opt-level stays "z": "s" was +49 KB).
	@# Similar functions merged first (panel -0.9 KB), and the functions last sorted by name, like
	@# next to like for gzip (panel -3.9 KB, pages -1.8 KB; measured 2026-12-07).
	@if [ -x node_modules/.bin/wasm-opt ]; then opt="node_modules/.bin/wasm-opt --low-memory-unused --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue"; \
	  $$opt --merge-similar-functions -Os --reorder-functions-by-name -o $(DIST)/pkg/duxin_pages_bg.wasm $(DIST)/pkg/duxin_pages_bg.wasm & pages=$$!; \
	  $$opt --merge-similar-functions -Os --converge --reorder-functions-by-name -o $(DIST)/pkg/duxin_bg.wasm $(DIST)/pkg/duxin_bg.wasm && wait $$pages; fi
	@node scripts/assemble.mjs
	@for b in chrome firefox; do (cd dist/$$b && rm -f ../duxin-$$b.zip && zip -qrX ../duxin-$$b.zip . -x '*.d.ts'); done
	@echo "built dist/chrome/, dist/firefox/, dist/duxin-chrome.zip, dist/duxin-firefox.zip"
	@node scripts/build-fixtures.mjs
	@echo "wasm: $$(stat -c %s $(DIST)/pkg/duxin_bg.wasm) bytes, $$(gzip -9c $(DIST)/pkg/duxin_bg.wasm | wc -c) gzipped (the panel's; Options and the dashboard: $$(gzip -9c $(DIST)/pkg/duxin_pages_bg.wasm | wc -c) gzipped)"

bench: setup build
	cargo bench --bench engine
	$(call WASM_BUILD,--features wasm-bench)
	wasm-bindgen --target web --out-dir target/wasm-bench-pkg $(WASM)
	WASM_PKG=target/wasm-bench-pkg node scripts/wasm-bench.mjs
	$(call WASM_BUILD)
	node scripts/dashboard-bench.mjs

# Issue 19's scale goal: 50 agents x 90 days (~5 million records) through `duxin insights` on one
# core, under 10 s and 500 MB (/usr/bin/time -v). Generates the exports once (target/team-bench/).
team-bench: setup
	cargo build --release --quiet --bin duxin
	node scripts/team-bench.mjs

eval:
	scripts/eval.sh

clean:
	rm -rf dist target/wasm32-unknown-unknown
