"""fastText (Debian's `fasttext` command) on any labeled CSV: the peer a user would pick for speed.

--text-column and --label-column name the columns (default review and sentiment, IMDB's). The texts
are written in fastText's format: lowercase, HTML line breaks (<br />) removed, punctuation split off
as tokens, `__label__<label>` first (whitespace in a label becomes `_`). Three variants, none tuned on
any test set:
  unigrams  `fasttext supervised` with fastText's defaults (dim 100, lr 0.1, 5 epochs, word n-grams 1,
            2M hash buckets), only the thread count set
  bigrams   the same with -wordNgrams 2, what fastText's documentation suggests for classification
  tutorial  -lr 1.0 -epoch 25 -wordNgrams 2: the settings fastText's text-classification tutorial ends
            with (its small "cooking" data set, a few thousand short questions, like TREC); fixed
            beforehand, not tuned here
  autotune  fastText's own hyperparameter search (-autotune-validation) on a held-out 10 % of the
            training CSV (a fixed random split, seed 0), for --autotune-seconds; the model it keeps is
            trained on the other 90 %. The test set is never seen before the final measurement.
Training time counts everything from the CSV to a saved model (writing fastText's input, the search for
autotune, `fasttext supervised`). Test accuracy is computed from `fasttext predict` over every test row
(a row whose text has no token counts as wrong).

usage: fasttext_run.py --train CSV --test CSV --variant unigrams|bigrams|tutorial|autotune --threads N --work DIR
                       [--text-column COL] [--label-column COL] [--dataset NAME] [--autotune-seconds S]
                       [--limit N]
       (--ngrams 1|2 is kept as another name for --variant unigrams|bigrams)
Prints one JSON line.
"""
import argparse
import csv
import json
import random
import re
import subprocess
import sys
import time

TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?|[^\sa-z0-9]")
BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
SPACE = re.compile(r"\s+")


def read(csv_path, text_column, label_column, limit):
    csv.field_size_limit(sys.maxsize)
    with open(csv_path, newline="", encoding="utf-8") as source:
        reader = csv.DictReader(source)
        for column in (text_column, label_column):
            if column not in (reader.fieldnames or []):
                raise SystemExit(f"fasttext_run: {csv_path} has no column '{column}' (header: {reader.fieldnames})")
        return [(SPACE.sub("_", row[label_column].strip()), " ".join(TOKEN.findall(BREAK.sub(" ", row[text_column]).lower())))
                for _, row in zip(range(limit), reader)]


def write(rows, path, with_labels=True):
    with open(path, "w", encoding="utf-8") as target:
        for label, text in rows:
            target.write(f"__label__{label} {text}\n" if with_labels else f"{text}\n")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--train", required=True)
    parser.add_argument("--test", required=True)
    parser.add_argument("--variant", choices=["unigrams", "bigrams", "tutorial", "autotune"])
    parser.add_argument("--ngrams", type=int, choices=[1, 2], help="old name: 1 = unigrams, 2 = bigrams")
    parser.add_argument("--threads", type=int, required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--text-column", default="review")
    parser.add_argument("--label-column", default="sentiment")
    parser.add_argument("--dataset", default="imdb", help="name stored with the result (imdb, trec-fine, ...)")
    parser.add_argument("--autotune-seconds", type=int, default=120)
    parser.add_argument("--limit", type=int, default=sys.maxsize)
    args = parser.parse_args()
    variant = args.variant or {1: "unigrams", 2: "bigrams", None: None}[args.ngrams]
    if variant is None:
        parser.error("give --variant (or --ngrams)")

    train_txt, valid_txt, test_txt = f"{args.work}/train.txt", f"{args.work}/valid.txt", f"{args.work}/test.txt"
    model = f"{args.work}/model"
    command = ["fasttext", "supervised", "-input", train_txt, "-output", model]
    if variant == "bigrams":
        command += ["-wordNgrams", "2"]
    elif variant == "tutorial":
        command += ["-lr", "1.0", "-epoch", "25", "-wordNgrams", "2"]
    elif variant == "autotune":
        command += ["-autotune-validation", valid_txt, "-autotune-duration", str(args.autotune_seconds)]
    command += ["-thread", str(args.threads), "-verbose", "0"]

    start = time.perf_counter()
    rows = read(args.train, args.text_column, args.label_column, args.limit)
    if variant == "autotune":
        shuffled = rows[:]
        random.Random(0).shuffle(shuffled)
        held_out = max(1, len(shuffled) // 10)
        write(shuffled[held_out:], train_txt)
        write(shuffled[:held_out], valid_txt)
    else:
        write(rows, train_txt)
    prepare_seconds = time.perf_counter() - start
    # autotune writes its progress to stderr whatever -verbose says: keep it for an error only.
    trained = subprocess.run(command, capture_output=True, text=True)
    if trained.returncode != 0:
        raise SystemExit(f"fasttext_run: {' '.join(command)} failed ({trained.returncode}):\n{trained.stderr[-2000:]}")
    training_seconds = time.perf_counter() - start

    test_rows = read(args.test, args.text_column, args.label_column, args.limit)
    write(test_rows, test_txt, with_labels=False)
    start = time.perf_counter()
    output = subprocess.run(["fasttext", "predict", f"{model}.bin", test_txt], check=True, capture_output=True, text=True).stdout
    prediction_seconds = time.perf_counter() - start
    predicted = output.split("\n")[: len(test_rows)]
    correct = sum(guess.strip() == f"__label__{label}" for guess, (label, _) in zip(predicted, test_rows))
    settings = " ".join(command[1:2] + command[6:-2]) + (
        " (other hyperparameters: fastText defaults)" if variant != "autotune" else
        " (search on a held-out 10 % of the training CSV)")
    print(json.dumps({
        "bench": "e2e", "dataset": args.dataset, "contender": f"fasttext-{variant}",
        "threads": args.threads, "train_rows": len(rows), "test_rows": len(test_rows),
        "classes": len({label for label, _ in rows}), "accuracy": correct / len(test_rows),
        "training_seconds": training_seconds, "prepare_seconds": prepare_seconds,
        "prediction_seconds": prediction_seconds, "settings": settings.replace(valid_txt, "VALID.txt"),
    }))


if __name__ == "__main__":
    main()
