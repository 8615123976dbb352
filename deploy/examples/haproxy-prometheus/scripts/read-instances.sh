#!/bin/sh
# read-instances: prints the environment's pools as JSON (weights are HAProxy's to tell; Runway reads them from its socket).
. "$(dirname "$0")/common.sh"
if [ "$ENVIRONMENT" = staging ]; then port="${STAGING_PORT:?}"; else port="${HAPROXY_PORT:?}"; fi
printf '{"url": "http://127.0.0.1:%s", "pools": [' "$port"
first=1
for pool in "$POOLS"/*/; do
  [ -f "$pool/ready" ] || continue
  [ $first = 1 ] || printf ','; first=0
  printf '{"release": "%s", "weight": 0, "instances": [%s]}' "$(basename "$pool")" \
    "$(awk '{printf "%s{\"url\": \"http://127.0.0.1:%s\"}", (NR>1?",":""), $1}' "$pool/instances")"
done
printf ']}\n'
