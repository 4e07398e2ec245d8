#!/usr/bin/env python3
"""hashlib / zlib side of the packages benchmarks: the same operations on the same data as
Benchmarks/Sources/PackagesBenchmarks, printed as {"name", "reference", "reference_s"} lines.

    python Scripts/bench/packages.py --data DIR [--shared DIR]

It also checks that our deflate output (ours-level6.deflate, written by the Swift side, which
Scripts/bench.sh runs first) inflates in zlib to corpus.bin, prints both compression ratios to stderr,
and exits non-zero when it does not round-trip.
"""
import argparse
import hashlib
import json
import os
import sys
import time
import zlib


def measure(fn, repeats):
    fn()
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def row(name, reference, seconds):
    print(json.dumps({"name": name, "reference": reference, "reference_s": seconds}), flush=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--shared")
    args = ap.parse_args()
    read = lambda name: open(os.path.join(args.data, name), "rb").read()
    mixed, corpus, deflated = read("mixed.bin"), read("corpus.bin"), read("corpus.deflate")

    row("sha256", "hashlib", measure(lambda: hashlib.sha256(mixed).digest(), 5))
    row("crc32", "zlib.crc32", measure(lambda: zlib.crc32(mixed), 5))
    row("inflate", "zlib.decompress", measure(lambda: zlib.decompress(deflated, -15), 5))

    def deflate6():
        c = zlib.compressobj(6, zlib.DEFLATED, -15)
        return c.compress(corpus) + c.flush()

    row("deflate level 6", "zlib level 6", measure(deflate6, 3))
    theirs = len(deflate6())
    ours_path = os.path.join(args.data, "ours-level6.deflate")
    ours = open(ours_path, "rb").read()
    try:
        ok = zlib.decompress(ours, -15) == corpus
    except zlib.error as e:
        sys.exit(f"packages.py: zlib rejects our deflate output {ours_path}: {e}")
    if not ok:
        sys.exit(f"packages.py: our deflate output {ours_path} does not inflate to corpus.bin")
    print(f"deflate level 6 on {len(corpus)} bytes: ours {len(ours)} bytes (ratio {len(corpus) / len(ours):.4f}), "
          f"zlib {theirs} bytes (ratio {len(corpus) / theirs:.4f}); ours/zlib size {len(ours) / theirs:.4f}; "
          f"our stream inflates in zlib to the original", file=sys.stderr)


if __name__ == "__main__":
    main()
