#!/bin/sh
# Starts HAProxy and Prometheus for the example (a team already runs its own).
. "$(dirname "$0")/common.sh"
here="$(cd "$(dirname "$0")/.." && pwd)"
: "${HAPROXY_PORT:?}" "${STAGING_PORT:?}" "${PROMETHEUS_PORT:?}"
export EXAMPLE_STATE HAPROXY_PORT STAGING_PORT
haproxy -f "$here/haproxy.cfg" -D
cp "$here/prometheus.yml" "$STATE/prometheus.yml"
setsid prometheus --config.file="$STATE/prometheus.yml" --storage.tsdb.path="$STATE/prometheus" \
  --web.listen-address="127.0.0.1:$PROMETHEUS_PORT" > "$STATE/prometheus.log" 2>&1 &
echo $! > "$STATE/prometheus.pid"
until curl -fsS "http://127.0.0.1:$PROMETHEUS_PORT/-/ready" >/dev/null 2>&1; do sleep 0.2; done
