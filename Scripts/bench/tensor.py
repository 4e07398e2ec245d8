#!/usr/bin/env python3
"""numpy side of the tensor benchmarks: the same operations on the same data as
Benchmarks/Sources/TensorBenchmarks, printed as {"name", "reference": "numpy", "reference_s"} lines.

    python Scripts/bench/tensor.py --data DIR [--shared DIR]

Each row is the best of several runs after one warm-up call (BenchSupport.measure does the same).
"""
import argparse
import json
import os
import time

import numpy as np


def measure(fn, repeats):
    fn()
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def row(name, seconds):
    print(json.dumps({"name": name, "reference": "numpy", "reference_s": seconds}), flush=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--shared")
    args = ap.parse_args()
    gain, offset = np.float32(1.7), np.float32(-0.3)
    for tag, repeats in [("2d", 9), ("3d", 5)]:
        x = np.load(os.path.join(args.data, f"x{tag}.npy"))
        u = np.load(os.path.join(args.data, f"u{tag}.npy"))
        spatial = tuple(range(2, x.ndim))
        pad = [(0, 0), (0, 0)] + [(32, 32)] * (x.ndim - 2)
        row(f"{tag} mean+std over spatial axes", measure(lambda: (x.mean(axis=spatial), x.std(axis=spatial)), repeats))
        row(f"{tag} percentile (1, 99.8) over spatial axes", measure(lambda: np.percentile(x, [1, 99.8], axis=spatial), repeats))
        row(f"{tag} sigmoid", measure(lambda: 1 / (1 + np.exp(-x)), repeats))
        row(f"{tag} scale_linear a*x+b", measure(lambda: x * gain + offset, repeats))
        row(f"{tag} uint8 to float32", measure(lambda: u.astype(np.float32), repeats))
        row(f"{tag} transpose last two axes", measure(lambda: np.ascontiguousarray(np.swapaxes(x, -1, -2)), repeats))
        row(f"{tag} reflect pad 32", measure(lambda: np.pad(x, pad, mode="reflect"), repeats))


if __name__ == "__main__":
    main()
