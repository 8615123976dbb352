#!/bin/sh
# Stops what start.sh and deploy-pool.sh started, by the pids they recorded.
. "$(dirname "$0")/common.sh"
for pool in "$STATE"/pools/*/; do [ -d "$pool" ] && "$(dirname "$0")/remove-pool.sh" "$(basename "$pool")"; done
for pidfile in "$STATE/haproxy.pid" "$STATE/prometheus.pid"; do
  [ -f "$pidfile" ] && kill -TERM "$(cat "$pidfile")" 2>/dev/null || true
  rm -f "$pidfile"
done
