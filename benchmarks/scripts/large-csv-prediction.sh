#!/usr/bin/env bash
# Peak memory of CSV -> CSV prediction on a large input (issue: a 1 GB input must run in well
# under 2 GB RSS). Builds a CSV of the requested size from a labeled CSV, classifies it with the
# IMDB sample's `predict`, and reports peak RSS, wall time and rows in/out. The generated files
# live in a temporary folder that is removed at the end; nothing is written into the repository.
#
# usage: benchmarks/scripts/large-csv-prediction.sh MODEL [SOURCE_CSV] [SIZE_MB] [REVIEWS_PER_ROW]
#   MODEL            a model bundle written by `train` or `demo` (folder or .zip)
#   SOURCE_CSV       rows to repeat, header sentiment,review (default ../shared/data/imdb/test.csv)
#   SIZE_MB          size of the generated input (default 1024)
#   REVIEWS_PER_ROW  reviews joined into one row's text (default 8). The model reads at most
#                    seq_len words of each row, so longer rows reach 1 GB in minutes instead of hours
#                    while the file, the parser and the writer still handle every byte.
set -euo pipefail

model=${1:?usage: $0 MODEL [SOURCE_CSV] [SIZE_MB] [REVIEWS_PER_ROW]}
root=$(cd "$(dirname "$0")/../.." && pwd)
source_csv=${2:-$root/../shared/data/imdb/test.csv}
size_mb=${3:-1024}
per_row=${4:-8}
[ -e "$model" ] || { echo "error: model bundle '$model' not found" >&2; exit 2; }
[ -f "$source_csv" ] || { echo "error: source CSV '$source_csv' not found" >&2; exit 2; }
command -v /usr/bin/time > /dev/null || { echo "error: /usr/bin/time is needed to read peak RSS (apt-get install time)" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/gluonstyletext-large-csv-XXXXXX")
trap 'rm -rf "$work"' EXIT

echo "Building the IMDB sample (Release)..."
dotnet build "$root/samples/Imdb" -c Release -o "$work/app" > "$work/build.log" || { cat "$work/build.log"; exit 1; }

echo "Writing a ${size_mb} MB input from $source_csv ($per_row reviews per row)..."
python3 - "$source_csv" "$work/input.csv" "$size_mb" "$per_row" > "$work/rows-in" <<'PY'
import csv, sys
source, target, size_mb, per_row = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
with open(source, newline="", encoding="utf-8") as f:
    reviews = [row["review"] for row in csv.DictReader(f)]
limit = size_mb * 1024 * 1024
with open(target, "w", newline="", encoding="utf-8") as f:
    writer = csv.writer(f)
    writer.writerow(["id", "review"])
    row = 0
    while f.tell() < limit:
        start = (row * per_row) % len(reviews)
        writer.writerow([row, " ".join(reviews[(start + k) % len(reviews)] for k in range(per_row))])
        row += 1
print(row)
PY
echo "$(cat "$work/rows-in") rows"

echo "Classifying..."
/usr/bin/time -v dotnet "$work/app/GluonStyleText.Samples.Imdb.dll" predict --model "$model" \
  --input "$work/input.csv" --output "$work/output.csv" 2> "$work/time.log" > "$work/predict.log" \
  || { cat "$work/predict.log" "$work/time.log"; exit 1; }

# The generator already counted the rows in; only the output needs parsing.
python3 - "$work/input.csv" "$work/output.csv" "$work/time.log" "$(cat "$work/rows-in")" <<'PY'
import csv, os, re, sys
csv.field_size_limit(1 << 30)
with open(sys.argv[2], newline="", encoding="utf-8") as f:
    rows_out = sum(1 for _ in csv.reader(f)) - 1
rows_in = int(sys.argv[4])
time_log = open(sys.argv[3]).read()
rss_kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", time_log).group(1))
wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", time_log).group(1)
size = os.path.getsize(sys.argv[1])
print(f"input: {size / 1024 / 1024:.0f} MB, {rows_in} rows; output: {rows_out} rows")
print(f"peak RSS: {rss_kb / 1024:.0f} MB; wall time: {wall}")
sys.exit(0 if rows_in == rows_out else 1)
PY
