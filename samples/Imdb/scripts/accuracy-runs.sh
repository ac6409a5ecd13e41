#!/usr/bin/env bash
# The long IMDB accuracy runs behind docs/results.md (minutes each, so not part of the test run):
# runs `demo` for each preset on the full IMDB data and prints test accuracy and training time.
#
#   samples/Imdb/scripts/accuracy-runs.sh [--data DIR] [--embeddings FILE] [--threads N] [--output DIR] [PRESET...]
#
# Defaults: ../shared/data/imdb, ../shared/data/embeddings/glove.6B.100d.top100k.txt.gz, every core,
# ./accuracy-runs, presets fast, accurate and bilstm.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../../.." && pwd)
data="$repo/../shared/data/imdb"
embeddings="$repo/../shared/data/embeddings/glove.6B.100d.top100k.txt.gz"
threads=$(nproc)
output=accuracy-runs
presets=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --data) data=$2; shift 2 ;;
    --embeddings) embeddings=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --output) output=$2; shift 2 ;;
    -h|--help) sed -n 2,9p "$0"; exit 0 ;;
    -*) echo "accuracy-runs: unknown option $1 (see --help)" >&2; exit 2 ;;
    *) presets+=("$1"); shift ;;
  esac
done
[[ ${#presets[@]} -gt 0 ]] || presets=(fast accurate bilstm)
for path in "$data/train.csv" "$data/test.csv" "$embeddings"; do
  [[ -f $path ]] || { echo "accuracy-runs: $path not found (see --help)" >&2; exit 1; }
done

# Built once and run from the build output, so that every run measures training, not compilation.
dotnet build "$repo/samples/Imdb" -c Release --nologo -v quiet
app="$repo/samples/Imdb/bin/Release/net10.0/GluonStyleText.Samples.Imdb.dll"
mkdir -p "$output"
summary="$output/summary.md"
{
  echo "# IMDB accuracy runs, $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo
  echo "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(nproc) cores, $threads threads"
  echo
  echo "| preset | test accuracy | timings |"
  echo "|---|---|---|"
} > "$summary"
for preset in "${presets[@]}"; do
  log="$output/$preset.log"
  echo "== $preset (log: $log)"
  dotnet "$app" demo --preset "$preset" --data "$data" --embeddings "$embeddings" \
    --threads "$threads" --output "$output/$preset" | tee "$log"
  accuracy=$(grep -m1 'Test accuracy:' "$log" | sed -E 's/.*Test accuracy: +//')
  timings=$(grep -m1 'Timings:' "$log" | sed -E 's/.*Timings: +//')
  echo "| $preset | $accuracy | $timings |" >> "$summary"
done
echo
cat "$summary"
