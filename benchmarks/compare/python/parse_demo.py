"""Reads the output of the IMDB sample's `demo` command and prints its result as one JSON line.

usage: parse_demo.py --log FILE --name CONTENDER --preset NAME --threads N
The demo ends with lines such as
  Test accuracy:  89.12 % on 25,000 reviews (macro F1 ...)
  Timings:        data 0.3 s, training 2 min 07 s, evaluation 20.1 s, prediction 19.8 s
Training covers reading the CSV, fitting the vocabulary, encoding, loading the GloVe vectors,
every epoch with its validation, and writing the model bundle.
"""
import argparse
import json
import re


def seconds(duration):
    minutes = re.fullmatch(r"(\d+) min (\d+) s", duration)
    if minutes:
        return int(minutes.group(1)) * 60 + int(minutes.group(2))
    return float(re.fullmatch(r"([0-9.]+) s", duration).group(1))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--log", required=True)
    parser.add_argument("--name", required=True)
    parser.add_argument("--preset", required=True)
    parser.add_argument("--threads", type=int, required=True)
    args = parser.parse_args()

    with open(args.log, encoding="utf-8") as file:
        text = file.read()
    accuracy = re.search(r"Test accuracy:\s+([0-9.]+) ?% on ([0-9,]+) reviews", text)
    timings = re.search(r"Timings:\s+data (.+?), training (.+?), evaluation (.+?), prediction (.+?)$", text, re.MULTILINE)
    validation = re.search(r"Validation accuracy: ([0-9.]+) ?% on ([0-9,]+) held-out reviews", text)
    if not accuracy or not timings:
        raise SystemExit(f"parse_demo: no 'Test accuracy' or 'Timings' line in {args.log}; the demo failed or its output changed")
    print(json.dumps({
        "bench": "e2e", "contender": args.name, "preset": args.preset, "threads": args.threads,
        "accuracy": float(accuracy.group(1)) / 100, "test_rows": int(accuracy.group(2).replace(",", "")),
        "validation_accuracy": float(validation.group(1)) / 100 if validation else None,
        "training_seconds": seconds(timings.group(2)), "evaluation_seconds": seconds(timings.group(3)),
        "prediction_seconds": seconds(timings.group(4)),
    }))


if __name__ == "__main__":
    main()
