#!/usr/bin/env bash
# Search on a synthetic 10,000-procedure site: congkhai's own index against Pagefind on the
# same built pages. Prints figures (index build time, index bytes, bytes and requests of a
# first query in headless Chromium, recall of 30 unaccented queries taken from procedure
# names); asserts nothing about time.
#
#   benches/search.sh [N] [U]      # defaults: 10000 procedures, 700 units
#
# Needs: the Rust toolchain, python3, Node >= 20 with npm, Debian's chromium, and
# tests/browser/node_modules (cd tests/browser && npm ci --ignore-scripts). Pagefind is
# installed from npm into a temp folder (its binary ships in @pagefind/linux-x64); without
# npm access the Pagefind column is left out. Environment: SEED (default 1), KEEP=1 keeps
# the temp site, PAGEFIND_VERSION (default 1.5.2).
set -euo pipefail

procedures="${1:-10000}"
units="${2:-700}"
seed="${SEED:-1}"
pagefind_version="${PAGEFIND_VERSION:-1.5.2}"

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

work="$(mktemp -d "${TMPDIR:-/tmp}/congkhai-search.XXXXXX")"
if [ "${KEEP:-0}" = 1 ]; then echo "Giữ lại thư mục thử tại $work" >&2; else trap 'rm -rf "$work"' EXIT; fi

seconds() { python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.2f}')" "$@"; }

echo "== cargo build --release" >&2
cargo build --release --quiet
bin="$repo/target/release/congkhai"

echo "== gen-synthetic-site.py --procedures $procedures --units $units" >&2
python3 scripts/gen-synthetic-site.py --procedures "$procedures" --units "$units" --seed "$seed" "$work/site" >&2

echo "== congkhai build" >&2
start=$(date +%s.%N)
CONGKHAI_SEARCH_TIMING=1 "$bin" build --root "$work/site" --out "$work/public" 2>"$work/build.err" >&2
end=$(date +%s.%N)
index_line=$(grep '^search-index:' "$work/build.err")
ours_index_s=$(sed -E 's/^search-index: ([0-9.]+) s.*/\1/' <<<"$index_line")
ours_files=$(sed -E 's/.* ([0-9]+) files.*/\1/' <<<"$index_line")
ours_bytes=$(du -sb "$work/public/tim-kiem" | cut -f1)
ours_js=$(stat -c %s "$work"/public/assets/search.*.js)
build_s=$(seconds "$start" "$end")

# 30 queries: the names of evenly spaced procedures, without diacritics, lowercase.
python3 - "$work/site/procedures" "$work/queries.json" <<'PY'
import json, pathlib, re, sys, unicodedata
names = sorted({re.search(r'^name: "(.*)"$', p.read_text(encoding="utf-8"), re.M).group(1)
                for p in pathlib.Path(sys.argv[1]).rglob("*.yaml")})
step = max(1, len(names) // 30)
def fold(s):
    s = "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))
    return s.lower().replace("đ", "d")
json.dump([{"query": fold(n), "name": n} for n in names[::step][:30]], open(sys.argv[2], "w"), ensure_ascii=False)
PY

pagefind_s="" pagefind_bytes="" pagefind_files=""
echo "== npm install pagefind@$pagefind_version (temp folder)" >&2
if (cd "$work" && npm install --silent --no-audit --no-fund --no-save --prefix "$work/npm" "pagefind@$pagefind_version" >&2); then
    echo "== pagefind --site (procedure pages only)" >&2
    start=$(date +%s.%N)
    "$work/npm/node_modules/.bin/pagefind" --site "$work/public" --glob "thu-tuc/*/index.html" >"$work/pagefind.out" 2>&1
    end=$(date +%s.%N)
    pagefind_s=$(seconds "$start" "$end")
    # The index itself: entry, wasm, index chunks, fragments, filters; not the UI files.
    pagefind_bytes=$(find "$work/public/pagefind" -type f ! -name '*ui*' ! -name 'pagefind-highlight.js' -printf '%s\n' | awk '{s+=$1} END {print s}')
    pagefind_files=$(find "$work/public/pagefind" -type f ! -name '*ui*' ! -name 'pagefind-highlight.js' | wc -l)
else
    echo "Pagefind could not be installed from npm: its column is left out." >&2
fi

echo "== first query and recall in headless chromium" >&2
node benches/search-first-query.js "$work/public" "$work/queries.json" >"$work/query.json"

python3 - "$work/query.json" <<PY
import json, sys
q = json.load(open(sys.argv[1]))
ours, pf = q.get("congkhai", {}), q.get("pagefind")
kb = lambda b: f"{b / 1000:.1f} kB"
rows = [
    ("procedures", "$procedures", "$procedures"),
    ("whole site build (s)", "$build_s", "–"),
    ("index build time (s)", "$ours_index_s", "${pagefind_s:-–}"),
    ("index files", "$ours_files", "${pagefind_files:-–}"),
    ("index bytes", kb(int("$ours_bytes")), kb(int("${pagefind_bytes:-0}")) if pf else "–"),
    ("search script bytes", kb(int("$ours_js")), "(in index bytes)" if pf else "–"),
]
def add(label, key, fmt=str):
    rows.append((label, fmt(ours[key]) if key in ours else "–", fmt(pf[key]) if pf else "–"))
rows.append(("first query '%s': bytes" % ours["first_query"]["query"], kb(ours["first_query"]["bytes"]),
             kb(pf["first_query"]["bytes"]) if pf else "–"))
rows.append(("first query: requests", str(ours["first_query"]["requests"]), str(pf["first_query"]["requests"]) if pf else "–"))
add("30 first queries: mean bytes", "mean_bytes", kb)
add("30 first queries: max bytes", "max_bytes", kb)
add("30 first queries: mean requests", "mean_requests", lambda v: f"{v:.1f}")
add("30 first queries: max requests", "max_requests")
add("mean time to results (ms, local)", "mean_ms")
add("recall@10, 30 unaccented names", "recall", lambda v: f"{round(v * 30)}/30")
w = max(len(r[0]) for r in rows)
print(f"{'':{w}}  {'congkhai':>14}  {'Pagefind':>14}")
for a, b, c in rows:
    print(f"{a:{w}}  {b:>14}  {c:>14}")
for name, r in (("congkhai", ours), ("Pagefind", pf or {})):
    if r.get("misses"):
        print(f"{name} missed: " + "; ".join(r["misses"]))
PY
