#!/usr/bin/env bash
# Runs the build project in build/: finds the SDK that global.json asks for, rebuilds build/ only when its
# inputs changed (content hash), then runs the built program with every argument passed through.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
TEMP="$ROOT/.nuke/temp"
BIN="$TEMP/build-bin"
HASH_FILE="$TEMP/build.hash"
INPUTS_FILE="$TEMP/build.inputs"
ROOT_FILES=(global.json Directory.Build.props Directory.Packages.props)

fail() { echo "build.sh: $*" >&2; exit 1; }

find_dotnet() {
  if [[ -n "${DOTNET_EXE:-}" ]]; then
    [[ -d "$DOTNET_EXE" ]] && fail "DOTNET_EXE=$DOTNET_EXE is a folder, not an executable: point it at the dotnet program inside it ($DOTNET_EXE/dotnet)."
    [[ -f "$DOTNET_EXE" && -x "$DOTNET_EXE" ]] || fail "DOTNET_EXE=$DOTNET_EXE is not an executable: point it at the dotnet program, or unset it to use dotnet from PATH."
    echo "$DOTNET_EXE"
  elif command -v dotnet >/dev/null 2>&1; then command -v dotnet
  elif [[ -x "$HOME/.dotnet/dotnet" ]]; then echo "$HOME/.dotnet/dotnet"
  else fail "no dotnet found (DOTNET_EXE, PATH, ~/.dotnet). Install the .NET SDK $(sdk_wanted) from https://dot.net."
  fi
}

json_value() { sed -n "s/.*\"$1\"[[:space:]]*:[[:space:]]*\"\{0,1\}\([^\",}]*\).*/\1/p" "$ROOT/global.json" | head -n1; }
sdk_wanted() { echo "$(json_value version) (rollForward $(json_value rollForward))"; }

# Whether installed SDK $1 satisfies global.json's version and rollForward policy.
sdk_fits() {
  local want roll have wmaj wmin wband wpatch hmaj hmin hband hpatch
  want="$(json_value version)"; roll="$(json_value rollForward)"; have="$1"
  [[ "$have" == *-* && "$(json_value allowPrerelease)" != "true" ]] && return 1
  IFS=. read -r wmaj wmin wpatch <<<"${want%%-*}"; IFS=. read -r hmaj hmin hpatch <<<"${have%%-*}"
  wband=$((10#$wpatch / 100)); hband=$((10#$hpatch / 100)); wpatch=$((10#$wpatch)); hpatch=$((10#$hpatch))
  case "${roll:-latestPatch}" in
    disable) [[ "$have" == "$want" ]] ;;
    patch|latestPatch) ((hmaj == wmaj && hmin == wmin && hband == wband && hpatch >= wpatch)) ;;
    feature|latestFeature) ((hmaj == wmaj && hmin == wmin && hpatch >= wpatch)) ;;
    minor|latestMinor) ((hmaj == wmaj && (hmin > wmin || (hmin == wmin && hpatch >= wpatch)))) ;;
    *) ((hmaj > wmaj || (hmaj == wmaj && (hmin > wmin || (hmin == wmin && hpatch >= wpatch))))) ;;
  esac
}

check_sdk() {
  local sdk
  [[ -f "$ROOT/global.json" ]] || return 0
  while read -r sdk _; do sdk_fits "$sdk" && return 0; done < <("$DOTNET" --list-sdks)
  fail "no installed .NET SDK fits global.json: it asks for $(sdk_wanted); installed: $("$DOTNET" --list-sdks | cut -d' ' -f1 | paste -sd' '). Install a fitting SDK from https://dot.net (or set DOTNET_EXE)."
}

# The project folders build/ depends on, following ProjectReference links.
project_dirs() {
  local queue=("$ROOT/build") seen=" " dir ref
  while ((${#queue[@]})); do
    dir="${queue[0]}"; queue=("${queue[@]:1}")
    [[ "$seen" == *" $dir "* ]] && continue
    seen+="$dir "; echo "$dir"
    for ref in $(sed -n 's/.*ProjectReference Include="\([^"]*\)".*/\1/p' "$dir"/*.csproj | tr '\\' '/'); do
      queue+=("$(cd "$dir/$(dirname "$ref")" && pwd)")
    done
  done
}

input_files() {
  # shellcheck disable=SC2046
  find "$@" \( -name bin -o -name obj \) -prune -o -type f \
    \( -name '*.cs' -o -name '*.csproj' -o -name '*.sql' -o -name '*.props' -o -name '*.targets' -o -name '*.resx' \) -print
  ls "${ROOT_FILES[@]}" 2>/dev/null || true
}

inputs_hash() { input_files "$@" | LC_ALL=C sort | xargs sha256sum | sha256sum | cut -d' ' -f1; }

# Warm path: nothing (file or folder, so deletions count) is newer than the stored hash, so no hashing at all.
unchanged_since_hash() {
  [[ -f "$BIN/_build.dll" && -f "$HASH_FILE" && -f "$INPUTS_FILE" ]] || return 1
  local dirs newer
  mapfile -t dirs <"$INPUTS_FILE"
  newer="$(find "${dirs[@]}" "${ROOT_FILES[@]}" \( -name bin -o -name obj \) -prune -o -newer "$HASH_FILE" -print -quit 2>/dev/null)"
  [[ -z "$newer" ]]
}

rebuild_if_changed() {
  local dirs hash
  mapfile -t dirs < <(project_dirs | sed "s|^$ROOT/||")
  hash="$(inputs_hash "${dirs[@]}")"
  if [[ ! -f "$BIN/_build.dll" || ! -f "$HASH_FILE" || "$(<"$HASH_FILE")" != "$hash" ]]; then
    check_sdk
    mkdir -p "$TEMP"
    echo "build.sh: building build/ (inputs changed)" >&2
    if ! log="$("$DOTNET" build "$ROOT/build/_build.csproj" -o "$BIN" --nologo -v q -clp:NoSummary 2>&1)"; then
      echo "$log" >&2
      fail "building build/_build.csproj failed; see the errors above."
    fi
  fi
  printf '%s\n' "${dirs[@]}" >"$INPUTS_FILE"
  echo "$hash" >"$HASH_FILE" # rewritten even when equal: it is the timestamp the warm path compares against
}

cd "$ROOT"
DOTNET="$(find_dotnet)"
unchanged_since_hash || rebuild_if_changed
cd "$OLDPWD"
exec "$DOTNET" "$BIN/_build.dll" "$@"
