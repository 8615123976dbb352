#!/usr/bin/env bash
# Rollout benchmark: under a steady load through the router, measures failed requests during a full Deploy and a
# Rollback, the time from a rollback decision to all traffic on the previous release (Runway and one plain
# PUT /routes), how fast a 5%-error canary is caught, and the orchestration overhead of a Deploy.
# Writes the `## rollout` section of bench/RESULTS.md. Takes a few minutes; uses only free loopback ports.
# Rerun: bench/rollout/run.sh [--load-rate 40] [--bake-time 10s] [--analysis-interval 2s] [--min-requests 30] [--replicas 2] [--max-latency-increase 1.2] [--keep-root]
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
./build.sh --help >/dev/null   # the build project the bench drives, built once up front
dotnet build bench/Runway.Bench.Rollout -c Release --nologo -v q
exec dotnet bench/Runway.Bench.Rollout/bin/Release/net10.0/Runway.Bench.Rollout.dll "$@"
