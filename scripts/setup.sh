#!/usr/bin/env bash
# Install whatever `make demo` / `make test` need and is missing; quick when all is present.
# Everything comes from the package registries (rustup, crates.io, Debian, npm): no browser or
# binary is downloaded from anywhere else.
set -euo pipefail
cd "$(dirname "$0")/.."

need_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

if ! rustup target list --installed 2>/dev/null | grep -q '^wasm32-unknown-unknown$'; then
  echo "setup: adding the wasm32 target"; rustup target add wasm32-unknown-unknown
fi
for comp in clippy rustfmt; do
  if ! rustup component list --installed 2>/dev/null | grep -q "^$comp"; then
    echo "setup: adding the $comp component (make test checks format and lints)"; rustup component add "$comp"
  fi
done

want=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/,""); print; exit}' Cargo.lock)
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ -n "$want" ] && [ "$want" != "$have" ]; then
  echo "setup: installing wasm-bindgen-cli $want (Cargo.lock pins it; a few minutes once)"
  cargo install wasm-bindgen-cli --version "$want" --quiet
fi

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
# Firefox for the Firefox end-to-end tests (Debian's ESR; the Highlight API needs 140 or later).
[ -x /usr/bin/firefox-esr ] || missing+=(firefox-esr)
command -v zip >/dev/null || missing+=(zip)
# Fonts so Chinese text and emoji render in screenshots (a fresh Debian has neither).
[ -e /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ] || missing+=(fonts-wqy-microhei)
[ -e /usr/share/fonts/truetype/noto/NotoColorEmoji.ttf ] || missing+=(fonts-noto-color-emoji)
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: apt-get install ${missing[*]}"
  need_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive need_root apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# geckodriver drives firefox-esr in the Firefox end-to-end tests (crates.io, built once).
if ! command -v geckodriver >/dev/null && [ ! -x "${CARGO_HOME:-$HOME/.cargo}/bin/geckodriver" ]; then
  echo "setup: installing geckodriver (crates.io; a few minutes once)"
  cargo install geckodriver --locked --quiet
fi

# npm packages from the committed lockfile; re-run only when the lockfile changed.
stamp=node_modules/.duxin-lock
if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
  echo "setup: npm ci"
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json "$stamp"
fi
