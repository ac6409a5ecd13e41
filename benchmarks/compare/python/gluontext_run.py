"""Runs our general CLI, `gluontext`, on a labeled CSV the way a user would, and prints one JSON line.

Two modes:
  train   `gluontext train --data TRAIN --text-column COL --label-column COL [--embeddings FILE]
          --threads N [--preset P] -o WORK/model.zip`, timed wall-clock from start to exit (and the
          "Training took ..." line when printed), under /usr/bin/time -v for its peak RSS; then
          `gluontext evaluate --model WORK/model.zip --data TEST --threads N`, whose
          "Accuracy on test.csv: 86.17 % of 499 texts" line gives the test accuracy.
  predict `gluontext predict --model M --input F -o OUT --threads N`, whose
          "Predictions: OUT (N rows: ...; 1.2 s, 12,345 rows/s)" line gives rows/s (wall-clock too).

--cli is the command that starts gluontext (default `dotnet <the built gluontext.dll>`; run.sh and
targets.sh pass it). --cli-kind imdb-sample drives the IMDB sample (samples/Imdb) instead, whose
train/evaluate/predict read fixed columns sentiment,review: the CSVs are copied into --work with those
column names (never into the repository), and --extra passes e.g. `--epochs 1`. That exists to smoke
test the parsing before gluontext is built; its figures are not gluontext's.

usage: gluontext_run.py train --cli CMD --train CSV --test CSV --text-column COL --label-column COL
                              --threads N --work DIR --name CONTENDER [--dataset NAME] [--embeddings FILE]
                              [--preset P] [--cli-kind gluontext|imdb-sample] [--extra ARGS] [--log FILE]
                              [--keep-model]
       gluontext_run.py predict --cli CMD --model M --input CSV --threads N --work DIR
                              [--cli-kind ...] [--text-column COL] [--log FILE]
"""
import argparse
import csv
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import time

ACCURACY = re.compile(r"Accuracy[^:\n]*:\s*([0-9][0-9.,]*)\s*%(?:\s+(?:of|on)\s+([0-9,]+))?")
TRAINING_TOOK = re.compile(r"Training took\s+(.+?)\s*$", re.MULTILINE)
PREDICTIONS = re.compile(r"Predictions:.*?\(([0-9,]+) rows.*?([0-9][0-9,]*(?:\.[0-9]+)?) rows/s")
RSS = re.compile(r"Maximum resident set size \(kbytes\): (\d+)")


def seconds(duration):
    """Seconds in one of the CLI's duration texts: '850 ms', '12.3 s', '11 min 13 s', '1 h 02 min'."""
    total, found = 0.0, False
    for value, unit in re.findall(r"([0-9]+(?:\.[0-9]+)?)\s*(ms|s|min|h)\b", duration):
        total += float(value) * {"ms": 0.001, "s": 1, "min": 60, "h": 3600}[unit]
        found = True
    if not found:
        raise ValueError(f"no duration in '{duration}'")
    return total


def number(text):
    return float(text.replace(",", ""))


def run(command, log, what):
    """Runs a command under /usr/bin/time -v (when present); returns its output, wall seconds and peak RSS in MB."""
    timed = (["/usr/bin/time", "-v"] if os.path.exists("/usr/bin/time") else []) + command
    start = time.perf_counter()
    finished = subprocess.run(timed, capture_output=True, text=True)
    wall = time.perf_counter() - start
    output = finished.stdout + finished.stderr
    if log:
        with open(log, "a", encoding="utf-8") as file:
            file.write(f"$ {shlex.join(command)}\n{output}\n")
    if finished.returncode != 0:
        raise SystemExit(f"gluontext_run: {what} failed (exit {finished.returncode}): {shlex.join(command)}\n{output[-3000:]}")
    rss = RSS.search(output)
    return output, wall, int(rss.group(1)) / 1024 if rss else None


def renamed_copy(source, target, text_column, label_column):
    """The IMDB sample reads columns sentiment,review: a copy of SOURCE with those names."""
    csv.field_size_limit(sys.maxsize)
    with open(source, newline="", encoding="utf-8") as reader_file, open(target, "w", newline="", encoding="utf-8") as writer_file:
        reader = csv.DictReader(reader_file)
        for column in (text_column, label_column):
            if column and column not in (reader.fieldnames or []):
                raise SystemExit(f"gluontext_run: {source} has no column '{column}' (header: {reader.fieldnames})")
        writer = csv.writer(writer_file)
        writer.writerow(["sentiment", "review"] if label_column else ["review"])
        for row in reader:
            writer.writerow([row[label_column], row[text_column]] if label_column else [row[text_column]])
    return target


def sample_config(cli, args, train_csv):
    """The sample's presets are for IMDB's two classes: a copy of the preset (fast for auto) with n_classes
    set to the number of labels in the training CSV, passed as --config."""
    dll = next((token for token in cli if token.endswith(".dll")), None)
    if dll is None:
        raise SystemExit("gluontext_run: --cli-kind imdb-sample needs the sample's .dll in --cli")
    preset = "fast" if args.preset in (None, "auto") else args.preset
    with open(os.path.join(os.path.dirname(dll), "config", "config.json" if preset == "seed" else f"{preset}.json"), encoding="utf-8") as file:
        config = json.load(file)
    with open(train_csv, newline="", encoding="utf-8") as file:
        config["n_classes"] = len({row["sentiment"] for row in csv.DictReader(file)})
    path = os.path.join(args.work, "config.json")
    with open(path, "w", encoding="utf-8") as file:
        json.dump(config, file)
    return ["--config", path]


def size_bytes(path):
    if os.path.isdir(path):
        return sum(os.path.getsize(os.path.join(folder, name)) for folder, _, names in os.walk(path) for name in names)
    return os.path.getsize(path)


def train(args, cli):
    os.makedirs(args.work, exist_ok=True)
    model = os.path.join(args.work, "model.zip")
    extra = shlex.split(args.extra or "")
    if args.cli_kind == "imdb-sample":
        train_csv = renamed_copy(args.train, os.path.join(args.work, "train.csv"), args.text_column, args.label_column)
        test_csv = renamed_copy(args.test, os.path.join(args.work, "test.csv"), args.text_column, args.label_column)
        train_command = cli + ["train", "--train", train_csv]
        evaluate_command = cli + ["evaluate", "--model", model, "--test", test_csv,
                                  "--report", os.path.join(args.work, "report")]
        preset = sample_config(cli, args, train_csv)
    else:
        train_command = cli + ["train", "--data", args.train, "--text-column", args.text_column, "--label-column", args.label_column]
        evaluate_command = cli + ["evaluate", "--model", model, "--data", args.test]
        preset = ["--preset", args.preset] if args.preset else []
    train_command += (["--embeddings", args.embeddings] if args.embeddings else []) + ["--threads", str(args.threads)] + preset + extra + ["-o", model]
    evaluate_command += ["--threads", str(args.threads)]

    output, wall, rss = run(train_command, args.log, "train")
    took = TRAINING_TOOK.search(output)
    evaluation, evaluation_wall, _ = run(evaluate_command, args.log, "evaluate")
    accuracy = ACCURACY.search(evaluation)
    if not accuracy:
        raise SystemExit(f"gluontext_run: no 'Accuracy ...: NN.NN %' line in the output of {shlex.join(evaluate_command)}")
    bundle = size_bytes(model)
    if not args.keep_model:
        shutil.rmtree(model, ignore_errors=True) if os.path.isdir(model) else os.remove(model)
    print(json.dumps({
        "bench": "e2e", "dataset": args.dataset, "contender": args.name, "threads": args.threads,
        "cli_kind": args.cli_kind, "embeddings": os.path.basename(args.embeddings) if args.embeddings else None,
        "preset": args.preset or "auto",
        "accuracy": number(accuracy.group(1)) / 100,
        "test_rows": int(number(accuracy.group(2))) if accuracy.group(2) else None,
        # Wall clock of the whole train command (process start, reading, vocabulary, vectors, epochs, bundle).
        "training_seconds": wall,
        "training_took_seconds": seconds(took.group(1)) if took else None,
        "training_peak_rss_mb": rss, "bundle_mb": bundle / 1024 / 1024,
        "evaluation_seconds": evaluation_wall,
        "settings": " ".join(a for a in [f"--preset {args.preset or 'auto'}", "--embeddings GloVe" if args.embeddings else "no embeddings", args.extra] if a),
        "train_command": shlex.join(train_command), "evaluate_command": shlex.join(evaluate_command),
    }))


def predict(args, cli):
    os.makedirs(args.work, exist_ok=True)
    source = args.input
    if args.cli_kind == "imdb-sample" and args.text_column and args.text_column != "review":
        source = renamed_copy(args.input, os.path.join(args.work, "predict-input.csv"), args.text_column, None)
    output_csv = os.path.join(args.work, "predictions.csv")
    flag = "--output" if args.cli_kind == "imdb-sample" else "-o"
    command = cli + ["predict", "--model", args.model, "--input", source, flag, output_csv, "--threads", str(args.threads)]
    output, wall, rss = run(command, args.log, "predict")
    line = PREDICTIONS.search(output)
    if not line:
        raise SystemExit(f"gluontext_run: no 'Predictions: OUT (N rows: ...; ..., N rows/s)' line in the output of {shlex.join(command)}")
    rows = int(number(line.group(1)))
    os.remove(output_csv)
    print(json.dumps({
        "bench": "predict", "threads": args.threads, "cli_kind": args.cli_kind, "rows": rows,
        "rows_per_s": number(line.group(2)), "wall_seconds": wall, "wall_rows_per_s": rows / wall,
        "peak_rss_mb": rss, "command": shlex.join(command),
    }))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["train", "predict"])
    parser.add_argument("--cli", required=True, help="the command that starts gluontext, e.g. 'dotnet path/gluontext.dll'")
    parser.add_argument("--cli-kind", choices=["gluontext", "imdb-sample"], default="gluontext")
    parser.add_argument("--threads", type=int, required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--log")
    parser.add_argument("--train")
    parser.add_argument("--test")
    parser.add_argument("--text-column")
    parser.add_argument("--label-column")
    parser.add_argument("--embeddings")
    parser.add_argument("--preset")
    parser.add_argument("--extra")
    parser.add_argument("--name", default="ours")
    parser.add_argument("--dataset", default="imdb")
    parser.add_argument("--keep-model", action="store_true")
    parser.add_argument("--model")
    parser.add_argument("--input")
    args = parser.parse_args()
    cli = shlex.split(args.cli)
    if args.mode == "train":
        for name in ("train", "test", "text_column", "label_column"):
            if not getattr(args, name):
                parser.error(f"train needs --{name.replace('_', '-')}")
        train(args, cli)
    else:
        if not args.model or not args.input:
            parser.error("predict needs --model and --input")
        predict(args, cli)


if __name__ == "__main__":
    main()
