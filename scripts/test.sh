#!/usr/bin/env bash
# The project's one test command:
#   rustfmt, clippy, cargo tests, a build of the example site (with the debug
#   binary the tests already compiled: a release build would double CI time) into
#   target/site, then the browser suite (axe-core, screenshots, no-JS, no
#   outside requests, 360 px layout) and the Nu HTML checker on that build.
# Needs: the Rust toolchain with rustfmt and clippy, Node >= 20 with npm,
# Debian's chromium, java (default-jre-headless), poppler-utils and zbar-tools
# (print tests). .ci/run installs the latter.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
SITE_DIR=$ROOT/target/site
BROWSER_DIR=$ROOT/tests/browser

STAGE=""
STAGE_START=$SECONDS
TIMES=()

stage() {
  end_stage
  STAGE=$1
  STAGE_START=$SECONDS
  printf '\n==> [test.sh] %s\n' "$STAGE"
}

end_stage() {
  if [[ -n $STAGE ]]; then
    TIMES+=("$(printf '%5ds  %s' $((SECONDS - STAGE_START)) "$STAGE")")
    STAGE=""
  fi
}

print_times() {
  printf '\n==> [test.sh] time per stage\n'
  local t
  for t in "${TIMES[@]}"; do printf '%s\n' "$t"; done
  printf '%5ds  total\n' "$SECONDS"
}

on_exit() {
  local rc=$?
  if ((rc != 0)); then
    local failed=$STAGE
    end_stage
    print_times
    printf '\n==> [test.sh] FAILED in stage: %s (exit %d)\n' "${failed:-?}" "$rc" >&2
  fi
}
trap on_exit EXIT

stage "cargo fmt --check"
cargo fmt --check

stage "cargo clippy --all-targets -- -D warnings"
cargo clippy --all-targets -- -D warnings

stage "cargo test --all-targets"
cargo test --all-targets

stage "build the example site into target/site"
rm -rf "$SITE_DIR"
# The binary `cargo test` built for the integration tests: `cargo run` would rebuild it
# with a different feature set (dev-dependencies unify features in tests).
target/debug/congkhai build --root . --out "$SITE_DIR"
test -f "$SITE_DIR/sitemap.xml" || { echo "the build wrote no $SITE_DIR/sitemap.xml" >&2; exit 1; }

stage "browser test dependencies (npm ci in tests/browser)"
if [[ ! -d $BROWSER_DIR/node_modules || ! -f $BROWSER_DIR/node_modules/.package-lock.json ||
      $BROWSER_DIR/package-lock.json -nt $BROWSER_DIR/node_modules/.package-lock.json ]]; then
  # --ignore-scripts: vnu-jar's postinstall would download a Java runtime.
  (cd "$BROWSER_DIR" && npm ci --no-audit --no-fund --ignore-scripts)
else
  echo "tests/browser/node_modules is up to date"
fi
missing=()
[[ -x ${CHROMIUM_PATH:-/usr/bin/chromium} ]] || missing+=("chromium")
command -v "${JAVA:-java}" >/dev/null || missing+=("default-jre-headless")
if ((${#missing[@]})); then
  echo "missing: ${missing[*]} — install with: apt-get install --no-install-recommends ${missing[*]} (or run .ci/run as root)" >&2
  exit 1
fi

stage "browser tests and Nu HTML checker on target/site (node --test)"
SITE_DIR=$SITE_DIR node --test --test-reporter=spec "$BROWSER_DIR/"

end_stage
print_times
printf '\n==> [test.sh] all stages passed\n'
