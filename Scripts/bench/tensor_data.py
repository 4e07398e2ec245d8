#!/usr/bin/env python3
"""Writes the input arrays of the tensor benchmarks (run by Scripts/bench.sh tensor).

    python Scripts/bench/tensor_data.py DIR

x2d.npy  float32 (1, 1, 2048, 2048), normal(100, 20)
u2d.npy  uint8   (1, 1, 2048, 2048), uniform 0..255
x3d.npy  float32 (1, 1, 64, 512, 512)
u3d.npy  uint8   (1, 1, 64, 512, 512)
Existing files are kept (the data is deterministic).
"""
import os
import sys

import numpy as np


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    rng = np.random.default_rng(7)
    for tag, shape in [("2d", (1, 1, 2048, 2048)), ("3d", (1, 1, 64, 512, 512))]:
        x_path, u_path = os.path.join(out, f"x{tag}.npy"), os.path.join(out, f"u{tag}.npy")
        if not os.path.exists(x_path):
            np.save(x_path, (rng.standard_normal(shape, dtype=np.float32) * 20 + 100).astype(np.float32))
        if not os.path.exists(u_path):
            np.save(u_path, rng.integers(0, 256, shape, dtype=np.uint8))


if __name__ == "__main__":
    main()
