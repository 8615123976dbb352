#!/bin/sh
# remove-pool <release>: Runway has already drained the pool in HAProxy; stop its replicas and unregister them.
. "$(dirname "$0")/common.sh"
release="$1"; pool="$POOLS/$release"
[ -d "$pool" ] || exit 0
rm -f "$STATE/targets/$ENVIRONMENT-$release.json"
touch "$pool/instances"
while read -r port pid; do kill -TERM "$pid" 2>/dev/null || true; done < "$pool/instances"
while read -r port pid; do while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done; done < "$pool/instances"
rm -rf "$pool"
