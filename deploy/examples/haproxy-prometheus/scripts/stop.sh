#!/bin/sh
# Stops what start.sh and deploy-pool.sh started, by the pids they recorded.
. "$(dirname "$0")/common.sh"
for environment in "$STATE"/*/pools; do
  [ -d "$environment" ] || continue
  for pool in "$environment"/*/; do
    [ -d "$pool" ] && RUNWAY_ENVIRONMENT="$(basename "$(dirname "$environment")")" "$(dirname "$0")/remove-pool.sh" "$(basename "$pool")"
  done
done
for pidfile in "$STATE/haproxy.pid" "$STATE/prometheus.pid"; do
  [ -f "$pidfile" ] && kill -TERM "$(cat "$pidfile")" 2>/dev/null || true
  rm -f "$pidfile"
done
