#!/usr/bin/env bash
# Replica CPU benchmark: the sample published as Runway publishes it, started with tiered PGO on and off side by side,
# CPU time (utime+stime from /proc) until it answers, over its first 300 and next 300 requests to /version, and 5 s idle.
# Why: the e2e stories and a local Deploy start ~26 short-lived replicas each on 2 cores.
# Rerun: bench/replica-cpu/run.sh [rounds]   (prints a table; paste it into bench/RESULTS.md, section replica-cpu)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
rounds="${1:-3}"
build="$(mktemp -d)"; trap 'rm -rf "$build"' EXIT
dotnet publish "$ROOT/src/Runway.Sample/Runway.Sample.csproj" -c Release -o "$build" --nologo -v q >/dev/null

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
cpu_ms() { local st; read -r -a st < "/proc/$1/stat"; echo $(( (st[13] + st[14]) * 1000 / $(getconf CLK_TCK) )); }
requests() { for _ in $(seq 1 "$2"); do curl -s -o /dev/null "http://127.0.0.1:$1/version"; done; }

run() { # $1: DOTNET_TieredPGO value
  local port pid ready first second idle
  port=$(free_port)
  DOTNET_TieredPGO="$1" Sample__Release=1.0.0 Sample__JwtSigningKey=a-bench-signing-key-that-is-long-enough-for-hs256 \
    ConnectionStrings__Sample="Host=127.0.0.1;Port=1;Username=bench;Database=bench" \
    dotnet "$build/Runway.Sample.dll" --urls "http://127.0.0.1:$port" >/dev/null 2>&1 &
  pid=$!
  until curl -s -o /dev/null "http://127.0.0.1:$port/version"; do sleep 0.02; done
  ready=$(cpu_ms "$pid"); requests "$port" 300; first=$(cpu_ms "$pid"); requests "$port" 300; second=$(cpu_ms "$pid")
  sleep 5; idle=$(cpu_ms "$pid"); kill "$pid"; wait "$pid" 2>/dev/null || true
  printf '| %s | %d ms | %d ms | %d ms | %d ms | %d ms |\n' "$([ "$1" = 1 ] && echo on || echo off)" \
    "$ready" $((first - ready)) $((second - first)) $((idle - second)) "$idle"
}

echo "Load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
echo
echo "| tiered PGO | CPU until ready | first 300 requests | next 300 | 5 s idle | total |"
echo "| --- | --- | --- | --- | --- | --- |"
for _ in $(seq 1 "$rounds"); do run 1; run 0; done
