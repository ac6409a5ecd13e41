#!/usr/bin/env bash
# Measures the product targets on this machine and prints a table of each figure, its target and the
# exact command that produced it (and writes the same table as a markdown fragment with --out):
#   IMDB (the README's main command, `demo` of samples/Imdb with GloVe): test accuracy >= 90.5 %,
#     training <= 5 min, peak RSS <= 2 GB, model bundle <= 100 MB, CSV -> CSV prediction of test.csv
#     through `gluontext predict` >= 1,500 rows/s; the demo's own total time is shown too
#   TREC fine labels, `gluontext train` with GloVe: test accuracy >= 85 %, training <= 60 s; without
#     embeddings: must beat TF-IDF + LR and every fastText variant measured in the same run; short-text
#     prediction (TREC test questions repeated to 50,000 rows) >= 10,000 rows/s
#   machine: CPU model, cores, threads used, load average before and after
#
# usage: benchmarks/scripts/targets.sh [--quick] [--threads N] [--out FILE.md] [--only imdb,trec]
#                                      [--autotune SECONDS] [--cli-kind gluontext|imdb-sample]
#   --quick      a smoke test of the script, not a measurement: 1,000/500 IMDB reviews and 1,000 TREC
#                training questions, 5,000 prediction rows (and one epoch with --cli-kind imdb-sample)
#   --threads N  threads for every contender that takes a count (default 2, this machine's cores)
#   --autotune S also run fastText's autotune (S seconds, on a held-out 10 % of train) as a TREC peer
#   --cli-kind imdb-sample  drive samples/Imdb in place of gluontext (columns renamed in temporary
#                copies, presets given the right n_classes): checks the parsing before gluontext exists;
#                its TREC figures are not gluontext's
# Environment: GLUONSTYLETEXT_DATA (default ../shared/data beside the repository), PYTHON (default
# /usr/bin/python3, Debian's, which has python3-sklearn; the pyenv python3 on PATH may lack it),
# GLUONTEXT_DLL and IMDB_DLL (the built programs; default: their projects' Release TargetPath).
# Everything generated goes to a temporary folder that is removed at the end; nothing is written into
# the repository except --out.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
compare_py=$root/benchmarks/compare/python
data=$(cd "${GLUONSTYLETEXT_DATA:-$root/../shared/data}" && pwd)
python=${PYTHON:-/usr/bin/python3}
threads=2
quick=false
out=
only=imdb,trec
autotune=0
cli_kind=gluontext

while [ $# -gt 0 ]; do
  case $1 in
    --quick) quick=true ;;
    --threads) threads=$2; shift ;;
    --out) out=$2; shift ;;
    --only) only=$2; shift ;;
    --autotune) autotune=$2; shift ;;
    --cli-kind) cli_kind=$2; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "targets.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
  shift
done
case $cli_kind in gluontext|imdb-sample) ;; *) echo "targets.sh: --cli-kind is gluontext or imdb-sample" >&2; exit 2 ;; esac
[ -n "$out" ] && out=$(cd "$(dirname "$out")" && pwd)/$(basename "$out")

log() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

# --- prerequisites: /usr/bin/time for peak RSS, the peers from Debian's archive -------------------
missing=()
[ -x /usr/bin/time ] || missing+=(time)
command -v fasttext > /dev/null || missing+=(fasttext)
"$python" -c 'import sklearn' 2> /dev/null || missing+=(python3-sklearn)
if [ ${#missing[@]} -gt 0 ]; then
  [ "$(id -u)" -eq 0 ] || { echo "targets.sh: missing ${missing[*]}: apt-get install -y ${missing[*]} (as root)" >&2; exit 1; }
  log "installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" > /dev/null
fi
"$python" -c 'import sklearn' 2> /dev/null || { echo "targets.sh: $python has no sklearn; set PYTHON to the interpreter with Debian's python3-sklearn" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/gluonstyletext-targets-XXXXXX")
trap 'rm -rf "$work"' EXIT
results=$work/results.jsonl
# Appends one JSON line, with the command that produced it, to the results.
record() { "$python" -c 'import json, sys; d = json.loads(sys.argv[1]); d.setdefault("command", sys.argv[2]); print(json.dumps(d))' "$1" "$2" >> "$results"; }
# Runs a command that prints one JSON line and records it (as BENCH when given) with COMMAND; a failing
# command stops the script (an assignment keeps its exit status, an argument would not).
measure() {
  local command=$1 bench=$2; shift 2
  local line
  line=$("$@")
  [ -n "$bench" ] && line=$("$python" -c 'import json, sys; d = json.loads(sys.argv[1]); d["bench"] = sys.argv[2]; print(json.dumps(d))' "$line" "$bench")
  record "$line" "$command"
}

cpu=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)
measure "" "" "$python" -c 'import json, os, sys; print(json.dumps({"bench": "machine", "cpu_model": sys.argv[1], "cores": os.cpu_count(), "threads": int(sys.argv[2]), "load_before": os.getloadavg()}))' "$cpu" "$threads"

# --- build once, then run the dlls, so that no build time is counted --------------------------------
target_path() { dotnet msbuild "$1" -getProperty:TargetPath -p:Configuration=Release -nologo 2> /dev/null | tail -1; }
log "building samples/Imdb and, for --cli-kind gluontext, src/GluonStyleText.Cli (Release)"
bash "$root/build/setup.sh" > /dev/null
dotnet build "$root/samples/Imdb" -c Release -v q -nologo > "$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }
imdb_dll=${IMDB_DLL:-$(target_path "$root/samples/Imdb")}
if [ "$cli_kind" = imdb-sample ]; then
  gluontext_dll=${GLUONTEXT_DLL:-$imdb_dll}
else
  cli_project=$root/src/GluonStyleText.Cli
  [ -d "$cli_project" ] || { echo "targets.sh: $cli_project is missing (the gluontext CLI); --cli-kind imdb-sample checks the script without it" >&2; exit 1; }
  dotnet build "$cli_project" -c Release -v q -nologo > "$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }
  gluontext_dll=${GLUONTEXT_DLL:-$(target_path "$cli_project")}
fi
for dll in "$imdb_dll" "$gluontext_dll"; do
  [ -f "$dll" ] || { echo "targets.sh: built program '$dll' not found (set IMDB_DLL / GLUONTEXT_DLL)" >&2; exit 1; }
done
cli="dotnet $gluontext_dll"
glove=$data/embeddings/glove.6B.100d.top100k.txt.gz
sample_extra=()
$quick && [ "$cli_kind" = imdb-sample ] && sample_extra=(--extra "--epochs 1")

# --- IMDB: the README's main command ---------------------------------------------------------------
if [[ ,$only, == *,imdb,* ]]; then
  imdb_data=$data/imdb
  epochs=()
  if $quick; then
    mkdir -p "$work/imdb-small"
    "$python" - "$data/imdb" "$work/imdb-small" << 'PY'
import csv, os, sys
csv.field_size_limit(sys.maxsize)
for name, rows in (("train.csv", 1000), ("test.csv", 500)):
    with open(os.path.join(sys.argv[1], name), newline="", encoding="utf-8") as source, \
         open(os.path.join(sys.argv[2], name), "w", newline="", encoding="utf-8") as target:
        writer = csv.writer(target)
        for index, row in enumerate(csv.reader(source)):
            if index > rows:
                break
            writer.writerow(row)
PY
    imdb_data=$work/imdb-small
    epochs=(--epochs 1)
  fi
  demo=(dotnet "$imdb_dll" demo --data "$imdb_data" --embeddings "$glove" --threads "$threads" -o "$work/imdb-demo" "${epochs[@]}")
  log "IMDB demo: ${demo[*]}"
  /usr/bin/time -v "${demo[@]}" > "$work/demo.log" 2>&1 || { tail -40 "$work/demo.log" >&2; exit 1; }
  bundle=$work/imdb-demo/model
  [ -e "$bundle" ] || bundle=$work/imdb-demo/model.zip
  measure "${demo[*]}" "" "$python" "$root/benchmarks/scripts/targets_report.py" parse-demo --log "$work/demo.log" --bundle "$bundle"

  log "IMDB CSV -> CSV prediction through $cli_kind"
  measure "" predict-imdb "$python" "$compare_py/gluontext_run.py" predict --cli "$cli" --cli-kind "$cli_kind" --model "$bundle" \
    --input "$imdb_data/test.csv" --text-column review --threads "$threads" --work "$work/imdb-predict" --log "$work/imdb-predict.log"
  rm -rf "$work/imdb-demo" "$work/imdb-predict"
fi

# --- TREC fine labels --------------------------------------------------------------------------------
if [[ ,$only, == *,trec,* ]]; then
  trec_train=$data/trec/train.csv
  trec_test=$data/trec/test.csv
  short_rows=50000
  if $quick; then
    mkdir -p "$work/trec-small"
    # The first 1,000 training questions and one of every label they miss (test labels must be known).
    "$python" "$compare_py/slice_csv.py" --input "$trec_train" --output "$work/trec-small/train.csv" --rows 1000 --label-column fine
    trec_train=$work/trec-small/train.csv
    short_rows=5000
  fi
  columns=(--text-column question --label-column fine --dataset trec-fine)
  for contender in ours-glove ours-noemb; do
    embeddings=(); keep=()
    [ "$contender" = ours-glove ] && embeddings=(--embeddings "$glove") && keep=(--keep-model)
    log "TREC fine: $contender"
    measure "" "" "$python" "$compare_py/gluontext_run.py" train --cli "$cli" --cli-kind "$cli_kind" --train "$trec_train" --test "$trec_test" \
      "${columns[@]}" "${embeddings[@]}" --threads "$threads" --work "$work/$contender" --name "$contender" \
      --log "$work/$contender.log" "${keep[@]}" "${sample_extra[@]}"
  done
  log "TREC fine: peers"
  peer=("$python" "$compare_py/tfidf_lr.py" --train "$trec_train" --test "$trec_test" "${columns[@]}")
  measure "${peer[*]}" "" "${peer[@]}"
  variants=(unigrams bigrams tutorial)
  [ "$autotune" -gt 0 ] && variants+=(autotune)
  for variant in "${variants[@]}"; do
    mkdir -p "$work/fasttext-$variant"
    peer=("$python" "$compare_py/fasttext_run.py" --train "$trec_train" --test "$trec_test" "${columns[@]}" --variant "$variant" \
      --autotune-seconds "$autotune" --threads "$threads" --work "$work/fasttext-$variant")
    measure "${peer[*]}" "" "${peer[@]}"
    rm -rf "$work/fasttext-$variant"
  done

  log "TREC short-text prediction: $short_rows rows"
  "$python" - "$data/trec/test.csv" "$work/short.csv" "$short_rows" << 'PY'
import csv, sys
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    questions = [row["question"] for row in csv.DictReader(f)]
with open(sys.argv[2], "w", newline="", encoding="utf-8") as f:
    writer = csv.writer(f)
    writer.writerow(["id", "question"])
    for row in range(int(sys.argv[3])):
        writer.writerow([row, questions[row % len(questions)]])
PY
  measure "" predict-short "$python" "$compare_py/gluontext_run.py" predict --cli "$cli" --cli-kind "$cli_kind" --model "$work/ours-glove/model.zip" \
    --input "$work/short.csv" --text-column question --threads "$threads" --work "$work/short-predict" --log "$work/short-predict.log"
  rm -rf "$work/short.csv" "$work/short-predict" "$work/ours-glove" "$work/ours-noemb"
fi

measure "" "" "$python" -c 'import json, os; print(json.dumps({"bench": "load-after", "load_after": os.getloadavg()}))'
report=("$python" "$root/benchmarks/scripts/targets_report.py" table --results "$results" --repo "$root" --data "$data" --work "$work" --cli-kind "$cli_kind")
$quick && report+=(--quick)
[ -n "$out" ] && report+=(--out "$out")
"${report[@]}"
