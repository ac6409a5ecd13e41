"""fastText (Debian's `fasttext` command) on the IMDB CSVs: the peer a user would pick for speed.

Training time counts everything from the CSV to a saved model: writing the training reviews in
fastText's format (lowercase, <br /> and punctuation split off as tokens, `__label__<sentiment>`
first) and `fasttext supervised` with fastText's default hyperparameters (dim 100, lr 0.1, 5 epochs,
2M hash buckets) except the word n-grams (1 or 2) and the thread count. Test accuracy is
`fasttext test`'s precision at 1, which for one label per review is the accuracy.

usage: fasttext_run.py --train CSV --test CSV --ngrams 1|2 --threads N --work DIR [--limit N]
Prints one JSON line.
"""
import argparse
import csv
import json
import re
import subprocess
import sys
import time

TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?|[^\sa-z0-9]")
BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)


def to_fasttext(csv_path, text_path, limit):
    csv.field_size_limit(sys.maxsize)
    rows = 0
    with open(csv_path, newline="", encoding="utf-8") as source, open(text_path, "w", encoding="utf-8") as target:
        for _, row in zip(range(limit), csv.DictReader(source)):
            tokens = TOKEN.findall(BREAK.sub(" ", row["review"]).lower())
            target.write(f"__label__{row['sentiment']} {' '.join(tokens)}\n")
            rows += 1
    return rows


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--train", required=True)
    parser.add_argument("--test", required=True)
    parser.add_argument("--ngrams", type=int, choices=[1, 2], required=True)
    parser.add_argument("--threads", type=int, required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--limit", type=int, default=sys.maxsize)
    args = parser.parse_args()

    train_txt, test_txt, model = f"{args.work}/train.txt", f"{args.work}/test.txt", f"{args.work}/model"
    command = ["fasttext", "supervised", "-input", train_txt, "-output", model,
               "-wordNgrams", str(args.ngrams), "-thread", str(args.threads), "-verbose", "0"]
    start = time.perf_counter()
    train_rows = to_fasttext(args.train, train_txt, args.limit)
    prepare_seconds = time.perf_counter() - start
    subprocess.run(command, check=True)
    training_seconds = time.perf_counter() - start

    test_rows = to_fasttext(args.test, test_txt, args.limit)
    output = subprocess.run(["fasttext", "test", f"{model}.bin", test_txt], check=True, capture_output=True, text=True).stdout
    accuracy = float(re.search(r"^P@1\s+([0-9.]+)", output, re.MULTILINE).group(1))
    print(json.dumps({
        "bench": "e2e", "contender": f"fasttext-{'bigrams' if args.ngrams == 2 else 'unigrams'}",
        "threads": args.threads, "train_rows": train_rows, "test_rows": test_rows,
        "accuracy": accuracy, "training_seconds": training_seconds, "prepare_seconds": prepare_seconds,
        "settings": " ".join(command[1:2] + command[6:8] + ["(other hyperparameters: fastText defaults)"]),
    }))


if __name__ == "__main__":
    main()
