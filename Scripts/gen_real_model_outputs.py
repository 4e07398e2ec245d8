#!/usr/bin/env python3
"""onnxruntime's raw outputs of the two real ONNX U-Nets of the corpus, for RealModelTests.

Run: .build/fixtures-venv/bin/python Scripts/gen_real_model_outputs.py   (needs ../shared, numpy, onnxruntime)

For each package the test input is normalised as its description says (zero_mean_unit_variance over
y and x, population std, eps 1e-6 added to std, as bioimageio.core), run through weights.onnx with
onnxruntime (CPU, 1 thread), and the raw network output (before any postprocessing) is saved as
float32 .npy under Fixtures/models/reference-outputs/.
"""
import json
from pathlib import Path

import numpy as np
import onnxruntime as ort

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ROOT.parent / "shared" / "corpus" / "packages"
OUT = ROOT / "Fixtures" / "models" / "reference-outputs"


def zmuv(x):
    x = x.astype(np.float64)
    mean = x.mean(axis=(2, 3), keepdims=True)
    std = x.std(axis=(2, 3), keepdims=True)
    return ((x - mean) / (std + 1e-6)).astype(np.float32)


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    index = {}
    for package in ["spec__unet2d_nuclei_broad", "tiktorch__unet2d_onnx"]:
        folder = PACKAGES / package
        options = ort.SessionOptions()
        options.intra_op_num_threads = 1
        session = ort.InferenceSession(str(folder / "weights.onnx"), options, providers=["CPUExecutionProvider"])
        x = zmuv(np.load(folder / "test_input.npy"))
        y = session.run(None, {session.get_inputs()[0].name: x})[0].astype(np.float32)
        np.save(OUT / f"{package}.npy", y)
        test_output = np.load(folder / "test_output.npy").astype(np.float32)
        index[package] = {
            "onnxruntime": ort.__version__,
            "output_shape": list(y.shape),
            # How far onnxruntime itself is from the package's test output (after the described
            # postprocessing: a sigmoid for the nuclei model, none for the tiktorch one).
            "max_abs_difference_to_test_output": float(np.abs((1 / (1 + np.exp(-y)) if package.startswith("spec") else y) - test_output).max()),
        }
    (OUT / "index.json").write_text(json.dumps(index, indent=2) + "\n")
    print(json.dumps(index, indent=2))


if __name__ == "__main__":
    main()
