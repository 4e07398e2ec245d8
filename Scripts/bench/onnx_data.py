#!/usr/bin/env python3
"""Writes the models and inputs of the ONNX benchmarks (run by Scripts/bench.sh onnx).

    python Scripts/bench/onnx_data.py DIR [--shared DIR]

unet.onnx            the bioimage.io nuclei UNet (shared/corpus/packages/spec__unet2d_nuclei_broad/weights.onnx)
                     with its input and output height/width made symbolic ('h', 'w'), so one model runs
                     at 512x512 and 1024x1024
unet_512.npy         float32 (1, 1, 512, 512), standard normal (the model's inputs are zero-mean/unit-variance)
unet_1024.npy        float32 (1, 1, 1024, 1024)
conv_<cin>_<cout>.onnx  one Conv 3x3 (pads 1, bias) + Relu: the UNet's largest layers at 512x512
conv_<cin>.npy       float32 (1, cin, 512, 512) inputs for them
matmul.onnx          one MatMul 1024x1024 · 1024x1024 (B an initializer); matmul_a.npy its input
Existing files are kept (the data is deterministic).
"""
import os
import sys

# This folder holds onnx.py (the benchmark), which would shadow the onnx package.
sys.path = [entry for entry in sys.path if os.path.abspath(entry or ".") != os.path.dirname(os.path.abspath(__file__))]

import numpy as np  # noqa: E402
import onnx  # noqa: E402
from onnx import TensorProto, helper, numpy_helper  # noqa: E402

CONV_LAYERS = [(16, 16), (32, 16), (64, 32)]


def conv_model(cin, cout, rng):
    w = numpy_helper.from_array((rng.standard_normal((cout, cin, 3, 3)) * 0.1).astype(np.float32), "w")
    b = numpy_helper.from_array(rng.standard_normal(cout).astype(np.float32), "b")
    conv = helper.make_node("Conv", ["x", "w", "b"], ["c"], kernel_shape=[3, 3], pads=[1, 1, 1, 1])
    relu = helper.make_node("Relu", ["c"], ["y"])
    graph = helper.make_graph(
        [conv, relu], f"conv_{cin}_{cout}",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, cin, "h", "w"])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, cout, "h", "w"])], [w, b])
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)], ir_version=8)


def matmul_model(rng):
    b = numpy_helper.from_array((rng.standard_normal((1024, 1024)) * 0.03).astype(np.float32), "b")
    node = helper.make_node("MatMul", ["a", "b"], ["y"])
    graph = helper.make_graph(
        [node], "matmul", [helper.make_tensor_value_info("a", TensorProto.FLOAT, [1024, 1024])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1024, 1024])], [b])
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)], ir_version=8)


def main():
    out = sys.argv[1]
    shared = sys.argv[sys.argv.index("--shared") + 1] if "--shared" in sys.argv else os.path.join(
        os.path.dirname(__file__), "..", "..", "..", "shared")
    os.makedirs(out, exist_ok=True)
    rng = np.random.default_rng(11)
    path = os.path.join(out, "unet.onnx")
    if not os.path.exists(path):
        model = onnx.load(os.path.join(shared, "corpus", "packages", "spec__unet2d_nuclei_broad", "weights.onnx"))
        for value in list(model.graph.input) + list(model.graph.output):
            dims = value.type.tensor_type.shape.dim
            dims[2].dim_param, dims[3].dim_param = "h", "w"
        onnx.save(model, path)
    for size in (512, 1024):
        path = os.path.join(out, f"unet_{size}.npy")
        if not os.path.exists(path):
            np.save(path, rng.standard_normal((1, 1, size, size), dtype=np.float32))
    for cin, cout in CONV_LAYERS:
        path = os.path.join(out, f"conv_{cin}_{cout}.onnx")
        if not os.path.exists(path):
            onnx.save(conv_model(cin, cout, rng), path)
        path = os.path.join(out, f"conv_{cin}.npy")
        if not os.path.exists(path):
            np.save(path, rng.standard_normal((1, cin, 512, 512), dtype=np.float32))
    if not os.path.exists(os.path.join(out, "matmul.onnx")):
        onnx.save(matmul_model(rng), os.path.join(out, "matmul.onnx"))
        np.save(os.path.join(out, "matmul_a.npy"), rng.standard_normal((1024, 1024), dtype=np.float32))


if __name__ == "__main__":
    main()
