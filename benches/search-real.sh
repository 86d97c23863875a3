#!/usr/bin/env bash
# Search on the national catalog's real names, queried as citizens type: builds a site from
# ../shared/data/dichvucong/catalog.jsonl (5,670 procedures, real codes and names) and runs
# the query sets in benches/search-real/ through the site's real search.js in headless
# Chromium. Prints, per set, how often the expected procedure comes first, in the top 5, or
# not in the top 10, the ranking time in the page, and every query whose procedure was not first.
#
#   benches/search-real.sh [QUERIES.tsv…]   # default: dev.tsv (tuned on), heldout.tsv (never)
#
# To try a change on thousands of queries, node-queries.js runs the same script without a
# browser, twenty times faster, with the same ranks (KEEP=1 keeps the built site for it):
#   node benches/search-real/node-queries.js SITE/public CATALOG sets… [--script JS] [--quiet] [--anywhere]
# (--anywhere also presses "Xem thêm kết quả" to the end and counts the queries whose procedure
# is nowhere in the whole list, not only not in the top 10.)
#
# Needs: the Rust toolchain, python3, Node >= 20, Debian's chromium and tests/browser/node_modules
# (cd tests/browser && npm ci --ignore-scripts). Environment: CATALOG (default
# ../shared/data/dichvucong/catalog.jsonl), PROFILE (release or debug, default release),
# KEEP=1 keeps the temp site, JSON=file writes every run's ranks there.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
catalog="${CATALOG:-$repo/../shared/data/dichvucong/catalog.jsonl}"
profile="${PROFILE:-release}"
if [ $# -eq 0 ]; then set -- benches/search-real/dev.tsv benches/search-real/heldout.tsv; fi

work="$(mktemp -d "${TMPDIR:-/tmp}/congkhai-search-real.XXXXXX")"
if [ "${KEEP:-0}" = 1 ]; then echo "Giữ lại thư mục thử tại $work" >&2; else trap 'rm -rf "$work"' EXIT; fi

echo "== cargo build --profile $profile" >&2
if [ "$profile" = debug ]; then cargo build --quiet; else cargo build --release --quiet; fi
bin="$repo/target/$profile/congkhai"

echo "== site from $(basename "$catalog")" >&2
python3 benches/search-real/gen-catalog-site.py "$catalog" "$work/site"
echo "   $(find "$work/site/procedures" -name '*.yaml' | wc -l) procedures" >&2
"$bin" build --root "$work/site" --out "$work/public" >&2 2>"$work/build.err" || { cat "$work/build.err" >&2; exit 1; }
echo "   index: $(du -sb "$work/public/tim-kiem" | cut -f1) bytes in $(find "$work/public/tim-kiem" -type f | wc -l) files" >&2

node benches/search-real/run-queries.js "$work/public" "$catalog" "$@" ${JSON:+--json "$JSON"}
