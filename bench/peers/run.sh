#!/usr/bin/env bash
# Peer clients of the Help Scout sync benchmark: each lists every conversation of a running
# simulator (`GET /v2/conversations?status=all`, pages of 25) and reports the time the sync took.
#
#   bench/peers/run.sh URL EXPECTED_COUNT
#
# URL is the simulator's base URL (e.g. http://127.0.0.1:18080, no /v2). Installs the peers once
# into target/bench-peers/ (a Python venv and a node_modules folder, reused while
# requirements.txt / package.json are unchanged), runs them one after another and prints one
# JSON line per peer:
#   {"peer": "python-helpscout-v2 2.0.0", "seconds": 12.3, "conversations": 10000, "note": "..."}
# or {"peer": "...", "error": "..."} when a peer fails or fetched a count other than
# EXPECTED_COUNT (distinct ids are checked too). Exit status 0 when every peer succeeded, 1 if
# any failed, 2 on bad usage. Install and peer logs go to target/bench-peers/logs/.
#
# Environment:
#   PEERS=python-helpscout-v2,helpscout-mailbox-api,helpscout-2.0   which peers to run (default all)
#   PEERS_UNTHROTTLED=1   lift the Node libraries' built-in client-side throttles (see README)
#   PEERS_TIMEOUT=1800    seconds before a peer run is abandoned
#   PEERS_CACHE=DIR       install cache (default <repo>/target/bench-peers)
set -uo pipefail

if [[ $# -ne 2 || ! $2 =~ ^[0-9]+$ ]]; then
    echo "usage: $0 URL EXPECTED_COUNT" >&2
    exit 2
fi
url=${1%/}
expected=$2
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
cache=${PEERS_CACHE:-$root/target/bench-peers}
peers=${PEERS:-python-helpscout-v2,helpscout-mailbox-api,helpscout-2.0}
timeout_s=${PEERS_TIMEOUT:-1800}
logs=$cache/logs
mkdir -p "$logs"
status=0

# One JSON line: {"peer": $1, "error": $2}.
error_line() {
    python3 -c 'import json, sys; print(json.dumps({"peer": sys.argv[1], "error": sys.argv[2]}))' "$1" "$2"
}

stamp_of() { cat "$@" | sha256sum | cut -d' ' -f1; }

# Python venv with requirements.txt; prints nothing on success.
install_python() {
    local venv=$cache/venv want
    want=$(stamp_of "$here/requirements.txt")
    [[ -x $venv/bin/python && $(cat "$venv/.stamp" 2>/dev/null) == "$want" ]] && return 0
    rm -rf "$venv"
    python3 -m venv "$venv" &&
        "$venv/bin/pip" install --quiet --disable-pip-version-check \
            -r "$here/requirements.txt" &&
        echo "$want" >"$venv/.stamp"
}

# node_modules from package.json; prints nothing on success.
install_node() {
    local dir=$cache/node want
    want=$(stamp_of "$here/package.json")
    [[ -d $dir/node_modules && $(cat "$dir/.stamp" 2>/dev/null) == "$want" ]] && return 0
    rm -rf "$dir"
    mkdir -p "$dir" && cp "$here/package.json" "$dir/" &&
        (cd "$dir" && npm install --no-audit --no-fund --no-package-lock --loglevel=error) &&
        echo "$want" >"$dir/.stamp"
}

# Checks a peer's JSON output against EXPECTED_COUNT and prints the final line.
report() {
    local peer=$1 out=$2 log=$3
    python3 - "$peer" "$expected" "$out" "$log" <<'PY'
import json, sys
peer, expected, out, log = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
lines = [l for l in out.splitlines() if l.strip().startswith("{")]
try:
    r = json.loads(lines[-1])
except (IndexError, ValueError):
    tail = open(log, errors="replace").read()[-1500:].strip()
    print(json.dumps({"peer": peer, "error": f"no result from the peer; log tail: {tail}"}))
    sys.exit(1)
if "error" in r:
    print(json.dumps({"peer": r.get("peer", peer), "error": r["error"]}))
    sys.exit(1)
n, distinct = r["conversations"], r["distinct"]
if n != expected or distinct != expected:
    msg = f"fetched {n} conversations ({distinct} distinct ids), expected {expected}"
    print(json.dumps({"peer": r["peer"], "error": msg}))
    sys.exit(1)
print(json.dumps({k: r[k] for k in ("peer", "seconds", "conversations", "note")}))
PY
}

# run_peer NAME INSTALL_FN COMMAND...
run_peer() {
    local name=$1 install=$2 log=$logs/$1.log out
    shift 2
    [[ ,$peers, == *,$name,* ]] || return 0
    if ! $install >"$logs/install-$name.log" 2>&1; then
        error_line "$name" "install failed: $(tail -c 1500 "$logs/install-$name.log")"
        status=1
        return
    fi
    out=$(PEERS_NODE_MODULES=$cache/node/node_modules timeout "$timeout_s" "$@" "$url" 2>"$log")
    local rc=$?
    if [[ $rc -eq 124 ]]; then
        error_line "$name" "timed out after ${timeout_s}s"
        status=1
        return
    fi
    report "$name" "$out" "$log" || status=1
}

run_peer python-helpscout-v2 install_python "$cache/venv/bin/python" "$here/python_helpscout_v2.py"
run_peer helpscout-mailbox-api install_node node "$here/node_helpscout_mailbox_api.js"
run_peer helpscout-2.0 install_node node "$here/node_helpscout_2.js"
exit $status
