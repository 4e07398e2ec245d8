#!/usr/bin/env python3
"""Generates random small convolutional ONNX graphs and their onnxruntime outputs (Fixtures/onnx/random/).

Run from the repository root with the fixtures venv (onnx 1.23.2, onnxruntime 1.32.0, numpy):

    .build/fixtures-venv/bin/python Scripts/gen_onnx_random_graphs.py

Each graph `graph_NN/` holds
  model.onnx        the network: random Conv layers (channels, kernel sizes, strides, paddings,
                    dilations, groups, auto_pad), activations (Relu, LeakyRelu, Sigmoid, Tanh, Elu,
                    Clip), BatchNormalization, MaxPool/AveragePool, GlobalAveragePool squeeze-excite
                    blocks (per-channel Mul), Resize x2 (nearest/linear, several coordinate modes,
                    scales or sizes) or Upsample, Concat skips, Add residuals and Pad (constant,
                    reflect, edge), with random weights, in one opset between 11 and 19 (and two
                    graphs in opset 9 for Upsample and the attribute forms of Clip and Pad);
                    graphs 22 and 23 are fixed graphs of tensor operators in the style of
                    exported PyTorch models (shape arithmetic, decomposed normalisation, layout,
                    logic, casts, reductions; opsets 13 and 18);
  input.npy         a random float32 input;
  output.npy        onnxruntime's output (CPU provider, graph optimisations off);
  debug.onnx        the same graph with every node output also a graph output, for diagnosis;
  trace.json        per node: operator, output name, shape, sum and sum of |x| of the output as
                    computed by onnxruntime, so a test can name the first node that diverges.
`manifest.json` lists the graphs with their opset and operators.

Deterministic (fixed seed): re-running reproduces the committed files (up to onnxruntime changes).
"""
import json
import os
import shutil

import numpy as np
import onnx
import onnxruntime as ort
from onnx import TensorProto, helper, numpy_helper

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Fixtures", "onnx", "random")
GRAPHS = 20
OLD_GRAPHS = 2  # extra graphs in opset 9
MAX_ELEMENTS = 6144  # per intermediate tensor, to keep the fixtures small


class Builder:
    def __init__(self, rng, opset, shape):
        self.rng = rng
        self.opset = opset
        self.nodes = []
        self.initializers = []
        self.counter = 0
        self.values = {}  # name -> shape (N, C, H, W)
        self.order = []
        self.input_shape = shape
        self.current = "input"
        self.values["input"] = tuple(shape)
        self.order.append("input")

    def name(self, prefix):
        self.counter += 1
        return f"{prefix}_{self.counter}"

    def const(self, prefix, array):
        name = self.name(prefix)
        self.initializers.append(numpy_helper.from_array(np.asarray(array), name))
        return name

    def shape_of(self, name):
        graph = helper.make_graph(self.nodes, "g", [helper.make_tensor_value_info("input", TensorProto.FLOAT, self.input_shape)],
                                  [helper.make_tensor_value_info(name, TensorProto.FLOAT, None)], self.initializers)
        model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", self.opset)])
        inferred = onnx.shape_inference.infer_shapes(model, strict_mode=True)
        for info in list(inferred.graph.value_info) + list(inferred.graph.output):
            if info.name == name:
                dims = [d.dim_value for d in info.type.tensor_type.shape.dim]
                if dims and all(d > 0 for d in dims):
                    return tuple(dims)
        raise RuntimeError(f"no shape for {name}")

    def add(self, op, inputs, attrs=None, prefix=None, set_current=True):
        out = self.name(prefix or op.lower())
        self.nodes.append(helper.make_node(op, inputs, [out], name=out, **(attrs or {})))
        shape = self.shape_of(out)
        self.values[out] = shape
        self.order.append(out)
        if set_current:
            self.current = out
        return out

    # -- layers ---------------------------------------------------------------------------------

    def conv(self, source=None, out_channels=None, kernel=None, allow_groups=True):
        rng = self.rng
        source = source or self.current
        n, c, h, w = self.values[source]
        oc = out_channels or int(rng.integers(2, 9))
        k = kernel or int(rng.choice([1, 3, 3, 5]))
        k = min(k, h, w)
        d = int(rng.choice([1, 1, 2])) if k > 1 and (k - 1) * 2 + 1 <= min(h, w) else 1
        s = int(rng.choice([1, 1, 2])) if min(h, w) >= 8 else 1
        group = 1
        if allow_groups:
            common = [g for g in (2, 3, 4) if c % g == 0 and oc % g == 0]
            if common and rng.random() < 0.4:
                group = int(rng.choice(common))
            elif c == oc and c > 1 and rng.random() < 0.2:
                group = c  # depthwise
        attrs = {"kernel_shape": [k, k], "strides": [s, s], "dilations": [d, d], "group": group}
        if rng.random() < 0.2 and s == 1 and d == 1:
            attrs["auto_pad"] = str(rng.choice(["SAME_UPPER", "SAME_LOWER"]))
        else:
            effective = d * (k - 1) + 1
            pads = [int(rng.integers(0, effective // 2 + 1)) for _ in range(4)]
            attrs["pads"] = pads
        weight = rng.normal(0, 1 / np.sqrt(c // group * k * k), size=(oc, c // group, k, k)).astype(np.float32)
        inputs = [source, self.const("w", weight)]
        if rng.random() < 0.8:
            inputs.append(self.const("b", rng.normal(0, 0.1, size=oc).astype(np.float32)))
        return self.add("Conv", inputs, attrs)

    def activation(self):
        rng = self.rng
        kind = str(rng.choice(["Relu", "LeakyRelu", "Sigmoid", "Tanh", "Elu", "Clip"]))
        if kind == "LeakyRelu":
            return self.add(kind, [self.current], {"alpha": float(np.float32(rng.uniform(0.01, 0.3)))})
        if kind == "Elu":
            return self.add(kind, [self.current], {"alpha": float(np.float32(rng.uniform(0.5, 1.5)))})
        if kind == "Clip":
            low, high = float(np.float32(rng.uniform(-1, 0))), float(np.float32(rng.uniform(0.2, 2)))
            if self.opset < 11:
                return self.add(kind, [self.current], {"min": low, "max": high})
            inputs = [self.current, self.const("min", np.float32(low))]
            if rng.random() < 0.7:
                inputs.append(self.const("max", np.float32(high)))
            return self.add(kind, inputs)
        return self.add(kind, [self.current])

    def batchnorm(self):
        rng = self.rng
        c = self.values[self.current][1]
        inputs = [self.current,
                  self.const("scale", rng.uniform(0.5, 1.5, c).astype(np.float32)),
                  self.const("bias", rng.normal(0, 0.2, c).astype(np.float32)),
                  self.const("mean", rng.normal(0, 0.5, c).astype(np.float32)),
                  self.const("var", rng.uniform(0.5, 2, c).astype(np.float32))]
        return self.add("BatchNormalization", inputs, {"epsilon": float(np.float32(rng.choice([1e-5, 1e-3])))})

    def pool(self):
        rng = self.rng
        n, c, h, w = self.values[self.current]
        k = int(rng.choice([2, 3]))
        if min(h, w) < k + 1:
            return self.current
        s = int(rng.choice([1, 2]))
        pads = [int(rng.integers(0, k // 2 + 1)) for _ in range(4)]
        op = str(rng.choice(["MaxPool", "AveragePool"]))
        attrs = {"kernel_shape": [k, k], "strides": [s, s], "pads": pads}
        if self.opset >= 10 and rng.random() < 0.3:
            attrs["ceil_mode"] = 1
        if op == "AveragePool":
            attrs["count_include_pad"] = int(rng.integers(0, 2))
        return self.add(op, [self.current], attrs)

    def squeeze_excite(self):
        rng = self.rng
        source = self.current
        c = self.values[source][1]
        pooled = self.add("GlobalAveragePool", [source], set_current=False)
        hidden = max(1, c // 2)
        reduced = self.conv(pooled, out_channels=hidden, kernel=1, allow_groups=False)
        relu = self.add("Relu", [reduced])
        expanded = self.conv(relu, out_channels=c, kernel=1, allow_groups=False)
        gate = self.add("Sigmoid", [expanded])
        return self.add("Mul", [source, gate] if rng.random() < 0.5 else [gate, source])

    def upscale(self):
        rng = self.rng
        n, c, h, w = self.values[self.current]
        if n * c * h * w * 4 > MAX_ELEMENTS:
            return self.current
        mode = str(rng.choice(["nearest", "linear"]))
        scales = np.array([1, 1, 2, 2], dtype=np.float32)
        if self.opset < 10:
            return self.add("Upsample", [self.current, self.const("scales", scales)], {"mode": mode})
        attrs = {"mode": mode}
        if mode == "nearest":
            choice = rng.integers(0, 3)
            attrs["coordinate_transformation_mode"] = ["asymmetric", "half_pixel", "align_corners"][choice]
            attrs["nearest_mode"] = str(rng.choice(["floor", "round_prefer_floor", "round_prefer_ceil"]))
        else:
            attrs["coordinate_transformation_mode"] = str(rng.choice(["half_pixel", "align_corners", "asymmetric", "pytorch_half_pixel"]))
        use_sizes = rng.random() < 0.3
        omit_roi = self.opset >= 13 and (use_sizes or rng.random() < 0.5)
        empty = "" if omit_roi else self.const("roi", np.zeros(0, dtype=np.float32))
        if use_sizes:
            sizes = np.array([n, c, 2 * h, 2 * w], dtype=np.int64)
            scales_input = self.const("scales", np.zeros(0, dtype=np.float32)) if self.opset < 13 else ""
            return self.add("Resize", [self.current, empty, scales_input, self.const("sizes", sizes)], attrs)
        return self.add("Resize", [self.current, empty, self.const("scales", scales)], attrs)

    def pad(self):
        rng = self.rng
        n, c, h, w = self.values[self.current]
        mode = str(rng.choice(["constant", "reflect", "edge"]))
        limit = min(h, w) - 1 if mode == "reflect" else 2
        p = [0, 0] + [int(rng.integers(0, min(2, limit) + 1)) for _ in range(2)] + [0, 0] + [int(rng.integers(0, min(2, limit) + 1)) for _ in range(2)]
        value = float(np.float32(rng.uniform(-1, 1)))
        if self.opset < 11:
            attrs = {"mode": mode, "pads": p}
            if mode == "constant":
                attrs["value"] = value
            return self.add("Pad", [self.current], attrs)
        inputs = [self.current, self.const("pads", np.array(p, dtype=np.int64))]
        if mode == "constant":
            inputs.append(self.const("value", np.float32(value)))
        return self.add("Pad", inputs, {"mode": mode})

    def compatible(self, predicate):
        return [name for name in self.order[:-1] if name != self.current and predicate(self.values[name])]

    def concat_skip(self):
        n, c, h, w = self.values[self.current]
        options = self.compatible(lambda s: s[0] == n and s[2] == h and s[3] == w)
        if not options:
            return self.current
        other = str(self.rng.choice(options))
        axis = -3 if self.opset >= 11 and self.rng.random() < 0.5 else 1
        pair = [self.current, other] if self.rng.random() < 0.5 else [other, self.current]
        return self.add("Concat", pair, {"axis": axis})

    def residual(self):
        shape = self.values[self.current]
        same = self.compatible(lambda s: s == shape)
        if same:
            other = str(self.rng.choice(same))
        else:
            spatial = self.compatible(lambda s: s[0] == shape[0] and s[2:] == shape[2:])
            if not spatial:
                return self.current
            keep = self.current
            other = self.conv(str(self.rng.choice(spatial)), out_channels=shape[1], kernel=1, allow_groups=False)
            self.current = keep
        return self.add("Add", [self.current, other])


def build(index, rng, opset):
    n = int(rng.choice([1, 1, 2]))
    c = int(rng.integers(1, 5))
    h, w = int(rng.integers(6, 15)), int(rng.integers(6, 15))
    b = Builder(rng, opset, [n, c, h, w])
    b.conv()
    layers = ["activation", "batchnorm", "pool", "upscale", "concat_skip", "residual", "pad", "conv", "conv", "squeeze_excite"]
    for _ in range(int(rng.integers(4, 9))):
        kind = str(rng.choice(layers))
        if kind == "upscale" and any(node.op_type in ("Resize", "Upsample") for node in b.nodes):
            kind = "conv"
        getattr(b, kind)()
        if kind == "conv" and rng.random() < 0.7:
            b.activation()
        n_, c_, h_, w_ = b.values[b.current]
        if n_ * c_ * h_ * w_ > MAX_ELEMENTS:
            b.add("MaxPool", [b.current], {"kernel_shape": [2, 2], "strides": [2, 2]})
    if opset < 10 and not any(node.op_type == "Upsample" for node in b.nodes):
        b.upscale()
    return b


def make_model(b, outputs):
    graph = helper.make_graph(
        b.nodes, f"random_{b.opset}",
        [helper.make_tensor_value_info("input", TensorProto.FLOAT, b.input_shape)],
        [helper.make_tensor_value_info(name, TensorProto.FLOAT, list(b.values[name])) for name in outputs],
        b.initializers)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", b.opset)], producer_name="gen_onnx_random_graphs")
    model.ir_version = 7 if b.opset < 15 else 8
    onnx.checker.check_model(model, full_check=True)
    return model


def run(model, x):
    options = ort.SessionOptions()
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_DISABLE_ALL
    session = ort.InferenceSession(model.SerializeToString(), options, providers=["CPUExecutionProvider"])
    names = [o.name for o in session.get_outputs()]
    return dict(zip(names, session.run(None, {"input": x})))


# -- tensor-operator graphs ---------------------------------------------------------------------
# Two fixed graphs in the style of exported PyTorch models: shape arithmetic (Shape, Gather,
# Unsqueeze, Concat, Reshape), a decomposed normalisation (ReduceMean, Sub, Pow, Sqrt, Div),
# layout (Transpose, Slice with steps, Flatten, Split, Tile, Squeeze) and element-wise logic
# (Greater, Less, And, Not, Where, Cast, Round, ArgMax, Range, ConstantOfShape, Min/Max/Sum/Mean).

def const_node(nodes, inits, name, array):
    inits.append(numpy_helper.from_array(np.asarray(array), name))
    return name


def tensor_graph_a(rng):
    nodes, inits = [], []
    c = lambda name, array: const_node(nodes, inits, name, array)
    n = lambda op, ins, out, **attrs: nodes.append(helper.make_node(op, ins, [out], name=out, **attrs)) or out
    x = "input"
    w = c("w", rng.normal(0, 0.4, (4, 3, 3, 3)).astype(np.float32))
    conv = n("Conv", [x, w], "conv", pads=[1, 1, 1, 1])
    shape = n("Shape", [conv], "shape")
    channels = n("Gather", [shape, c("one", np.array(1, dtype=np.int64))], "channels", axis=0)
    channels1 = n("Unsqueeze", [channels, c("axes0", np.array([0], dtype=np.int64))], "channels1")
    target = n("Concat", [c("batch", np.array([1], dtype=np.int64)), channels1, c("rest", np.array([-1], dtype=np.int64))], "target", axis=0)
    rows = n("Reshape", [conv, target], "rows")
    mean = n("ReduceMean", [rows], "mean", axes=[2], keepdims=1)
    centred = n("Sub", [rows, mean], "centred")
    square = n("Pow", [centred, c("two", np.array(2, dtype=np.float32))], "square")
    variance = n("ReduceMean", [square], "variance", axes=[-1])
    spread = n("Sqrt", [n("Add", [variance, c("eps", np.array(1e-5, dtype=np.float32))], "variance_eps")], "spread")
    normal = n("Div", [centred, spread], "normal")
    scaled = n("Add", [n("Mul", [normal, c("gamma", rng.uniform(0.5, 1.5, (1, 4, 1)).astype(np.float32))], "scaled0"),
                       c("beta", rng.normal(0, 0.2, (1, 4, 1)).astype(np.float32))], "scaled")
    columns = n("Transpose", [scaled], "columns", perm=[0, 2, 1])
    strided = n("Slice", [columns, c("starts", np.array([1], dtype=np.int64)), c("ends", np.array([-1], dtype=np.int64)),
                          c("axes1", np.array([1], dtype=np.int64)), c("steps", np.array([3], dtype=np.int64))], "strided")
    magnitude = n("Log", [n("Add", [n("Abs", [strided], "abs"), c("one_f", np.array(1, dtype=np.float32))], "abs1")], "log")
    low = n("Max", [n("Neg", [magnitude], "neg"), c("floor_value", np.array(-0.75, dtype=np.float32))], "low")
    high = n("Min", [strided, c("ceil_value", np.array([0.5], dtype=np.float32))], "high")
    summed = n("Sum", [low, high, strided], "summed")
    averaged = n("Mean", [summed, n("Exp", [n("Reciprocal", [n("Add", [magnitude, c("two_f", np.array(2, dtype=np.float32))], "mag2")], "recip")], "exp")], "averaged")
    n("Flatten", [averaged], "output", axis=1)
    return nodes, inits, [1, 3, 8, 10], 13


def tensor_graph_b(rng):
    nodes, inits = [], []
    c = lambda name, array: const_node(nodes, inits, name, array)
    n = lambda op, ins, out, **attrs: nodes.append(helper.make_node(op, ins, [out], name=out, **attrs)) or out
    def outs(op, ins, names, **attrs):
        nodes.append(helper.make_node(op, ins, names, name=names[0], **attrs))
        return names
    x = "input"
    conv = n("Conv", [x, c("w", rng.normal(0, 0.4, (4, 4, 3, 3)).astype(np.float32))], "conv", pads=[1, 1, 1, 1])
    spatial = c("spatial", np.array([2, 3], dtype=np.int64))
    top = n("ReduceMax", [conv, spatial], "top")
    bottom = n("ReduceMin", [conv, spatial], "bottom")
    unit = n("Div", [n("Sub", [conv, bottom], "shifted"), n("Sub", [top, bottom], "range")], "unit")
    first, second = outs("Split", [unit], ["first", "second"], axis=1, num_outputs=2)
    picked = n("Where", [n("Greater", [first, second], "greater"), first, second], "picked")
    inside = n("And", [n("Less", [picked, c("upper", np.array(0.8, dtype=np.float32))], "below"),
                       n("Not", [n("Less", [picked, c("lower", np.array(0.2, dtype=np.float32))], "under")], "not_under")], "inside")
    masked = n("Mul", [picked, n("Cast", [inside], "inside_f", to=TensorProto.FLOAT)], "masked")
    tiled = n("Tile", [masked, c("repeats", np.array([1, 1, 1, 2], dtype=np.int64))], "tiled")
    flipped = n("Slice", [tiled, c("starts", np.array([100], dtype=np.int64)), c("ends", np.array([-100], dtype=np.int64)),
                          c("axes", np.array([3], dtype=np.int64)), c("steps", np.array([-2], dtype=np.int64))], "flipped")
    quantised = n("Div", [n("Cast", [n("Cast", [n("Round", [n("Mul", [flipped, c("ten", np.array(10, dtype=np.float32))], "times10")], "rounded"),
                                                ], "as_int", to=TensorProto.INT32)], "as_float", to=TensorProto.FLOAT),
                          c("ten2", np.array(10, dtype=np.float32))], "quantised")
    rows = n("Range", [c("start", np.array(0, dtype=np.int64)), c("limit", np.array(6, dtype=np.int64)), c("delta", np.array(2, dtype=np.int64))], "rows")
    gathered = n("Gather", [quantised, rows], "gathered", axis=2)
    best = n("Cast", [n("ArgMax", [gathered], "best", axis=1, keepdims=1)], "best_f", to=TensorProto.FLOAT)
    half = n("ConstantOfShape", [n("Shape", [gathered], "gathered_shape")], "half",
             value=numpy_helper.from_array(np.array([0.5], dtype=np.float32)))
    combined = n("Concat", [gathered, best, n("Add", [half, n("Floor", [gathered], "floor")], "half_floor")], "combined", axis=1)
    expanded = n("Expand", [n("Unsqueeze", [n("ReduceSum", [combined, c("channel_axis", np.array([1], dtype=np.int64))], "total", keepdims=0),
                                            c("axes_front", np.array([1], dtype=np.int64))], "total1"),
                            c("wide", np.array([1, 2, 1, 1], dtype=np.int64))], "expanded")
    joined = n("Concat", [combined, expanded], "joined", axis=1)
    lifted = n("Unsqueeze", [joined, c("axes_zero", np.array([0], dtype=np.int64))], "lifted")
    n("Identity", [n("Squeeze", [lifted, c("axes_zero2", np.array([0], dtype=np.int64))], "lowered")], "output")
    return nodes, inits, [2, 4, 6, 6], 18


def typed_model(nodes, inits, input_shape, opset, outputs, shapes=None):
    """A model whose outputs carry the inferred element types; with `shapes` (name -> shape, from a
    first onnxruntime run) their exact shapes too, and the model is checked."""
    graph = helper.make_graph(nodes, f"tensor_{opset}", [helper.make_tensor_value_info("input", TensorProto.FLOAT, input_shape)],
                              [helper.make_tensor_value_info(outputs[0], TensorProto.FLOAT, None)], inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)], producer_name="gen_onnx_random_graphs")
    model.ir_version = 8
    inferred = onnx.shape_inference.infer_shapes(model)
    types = {info.name: info for info in list(inferred.graph.value_info) + list(inferred.graph.output)}
    del model.graph.output[:]
    for name in outputs:
        info = types[name]
        dims = list(shapes[name]) if shapes else None
        model.graph.output.append(helper.make_tensor_value_info(name, info.type.tensor_type.elem_type, dims))
    if shapes:
        onnx.checker.check_model(model, full_check=True)
    return model



def write_graph(manifest, index, opset, nodes, model, debug, x, y, traced, input_shape):
    folder = os.path.join(ROOT, f"graph_{index:02d}")
    os.makedirs(folder)
    onnx.save(model, os.path.join(folder, "model.onnx"))
    onnx.save(debug, os.path.join(folder, "debug.onnx"))
    np.save(os.path.join(folder, "input.npy"), x)
    np.save(os.path.join(folder, "output.npy"), y)
    trace = []
    for node in nodes:
        value = traced[node.output[0]].astype(np.float64)
        trace.append({"op": node.op_type, "output": node.output[0], "shape": list(value.shape),
                      "sum": float(value.sum()), "abs_sum": float(np.abs(value).sum())})
    with open(os.path.join(folder, "trace.json"), "w") as f:
        json.dump(trace, f, indent=1)
    ops = sorted({node.op_type for node in nodes})
    manifest.append({"name": f"graph_{index:02d}", "opset": opset, "operators": ops, "nodes": len(nodes),
                     "input_shape": list(input_shape), "output_shape": list(y.shape)})
    print(f"graph_{index:02d} opset {opset}: {len(nodes)} nodes {ops} {list(input_shape)} -> {list(y.shape)}")


def main():
    rng = np.random.default_rng(20261127)
    if os.path.exists(ROOT):
        for entry in os.listdir(ROOT):
            if entry.startswith("graph_"):
                shutil.rmtree(os.path.join(ROOT, entry))
    os.makedirs(ROOT, exist_ok=True)
    manifest = []
    opsets = [11 + i % 9 for i in range(GRAPHS)] + [9] * OLD_GRAPHS
    for index, opset in enumerate(opsets):
        b = build(index, rng, opset)
        final = b.current
        model = make_model(b, [final])
        intermediate = [node.output[0] for node in b.nodes]
        debug = make_model(b, [final] + [name for name in intermediate if name != final])
        x = rng.normal(0, 1, size=b.input_shape).astype(np.float32)
        y = run(model, x)[final]
        traced = run(debug, x)
        assert np.array_equal(traced[final], y)
        write_graph(manifest, index, opset, b.nodes, model, debug, x, y, traced, b.input_shape)
    special_rng = np.random.default_rng(20261128)
    for index, make in enumerate([tensor_graph_a, tensor_graph_b], start=len(opsets)):
        nodes, inits, input_shape, opset = make(special_rng)
        everything = ["output"] + [o for node in nodes for o in node.output if o != "output"]
        x = special_rng.normal(0, 1, size=input_shape).astype(np.float32)
        shapes = {name: value.shape for name, value in run(typed_model(nodes, inits, input_shape, opset, everything), x).items()}
        model = typed_model(nodes, inits, input_shape, opset, ["output"], shapes)
        debug = typed_model(nodes, inits, input_shape, opset, everything, shapes)
        y = run(model, x)["output"]
        traced = run(debug, x)
        assert np.array_equal(traced["output"], y)
        write_graph(manifest, index, opset, nodes, model, debug, x, y, traced, input_shape)
    with open(os.path.join(ROOT, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=1)


if __name__ == "__main__":
    main()
