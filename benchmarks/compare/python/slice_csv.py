"""Writes the first N rows of a labeled CSV plus the first row of every label that they miss, for quick
smoke runs: a slice without some label would make a test set carry labels the model never saw.

usage: slice_csv.py --input CSV --output CSV --rows N --label-column COL
The output goes to a temporary folder of the calling script, never into the repository.
"""
import argparse
import csv
import sys


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--input", required=True)
    parser.add_argument("--output", required=True)
    parser.add_argument("--rows", type=int, required=True)
    parser.add_argument("--label-column", required=True)
    args = parser.parse_args()
    csv.field_size_limit(sys.maxsize)
    with open(args.input, newline="", encoding="utf-8") as source:
        reader = csv.DictReader(source)
        rows = list(reader)
        fields = reader.fieldnames
    kept = rows[: args.rows]
    seen = {row[args.label_column] for row in kept}
    for row in rows[args.rows:]:
        if row[args.label_column] not in seen:
            seen.add(row[args.label_column])
            kept.append(row)
    with open(args.output, "w", newline="", encoding="utf-8") as target:
        writer = csv.DictWriter(target, fieldnames=fields)
        writer.writeheader()
        writer.writerows(kept)


if __name__ == "__main__":
    main()
