# Shared by the example's commands. Processes on this machine stand in for hosts; a team's scripts would call its
# own platform (ssh, systemd, a cloud API) instead.
set -eu
STATE="${EXAMPLE_STATE:?set EXAMPLE_STATE to the example's state folder}"
REPLICAS="${EXAMPLE_REPLICAS:-2}"
SERVICE_PROJECT="${EXAMPLE_SERVICE_PROJECT:-src/Runway.Sample/Runway.Sample.csproj}"
mkdir -p "$STATE/pools" "$STATE/releases" "$STATE/targets"

free_port() {
  port=$(( ${EXAMPLE_FIRST_PORT:-7100} + RANDOM % 2000 ))
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
  echo "$port"
}
