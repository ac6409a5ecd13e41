#!/usr/bin/env bash
# Sharded versus single-job prediction through the local AWS pipeline (issue: scale out on AWS Batch).
# Builds a claims-like CSV of the requested size from the TREC questions (short texts, 50 categories;
# quoted line breaks and Japanese rows mixed in), trains a model on TREC unless one is given, then runs
# the IMDB sample's `pipeline` command twice on the same file: one Batch job, and an array job of
# SHARDS children on WORKERS concurrent workers. Reports wall time, rows/s and peak RSS of each run and
# whether the two outputs are byte-identical. Everything lives in a temporary folder removed at the end.
#
# usage: benchmarks/scripts/sharded-pipeline.sh [--size-mb N] [--shards N] [--workers N] [--threads N] [--model BUNDLE]
#   --size-mb  size of the generated input (default 1024)
#   --shards   shards of the sharded run (default 8); the shard size is size / shards
#   --workers  jobs or array children running at once (default 2)
#   --threads  torch threads of the process (default 2)
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
data=$root/../shared/data/trec
size_mb=1024 shards=8 workers=2 threads=2 model=""
while [ $# -gt 0 ]; do
  case "$1" in
    --size-mb) size_mb=$2; shift 2 ;;
    --shards) shards=$2; shift 2 ;;
    --workers) workers=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --model) model=$2; shift 2 ;;
    *) echo "error: unknown argument '$1'" >&2; exit 2 ;;
  esac
done
[ -f "$data/train.csv" ] || { echo "error: $data/train.csv not found (see ../shared/data/trec/README)" >&2; exit 2; }
command -v /usr/bin/time > /dev/null || { echo "error: /usr/bin/time is needed to read peak RSS (apt-get install time)" >&2; exit 2; }
shard_mib=$(( (size_mb + shards - 1) / shards ))
[ "$shard_mib" -ge 1 ] || { echo "error: --size-mb / --shards must be at least 1 MiB" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/gluonstyletext-sharded-XXXXXX")
trap 'rm -rf "$work"' EXIT

echo "Building the IMDB sample and gluontext (Release)..."
# Built in place, not into the temporary folder: the local pipeline finds infra/local-s3 above its own folder.
dotnet build "$root/samples/Imdb" -c Release > "$work/build.log" || { cat "$work/build.log"; exit 1; }
app=$root/samples/Imdb/bin/Release/net10.0
if [ -z "$model" ]; then
  echo "Training a model on the TREC fine categories..."
  dotnet "$app/GluonStyleText.Cli.dll" train --data "$data/train.csv" --text-column question --label-column fine \
    --threads "$threads" -o "$work/model.zip" > "$work/train.log" 2>&1 || { cat "$work/train.log"; exit 1; }
  model=$work/model.zip
fi

echo "Writing a ${size_mb} MB input from the TREC test questions..."
python3 - "$data/test.csv" "$work/claims.csv" "$size_mb" > "$work/rows-in" <<'PY'
import csv, sys
source, target, size_mb = sys.argv[1], sys.argv[2], int(sys.argv[3])
with open(source, newline="", encoding="utf-8") as f:
    questions = [row["question"] for row in csv.DictReader(f)]
limit = size_mb * 1024 * 1024
with open(target, "w", newline="", encoding="utf-8") as f:
    writer = csv.writer(f, lineterminator="\n")
    writer.writerow(["claim_id", "question"])
    row = 0
    while f.tell() < limit:
        text = questions[row % len(questions)]
        if row % 97 == 0:
            text = text + "\nsecond line of the claim, \"quoted\""
        if row % 101 == 0:
            text = "保証請求: " + text
        writer.writerow([f"C{row:09d}", text])
        row += 1
print(row)
PY
rows=$(cat "$work/rows-in")
echo "$rows rows"

run() { # name, extra pipeline arguments...
  local name=$1; shift
  /usr/bin/time -v dotnet "$app/GluonStyleText.Samples.Imdb.dll" pipeline --model "$model" --input "$work/claims.csv" \
    --output "$work/$name" --threads "$threads" --workers "$workers" --timeout 86400 "$@" 2> "$work/$name.time" > "$work/$name.log" \
    || { cat "$work/$name.log" "$work/$name.time"; exit 1; }
  python3 - "$name" "$work/$name.time" "$rows" <<'PY'
import re, sys
name, log, rows = sys.argv[1], open(sys.argv[2]).read(), int(sys.argv[3])
wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", log).group(1)
seconds = sum(float(part) * 60 ** i for i, part in enumerate(reversed(wall.split(":"))))
rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", log).group(1)) / 1024
print(f"{name:>8}: {seconds:8.1f} s wall, {rows / seconds:10,.0f} rows/s, peak RSS {rss:,.0f} MB")
PY
}

echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); threads $threads, workers $workers"
run single
run sharded --shard-mib "$shard_mib"
grep -h "rows in" "$work/single.log" "$work/sharded.log"
if cmp -s "$work/single/claims_output.csv" "$work/sharded/claims_output.csv"; then
  echo "outputs: byte-identical ($(stat -c %s "$work/single/claims_output.csv") bytes)"
else
  echo "outputs: DIFFER"; exit 1
fi
