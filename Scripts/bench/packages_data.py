#!/usr/bin/env python3
"""Writes the inputs of the packages benchmarks (run by Scripts/bench.sh packages).

    python Scripts/bench/packages_data.py DIR [--shared DIR]

mixed.bin       64 MiB: random bytes interleaved with corpus text (SHA-256, CRC-32)
corpus.bin      ~32 MiB: the corpus packages' files (weights .pt/.onnx, .npy, .yaml, .md, covers)
                concatenated in sorted order, repeated up to 32 MiB (deflate input)
corpus.deflate  corpus.bin compressed by zlib level 6, raw deflate (wbits=-15) (inflate input)
Existing files are kept (the data is deterministic).
"""
import glob
import os
import random
import sys
import zlib


def main():
    out = sys.argv[1]
    shared = sys.argv[sys.argv.index("--shared") + 1] if "--shared" in sys.argv else \
        os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "shared")
    os.makedirs(out, exist_ok=True)
    corpus_dir = os.path.join(shared, "corpus", "packages")
    files = sorted(p for p in glob.glob(os.path.join(corpus_dir, "*", "*")) if os.path.isfile(p))
    if not files:
        sys.exit(f"packages_data.py: no corpus packages under {corpus_dir}")
    texts = [open(p, "rb").read() for p in files if p.endswith((".yaml", ".md"))]

    mixed_path = os.path.join(out, "mixed.bin")
    if not os.path.exists(mixed_path):
        rng = random.Random(7)
        parts, size = [], 0
        while size < 64 << 20:
            chunk = rng.randbytes(rng.randrange(1 << 10, 1 << 16)) if rng.random() < 0.5 else rng.choice(texts)
            parts.append(chunk)
            size += len(chunk)
        with open(mixed_path, "wb") as f:
            f.write(b"".join(parts)[:64 << 20])

    corpus_path = os.path.join(out, "corpus.bin")
    deflate_path = os.path.join(out, "corpus.deflate")
    if not os.path.exists(corpus_path) or not os.path.exists(deflate_path):
        blob = b"".join(open(p, "rb").read() for p in files)
        data = (blob * (1 + (32 << 20) // len(blob)))[:32 << 20]
        with open(corpus_path, "wb") as f:
            f.write(data)
        c = zlib.compressobj(6, zlib.DEFLATED, -15)
        with open(deflate_path, "wb") as f:
            f.write(c.compress(data) + c.flush())


if __name__ == "__main__":
    main()
