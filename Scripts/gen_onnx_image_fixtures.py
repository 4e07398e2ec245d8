#!/usr/bin/env python3
"""Generates random one-node ONNX models of the image operators with their expected outputs
(Fixtures/onnx-image/), in the layout of the ONNX backend node tests.

Run from the repository root with the fixtures venv (onnx 1.23.2, onnxruntime 1.32.0, numpy):

    .build/fixtures-venv/bin/python Scripts/gen_onnx_image_fixtures.py

Each case `<name>/` holds `model.onnx` (one MaxPool, AveragePool, LpPool, Resize, Pad or Softmax
node with random attributes, in an opset between 9 and 19) and `test_data_set_0/input_K.pb`,
`output_K.pb` (serialized TensorProto). Expected outputs come from onnxruntime (CPU provider,
graph optimisations off). A case is kept only when the ONNX reference implementation
(onnx.reference) also runs the node and both agree within rtol 1e-4 / atol 1e-5 — except Pad with
negative pads (cropping), which the reference's np.pad cannot run; cases either rejects, or on which
they disagree (onnxruntime's SAME padding with dilations and some opset-11 LpPool cases), are dropped. `manifest.json` lists the cases with their attributes and which references confirmed them.

Deterministic (fixed seed): re-running reproduces the committed files (up to onnxruntime changes).
"""
import json
import os
import shutil

import numpy as np
import onnx
import onnxruntime as ort
from onnx import TensorProto, helper, numpy_helper
from onnx.reference import ReferenceEvaluator

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Fixtures", "onnx-image")
rng = np.random.default_rng(20261128)


def model_for(op, opset, inputs, attrs, output_count=1):
    names = [f"x{i}" if t is not None else "" for i, t in enumerate(inputs)]
    outputs = ["y"] + [f"y{i}" for i in range(1, output_count)]
    node = helper.make_node(op, names, outputs, **attrs)
    graph_inputs = [
        helper.make_tensor_value_info(n, helper.np_dtype_to_tensor_dtype(t.dtype), t.shape)
        for n, t in zip(names, inputs) if t is not None
    ]
    graph_outputs = [helper.make_tensor_value_info(o, helper.np_dtype_to_tensor_dtype(inputs[0].dtype) if i == 0 or op != "MaxPool" else TensorProto.INT64, None)
                     for i, o in enumerate(outputs)]
    graph = helper.make_graph([node], f"{op}_case", graph_inputs, graph_outputs)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)])
    model.ir_version = 8
    return model


def run_ort(model, feed):
    options = ort.SessionOptions()
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_DISABLE_ALL
    session = ort.InferenceSession(model.SerializeToString(), options, providers=["CPUExecutionProvider"])
    return session.run(None, feed)


def run_reference(model, feed):
    return ReferenceEvaluator(model).run(None, feed)


cases = []


def add(name, op, opset, inputs, attrs, output_count=1, use_reference=True):
    """Writes one case; with `use_reference` the ONNX reference must run the node and agree."""
    model = model_for(op, opset, inputs, attrs, output_count)
    feed = {f"x{i}": t for i, t in enumerate(inputs) if t is not None}
    try:
        expected = run_ort(model, feed)
    except Exception:
        return False
    confirmed = ["onnxruntime"]
    if use_reference:
        try:
            reference = run_reference(model, feed)
        except Exception:
            return False
        for a, b in zip(expected, reference):
            if a.shape != b.shape or not np.allclose(a, b, rtol=1e-4, atol=1e-5, equal_nan=True):
                return False
        confirmed.append("onnx.reference")
    folder = os.path.join(ROOT, name)
    data = os.path.join(folder, "test_data_set_0")
    os.makedirs(data)
    onnx.save(model, os.path.join(folder, "model.onnx"))
    k = 0
    for t in inputs:
        if t is None:
            continue
        with open(os.path.join(data, f"input_{k}.pb"), "wb") as f:
            f.write(numpy_helper.from_array(t).SerializeToString())
        k += 1
    for i, t in enumerate(expected):
        with open(os.path.join(data, f"output_{i}.pb"), "wb") as f:
            f.write(numpy_helper.from_array(np.asarray(t)).SerializeToString())
    printable = {k: (v.decode() if isinstance(v, bytes) else v) for k, v in attrs.items()}
    cases.append({"name": name, "op": op, "opset": opset, "attributes": printable,
                  "input_shapes": [list(t.shape) for t in inputs if t is not None], "confirmed_by": confirmed})
    return True


def pooling_cases(count):
    made = 0
    attempts = 0
    while made < count and attempts < 2000:
        attempts += 1
        op = ["MaxPool", "AveragePool", "LpPool"][attempts % 3]
        spatial = int(rng.integers(1, 4))
        shape = [1, int(rng.integers(1, 3))] + [int(rng.integers(3, 8 if spatial < 3 else 6)) for _ in range(spatial)]
        kernel = [int(rng.integers(1, 4)) for _ in range(spatial)]
        attrs = {"kernel_shape": kernel, "strides": [int(rng.integers(1, 4)) for _ in range(spatial)]}
        opset = int(rng.choice([11, 12, 18, 19] if op != "LpPool" else [11, 18]))
        auto = rng.choice(["NOTSET", "NOTSET", "NOTSET", "SAME_UPPER", "SAME_LOWER", "VALID"])
        if auto != "NOTSET":
            attrs["auto_pad"] = str(auto)
        else:
            attrs["pads"] = [int(rng.integers(0, k)) for k in kernel] * 2
            if rng.random() < 0.5:
                attrs["pads"] = [int(rng.integers(0, k)) for k in kernel + kernel]
        dilations_allowed = (op == "MaxPool" and opset >= 10) or (op == "AveragePool" and opset >= 19) or (op == "LpPool" and opset >= 18)
        if dilations_allowed and rng.random() < 0.5:
            attrs["dilations"] = [int(rng.integers(1, 3)) for _ in range(spatial)]
        ceil_allowed = op != "LpPool" or opset >= 18
        if ceil_allowed and auto == "NOTSET" and rng.random() < 0.5:
            attrs["ceil_mode"] = 1
        if op == "AveragePool" and rng.random() < 0.5:
            attrs["count_include_pad"] = 1
        if op == "LpPool":
            attrs["p"] = int(rng.choice([1, 2, 3]))
        x = rng.standard_normal(shape).astype(np.float32)
        outputs = 2 if op == "MaxPool" and rng.random() < 0.3 and "dilations" not in attrs else 1
        if add(f"{op.lower()}_{made:02d}", op, opset, [x], attrs, output_count=outputs):
            made += 1


def resize_cases(count):
    made = 0
    attempts = 0
    while made < count and attempts < 4000:
        attempts += 1
        opset = int(rng.choice([11, 13, 18, 19]))
        mode = str(rng.choice(["nearest", "linear", "cubic"]))
        coordinates = ["half_pixel", "pytorch_half_pixel", "align_corners", "asymmetric", "tf_crop_and_resize"]
        if opset >= 19:
            coordinates.append("half_pixel_symmetric")
        attrs = {"mode": mode, "coordinate_transformation_mode": str(rng.choice(coordinates))}
        if mode == "nearest":
            attrs["nearest_mode"] = str(rng.choice(["round_prefer_floor", "round_prefer_ceil", "floor", "ceil"]))
        if mode == "cubic":
            attrs["cubic_coeff_a"] = float(rng.choice([-0.75, -0.5]))
            if rng.random() < 0.4:
                attrs["exclude_outside"] = 1
        if mode != "nearest" and opset >= 18 and rng.random() < 0.3:
            attrs["antialias"] = 1
        if attrs["coordinate_transformation_mode"] == "tf_crop_and_resize" and rng.random() < 0.5:
            attrs["extrapolation_value"] = float(rng.choice([0.0, -1.5, 10.0]))
        shape = [1, int(rng.integers(1, 3)), int(rng.integers(2, 7)), int(rng.integers(2, 7))]
        x = rng.standard_normal(shape).astype(np.float32)
        axes = None
        if opset >= 18 and rng.random() < 0.3:
            axes = [2, 3] if rng.random() < 0.5 else [3, 2]
            attrs["axes"] = axes
        n = len(axes) if axes else 4
        use_sizes = rng.random() < 0.5
        roi = None
        if attrs["coordinate_transformation_mode"] == "tf_crop_and_resize":
            starts = rng.uniform(-0.2, 0.5, n)
            ends = rng.uniform(0.5, 1.2, n)
            if axes is None:
                starts[:2], ends[:2] = 0, 1
            roi = np.concatenate([starts, ends]).astype(np.float32)
        if use_sizes:
            spatial = [int(rng.integers(1, 10)), int(rng.integers(1, 10))]
            if axes is None:
                sizes = np.array(shape[:2] + spatial, dtype=np.int64)
            else:
                sizes = np.array(spatial, dtype=np.int64)
            if opset >= 18 and rng.random() < 0.3:
                attrs["keep_aspect_ratio_policy"] = str(rng.choice(["not_larger", "not_smaller"]))
            scales = None
        else:
            spatial = [float(rng.choice([0.5, 0.6, 0.8, 1.0, 1.5, 2.0, 2.5, 3.0])) for _ in range(2)]
            scales = np.array(([1.0, 1.0] + spatial) if axes is None else spatial, dtype=np.float32)
            sizes = None
        empty = np.zeros([0], dtype=np.float32)
        if opset == 11:
            inputs = [x, roi if roi is not None else empty, scales if scales is not None else empty]
            if sizes is not None:
                inputs.append(sizes)
        else:
            inputs = [x, roi, scales] + ([sizes] if sizes is not None else [])
        if add(f"resize_{made:02d}", "Resize", opset, inputs, attrs):
            made += 1


def pad_cases(count):
    made = 0
    attempts = 0
    while made < count and attempts < 1000:
        attempts += 1
        opset = int(rng.choice([2, 11, 13, 18, 19]))
        modes = ["constant", "reflect", "edge"] + (["wrap"] if opset >= 19 else [])
        mode = str(rng.choice(modes))
        shape = [int(rng.integers(1, 5)) for _ in range(int(rng.integers(1, 4)))]
        x = rng.standard_normal(shape).astype(np.float32)
        rank = len(shape)
        limit = [s - 1 if mode == "reflect" else s for s in shape]
        pads = [int(rng.integers(-1 if s > 1 and mode == "constant" else 0, max(1, l) + 1)) for s, l in zip(shape * 2, limit * 2)]
        if opset == 2:
            attrs = {"mode": mode, "pads": pads}
            if mode == "constant":
                attrs["value"] = 2.5
            ok = add(f"pad_{made:02d}", "Pad", opset, [x], attrs, use_reference=min(pads) >= 0)
        else:
            axes = None
            if opset >= 18 and rng.random() < 0.5:
                axes = [int(a) for a in rng.permutation(rank)[: int(rng.integers(1, rank + 1))]]
                if rng.random() < 0.5:
                    axes = [a - rank for a in axes]
                pads = [pads[a % rank] for a in axes] + [pads[rank + a % rank] for a in axes]
            inputs = [x, np.array(pads, dtype=np.int64)]
            if mode == "constant":
                inputs.append(np.array(-3.0, dtype=np.float32))
            elif axes is not None:
                inputs.append(None)
            if axes is not None:
                inputs.append(np.array(axes, dtype=np.int64))
            ok = add(f"pad_{made:02d}", "Pad", opset, inputs, {"mode": mode}, use_reference=min(pads) >= 0)
        if ok:
            made += 1


def softmax_cases():
    made = 0
    for op in ["Softmax", "LogSoftmax"]:
        for opset in [11, 13]:
            for axis in [0, 1, 2, -1]:
                x = (rng.standard_normal([2, 3, 4]) * 5).astype(np.float32)
                if add(f"{op.lower()}_{made:02d}", op, opset, [x], {"axis": axis}):
                    made += 1


def main():
    if os.path.exists(ROOT):
        for entry in os.listdir(ROOT):
            path = os.path.join(ROOT, entry)
            if os.path.isdir(path):
                shutil.rmtree(path)
    os.makedirs(ROOT, exist_ok=True)
    pooling_cases(30)
    resize_cases(40)
    pad_cases(20)
    softmax_cases()
    with open(os.path.join(ROOT, "manifest.json"), "w") as f:
        json.dump(cases, f, indent=1)
    print(f"{len(cases)} cases written to {ROOT}")


if __name__ == "__main__":
    main()
