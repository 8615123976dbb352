#!/bin/sh
# deploy-pool <release>: publishes the release once, starts its replicas, waits until each is ready, and registers
# them with Prometheus (labels release and environment). Exits 0 once the pool is ready; idempotent.
. "$(dirname "$0")/common.sh"
release="$1"; pool="$POOLS/$release"
if [ -f "$pool/ready" ]; then exit 0; fi
if [ "$ENVIRONMENT" = staging ]; then
  ConnectionStrings__Sample="${RUNWAY_STAGING_DATABASE_CONNECTION_STRING:?staging pools use the staging database: set RUNWAY_STAGING_DATABASE_CONNECTION_STRING}"
  export ConnectionStrings__Sample
fi
build="$STATE/releases/$release"
[ -f "$build/Runway.Sample.dll" ] || dotnet publish "$SERVICE_PROJECT" -c Release -o "$build" --nologo -v q >&2
mkdir -p "$pool"; : > "$pool/instances"
for i in $(seq 1 "$REPLICAS"); do
  # Port 0: the replica takes a free port and says which in its log, so replicas never race for one.
  Sample__Release="$release" Sample__MetricsStyle=node setsid dotnet "$build/Runway.Sample.dll" --urls "http://127.0.0.1:0" > "$pool/replica-$i.log" 2>&1 &
  echo "$!" > "$pool/replica-$i.pid"
done
for i in $(seq 1 "$REPLICAS"); do
  pid=$(cat "$pool/replica-$i.pid"); tries=0; port=""
  until [ -n "$port" ] && curl -fsS "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1; do
    tries=$((tries + 1)); [ "$tries" -lt 600 ] || { echo "replica $i of $release not ready in 120 s: see $pool/replica-$i.log" >&2; exit 1; }
    kill -0 "$pid" 2>/dev/null || { echo "replica $i of $release exited: see $pool/replica-$i.log" >&2; exit 1; }
    port=$(grep -o '"address":"http://127.0.0.1:[0-9]*"' "$pool/replica-$i.log" | head -1 | grep -o '[0-9]*"$' | tr -d '"') || true
    sleep 0.2
  done
  echo "$port $pid" >> "$pool/instances"
done
targets=$(awk '{printf "%s\"127.0.0.1:%s\"", (NR>1?",":""), $1}' "$pool/instances")
echo "[{\"targets\": [$targets], \"labels\": {\"release\": \"$release\", \"environment\": \"$ENVIRONMENT\"}}]" > "$STATE/targets/$ENVIRONMENT-$release.json"
touch "$pool/ready"
