# Shared by the example's commands. Processes on this machine stand in for hosts; a team's scripts would call its
# own platform (ssh, systemd, a cloud API) instead. Runway runs each command with RUNWAY_ENVIRONMENT set: production
# (or the profile's Environment) or staging, which gets its own pools, database and HAProxy backend.
set -eu
STATE="${EXAMPLE_STATE:?set EXAMPLE_STATE to the example's state folder}"
ENVIRONMENT="${RUNWAY_ENVIRONMENT:-production}"
POOLS="$STATE/$ENVIRONMENT/pools"
if [ "$ENVIRONMENT" = staging ]; then REPLICAS="${EXAMPLE_STAGING_REPLICAS:-1}"; else REPLICAS="${EXAMPLE_REPLICAS:-2}"; fi
SERVICE_PROJECT="${EXAMPLE_SERVICE_PROJECT:-src/Runway.Sample/Runway.Sample.csproj}"
mkdir -p "$POOLS" "$STATE/releases" "$STATE/targets"

