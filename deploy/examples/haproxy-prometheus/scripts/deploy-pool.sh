#!/bin/sh
# deploy-pool <release>: publishes the release once, starts its replicas, waits until each is ready, and registers
# them with Prometheus. Exits 0 once the pool is ready; idempotent.
. "$(dirname "$0")/common.sh"
release="$1"; pool="$STATE/pools/$release"
if [ -f "$pool/ready" ]; then exit 0; fi
build="$STATE/releases/$release"
[ -f "$build/Runway.Sample.dll" ] || dotnet publish "$SERVICE_PROJECT" -c Release -o "$build" --nologo -v q >&2
mkdir -p "$pool"; : > "$pool/instances"
for i in $(seq 1 "$REPLICAS"); do
  port=$(free_port)
  Sample__Release="$release" setsid dotnet "$build/Runway.Sample.dll" --urls "http://127.0.0.1:$port" > "$pool/replica-$i.log" 2>&1 &
  echo "$port $!" >> "$pool/instances"
done
while read -r port pid; do
  tries=0
  until curl -fsS "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1; do
    tries=$((tries + 1)); [ "$tries" -lt 300 ] || { echo "replica on $port of $release not ready" >&2; exit 1; }
    kill -0 "$pid" 2>/dev/null || { echo "replica on $port of $release exited: see $pool" >&2; exit 1; }
    sleep 0.2
  done
done < "$pool/instances"
targets=$(awk '{printf "%s\"127.0.0.1:%s\"", (NR>1?",":""), $1}' "$pool/instances")
echo "[{\"targets\": [$targets], \"labels\": {\"release\": \"$release\", \"environment\": \"$RUNWAY_ENVIRONMENT\"}}]" > "$STATE/targets/$release.json"
touch "$pool/ready"
