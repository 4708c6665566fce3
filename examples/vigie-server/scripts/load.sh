#!/bin/sh
# load.sh builds vigie-server, starts it on loopback, warms it up, runs wrk
# against POST /v1/check with testdata/check.lua, and stops it with SIGTERM.
#
#   examples/vigie-server/scripts/load.sh
#   THREADS=4 CONNECTIONS=100 DURATION=60s examples/vigie-server/scripts/load.sh
#   SERVER_FLAGS='-max-concurrent 8' examples/vigie-server/scripts/load.sh
#
# Needs go, wrk (Debian: apt-get install wrk) and curl. The server's log
# goes to a temporary file whose status counts are printed at the end.
set -eu

ADDR=${ADDR:-127.0.0.1:18080}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-50}
DURATION=${DURATION:-20s}
WARMUP=${WARMUP:-2s}
SERVER_FLAGS=${SERVER_FLAGS:-}

dir=$(cd "$(dirname "$0")/.." && pwd)
for cmd in go wrk curl; do
	command -v "$cmd" >/dev/null || { echo "load.sh: $cmd not found" >&2; exit 2; }
done

tmp=$(mktemp -d)
pid=
cleanup() {
	if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
		kill -TERM "$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
	fi
	rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

(cd "$dir" && go build -o "$tmp/vigie-server" .)
# shellcheck disable=SC2086 # SERVER_FLAGS holds several flags
"$tmp/vigie-server" -listen "$ADDR" $SERVER_FLAGS 2>"$tmp/server.log" &
pid=$!

i=0
until curl -fsS "http://$ADDR/healthz" >/dev/null 2>&1; do
	i=$((i + 1))
	if [ "$i" -ge 100 ] || ! kill -0 "$pid" 2>/dev/null; then
		echo "load.sh: the server did not start:" >&2
		cat "$tmp/server.log" >&2
		exit 1
	fi
	sleep 0.1
done

echo "# $(uname -srm), $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')"
echo "# $(go version), $(wrk --version 2>&1 | head -n1 | cut -d' ' -f1-2)"
echo "# server: vigie-server -listen $ADDR${SERVER_FLAGS:+ $SERVER_FLAGS}, healthz $(curl -fsS "http://$ADDR/healthz")"

wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" -s "$dir/testdata/check.lua" "http://$ADDR/v1/check" >/dev/null
echo "# wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency -s testdata/check.lua http://$ADDR/v1/check"
wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s "$dir/testdata/check.lua" "http://$ADDR/v1/check"

kill -TERM "$pid"
wait "$pid" || { echo "load.sh: the server exited with status $?" >&2; exit 1; }
pid=
echo "# server log, requests by status:"
awk '$3 == "POST" { n[$5]++ } END { for (s in n) printf "#   %s: %d\n", s, n[s] }' "$tmp/server.log"
tail -n1 "$tmp/server.log" | sed 's/^/# /'
