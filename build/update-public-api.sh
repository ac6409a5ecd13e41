#!/usr/bin/env bash
# Writes the packages' public API into their PublicAPI.Unshipped.txt after a deliberate change:
# the build's RS0016 messages (a public symbol not declared) carry each symbol in the file's own
# format, and RS0017 messages (a declared symbol that no longer exists) name lines to drop.
set -euo pipefail
cd "$(dirname "$0")/.."

for project in src/GluonStyleText src/GluonStyleText.Aws; do
  name=$(basename "$project")
  log=$(mktemp)
  dotnet build "$project/$name.csproj" -f net10.0 -p:TreatWarningsAsErrors=false 2>&1 > "$log" || true
  file="$project/PublicAPI.Unshipped.txt"
  added=$(grep -oP "RS0016: Symbol '\K.*(?=' is not part of the declared public API)" "$log" | sort -u || true)
  removed=$(grep -oP "RS0017: Symbol '\K.*(?=' is part of the declared API, but is either not public or could not be found)" "$log" | sort -u || true)
  rm -f "$log"
  {
    echo '#nullable enable'
    { grep -v "^#nullable" "$file" || true; if [ -n "$added" ]; then printf "%s\n" "$added"; fi; } |
      grep -vxF -f <(printf '%s\n' "$removed" | sed '/^$/d'; echo '#nullable enable') | LC_ALL=C sort -u
  } > "$file.new"
  mv "$file.new" "$file"
  echo "$file: $(printf '%s' "$added" | grep -c . || true) added, $(printf '%s' "$removed" | grep -c . || true) removed"
done
