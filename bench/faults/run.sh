#!/usr/bin/env bash
# Faults benchmark: under a steady load through the router, mid canary bake: SIGTERM (time to 100% on the previous
# release, failed requests), SIGKILL with a short traffic lease (time for the router to return traffic), 20 Deploys at
# once (refusal time, nothing written), and a PostgreSQL restart with a second Deploy (overlapping-run seconds).
# Writes the `## faults` section of bench/RESULTS.md. Takes several minutes; uses only free loopback ports.
# Rerun: bench/faults/run.sh [--lease 5] [--load-rate 40] [--keep-root]
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
./build.sh --help >/dev/null   # the build project the bench drives, built once up front
dotnet build bench/Runway.Bench.Faults -c Release --nologo -v q
exec dotnet bench/Runway.Bench.Faults/bin/Release/net10.0/Runway.Bench.Faults.dll "$@"
