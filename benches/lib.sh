# What the benchmark scripts share; sourced after they `cd "$repo"`.

# Sets `bin`: $CONGKHAI_BIN when given, else the release binary, built first.
release_binary() {
    if [ -n "${CONGKHAI_BIN:-}" ]; then
        bin="$CONGKHAI_BIN"
    else
        echo "== cargo build --release" >&2
        cargo build --release --quiet
        bin="$repo/target/release/congkhai"
    fi
}

# Installs Debian packages quietly, updating the package lists only when needed.
need_apt() {
    apt-get install -y "$@" >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y "$@" >/dev/null; }
}

# /usr/bin/time, for wall time, CPU time and peak memory.
need_time() {
    [ -x /usr/bin/time ] || { echo "Cài gói time…" >&2; need_apt time; }
}
