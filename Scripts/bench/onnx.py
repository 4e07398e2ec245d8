#!/usr/bin/env python3
"""onnxruntime side of the ONNX benchmarks: the same models on the same inputs as
Benchmarks/Sources/bench-onnx, printed as {"name", "reference": "onnxruntime", "reference_s"} lines.

    python Scripts/bench/onnx.py --data DIR [--shared DIR]

Every configuration (model, input, thread count) runs in a fresh child process (this script with
--row) so its peak resident memory (VmHWM) is its own; the parent prints the child's rows. Timing
rows are the best of several runs after one warm-up run (BenchSupport.measure does the same); the
"[peak MB]" rows carry the child's peak memory in megabytes in the seconds field (lower is better,
so the printed ratio reads the same way as a speedup). onnxruntime runs with its default graph
optimisations, intra_op_num_threads = threads and one inter-op thread.
"""
import argparse
import json
import os
import subprocess
import sys
import time

# This script is named onnx.py: keep its folder off the import path so it cannot shadow the onnx package.
sys.path = [entry for entry in sys.path if os.path.abspath(entry or ".") != os.path.dirname(os.path.abspath(__file__))]

# (row name, model file, input file, input name, threads, repeats)
CONFIGS = []
for threads in (1, 2):
    CONFIGS.append((f"unet 512x512 {threads} thread(s)", "unet.onnx", "unet_512.npy", "input.1", threads, 5))
    CONFIGS.append((f"unet 1024x1024 {threads} thread(s)", "unet.onnx", "unet_1024.npy", "input.1", threads, 3))
    for cin, cout in [(16, 16), (32, 16), (64, 32)]:
        CONFIGS.append((f"conv3x3+relu {cin}->{cout} 512x512 {threads} thread(s)", f"conv_{cin}_{cout}.onnx",
                        f"conv_{cin}.npy", "x", threads, 5))
    CONFIGS.append((f"matmul 1024^3 {threads} thread(s)", "matmul.onnx", "matmul_a.npy", "a", threads, 5))


def peak_mb():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def run_row(data, index):
    import numpy as np
    import onnxruntime as ort
    name, model, inp, input_name, threads, repeats = CONFIGS[index]
    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    session = ort.InferenceSession(os.path.join(data, model), options, providers=["CPUExecutionProvider"])
    x = np.load(os.path.join(data, inp))
    session.run(None, {input_name: x})
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        session.run(None, {input_name: x})
        best = min(best, time.perf_counter() - start)
    print(json.dumps({"name": name, "reference": "onnxruntime", "reference_s": best}), flush=True)
    print(json.dumps({"name": f"{name} [peak MB]", "reference": "onnxruntime", "reference_s": peak_mb()}), flush=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--shared")
    ap.add_argument("--row", type=int)
    args = ap.parse_args()
    if args.row is not None:
        run_row(args.data, args.row)
        return
    for index in range(len(CONFIGS)):
        result = subprocess.run([sys.executable, __file__, "--data", args.data, "--row", str(index)],
                                capture_output=True, text=True)
        sys.stdout.write(result.stdout)
        sys.stdout.flush()
        if result.returncode != 0:
            print(f"onnx.py: {CONFIGS[index][0]} failed: {result.stderr.strip()[-500:]}", file=sys.stderr)


if __name__ == "__main__":
    main()
