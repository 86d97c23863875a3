#!/usr/bin/env bash
# Build a synthetic site of N procedures and U units (24 months of results) with the
# release binary and print figures: `congkhai check` alone (wall time, peak memory), then the
# build: procedures, units, pages, output size, wall time, peak memory, and the size of a
# commune's page and board and of the page of what every commune does (raw and gzip -9).
# Prints figures only; asserts nothing about time.
#
#   benches/build-scale.sh [N] [U]        # defaults: 10000 procedures, 700 units
#
# Environment: SEED (default 1), MONTHS (default 24), KEEP=1 keeps the temp site,
# CONGKHAI_BIN=path uses that binary instead of building target/release/congkhai.
set -euo pipefail

procedures="${1:-10000}"
units="${2:-700}"
months="${MONTHS:-24}"
seed="${SEED:-1}"

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

source benches/lib.sh
need_time
release_binary

site="$(mktemp -d "${TMPDIR:-/tmp}/congkhai-scale.XXXXXX")"
if [ "${KEEP:-0}" = 1 ]; then
    echo "Giữ lại trang thử tại $site" >&2
else
    trap 'rm -rf "$site"' EXIT
fi

echo "== gen-synthetic-site.py --procedures $procedures --units $units --months $months --seed $seed" >&2
gen_start=$(date +%s.%N)
python3 "$repo/scripts/gen-synthetic-site.py" --procedures "$procedures" --units "$units" \
    --months "$months" --seed "$seed" "$site" >&2
gen_end=$(date +%s.%N)

echo "== congkhai check" >&2
check_timing="$site/check-time.txt"
/usr/bin/time -v -o "$check_timing" "$bin" check --root "$site" >/dev/null 2>&1 || true

echo "== congkhai build" >&2
timing="$site/time.txt"
status=0
/usr/bin/time -v -o "$timing" "$bin" build --root "$site" --out "$site/public" \
    >"$site/build.out" 2>"$site/build.err" || status=$?

field() { sed -n "s/^[[:space:]]*$1: //p" "${2:-$timing}" | tail -n 1; }

n_procedures=$(find "$site/procedures" -name '*.yaml' | wc -l)
n_units=$(grep -c '^- id:' "$site/content/units.yaml")
n_result_rows=$(cat "$site"/content/results/*.csv 2>/dev/null | grep -c '^[0-9]' || true)
wall=$(field 'Elapsed (wall clock) time (h:mm:ss or m:ss)')
rss_kib=$(field 'Maximum resident set size (kbytes)')
user_s=$(field 'User time (seconds)')
sys_s=$(field 'System time (seconds)')
cpu=$(field 'Percent of CPU this job got')

echo
echo "congkhai build, synthetic site (seed $seed)"
printf '  %-22s %s\n' "procedures" "$n_procedures"
printf '  %-22s %s\n' "units" "$n_units"
printf '  %-22s %s\n' "result rows" "$n_result_rows ($months months)"
printf '  %-22s %s\n' "source size" "$(du -sh --exclude=public "$site" | cut -f1)"
printf '  %-22s %.2f s\n' "generate (python)" "$(awk -v a="$gen_start" -v b="$gen_end" 'BEGIN{print b-a}')"
printf '  %-22s %s, %s MiB peak RSS\n' "check" "$(field 'Elapsed (wall clock) time (h:mm:ss or m:ss)' "$check_timing")" \
    "$(awk -v k="$(field 'Maximum resident set size (kbytes)' "$check_timing")" 'BEGIN{printf "%.1f", k/1024}')"
printf '  %-22s %s\n' "exit status" "$status"
if [ -d "$site/public" ]; then
    pages=$(find "$site/public" -name index.html | wc -l)
    files=$(find "$site/public" -type f | wc -l)
    bytes=$(du -sb "$site/public" | cut -f1)
    printf '  %-22s %s\n' "pages (index.html)" "$pages"
    printf '  %-22s %s\n' "files written" "$files"
    printf '  %-22s %s (%s bytes)\n' "output size" "$(du -sh "$site/public" | cut -f1)" "$bytes"
    commune=$(grep -B2 'kind: "commune"' "$site/content/units.yaml" | sed -n 's/^- id: "\(.*\)"/\1/p' | head -1)
    for page in "don-vi/$commune/index.html" "don-vi/$commune/niem-yet/index.html" \
        "don-vi/moi-xa-phuong/index.html" "don-vi/moi-xa-phuong/niem-yet/index.html"; do
        if [ -f "$site/public/$page" ]; then
            printf '  %-22s %s bytes, %s gzipped\n' "${page%index.html}" \
                "$(wc -c <"$site/public/$page")" "$(gzip -9c "$site/public/$page" | wc -c)"
        fi
    done
else
    printf '  %-22s %s\n' "pages (index.html)" "0 (no output folder)"
fi
printf '  %-22s %s\n' "wall time" "$wall"
printf '  %-22s %s s user, %s s system, %s CPU\n' "cpu" "$user_s" "$sys_s" "$cpu"
printf '  %-22s %s MiB\n' "peak RSS" "$(awk -v k="${rss_kib:-0}" 'BEGIN{printf "%.1f", k/1024}')"

if [ -s "$site/build.out" ]; then
    echo "-- congkhai stdout (last 5 lines):"
    tail -n 5 "$site/build.out"
fi
if [ "$status" -ne 0 ] || [ -s "$site/build.err" ]; then
    echo "-- congkhai stderr ($(wc -l <"$site/build.err") lines; first 40):"
    head -n 40 "$site/build.err"
fi
exit "$status"
