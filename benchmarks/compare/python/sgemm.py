"""Measured FP32 matrix-multiply speed of Debian's PyTorch (its BLAS), the practical ceiling next to the peak.

usage: sgemm.py --threads N [--size 2048] [--repeat 10]
Prints one JSON line.
"""
import argparse
import json
import statistics
import time

import torch


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, required=True)
    parser.add_argument("--size", type=int, default=2048)
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(7)
    a, b = torch.randn(args.size, args.size), torch.randn(args.size, args.size)
    a @ b
    seconds = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        a @ b
        seconds.append(time.perf_counter() - start)
    median = statistics.median(seconds)
    print(json.dumps({"bench": "sgemm", "contender": "pytorch", "threads": torch.get_num_threads(), "size": args.size,
                      "median_seconds": median, "gflops": 2 * args.size ** 3 / median / 1e9}))


if __name__ == "__main__":
    main()
