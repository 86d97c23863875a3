#!/usr/bin/env bash
# Issue 14 item 4: a commune's page when N procedures (default 1000) are done by every commune
# (`units: {kind: commune}`). Generates a synthetic site (scripts/gen-synthetic-site.py), turns
# the first N procedures into commune procedures, builds it and prints the size, raw and
# gzipped, of the commune's page and board (its own procedures and a link to the shared ones)
# and of the group's page and shared board (the N procedures, once). Prints figures only.
#
#   benches/commune-page.sh [N] [UNITS]        # defaults: 1000 procedures of 1200, 40 units
#
# Environment: CONGKHAI_BIN=path (default: target/release/congkhai, built if missing), KEEP=1.
set -euo pipefail
n="${1:-1000}"
units="${2:-40}"
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin="${CONGKHAI_BIN:-$repo/target/release/congkhai}"
[ -x "$bin" ] || (cd "$repo" && cargo build --release --quiet)
site="$(mktemp -d "${TMPDIR:-/tmp}/congkhai-commune.XXXXXX")"
if [ "${KEEP:-0}" = 1 ]; then echo "Giữ lại trang thử tại $site" >&2; else trap 'rm -rf "$site"' EXIT; fi
python3 "$repo/scripts/gen-synthetic-site.py" --procedures $((n + n / 5)) --units "$units" --months 24 --seed 1 "$site" >&2
python3 - "$site" "$n" <<'PY'
import pathlib, re, sys
root, n = pathlib.Path(sys.argv[1]), int(sys.argv[2])
for f in sorted(root.glob("procedures/**/*.yaml"))[:n]:
    t = f.read_text()
    t = re.sub(r"^unit: .*\n", "units: {kind: commune}\n", t, flags=re.M)
    t = re.sub(r"^units:\n(  .*\n)+", "units: {kind: commune}\n", t, flags=re.M)
    t = re.sub(r"^units: \[.*\]\n", "units: {kind: commune}\n", t, flags=re.M)
    f.write_text(t)
PY
"$bin" build --root "$site" --out "$site/public" >&2
commune=$(grep -B2 'kind: "commune"' "$site/content/units.yaml" | sed -n 's/^- id: "\(.*\)"/\1/p' | head -1)
for page in "don-vi/$commune/index.html" "don-vi/$commune/niem-yet/index.html" \
    "don-vi/moi-xa-phuong/index.html" "don-vi/moi-xa-phuong/niem-yet/index.html"; do
    f="$site/public/$page"
    printf '%s: %s bytes, %s bytes gzipped (gzip -9); %s\n' "$page" "$(wc -c <"$f")" "$(gzip -9c "$f" | wc -c)" \
        "$(grep -o '<h2 id="h-[a-z0-9-]*">Thủ tục[^<]*' "$f" | sed 's/<h2 id="[^"]*">//' | paste -sd ';' -)"
done
