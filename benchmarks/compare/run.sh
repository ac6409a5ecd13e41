#!/usr/bin/env bash
# One command for the side-by-side comparison of GluonStyleText with the peers a user would pick
# instead, measured in one run on this machine with the contenders interleaved (the order rotates
# every round), so that the noise of a shared machine hits them alike:
#   text    our text pipeline (fit + encode) vs the seed's TextTransformer steps in Python
#   models  our CNN and BiLSTM (training step, inference) vs the same networks in Debian's PyTorch
#   e2e     IMDB test accuracy and training time: our CNN and BiLSTM presets, fastText, TF-IDF + LR
#   trec    TREC question classification, fine (50 classes) and coarse (6) labels: our general CLI
#           `gluontext` (with and without GloVe) vs TF-IDF + LR and fastText (defaults, -wordNgrams 2,
#           the tutorial's settings; autotune with --autotune SECONDS)
# then writes docs/benchmarks.md and docs/images/benchmarks-accuracy-vs-training-time.png (with the
# BenchmarkDotNet suite's latest results, when there are any, see benchmarks/README.md).
#
# usage: benchmarks/compare/run.sh [--quick] [--only text,models,e2e,trec] [--threads N] [--rounds N]
#                                  [--model-rounds N] [--e2e-rounds N] [--trec-rounds N] [--autotune SECONDS]
#                                  [--peers-only] [--out FILE] [--chart FILE]
#   --quick   a smoke run: 1,000 training and 500 test reviews, one short round of everything, tiny
#             model batches, one epoch; writes its report into the results folder, not into docs/
#   --peers-only  run only the peers in the e2e and trec parts (no .NET build): a check of the peers
# Environment: PYTHON (default /usr/bin/python3: Debian's python, which apt's python3-torch and
# python3-sklearn go with; a pyenv python3 earlier on PATH lacks them), GLUONTEXT_DLL (the built CLI;
# default: the TargetPath of src/GluonStyleText.Cli in Release), GLUONTEXT_CLI_KIND (gluontext, or
# imdb-sample to drive samples/Imdb instead, a smoke test of the parsing only: see
# python/gluontext_run.py).
# Data: ../shared/data beside the repository, or GLUONSTYLETEXT_DATA. Installs the peers with apt
# when they are missing (as root, or with passwordless sudo). Raw results and logs go to
# benchmarks/compare/results/<UTC time>/ (not committed).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
data=$(cd "${GLUONSTYLETEXT_DATA:-$repo/../shared/data}" && pwd)
python=${PYTHON:-/usr/bin/python3}   # Debian's python, whose python3-torch and python3-sklearn apt installs
threads=$(nproc)
rounds=5
model_rounds=3
e2e_rounds=1
trec_rounds=3
autotune=0
peers_only=false
quick=false
only=text,models,e2e,trec
out=$repo/docs/benchmarks.md
chart=$repo/docs/images/benchmarks-accuracy-vs-training-time.png

while [ $# -gt 0 ]; do
  case $1 in
    --quick) quick=true ;;
    --only) only=$2; shift ;;
    --threads) threads=$2; shift ;;
    --rounds) rounds=$2; shift ;;
    --model-rounds) model_rounds=$2; shift ;;
    --e2e-rounds) e2e_rounds=$2; shift ;;
    --trec-rounds) trec_rounds=$2; shift ;;
    --autotune) autotune=$2; shift ;;
    --peers-only) peers_only=true ;;
    --out) out=$2; shift ;;
    --chart) chart=$2; shift ;;
    *) echo "run.sh: unknown argument '$1' (see the usage at the top of $0)" >&2; exit 2 ;;
  esac
  shift
done

results=$here/results/$(date -u +%Y%m%d-%H%M%S)
mkdir -p "$results"
jsonl=$results/results.jsonl
log() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

# --- the peers, from Debian's archive -----------------------------------------------------------
install_peers() {
  local missing=() package
  for package in python3-torch python3-sklearn python3-numpy python3-matplotlib fasttext libopenblas0-pthread; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    sudo -n true 2>/dev/null || { echo "run.sh: missing ${missing[*]}; install them with apt (needs root or passwordless sudo)" >&2; exit 1; }
    sudo=(sudo -n)
  fi
  log "installing ${missing[*]}"
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}
install_peers
"$python" -c 'import sklearn, torch' 2>/dev/null || { echo "run.sh: $python lacks sklearn or torch; set PYTHON to the interpreter that has Debian's python3-sklearn and python3-torch" >&2; exit 1; }

# --- our side ---------------------------------------------------------------------------------------
# Built once, then run as dlls, so that no build time is counted.
cli_project=$repo/src/GluonStyleText.Cli
cli_kind=${GLUONTEXT_CLI_KIND:-gluontext}
target_path() { dotnet msbuild "$1" -getProperty:TargetPath -p:Configuration=Release -nologo 2>/dev/null | tail -1; }
if ! $peers_only; then
  log "building GluonStyleText.Compare, the IMDB sample and the gluontext CLI (Release)"
  bash "$repo/build/setup.sh" >/dev/null
  dotnet build "$here/GluonStyleText.Compare" -c Release -v q -nologo >/dev/null
  dotnet build "$repo/samples/Imdb" -c Release -v q -nologo >/dev/null
  compare=$(target_path "$here/GluonStyleText.Compare")
  imdb=$(target_path "$repo/samples/Imdb")
  if [[ ,$only, == *,trec,* ]]; then
    if [ "$cli_kind" = imdb-sample ]; then
      gluontext_dll=${GLUONTEXT_DLL:-$imdb}
    else
      [ -d "$cli_project" ] || { echo "run.sh: $cli_project is missing: the trec part needs the gluontext CLI (or --peers-only, or --only without trec)" >&2; exit 1; }
      dotnet build "$cli_project" -c Release -v q -nologo >/dev/null
      gluontext_dll=${GLUONTEXT_DLL:-$(target_path "$cli_project")}
    fi
    [ -f "$gluontext_dll" ] || { echo "run.sh: the built CLI '$gluontext_dll' is not there (set GLUONTEXT_DLL)" >&2; exit 1; }
  fi
fi
train_csv=$data/imdb/train.csv
test_csv=$data/imdb/test.csv
glove=$data/embeddings/glove.6B.100d.top100k.txt.gz

steps=3; warmup=1; infer_batch=256; limit=(); batch=(); epochs=()
if $quick; then
  rounds=1; model_rounds=1; e2e_rounds=1; steps=1; infer_batch=16
  limit=(--limit 1000); batch=(--batch 8); epochs=(--epochs 1)
  out=$results/benchmarks.md; chart=$results/benchmarks-accuracy-vs-training-time.png
  # The first reviews of each file (the files are shuffled), in a folder of the results, never committed.
  "$python" - "$data/imdb" "$results/imdb-small" <<'PY'
import csv, os, sys
csv.field_size_limit(sys.maxsize)
os.makedirs(sys.argv[2], exist_ok=True)
for name, rows in (("train.csv", 1000), ("test.csv", 500)):
    with open(os.path.join(sys.argv[1], name), newline="", encoding="utf-8") as source, \
         open(os.path.join(sys.argv[2], name), "w", newline="", encoding="utf-8") as target:
        writer = csv.writer(target)
        for index, row in enumerate(csv.reader(source)):
            if index > rows:
                break
            writer.writerow(row)
PY
  train_csv=$results/imdb-small/train.csv
  test_csv=$results/imdb-small/test.csv
fi

# Runs a command that prints one JSON line and appends that line, with the command, to the results.
record() { record_as "$*" "$@"; }
record_as() {
  local command=$1; shift
  local line
  line=$("$@")
  "$python" -c 'import json, sys; d = json.loads(sys.argv[1]); d["command"] = sys.argv[2]; print(json.dumps(d))' "$line" "$command" >> "$jsonl"
  log "$(printf '%s' "$line" | cut -c1-160)"
}

# Every rotation of a list, one per round, so that no contender always goes first.
rotated() { local shift=$1; shift; local items=("$@") n=$#; for ((i = 0; i < n; i++)); do echo "${items[(i + shift) % n]}"; done; }

record env OPENBLAS_NUM_THREADS=1 "$python" "$here/python/machine.py" --threads "$threads"
record env OPENBLAS_NUM_THREADS="$threads" OMP_NUM_THREADS="$threads" "$python" "$here/python/sgemm.py" --threads "$threads"
$peers_only || record dotnet "$compare" sgemm --threads "$threads"

# --- text pipeline ----------------------------------------------------------------------------------
if [[ ,$only, == *,text,* ]]; then
  for ((round = 0; round < rounds; round++)); do
    log "text pipeline, round $((round + 1))/$rounds"
    for contender in $(rotated "$round" ours-all ours-1 python-seed python-tuned); do
      case $contender in
        ours-all) record env DOTNET_PROCESSOR_COUNT="$threads" dotnet "$compare" text --csv "$train_csv" "${limit[@]}" ;;
        ours-1) record env DOTNET_PROCESSOR_COUNT=1 dotnet "$compare" text --csv "$train_csv" "${limit[@]}" ;;
        python-*) record "$python" "$here/python/text_pipeline.py" --variant "${contender#python-}" --csv "$train_csv" "${limit[@]}" ;;
      esac
    done
  done
fi

# --- models -----------------------------------------------------------------------------------------
if [[ ,$only, == *,models,* ]]; then
  # name:preset file:cnn override
  models=(seed-cnn:config.json:true seed-bilstm:config.json:false fast:fast.json: bilstm:bilstm.json:)
  for entry in "${models[@]}"; do
    IFS=: read -r name file cnn <<<"$entry"
    dotnet "$compare" shapes --config "$repo/samples/Imdb/config/$file" ${cnn:+--cnn "$cnn"} "${batch[@]}" > "$results/shapes-$name.json"
  done
  for ((round = 0; round < model_rounds; round++)); do
    log "models, round $((round + 1))/$model_rounds"
    for entry in "${models[@]}"; do
      IFS=: read -r name file cnn <<<"$entry"
      for mode in train infer; do
        for contender in $(rotated "$round" ours pytorch); do
          case $contender in
            ours) record env OMP_NUM_THREADS="$threads" dotnet "$compare" model --config "$repo/samples/Imdb/config/$file" ${cnn:+--cnn "$cnn"} \
                    --name "$name" --mode "$mode" --threads "$threads" --steps "$steps" --warmup "$warmup" --infer-batch "$infer_batch" "${batch[@]}" ;;
            pytorch) record env OMP_NUM_THREADS="$threads" OPENBLAS_NUM_THREADS="$threads" "$python" "$here/python/models.py" \
                    --shapes "$results/shapes-$name.json" --name "$name" --mode "$mode" --threads "$threads" --steps "$steps" --warmup "$warmup" --infer-batch "$infer_batch" ;;
          esac
        done
      done
    done
  done
fi

# --- end to end: IMDB accuracy against training time ----------------------------------------------
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [[ ,$only, == *,e2e,* ]]; then
  imdb_dir=$(dirname "$train_csv")
  for ((round = 0; round < e2e_rounds; round++)); do
    log "end to end, round $((round + 1))/$e2e_rounds"
    for contender in $(rotated "$round" ours-cnn tfidf-lr fasttext-unigrams ours-bilstm fasttext-bigrams); do
      $peers_only && [[ $contender == ours-* ]] && continue
      case $contender in
        ours-*)
          preset=$([ "$contender" = ours-cnn ] && echo fast || echo bilstm)
          demo=(dotnet "$imdb" demo --data "$imdb_dir" --embeddings "$glove" --preset "$preset" --threads "$threads" -o "$work/$contender" "${epochs[@]}")
          demo_log=$results/demo-$contender-$round.log
          log "${demo[*]}"
          "${demo[@]}" > "$demo_log" 2>&1 || { echo "run.sh: the demo failed; see $demo_log" >&2; exit 1; }
          record_as "${demo[*]}" "$python" "$here/python/parse_demo.py" --log "$demo_log" --name "$contender" --preset "$preset" --threads "$threads"
          rm -rf "${work:?}/$contender" ;;
        tfidf-lr) record "$python" "$here/python/tfidf_lr.py" --train "$train_csv" --test "$test_csv" --dataset imdb ;;
        fasttext-*)
          mkdir -p "$work/$contender"
          record "$python" "$here/python/fasttext_run.py" --train "$train_csv" --test "$test_csv" --dataset imdb \
            --variant "${contender#fasttext-}" --threads "$threads" --work "$work/$contender"
          rm -rf "${work:?}/$contender" ;;
      esac
    done
  done
fi

# --- TREC: short questions, many classes ----------------------------------------------------------
if [[ ,$only, == *,trec,* ]]; then
  trec_train=$data/trec/train.csv
  trec_test=$data/trec/test.csv
  sample_extra=()
  if $quick; then
    trec_rounds=1
    # The first 1,000 training questions and one of every label they miss, in the temporary folder.
    mkdir -p "$work/trec-small"
    "$python" "$here/python/slice_csv.py" --input "$trec_train" --output "$work/trec-small/train.csv" --rows 1000 --label-column fine
    trec_train=$work/trec-small/train.csv
  fi
  [ "$cli_kind" = imdb-sample ] && $quick && sample_extra=(--extra "--epochs 1")
  trec_contenders=(ours-glove ours-noemb tfidf-lr fasttext-unigrams fasttext-bigrams fasttext-tutorial)
  [ "$autotune" -gt 0 ] && trec_contenders+=(fasttext-autotune)
  for label in fine coarse; do
    for ((round = 0; round < trec_rounds; round++)); do
      log "TREC $label, round $((round + 1))/$trec_rounds"
      for contender in $(rotated "$round" "${trec_contenders[@]}"); do
        $peers_only && [[ $contender == ours-* ]] && continue
        columns=(--text-column question --label-column "$label" --dataset "trec-$label")
        case $contender in
          ours-*)
            mkdir -p "$work/$contender"
            embeddings=(); [ "$contender" = ours-glove ] && embeddings=(--embeddings "$glove")
            record "$python" "$here/python/gluontext_run.py" train --cli "dotnet $gluontext_dll" --cli-kind "$cli_kind" \
              --train "$trec_train" --test "$trec_test" "${columns[@]}" "${embeddings[@]}" --threads "$threads" \
              --work "$work/$contender" --name "$contender" --log "$results/trec-$label-$contender-$round.log" "${sample_extra[@]}"
            rm -rf "${work:?}/$contender" ;;
          tfidf-lr) record "$python" "$here/python/tfidf_lr.py" --train "$trec_train" --test "$trec_test" "${columns[@]}" ;;
          fasttext-*)
            mkdir -p "$work/$contender"
            record "$python" "$here/python/fasttext_run.py" --train "$trec_train" --test "$trec_test" "${columns[@]}" \
              --variant "${contender#fasttext-}" --autotune-seconds "$autotune" --threads "$threads" --work "$work/$contender"
            rm -rf "${work:?}/$contender" ;;
        esac
      done
    done
  done
fi

# --- report -----------------------------------------------------------------------------------------
report=("$python" "$here/python/report.py" --results "$jsonl" --out "$out" --chart "$chart" --repo "$repo" --data "$data" --work "$work"
  --bdn "$repo/benchmarks/GluonStyleText.Benchmarks/BenchmarkDotNet.Artifacts/results")
$quick && report+=(--quick)
"${report[@]}"
log "wrote $out and $chart (raw results: $jsonl)"
