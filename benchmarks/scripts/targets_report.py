"""Helpers of targets.sh: reads the IMDB demo's output, and turns the results into the targets table.

usage: targets_report.py parse-demo --log FILE --bundle PATH
         prints one JSON line: test accuracy, training and demo time, peak RSS (from /usr/bin/time -v
         in the same log), bundle size
       targets_report.py table --results FILE.jsonl --repo DIR --data DIR --work DIR [--cli-kind K]
                               [--out FILE.md] [--quick]
         prints the table (figure, measured, target, pass) and its commands; with --out also writes it
         as a markdown fragment
"""
import argparse
import datetime
import json
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "compare", "python"))
from gluontext_run import seconds, size_bytes  # noqa: E402 (the path is set first)

PEERS = {
    "tfidf-lr": "TF-IDF 1-2-grams + LR",
    "fasttext-unigrams": "fastText defaults",
    "fasttext-bigrams": "fastText -wordNgrams 2",
    "fasttext-tutorial": "fastText tutorial settings",
    "fasttext-autotune": "fastText autotune",
}


def parse_demo(args):
    with open(args.log, encoding="utf-8", errors="replace") as file:
        text = file.read()
    accuracy = re.search(r"Test accuracy:\s+([0-9.]+) ?% on ([0-9,]+)", text)
    timings = re.search(r"Timings:\s+data (.+?), training (.+?), evaluation (.+?), prediction (.+?)$", text, re.MULTILINE)
    done = re.search(r"IMDB demo done in (.+?)$", text, re.MULTILINE)
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", text)
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", text)
    if not accuracy or not timings or not done:
        raise SystemExit(f"targets_report: no 'Test accuracy', 'Timings' or 'IMDB demo done in' line in {args.log}; the demo's output changed?")
    wall_seconds = None
    if wall:
        parts = [float(part) for part in wall.group(1).split(":")]
        wall_seconds = sum(part * 60 ** index for index, part in enumerate(reversed(parts)))
    print(json.dumps({
        "bench": "imdb-demo", "accuracy": float(accuracy.group(1)) / 100,
        "test_rows": int(accuracy.group(2).replace(",", "")),
        "training_seconds": seconds(timings.group(2)), "evaluation_seconds": seconds(timings.group(3)),
        "prediction_seconds": seconds(timings.group(4)), "demo_seconds": seconds(done.group(1)),
        "process_wall_seconds": wall_seconds, "peak_rss_mb": int(rss.group(1)) / 1024 if rss else None,
        "bundle_mb": size_bytes(args.bundle) / 1024 / 1024, "bundle": os.path.basename(args.bundle),
    }))


def duration(value):
    return f"{value:.1f} s" if value < 60 else f"{value / 60:.1f} min ({value:,.0f} s)"


def table(args):
    with open(args.results, encoding="utf-8") as file:
        rows = [json.loads(line) for line in file if line.strip()]
    first = {}
    for row in rows:
        first.setdefault(row["bench"], row)

    def relative(command):
        return (command.replace(args.work, "$WORK").replace(args.data, "../shared/data")
                .replace(args.repo + "/", "").replace(args.repo, "."))

    entries = []  # (figure, measured, target, passed or None, command)

    def add(figure, measured, target="", passed=None, command=""):
        entries.append((figure, measured, target, passed, relative(command)))

    machine = first["machine"]
    after = first.get("load-after", {}).get("load_after")
    load = f"{machine['load_before'][0]:.2f} before, {after[0]:.2f} after" if after else f"{machine['load_before'][0]:.2f} before"
    add("Machine", f"{machine['cpu_model']}, {machine['cores']} cores, {machine['threads']} threads used; load average (1 min) {load}")

    demo = first.get("imdb-demo")
    if demo:
        command = demo["command"]
        add("IMDB test accuracy (demo, GloVe)", f"{100 * demo['accuracy']:.2f} % of {demo['test_rows']:,}", ">= 90.5 %", demo["accuracy"] >= 0.905, command)
        add("IMDB training time", duration(demo["training_seconds"]), "<= 5 min", demo["training_seconds"] <= 300, command)
        add("IMDB demo time (data, training, evaluation, prediction)", duration(demo["demo_seconds"]), "", None, command)
        if demo.get("peak_rss_mb") is not None:
            add("IMDB demo peak RSS (/usr/bin/time -v)", f"{demo['peak_rss_mb']:,.0f} MB", "<= 2 GB", demo["peak_rss_mb"] <= 2048, "/usr/bin/time -v " + command)
        add(f"IMDB model bundle ({demo['bundle']})", f"{demo['bundle_mb']:,.1f} MB", "<= 100 MB", demo["bundle_mb"] <= 100, command)
    predict = first.get("predict-imdb")
    if predict:
        add(f"IMDB CSV -> CSV prediction, {predict['rows']:,} reviews",
            f"{predict['rows_per_s']:,.0f} rows/s (whole process {predict['wall_rows_per_s']:,.0f} rows/s)",
            ">= 1,500 rows/s", predict["rows_per_s"] >= 1500, predict["command"])

    ours = {row["contender"]: row for row in rows if row["bench"] == "e2e" and row["contender"].startswith("ours")}
    peers = [row for row in rows if row["bench"] == "e2e" and row["contender"] in PEERS]
    glove = ours.get("ours-glove")
    if glove:
        command = glove["train_command"] + " && " + glove["evaluate_command"]
        took = f"; 'Training took' {duration(glove['training_took_seconds'])}" if glove.get("training_took_seconds") else ""
        add("TREC fine test accuracy (GloVe)", f"{100 * glove['accuracy']:.2f} %", ">= 85 %", glove["accuracy"] >= 0.85, command)
        add("TREC fine training time (GloVe), wall clock of train", duration(glove["training_seconds"]) + took, "<= 60 s",
            glove["training_seconds"] <= 60, glove["train_command"])
    best = max(peers, key=lambda row: row["accuracy"]) if peers else None
    for row in sorted(peers, key=lambda row: -row["accuracy"]):
        add(f"TREC fine peer: {PEERS[row['contender']]} ({row['threads']} thread{'s' if row['threads'] != 1 else ''})",
            f"{100 * row['accuracy']:.2f} % in {duration(row['training_seconds'])}", "", None, row.get("command", ""))
    plain = ours.get("ours-noemb")
    if plain:
        command = plain["train_command"] + " && " + plain["evaluate_command"]
        target = f"> best peer ({PEERS[best['contender']]} {100 * best['accuracy']:.2f} %)" if best else "> every peer"
        add("TREC fine test accuracy, no embeddings", f"{100 * plain['accuracy']:.2f} % in {duration(plain['training_seconds'])}", target,
            plain["accuracy"] > best["accuracy"] if best else None, command)
    short = first.get("predict-short")
    if short:
        add(f"Short-text prediction, {short['rows']:,} TREC questions (CSV -> CSV)",
            f"{short['rows_per_s']:,.0f} rows/s (whole process {short['wall_rows_per_s']:,.0f} rows/s)",
            ">= 10,000 rows/s", short["rows_per_s"] >= 10000, short["command"])

    def verdict(passed):
        return "" if passed is None else ("PASS" if passed else "FAIL")

    stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    notes = []
    if args.quick:
        notes.append("QUICK SMOKE RUN (small slices, short runs): the figures only show that the script works; they are not measurements.")
    if args.cli_kind == "imdb-sample":
        notes.append("--cli-kind imdb-sample: samples/Imdb stood in for gluontext (columns renamed, fast preset with n_classes set); the TREC and prediction figures are not gluontext's.")

    widths = [max(len(entry[i]) if i != 3 else len(verdict(entry[3])) for entry in entries + [("Figure", "Measured", "Target", None, "")]) for i in range(4)]
    widths[3] = max(widths[3], 4)
    print(f"Product targets, measured {stamp} by benchmarks/scripts/targets.sh")
    for note in notes:
        print(note)
    header = ("Figure", "Measured", "Target", "Pass")
    print("  ".join(text.ljust(width) for text, width in zip(header, widths)))
    print("  ".join("-" * width for width in widths))
    for figure, measured, target, passed, _ in entries:
        print("  ".join(text.ljust(width) for text, width in zip((figure, measured, target, verdict(passed)), widths)))
    print("\nCommands (from the repository root; $WORK is a temporary folder):")
    for figure, _, _, _, command in entries:
        if command:
            print(f"  {figure}: {command}")

    if args.out:
        lines = [f"Measured {stamp} by `benchmarks/scripts/targets.sh`, from the repository root ($WORK is a temporary folder).", ""]
        lines += [f"> {note}" for note in notes] + ([""] if notes else [])
        lines += ["| Figure | Measured | Target | Pass | Command |", "|---|---|---|---|---|"]
        for figure, measured, target, passed, command in entries:
            lines.append(f"| {figure} | {measured} | {target} | {verdict(passed)} | {'`' + command.replace('|', chr(92) + '|') + '`' if command else ''} |")
        temporary = args.out + ".tmp"
        with open(temporary, "w", encoding="utf-8") as file:
            file.write("\n".join(lines) + "\n")
        os.replace(temporary, args.out)
        print(f"\nWrote {args.out}")


def main():
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="mode", required=True)
    demo = sub.add_parser("parse-demo")
    demo.add_argument("--log", required=True)
    demo.add_argument("--bundle", required=True)
    report = sub.add_parser("table")
    report.add_argument("--results", required=True)
    report.add_argument("--repo", required=True)
    report.add_argument("--data", required=True)
    report.add_argument("--work", required=True)
    report.add_argument("--cli-kind", default="gluontext")
    report.add_argument("--out")
    report.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    parse_demo(args) if args.mode == "parse-demo" else table(args)


if __name__ == "__main__":
    main()
