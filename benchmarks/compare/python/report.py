"""Turns the results of benchmarks/compare/run.sh into docs/benchmarks.md and the accuracy chart.

usage: report.py --results results.jsonl --out FILE.md --chart FILE.png --repo DIR --data DIR
                 [--bdn BENCHMARKDOTNET_RESULTS_DIR] [--quick]
Every figure comes from the results file (and the BenchmarkDotNet result files); medians are taken
over the rounds of a run.
"""
import argparse
import collections
import datetime
import glob
import json
import os
import statistics

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402 (the backend must be chosen first)

TEXT_NAMES = {
    "ours": "GluonStyleText TextTransformer",
    "python-seed": "Python 3 port of the seed's TextTransformer",
    "python-tuned": "Python 3, same steps, tuned",
}
MODEL_NAMES = {
    "seed-cnn": "seed CNN (kernel 8, 300 filters, embed 300, vocab 5000, seq_len 500, batch 64)",
    "seed-bilstm": "seed BiLSTM (hidden 500, 1 layer, bidirectional, embed 300, vocab 5000, seq_len 500, batch 64)",
    "fast": "preset fast (CNN)",
    "bilstm": "preset bilstm (BiLSTM)",
}
E2E_NAMES = {
    "ours-cnn": "GluonStyleText CNN (preset fast, GloVe 100d)",
    "ours-bilstm": "GluonStyleText BiLSTM (preset bilstm, GloVe 100d)",
    "fasttext-unigrams": "fastText, defaults (unigrams)",
    "fasttext-bigrams": "fastText, -wordNgrams 2",
    "fasttext-tutorial": "fastText, tutorial settings (-lr 1.0 -epoch 25 -wordNgrams 2)",
    "fasttext-autotune": "fastText, autotune on 10 % of train",
    "ours-glove": "GluonStyleText gluontext CLI, GloVe 100d",
    "ours-noemb": "GluonStyleText gluontext CLI, no embeddings",
    "tfidf-lr": "TF-IDF 1-2-grams + logistic regression (scikit-learn)",
}

DATASETS = {
    "imdb": ("IMDB sentiment", "reviews"),
    "trec-fine": ("TREC questions, fine labels (50 classes)", "questions"),
    "trec-coarse": ("TREC questions, coarse labels (6 classes)", "questions"),
}


def median(values):
    return statistics.median(values) if values else float("nan")


def relative(command, repo, data, work=None):
    if work:
        command = command.replace(work, "$WORK")
    return command.replace(data, "../shared/data").replace(repo + "/", "").replace(repo, ".")


def conv_flops_per_example(shapes):
    """Multiply-adds of the convolutions, counted as two FLOPs each, for one text's forward pass."""
    return sum(2 * max(shapes["seq_len"] - size + 1, 1) * shapes["filters"] * shapes["embed_size"] * size
               for size in shapes["kernel_sizes"])


def fmt(value, digits=1):
    return "n/a" if value != value else f"{value:,.{digits}f}"


def peak(machine, threads, key):
    """FP32 peak in GFLOP/s of `threads` cores at the nominal clock."""
    return threads * machine["mhz"] / 1e3 * machine[key]


def machine_section(machines, sgemm):
    machine = machines[0]
    lines = [
        "## Machine",
        "",
        f"- CPU: {machine['cpu_model']} ({machine['vendor']}, family {machine['family']}, model {machine['model']}"
        f"{', ' + machine['core'] if machine.get('core') else ''}), "
        f"{machine['cores']} cores, {machine['mhz']:.0f} MHz as /proc/cpuinfo reports it; SIMD: {', '.join(machine['simd'])}",
        f"- FP32 peak per core from the flags: {fmt(peak(machine, 1, 'flops_per_cycle_per_core_by_flags'), 0)} GFLOP/s "
        f"({machine['flops_per_cycle_per_core_by_flags']} FLOP per cycle: 2 FMA pipes x 16 AVX-512 lanes x 2)",
    ]
    if machine["amd_256_bit_pipes"]:
        lines.append(
            f"- This AMD core (family 0x19) runs AVX-512 on 256-bit pipes: effective peak "
            f"{fmt(peak(machine, 1, 'flops_per_cycle_per_core_effective'), 0)} GFLOP/s per core "
            f"({machine['flops_per_cycle_per_core_effective']} FLOP per cycle). "
            "Both peaks use the nominal clock above; a core that boosts above it can exceed them.")
    groups = collections.defaultdict(list)
    for row in sgemm:
        groups[(row["contender"], row["threads"])].append(row["gflops"])
    for (contender, threads), values in sorted(groups.items()):
        label = "our libtorch (TorchSharp)" if contender == "ours" else "Debian's PyTorch (OpenBLAS)"
        lines.append(f"- Measured FP32 matrix multiply (2048 x 2048) on {threads} thread(s), {label}: "
                     f"{fmt(median(values), 0)} GFLOP/s, the practical ceiling")
    lines.append(f"- Threads used by every contender that can use more than one: {machine['threads_used']} "
                 f"(of {machine['cores']} cores)")
    lines.append(f"- Date: {machine['date']}; Linux {machine['kernel']}; Python {machine['python']}")
    loads = [m["load_average_at_start"] for m in machines if "load_average_at_start" in m]
    if loads:
        lines.append("- Load average (1 min) when each part of the run started: "
                     + ", ".join(f"{load[0]:.1f}" for load in loads)
                     + f" on {machine['cores']} cores: other work shared the machine, which is why the contenders "
                     "are interleaved and only ratios and medians are reported")
    return lines


def text_section(rows):
    groups = collections.defaultdict(list)
    for row in rows:
        groups[(row["contender"], row["threads"])].append(row)
    seed = median([row["mb_per_s"] for row in groups.get(("python-seed", 1), [])])
    tuned = median([row["mb_per_s"] for row in groups.get(("python-tuned", 1), [])])
    reviews = rows[0]["reviews"]
    megabytes = rows[0]["megabytes"]
    lines = [
        "## 1. Text pipeline: fit + encode",
        "",
        f"Fit (vocabulary 5,000) and encode (seq_len 500) of {reviews:,} IMDB training reviews ({megabytes:.1f} MB of UTF-8 "
        "review text; reading the CSV is not timed). Each run: one untimed pass, then one timed pass. "
        "MB/s counts review text. The seed port (benchmarks/compare/python/text_pipeline.py, `--variant seed`) "
        "does the seed's steps one by one as its Python 2 code does (character-by-character non-ASCII filter, "
        "symbol list, one numpy row at a time); the tuned variant does the same work with Python's C-implemented "
        "builtins (html.unescape, str.encode, str.translate, Counter). Python runs on one thread.",
        "",
        "| Contender | Threads | Runs | Median MB/s | Median reviews/s | Median seconds | x seed port | x tuned Python |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for (contender, threads), runs in sorted(groups.items(), key=lambda item: -median([r["mb_per_s"] for r in item[1]])):
        speed = median([row["mb_per_s"] for row in runs])
        lines.append(
            f"| {TEXT_NAMES.get(contender, contender)} | {threads} | {len(runs)} | {fmt(speed)} | "
            f"{fmt(median([row['reviews_per_s'] for row in runs]), 0)} | {fmt(median([row['seconds'] for row in runs]), 2)} | "
            f"{fmt(speed / seed)} | {fmt(speed / tuned)} |")
    return lines


def model_section(rows, shapes, machine):
    groups = collections.defaultdict(list)
    for row in rows:
        groups[(row["model"], row["mode"], row["threads"], row["contender"])].append(row)
    threads = sorted({row["threads"] for row in rows})
    lines = [
        "## 2. Models: training step and inference, ours vs PyTorch",
        "",
        "Same networks on both sides (built from the same resolved configuration; the parameter counts below match), "
        f"full-length random token ids, the same thread count ({', '.join(map(str, threads))}). A training step is zero_grad, forward, cross entropy, "
        "backward, gradient clipping (BiLSTM: norm 5), Adam step; inference is one forward pass without gradients. "
        f"Each run times {len(rows[0]['step_seconds'])} steps after a warm-up step and keeps their median; the table "
        "gives the median over runs (\"Runs\": ours + PyTorch).",
        "",
        "| Model | Mode | Threads | Batch | Parameters | Runs | GluonStyleText ex/s | PyTorch ex/s | Ours / PyTorch |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    order = [name for name in MODEL_NAMES if any(key[0] == name for key in groups)]
    ratios = {}
    for count in sorted(threads, reverse=True):
        for name in order:
            for mode in ("train", "infer"):
                ours = groups.get((name, mode, count, "ours"), [])
                theirs = groups.get((name, mode, count, "pytorch"), [])
                if not ours and not theirs:
                    continue
                ours_speed = median([row["examples_per_s"] for row in ours])
                their_speed = median([row["examples_per_s"] for row in theirs])
                ratio = ours_speed / their_speed
                if ratio == ratio:
                    ratios[(name, mode, count)] = ratio
                parameters = {row["parameters"] for row in ours + theirs}
                batch = (ours or theirs)[0]["batch"]
                lines.append(
                    f"| {MODEL_NAMES[name]} | {'training step' if mode == 'train' else 'inference'} | {count} | {batch} | "
                    f"{' vs '.join(f'{p:,}' for p in sorted(parameters))} | {len(ours)} + {len(theirs)} | {fmt(ours_speed)} | "
                    f"{fmt(their_speed)} | {fmt(ratio, 2)} |")
    torch_version = next((row["torch_version"] for row in rows if row["contender"] == "pytorch"), "?")
    lines += [
        "",
        f"PyTorch: Debian's python3-torch {torch_version} on /usr/bin/python3, torch.set_num_threads and "
        "OMP_NUM_THREADS/OPENBLAS_NUM_THREADS set to the same count as ours, BLAS from libopenblas0-pthread "
        "(Debian's alternatives pick it over the reference BLAS; the LSTM's matrix products go through it, the "
        "convolutions mostly through oneDNN).",
        "",
        "### CNN arithmetic throughput",
        "",
        "FLOPs counted: the convolutions' multiply-adds (two FLOPs each); a training step counts three times the "
        "forward pass (forward, gradient of the input, gradient of the weights). Embedding, pooling and the dense "
        "layer are left out, so these figures slightly understate the work.",
        "",
        "Peaks for as many cores as threads.",
        "",
        "| Model | Mode | Threads | Contender | GFLOP per example | Median ex/s | GFLOP/s | % of effective peak | % of peak by flags |",
        "|---|---|---:|---|---:|---:|---:|---:|---:|",
    ]
    for name, mode, count, contender in sorted(groups, key=lambda key: (-key[2], order.index(key[0]), key[1] != "train", key[3])):
        if name not in shapes or not shapes[name]["cnn"]:
            continue
        flops = conv_flops_per_example(shapes[name]) * (3 if mode == "train" else 1)
        speed = median([row["examples_per_s"] for row in groups[(name, mode, count, contender)]])
        gflops = flops * speed / 1e9
        lines.append(
            f"| {name} | {'training step' if mode == 'train' else 'inference'} | {count} | "
            f"{'GluonStyleText' if contender == 'ours' else 'PyTorch'} | {flops / 1e9:.3f} | {fmt(speed)} | {fmt(gflops, 0)} | "
            f"{fmt(100 * gflops / peak(machine, count, 'flops_per_cycle_per_core_effective'), 0)} % | "
            f"{fmt(100 * gflops / peak(machine, count, 'flops_per_cycle_per_core_by_flags'), 0)} % |")
    return lines, ratios


def dataset_of(row):
    return row.get("dataset", "imdb")


def chart_for(chart, dataset):
    """IMDB's chart keeps the --chart name; other data sets get their name before the extension."""
    if dataset == "imdb":
        return chart
    stem, extension = os.path.splitext(chart)
    return f"{stem}-{dataset}{extension}"


def e2e_section(rows, chart, out, number):
    """One table (and chart) per data set: accuracy, training time and accuracy per training minute."""
    by_dataset = collections.defaultdict(list)
    for row in rows:
        by_dataset[dataset_of(row)].append(row)
    lines = [
        f"## {number}. End to end: test accuracy against training time",
        "",
        "Train on the training CSV, test on the test CSV. Training time is wall time from the CSV to a saved model (for ours: "
        "the whole train command, process start included, or the demo's training step: reading, vocabulary, encoding, GloVe "
        "vectors, every epoch with its validation pass on held-out training rows, the bundle; for fastText: writing its input "
        "file and `fasttext supervised`, model file included, and the search for autotune; for TF-IDF: reading, vectorizing, "
        "fitting). Accuracy per training minute is the test accuracy in percent divided by the training time in minutes "
        "(medians of both): how much accuracy each minute of training buys; compare it with the accuracy itself, since a "
        "near-instant peer scores high on it whatever its accuracy. Threads is what the contender used (TF-IDF's liblinear "
        "is single-threaded). Peers' settings are fixed beforehand and the same for every data set, never tuned on a test set.",
        "",
    ]
    order = [name for name in DATASETS if name in by_dataset] + sorted(set(by_dataset) - set(DATASETS))
    for dataset in order:
        title, unit = DATASETS.get(dataset, (dataset, "texts"))
        groups = collections.defaultdict(list)
        for row in by_dataset[dataset]:
            groups[(row["contender"], row["threads"])].append(row)
        test_rows = next((row["test_rows"] for row in by_dataset[dataset] if row.get("test_rows")), None)
        lines += [
            f"### {title}",
            "",
            f"Test set: {test_rows:,} {unit}." if test_rows else "",
            "",
            "| Contender | Threads | Runs | Test accuracy (median) | Training time (median) | Accuracy per training minute | Settings |",
            "|---|---:|---:|---:|---:|---:|---|",
        ]
        points = []
        for (contender, threads), runs in sorted(groups.items(), key=lambda item: -median([r["accuracy"] for r in item[1]])):
            accuracy = median([row["accuracy"] for row in runs])
            seconds = median([row["training_seconds"] for row in runs])
            settings = runs[0].get("settings") or f"--preset {runs[0].get('preset')}"
            spread = ""
            if len(runs) > 1:
                spread = f" ({100 * min(r['accuracy'] for r in runs):.2f}-{100 * max(r['accuracy'] for r in runs):.2f})"
            per_minute = 100 * accuracy / (seconds / 60) if seconds > 0 else float("nan")
            lines.append(f"| {E2E_NAMES.get(contender, contender)} | {threads} | {len(runs)} | {100 * accuracy:.2f} %{spread} | "
                         f"{seconds:,.1f} s ({seconds / 60:.2f} min) | {fmt(per_minute, 1)} % / min | {settings} |")
            points.append((E2E_NAMES.get(contender, contender), seconds, 100 * accuracy))
        path = chart_for(chart, dataset)
        draw_chart(points, path, title)
        lines += ["", f"![{title}: test accuracy against training time]({os.path.relpath(path, os.path.dirname(os.path.abspath(out)))})", ""]
    return lines


def draw_chart(points, chart, title="IMDB"):
    figure, axes = plt.subplots(figsize=(9, 5.5), dpi=120)
    times = [max(seconds, 0.01) for _, seconds, _ in points]
    middle = (min(times) * max(times)) ** 0.5
    for label, seconds, accuracy in points:
        axes.scatter(seconds, accuracy, s=60, color="#1f77b4" if label.startswith("GluonStyleText") else "#ff7f0e", zorder=3)
        # Labels of the right-hand points go to their left, so that none runs off the chart.
        left = seconds > middle
        axes.annotate(label, (seconds, accuracy), textcoords="offset points", xytext=(-6 if left else 6, 6),
                      ha="right" if left else "left", fontsize=8)
    axes.set_xscale("log")
    axes.set_xlabel("Training time, seconds (log scale)")
    axes.set_ylabel(f"{title}: test accuracy, %")
    axes.set_title("Accuracy against training time (blue: GluonStyleText, orange: peers)")
    axes.grid(True, which="both", alpha=0.3)
    low, high = axes.get_xlim()
    axes.set_xlim(low / 1.5, high * 1.5)
    figure.tight_layout()
    os.makedirs(os.path.dirname(os.path.abspath(chart)), exist_ok=True)
    temporary = chart + ".tmp.png"
    figure.savefig(temporary)
    os.replace(temporary, chart)


def bdn_section(directory, repo, data):
    files = sorted(glob.glob(os.path.join(directory, "*-report-github.md"))) if directory else []
    lines = [
        "## 4. BenchmarkDotNet suite",
        "",
        "`dotnet run -c Release --project benchmarks/GluonStyleText.Benchmarks -- --filter '*'` (short job: 1 warm-up "
        "and 3 measured iterations, on 1 core and on all cores; see benchmarks/README.md). Throughput is taken at the median.",
        "",
    ]
    if not files:
        return lines + ["Not run on this machine yet."]
    for path in files:
        stamp = datetime.datetime.fromtimestamp(os.path.getmtime(path), datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
        name = os.path.basename(path).replace("GluonStyleText.Benchmarks.", "").replace("-report-github.md", "")
        with open(path, encoding="utf-8") as file:
            body = relative(file.read().strip(), repo, data)
        lines += [f"### {name} ({stamp})", "", body, ""]
    return lines


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--results", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--chart", required=True)
    parser.add_argument("--repo", required=True)
    parser.add_argument("--data", required=True)
    parser.add_argument("--bdn")
    parser.add_argument("--work")
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--note", help="a paragraph on how this run went, shown under the introduction")
    args = parser.parse_args()

    with open(args.results, encoding="utf-8") as file:
        rows = [json.loads(line) for line in file if line.strip()]
    by_bench = collections.defaultdict(list)
    for row in rows:
        by_bench[row["bench"]].append(row)
    machine = by_bench["machine"][0]
    shapes = {}
    for path in glob.glob(os.path.join(os.path.dirname(args.results), "shapes-*.json")):
        with open(path, encoding="utf-8") as file:
            shapes[os.path.basename(path)[len("shapes-"):-len(".json")]] = json.load(file)

    lines = ["# Benchmarks", ""]
    if args.quick:
        lines += ["> QUICK SMOKE RUN (1,000 training and 500 test IMDB reviews, 1,000 TREC training questions, tiny batches, one epoch): these figures only show that the "
                  "script works; they say nothing about speed or accuracy.", ""]
    lines += [
        f"Measured by `benchmarks/compare/run.sh` on {machine['date']}, every contender on the same machine in the "
        "same run, interleaved (the order rotates every round) so that the noise of a shared machine hits all alike. "
        "Medians over the runs; ratios are ours divided by the peer's. Raw results: one JSON line per run in "
        "benchmarks/compare/results/ (not committed).",
        "",
    ]
    if args.note:
        lines += [args.note, ""]
    summary = []
    sections = machine_section(by_bench["machine"], by_bench["sgemm"]) + [""]
    if by_bench["text"]:
        sections += text_section(by_bench["text"]) + [""]
        groups = collections.defaultdict(list)
        for row in by_bench["text"]:
            groups[(row["contender"], row["threads"])].append(row["mb_per_s"])
        most = max(row["threads"] for row in by_bench["text"] if row["contender"] == "ours")
        ours = median(groups.get(("ours", most), []))
        summary.append(f"- Text pipeline, fit + encode: {fmt(ours)} MB/s on {most} threads, "
                       f"{fmt(ours / median(groups.get(('python-seed', 1), [])))}x the Python port of the seed's steps (goal: 20x) and "
                       f"{fmt(ours / median(groups.get(('python-tuned', 1), [])))}x a tuned Python version; "
                       f"{fmt(median(groups.get(('ours', 1), [])))} MB/s on 1 thread.")
    if by_bench["model"]:
        model_lines, ratios = model_section(by_bench["model"], shapes, machine)
        sections += model_lines + [""]
        for count in sorted({key[2] for key in ratios}, reverse=True):
            parts = [f"{name} {'training' if mode == 'train' else 'inference'} {ratio:.2f}"
                     for (name, mode, threads), ratio in ratios.items() if threads == count]
            summary.append(f"- Ours / PyTorch (examples per second, {count} thread(s)): {'; '.join(parts)}.")
    if by_bench["e2e"]:
        sections += e2e_section(by_bench["e2e"], args.chart, args.out, 3) + [""]
        for dataset in [name for name in DATASETS if any(dataset_of(r) == name for r in by_bench["e2e"])]:
            groups = collections.defaultdict(list)
            for row in by_bench["e2e"]:
                if dataset_of(row) == dataset:
                    groups[(row["contender"], row["threads"])].append(row)
            best = sorted(groups.items(), key=lambda item: -median([row["accuracy"] for row in item[1]]))
            summary.append(f"- {DATASETS[dataset][0]}, test accuracy / training time / accuracy per training minute: " + "; ".join(
                f"{E2E_NAMES.get(contender, contender)} ({threads} thread{'s' if threads != 1 else ''}) "
                f"{100 * median([r['accuracy'] for r in runs]):.2f} % in "
                f"{median([r['training_seconds'] for r in runs]):,.1f} s, "
                f"{fmt(100 * median([r['accuracy'] for r in runs]) / (median([r['training_seconds'] for r in runs]) / 60), 1)} % / min"
                for (contender, threads), runs in best) + ".")
    sections += bdn_section(args.bdn, args.repo, args.data) + [""]

    commands = {}
    for row in rows:
        key = (row["bench"], row.get("dataset"), row.get("contender"), row.get("threads"))
        # Our CLI's rows carry the commands the wrapper ran; show those, not the wrapper.
        command = (f"{row['train_command']} && {row['evaluate_command']}" if row.get("train_command") else row["command"])
        commands.setdefault(key, relative(command, args.repo, args.data, args.work))
    sections += ["## Commands", "",
                 "Run from the repository root by `benchmarks/compare/run.sh`, one of each kind (the model commands run "
                 "for every model, seed-cnn, seed-bilstm, fast and bilstm, in both modes, train and infer; "
                 "$WORK is a temporary folder):", "", "```"]
    sections += sorted(set(commands.values())) + ["```", ""]

    document = "\n".join(lines + ["## Key figures", ""] + summary + [""] + sections)
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    temporary = args.out + ".tmp"
    with open(temporary, "w", encoding="utf-8") as file:
        file.write(document)
    os.replace(temporary, args.out)


if __name__ == "__main__":
    main()
