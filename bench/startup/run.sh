#!/usr/bin/env bash
# Startup benchmark: warm `./build.sh --help` against `dotnet run --project build/_build.csproj -- --help`
# (how a Nuke build starts). Prints median and p90 of each and the ratio.
# Rerun: bench/startup/run.sh [runs]   (default 10 runs each, after one warm-up run of each)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
RUNS="${1:-10}"
CPU_FILE="$(mktemp)"
trap 'rm -f "$CPU_FILE"' EXIT
cd "$ROOT"

# "wall_ms cpu_ms" of one run of the command, output discarded. CPU time (user + system) shows the cost
# without the wait for a busy machine's cores; wall time is what a person feels.
time_ms() {
  local start end
  start=$(date +%s%N)
  /usr/bin/time -o "$CPU_FILE" -f '%U %S' "$@" >/dev/null 2>&1
  end=$(date +%s%N)
  echo "$(((end - start) / 1000000)) $(awk '{ printf "%d", ($1 + $2) * 1000 }' "$CPU_FILE")"
}

# Prints "median p90" of the numbers on stdin (nearest-rank).
stats() {
  sort -n | awk '{ v[NR] = $1 } END { m = int((NR + 1) / 2); p = int(NR * 0.9 + 0.999); print v[m], v[p] }'
}

# Prints "wall_median wall_p90 cpu_median cpu_p90".
measure() {
  local i samples
  samples="$(for ((i = 0; i < RUNS; i++)); do time_ms "$@"; done)"
  echo "$(cut -d' ' -f1 <<<"$samples" | stats) $(cut -d' ' -f2 <<<"$samples" | stats)"
}

./build.sh --help >/dev/null                                       # warm: builds build/ once if its inputs changed
dotnet run --project build/_build.csproj -- --help >/dev/null 2>&1 # warm: first restore and build

read -r sh_median sh_p90 sh_cpu sh_cpu90 < <(measure ./build.sh --help)
read -r run_median run_p90 run_cpu run_cpu90 < <(measure dotnet run --project build/_build.csproj -- --help)

printf '%-52s %9s %9s %9s %9s\n' "command ($RUNS runs each)" "median" "p90" "cpu med" "cpu p90"
printf '%-52s %6s ms %6s ms %6s ms %6s ms\n' "./build.sh --help" "$sh_median" "$sh_p90" "$sh_cpu" "$sh_cpu90"
printf '%-52s %6s ms %6s ms %6s ms %6s ms\n' "dotnet run --project build/_build.csproj -- --help" "$run_median" "$run_p90" "$run_cpu" "$run_cpu90"
awk -v a="$run_median" -v b="$sh_median" 'BEGIN { printf "ratio (median): %.1fx faster\n", a / b }'
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
