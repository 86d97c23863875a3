#!/usr/bin/env bash
# Preview latency of `congkhai serve`: save one procedure file (its `applicants:` line, which
# keeps the page's address), then poll
# /__congkhai/version until it changes (the moment an open page reloads), and fetch the
# changed page. Prints each run and the medians; asserts nothing.
#
#   benches/preview.sh [N] [U]        # defaults: 2000 procedures, 200 units
#
# Environment: RUNS (7), MONTHS (24), SEED (1), SITE=dir uses an already generated site
# (a copy is edited, never the original), CONGKHAI_BIN=path skips cargo.
set -euo pipefail

procedures="${1:-2000}"
units="${2:-200}"
runs="${RUNS:-7}"
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

source benches/lib.sh
release_binary

work="$(mktemp -d "${TMPDIR:-/tmp}/congkhai-preview.XXXXXX")"
server=""
cleanup() {
    if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

if [ -n "${SITE:-}" ]; then
    cp -r "$SITE" "$work/site"
else
    python3 scripts/gen-synthetic-site.py --procedures "$procedures" --units "$units" \
        --months "${MONTHS:-24}" --seed "${SEED:-1}" "$work/site" >&2
fi

CONGKHAI_PREVIEW_TIMING=1 "$bin" serve --root "$work/site" --out "$work/public" --port 0 2>"$work/serve.log" &
server=$!
for _ in $(seq 1 600); do
    grep -q "Đang phục vụ tại" "$work/serve.log" 2>/dev/null && break
    sleep 0.1
done
address="$(sed -n 's/^Đang phục vụ tại \(http:[^ ]*\).*/\1/p' "$work/serve.log" | head -n 1)"
[ -n "$address" ] || { echo "serve did not start:" >&2; cat "$work/serve.log" >&2; exit 1; }
origin="$(printf '%s' "$address" | sed -E 's|^(http://[^/]+).*|\1|')"

file="$(find "$work/site/procedures" -name '*.yaml' | sort | sed -n 1p)"
page="/thu-tuc/$(basename "$file" .yaml)/"
echo "site: $procedures procedures, $units units; editing $(basename "$file"); page $page" >&2
# Let the first full render and its write to disk finish before measuring.
for _ in $(seq 1 1200); do
    grep -q "Đã tạo" "$work/serve.log" && break
    sleep 0.1
done

python3 - "$origin" "$file" "$page" "$runs" <<'PY'
import statistics, sys, time, urllib.request
origin, file, page, runs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
def get(path):
    with urllib.request.urlopen(origin + path, timeout=60) as r:
        return r.read().decode("utf-8")
version_times, page_times = [], []
for run in range(1, runs + 1):
    before = get("/__congkhai/version")
    text = open(file, encoding="utf-8").read()
    # A change that keeps the page's address (a new name would give it a new slug).
    marker = f"Bản thử {run}"
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if line.startswith("applicants: "):
            lines[i] = f'applicants: "Cá nhân, tổ chức ({marker})"'
    t0 = time.monotonic()
    open(file, "w", encoding="utf-8").write("\n".join(lines))
    while get("/__congkhai/version") == before:
        time.sleep(0.01)
    t1 = time.monotonic()
    body = get(page)
    t2 = time.monotonic()
    ok = marker in body
    version_times.append(t1 - t0)
    page_times.append(t2 - t0)
    print(f"  run {run}: new version after {t1 - t0:.3f} s, changed page served after {t2 - t0:.3f} s"
          f"{'' if ok else ' (page NOT changed)'}")
    time.sleep(1.5)  # let the background render and the write to disk settle
print(f"median: new version {statistics.median(version_times):.3f} s, "
      f"changed page {statistics.median(page_times):.3f} s ({runs} runs)")
PY
echo "reload times logged by serve (load, check and plan, before the new version is served):"
grep '^preview-reload:' "$work/serve.log" | tail -n "$runs" | sed 's/^/  /'
