#!/usr/bin/env python3
"""Conformance fixtures for ModelTester and BioImageIOTestSupport.

Builds small model packages under Fixtures/conformance/<name>/ (bioimageio.yaml, weights.onnx,
test tensors as .npy, README.md), each with a tiny ONNX network made with the `onnx` package:
identity, affine, sigmoid, box filters with halo, two inputs, two outputs, a uint8 input with
scale_range + zero_mean_unit_variance preprocessing and binarize postprocessing, a 0.4 model, a
config reproducibility_tolerance override, and packages the reference FAILS (perturbed test output,
a network whose output shape disagrees with the description, a tolerance entry for another format).

Test outputs are computed with onnxruntime (plus NumPy for pre/postprocessing), then every package
is run through the reference, bioimageio.core.test_model(..., weight_format="onnx"), and the verdicts
are written to Fixtures/conformance/expected.json: per fixture the reference status, every detail's
name/status/loc/errors (and warning counts), and a machine-readable `function` saying what the
network computes, so a Swift test double can compute it without an ONNX interpreter.

Usage: .build/fixtures-venv/bin/python Scripts/gen_conformance_fixtures.py
"""
import hashlib, json, os, shutil, sys
from pathlib import Path

import numpy as np
import onnx
from onnx import TensorProto, helper
import onnxruntime as ort

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "Fixtures" / "conformance"
FLOAT = TensorProto.FLOAT

AUTHORS = [{"name": "BioImageIO Swift SDK"}]
CITE = [{"text": "BioImageIO Swift SDK conformance fixture", "url": "https://bioimage.io"}]


def sha256(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


# ---------------------------------------------------------------- ONNX graphs

def value_info(name, dims):
    return helper.make_tensor_value_info(name, FLOAT, dims)


def save_model(path, nodes, inputs, outputs, initializers=()):
    graph = helper.make_graph(nodes, "g", inputs, outputs, initializer=list(initializers))
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)], producer_name="gen_conformance_fixtures")
    model.ir_version = 8
    onnx.checker.check_model(model)
    onnx.save(model, str(path))


def const(name, value):
    array = np.asarray(value, dtype=np.float32)
    return helper.make_tensor(name, FLOAT, array.shape, array.flatten().tolist())


def affine_nodes(src, dst, scale, offset, tag):
    return ([helper.make_node("Mul", [src, f"{tag}_s"], [f"{tag}_m"]), helper.make_node("Add", [f"{tag}_m", f"{tag}_o"], [dst])],
            [const(f"{tag}_s", scale), const(f"{tag}_o", offset)])


def box_nodes(src, dst, size, tag):
    weight = np.full((1, 1, size, size), 1.0 / (size * size), dtype=np.float32)
    pad = size // 2
    node = helper.make_node("Conv", [src, f"{tag}_w"], [dst], kernel_shape=[size, size], pads=[pad, pad, pad, pad])
    return [node], [helper.make_tensor(f"{tag}_w", FLOAT, weight.shape, weight.flatten().tolist())]


def crop_nodes(src, dst, border, tag):
    inits = [helper.make_tensor(f"{tag}_{k}", TensorProto.INT64, [2], v)
             for k, v in (("starts", [border, border]), ("ends", [-border, -border]), ("axes", [2, 3]))]
    return [helper.make_node("Slice", [src, f"{tag}_starts", f"{tag}_ends", f"{tag}_axes"], [dst])], inits


def network(spec, path, input_dims, output_dims):
    """Writes an ONNX file computing `spec` (output id -> {op, input(s), …})."""
    nodes, inits = [], []
    for index, (out, f) in enumerate(spec.items()):
        tag = f"n{index}"
        if f["op"] == "affine":
            n, i = affine_nodes(f["input"], out, f["scale"], f["offset"], tag)
        elif f["op"] == "sigmoid":
            n, i = [helper.make_node("Sigmoid", [f["input"]], [out])], []
        elif f["op"] == "box":
            n, i = box_nodes(f["input"], out, f["size"], tag)
        elif f["op"] == "add":
            n, i = [helper.make_node("Add", f["inputs"], [out])], []
        elif f["op"] == "crop":
            n, i = crop_nodes(f["input"], out, f["border"], tag)
        else:
            raise ValueError(f["op"])
        nodes += n
        inits += i
    save_model(path, nodes, [value_info(k, v) for k, v in input_dims.items()],
               [value_info(k, v) for k, v in output_dims.items()], inits)


def run_onnx(path, inputs):
    session = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    feeds = {i.name: inputs[i.name] for i in session.get_inputs()}
    names = [o.name for o in session.get_outputs()]
    return dict(zip(names, session.run(names, feeds)))


# ---------------------------------------------------------------- descriptions

def space(axis_id, size, halo=None):
    axis = {"type": "space", "id": axis_id, "size": size}
    if halo is not None:
        axis["halo"] = halo
    return axis


def channel(names):
    return {"type": "channel", "channel_names": names}


def ref(tensor, axis):
    return {"tensor_id": tensor, "axis_id": axis}


def description(name, inputs, outputs, config=None):
    rdf = {
        "format_version": "0.5.4", "type": "model", "name": name,
        "description": f"Conformance fixture '{name}' of the BioImageIO Swift SDK.",
        "authors": AUTHORS, "cite": CITE, "license": "MIT", "documentation": "README.md",
        "inputs": inputs, "outputs": outputs,
        "weights": {"onnx": {"source": "weights.onnx", "sha256": None, "opset_version": 17}},
    }
    if config is not None:
        rdf["config"] = config
    return rdf


def write_yaml(path, data):
    import yaml  # PyYAML ships with the venv (bioimageio.spec depends on it)
    path.write_text(yaml.safe_dump(data, sort_keys=False))


# ---------------------------------------------------------------- fixtures

RNG = np.random.default_rng(20261127)


def fixture_list():
    f = []
    x = RNG.normal(size=(1, 1, 16, 16)).astype(np.float32)

    # 1. identity, no batch axis, fixed size: one inference case.
    f.append(dict(name="identity", what="y = x; axes channel, y, x fixed 16×16; no batch axis",
                  function={"out": {"op": "affine", "input": "raw", "scale": 1.0, "offset": 0.0}},
                  inputs=[{"id": "raw", "axes": [channel(["c"]), space("y", 16), space("x", 16)],
                           "array": x[0]}],
                  outputs=[{"id": "out", "axes": [channel(["c"]), space("y", ref("raw", "y")), space("x", ref("raw", "x"))]}]))
    # 2. affine, parameterized y/x, free batch: 3 × 2 inference cases.
    f.append(dict(name="affine", what="y = 2x + 1; free batch; y, x parameterized (min 8, step 4)",
                  function={"output": {"op": "affine", "input": "raw", "scale": 2.0, "offset": 1.0}},
                  inputs=[{"id": "raw", "axes": [{"type": "batch"}, channel(["c"]), space("y", {"min": 8, "step": 4}), space("x", {"min": 8, "step": 4})],
                           "array": x}],
                  outputs=[{"id": "output", "axes": [{"type": "batch"}, channel(["c"]), space("y", ref("raw", "y")), space("x", ref("raw", "x"))]}]))
    # 3. sigmoid.
    f.append(dict(name="sigmoid", what="y = sigmoid(x); free batch; fixed 16×16",
                  function={"prob": {"op": "sigmoid", "input": "raw"}},
                  inputs=[{"id": "raw", "axes": [{"type": "batch"}, channel(["c"]), space("y", 16), space("x", 16)], "array": x * 3}],
                  outputs=[{"id": "prob", "axes": [{"type": "batch"}, channel(["c"]), space("y", ref("raw", "y")), space("x", ref("raw", "x"))]}]))
    # 4./5. box filters with halo.
    for size in (3, 5):
        halo = size // 2
        f.append(dict(name=f"box{size}x{size}", what=f"{size}×{size} mean filter, zero padding 'same'; output halo {halo}; y, x parameterized (min 16, step 8)",
                      function={"smooth": {"op": "box", "input": "raw", "size": size}},
                      inputs=[{"id": "raw", "axes": [{"type": "batch"}, channel(["c"]), space("y", {"min": 16, "step": 8}), space("x", {"min": 16, "step": 8})],
                               "array": x}],
                      outputs=[{"id": "smooth", "axes": [{"type": "batch"}, channel(["c"]), space("y", ref("raw", "y"), halo), space("x", ref("raw", "x"), halo)]}]))
    # 6. two inputs → one output.
    y = RNG.normal(size=(1, 1, 16, 16)).astype(np.float32)
    f.append(dict(name="two_inputs", what="sum = a + b; the second input's sizes reference the first",
                  function={"sum": {"op": "add", "inputs": ["a", "b"]}},
                  inputs=[{"id": "a", "axes": [{"type": "batch"}, channel(["c"]), space("y", {"min": 8, "step": 8}), space("x", {"min": 8, "step": 8})], "array": x},
                          {"id": "b", "axes": [{"type": "batch"}, channel(["c"]), space("y", ref("a", "y")), space("x", ref("a", "x"))], "array": y}],
                  outputs=[{"id": "sum", "axes": [{"type": "batch"}, channel(["c"]), space("y", ref("a", "y")), space("x", ref("a", "x"))]}]))
    # 7. two outputs, batch fixed to 1.
    f.append(dict(name="two_outputs", what="double = 2x, negated = -x; batch size 1",
                  function={"double": {"op": "affine", "input": "raw", "scale": 2.0, "offset": 0.0},
                            "negated": {"op": "affine", "input": "raw", "scale": -1.0, "offset": 0.0}},
                  inputs=[{"id": "raw", "axes": [{"type": "batch", "size": 1}, channel(["c"]), space("y", 16), space("x", 16)], "array": x}],
                  outputs=[{"id": o, "axes": [{"type": "batch", "size": 1}, channel(["c"]), space("y", ref("raw", "y")), space("x", ref("raw", "x"))]}
                           for o in ("double", "negated")]))
    # 8. uint8 input with scale_range + scale_linear, binarize postprocessing (bool output).
    #    (Statistics are computed once on the raw inputs (notes §d.0), so only the first
    #    statistics-based step of a chain sees its own input; hence one such step per fixture.)
    while True:
        raw = RNG.integers(0, 256, size=(1, 1, 16, 16)).astype(np.uint8)
        v = raw.astype(np.float32)
        lo, hi = np.percentile(v, 1, axis=(2, 3), keepdims=True), np.percentile(v, 99, axis=(2, 3), keepdims=True)
        z = (((v - lo) / (hi - lo + 1e-6)) * 2 - 1).astype(np.float32)
        if np.min(np.abs(z - 0.25)) > 1e-3:
            break
    f.append(dict(name="uint8_processing", what="uint8 input; scale_range (1st–99th percentile over y, x) then scale_linear (gain 2, offset −1); identity network; binarize at 0.25 (bool output)",
                  processing=True,
                  function={"mask": {"op": "affine", "input": "raw", "scale": 1.0, "offset": 0.0}},
                  inputs=[{"id": "raw", "axes": [{"type": "batch"}, channel(["c"]), space("y", 16), space("x", 16)], "array": raw,
                           "data": {"type": "uint8"},
                           "preprocessing": [{"id": "scale_range", "kwargs": {"axes": ["y", "x"], "min_percentile": 1.0, "max_percentile": 99.0}},
                                             {"id": "scale_linear", "kwargs": {"gain": 2.0, "offset": -1.0}},
                                             {"id": "ensure_dtype", "kwargs": {"dtype": "float32"}}],
                           "network_input": z}],
                  outputs=[{"id": "mask", "axes": [{"type": "batch"}, channel(["c"]), space("y", ref("raw", "y")), space("x", ref("raw", "x"))],
                            "data": {"type": "bool", "values": [False, True]},
                            "postprocessing": [{"id": "binarize", "kwargs": {"threshold": 0.25}}],
                            "post": lambda a: a > 0.25}]))
    # 8b. zero_mean_unit_variance preprocessing, clip postprocessing.
    w = (x * 5 + 3).astype(np.float32)
    zw = ((w - w.mean(axis=(2, 3), keepdims=True)) / (w.std(axis=(2, 3), keepdims=True) + 1e-6)).astype(np.float32)
    f.append(dict(name="zmuv_clip", what="zero_mean_unit_variance over y, x; network y = 2x; clip to [−1, 1]",
                  processing=True,
                  function={"out": {"op": "affine", "input": "raw", "scale": 2.0, "offset": 0.0}},
                  inputs=[{"id": "raw", "axes": [{"type": "batch"}, channel(["c"]), space("y", 16), space("x", 16)], "array": w,
                           "preprocessing": [{"id": "zero_mean_unit_variance", "kwargs": {"axes": ["y", "x"]}}],
                           "network_input": zw}],
                  outputs=[{"id": "out", "axes": [{"type": "batch"}, channel(["c"]), space("y", ref("raw", "y")), space("x", ref("raw", "x"))],
                            "postprocessing": [{"id": "clip", "kwargs": {"min": -1.0, "max": 1.0}}],
                            "post": lambda a: np.clip(a, -1.0, 1.0)}]))
    # 9. format 0.4.
    f.append(dict(name="v04_affine", what="format 0.4.10: y = 0.5x − 1, bcyx 1×1×16×16 (0.4 rules: mepm 0)",
                  v04=True,
                  function={"out": {"op": "affine", "input": "raw", "scale": 0.5, "offset": -1.0}},
                  inputs=[{"id": "raw", "array": x}], outputs=[{"id": "out"}]))
    # 10. a config tolerance override that makes a perturbed output pass.
    perturb = np.zeros((1, 1, 16, 16), dtype=np.float32)
    perturb[0, 0, ::3, ::2] = 0.02  # 48 of 256 elements off by 0.02 (187 500 ppm)
    f.append(dict(name="tolerance_override", what="y = x + 10; test output perturbed by 0.02 on 48 elements; config tolerance for output 'out' (atol 0.05, mepm 0) makes it pass",
                  function={"out": {"op": "affine", "input": "raw", "scale": 1.0, "offset": 10.0}},
                  inputs=[{"id": "raw", "axes": [{"type": "batch"}, channel(["c"]), space("y", 16), space("x", 16)], "array": x}],
                  outputs=[{"id": "out", "axes": [{"type": "batch"}, channel(["c"]), space("y", ref("raw", "y")), space("x", ref("raw", "x"))], "perturb": perturb}],
                  config={"bioimageio": {"reproducibility_tolerance": [
                      {"relative_tolerance": 0.0, "absolute_tolerance": 0.05, "mismatched_elements_per_million": 0, "output_ids": ["out"]}]}}))
    # 11. FAILS: perturbed beyond tolerance.
    perturb2 = np.zeros((1, 1, 16, 16), dtype=np.float32)
    perturb2[0, 0, 5, 7] = 0.5
    perturb2[0, 0, 9, 2] = -0.25
    f.append(dict(name="fail_perturbed", what="y = 2x + 1; two test output elements perturbed (+0.5, −0.25): 7 812 ppm > 100 → the reference fails",
                  expect_fail=True,
                  function={"output": {"op": "affine", "input": "raw", "scale": 2.0, "offset": 1.0}},
                  inputs=[{"id": "raw", "axes": [{"type": "batch"}, channel(["c"]), space("y", 16), space("x", 16)], "array": x}],
                  outputs=[{"id": "output", "axes": [{"type": "batch"}, channel(["c"]), space("y", ref("raw", "y")), space("x", ref("raw", "x"))], "perturb": perturb2}]))
    # 12. FAILS: the network crops 2 pixels per side, the description says same size.
    f.append(dict(name="fail_wrong_shape", what="the network crops 2 pixels per side (16 → 12) but the description says the output has the input's size → the reference fails",
                  expect_fail=True,
                  function={"out": {"op": "crop", "input": "raw", "border": 2}},
                  inputs=[{"id": "raw", "axes": [{"type": "batch"}, channel(["c"]), space("y", {"min": 16, "step": 8}), space("x", {"min": 16, "step": 8})], "array": x}],
                  outputs=[{"id": "out", "axes": [{"type": "batch"}, channel(["c"]), space("y", ref("raw", "y")), space("x", ref("raw", "x"))],
                            "test_output": np.pad(x[:, :, 2:-2, 2:-2], ((0, 0), (0, 0), (2, 2), (2, 2)))}]))
    # 13. FAILS: a tolerance entry restricted to another weights format does not apply.
    f.append(dict(name="fail_tolerance_other_format", what="as tolerance_override, but the entry is restricted to pytorch_state_dict weights, so onnx gets the defaults → the reference fails",
                  expect_fail=True,
                  function={"out": {"op": "affine", "input": "raw", "scale": 1.0, "offset": 10.0}},
                  inputs=[{"id": "raw", "axes": [{"type": "batch"}, channel(["c"]), space("y", 16), space("x", 16)], "array": x}],
                  outputs=[{"id": "out", "axes": [{"type": "batch"}, channel(["c"]), space("y", ref("raw", "y")), space("x", ref("raw", "x"))], "perturb": perturb}],
                  config={"bioimageio": {"reproducibility_tolerance": [
                      {"relative_tolerance": 0.0, "absolute_tolerance": 0.05, "mismatched_elements_per_million": 0, "output_ids": ["out"],
                       "weights_formats": ["pytorch_state_dict"]}]}}))
    return f


def onnx_dims(axes, prefix):
    dims = []
    for k, a in enumerate(axes):
        size = a.get("size", 1 if a["type"] == "channel" else None)
        if a["type"] == "channel":
            dims.append(len(a["channel_names"]))
        elif isinstance(size, int):
            dims.append(size)
        else:
            dims.append(f"{prefix}{k}")
    return dims


def build(fx):
    folder = OUT / fx["name"]
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    (folder / "README.md").write_text(f"# {fx['name']}\n\n{fx['what']}\n\nGenerated by Scripts/gen_conformance_fixtures.py.\n")
    if fx.get("v04"):
        return build_v04(fx, folder)
    ins = {i["id"]: i for i in fx["inputs"]}
    network(fx["function"], folder / "weights.onnx",
            {i["id"]: onnx_dims(i["axes"], f"{i['id']}_") for i in fx["inputs"]},
            {o["id"]: ["d%d_%d" % (n, k) for k in range(len(o["axes"]))] for n, o in enumerate(fx["outputs"])})
    feeds = {i["id"]: np.asarray(i.get("network_input", i["array"]), dtype=np.float32) for i in fx["inputs"]}
    if any(i["axes"][0]["type"] != "batch" for i in fx["inputs"]):
        pass
    produced = run_onnx(folder / "weights.onnx", feeds)
    rdf_inputs, rdf_outputs = [], []
    for i in fx["inputs"]:
        np.save(folder / f"test_input_{i['id']}.npy", i["array"])
        d = {"id": i["id"], "axes": i["axes"],
             "test_tensor": {"source": f"test_input_{i['id']}.npy", "sha256": sha256(folder / f"test_input_{i['id']}.npy")}}
        if "data" in i:
            d["data"] = i["data"]
        if "preprocessing" in i:
            d["preprocessing"] = i["preprocessing"]
        rdf_inputs.append(d)
    for o in fx["outputs"]:
        value = produced[o["id"]]
        if "post" in o:
            value = o["post"](value)
        if "perturb" in o:
            value = value + o["perturb"]
        if "test_output" in o:
            value = o["test_output"]
        np.save(folder / f"test_output_{o['id']}.npy", value)
        d = {"id": o["id"], "axes": o["axes"],
             "test_tensor": {"source": f"test_output_{o['id']}.npy", "sha256": sha256(folder / f"test_output_{o['id']}.npy")}}
        if "data" in o:
            d["data"] = o["data"]
        if "postprocessing" in o:
            d["postprocessing"] = o["postprocessing"]
        rdf_outputs.append(d)
    rdf = description(fx["name"], rdf_inputs, rdf_outputs, fx.get("config"))
    rdf["weights"]["onnx"]["sha256"] = sha256(folder / "weights.onnx")
    write_yaml(folder / "bioimageio.yaml", rdf)
    return folder


def build_v04(fx, folder):
    fn = fx["function"]["out"]
    network(fx["function"], folder / "weights.onnx", {"raw": [1, 1, 16, 16]}, {"out": [1, 1, 16, 16]})
    x = fx["inputs"][0]["array"]
    produced = run_onnx(folder / "weights.onnx", {"raw": x})
    np.save(folder / "test_input.npy", x)
    np.save(folder / "test_output.npy", produced["out"])
    rdf = {
        "format_version": "0.4.10", "type": "model", "name": fx["name"],
        "description": f"Conformance fixture '{fx['name']}' of the BioImageIO Swift SDK (format 0.4).",
        "authors": AUTHORS, "cite": CITE, "license": "MIT", "documentation": "README.md",
        "timestamp": "2026-11-27T00:00:00",
        "inputs": [{"name": "raw", "axes": "bcyx", "data_type": "float32", "data_range": [float("-inf"), float("inf")], "shape": [1, 1, 16, 16]}],
        "outputs": [{"name": "out", "axes": "bcyx", "data_type": "float32", "data_range": [float("-inf"), float("inf")],
                     "shape": {"reference_tensor": "raw", "scale": [1.0, 1.0, 1.0, 1.0], "offset": [0.0, 0.0, 0.0, 0.0]}}],
        "test_inputs": ["test_input.npy"], "test_outputs": ["test_output.npy"],
        "weights": {"onnx": {"source": "weights.onnx", "sha256": sha256(folder / "weights.onnx"), "opset_version": 17}},
    }
    write_yaml(folder / "bioimageio.yaml", rdf)
    return folder


def reference_verdict(folder):
    from bioimageio.core import test_model
    summary = test_model(str(folder / "bioimageio.yaml"), weight_format="onnx")
    return {
        "status": summary.status,
        "details": [
            {"name": d.name, "status": d.status, "loc": list(d.loc),
             "errors": [{"loc": list(e.loc), "msg": e.msg, "type": e.type} for e in d.errors],
             "warnings": [{"loc": list(w.loc), "msg": w.msg, "type": w.type, "severity": w.severity} for w in d.warnings
                          if w.type == "bioimageio.core"]}
            for d in summary.details
        ],
    }


README_HEAD = """# Conformance fixtures

Small bioimage.io model packages with the reference's `test_model` verdict on each, for
`ModelTester` (`Tests/BioImageRuntimeTests/ModelTestConformanceTests.swift`) and the conformance kit
`BioImageIOTestSupport` (`ConformanceSuite`, `ConformanceChecker`), which adapter authors run from
their own tests.

* **Made by** `Scripts/gen_conformance_fixtures.py` (run with `.build/fixtures-venv/bin/python`).
  Each folder holds `bioimageio.yaml`, `weights.onnx` (a tiny graph written with the `onnx` 1.23.2
  package, opset 17), test tensors as `.npy` and a `README.md` (the description's documentation).
  Test outputs were computed with onnxruntime 1.32.0 (NumPy for pre/postprocessing), then
  perturbed where a fixture says so.
* **`expected.json`**: per fixture the reference's status (`passed`, or `valid-format` when a test
  failed: our `failed`), every detail's name, status, loc and errors, the `bioimageio.core` warnings,
  and `function`: what the network computes per output (`affine`, `sigmoid`, `add`, `box`, `crop`;
  see `ConformanceFunction`), so a test double can compute it without an ONNX engine. The
  reference is `bioimageio.core 0.11.0` `test_model(..., weight_format="onnx")` with
  `bioimageio.spec 0.5.14.3`.
* **License**: generated data, same license as the repository (no third-party content).
* Total size about 150 kB.

| fixture | format | reference | inference cases | processing | what |
|---|---|---|---|---|---|
"""

README_TAIL = """
Notes:
* Fixtures with processing need the processing layer; tests print a skip when it is a stub.
* Statistics are computed once on the raw inputs (notes §d.0), so each fixture uses at most one
  statistics-based preprocessing step (a chain such as scale_range → zero_mean_unit_variance would
  normalise with the raw input's statistics in the reference).
* `uint8_processing` has a bool output: our tolerance is the `any_discrete_output` one (0, 0, 1000)
  where the reference's substring quirk gives "mask" the default (1e-3, 1e-3, 100); both pass.
"""


def write_readme(expected):
    rows = []
    for f in expected["fixtures"]:
        runs = sum(1 for d in f["details"] if d["name"].startswith("Run "))
        rows.append(f"| `{f['name']}` | {f['format']} | {f['reference_status']} | {runs} | {'yes' if f['needs_processing'] else ''} | {f['what']} |")
    (OUT / "README.md").write_text(README_HEAD + "\n".join(rows) + "\n" + README_TAIL)


def main():
    os.environ.setdefault("BIOIMAGEIO_CI", "true")
    os.environ.setdefault("BIOIMAGEIO_LOG_WARNINGS", "false")
    OUT.mkdir(parents=True, exist_ok=True)
    expected = {"generator": "Scripts/gen_conformance_fixtures.py",
                "reference": "bioimageio.core 0.11.0 test_model(weight_format='onnx') with bioimageio.spec 0.5.14.3 and onnxruntime",
                "fixtures": []}
    for fx in fixture_list():
        folder = build(fx)
        verdict = reference_verdict(folder)
        wanted = "valid-format" if fx.get("expect_fail") else "passed"
        if verdict["status"] != wanted:
            print(json.dumps(verdict, indent=1), file=sys.stderr)
            raise SystemExit(f"{fx['name']}: reference status {verdict['status']}, wanted {wanted}")
        expected["fixtures"].append({
            "name": fx["name"], "what": fx["what"], "weight_format": "onnx", "format": "0.4" if fx.get("v04") else "0.5",
            "needs_processing": bool(fx.get("processing")),
            "function": fx["function"],
            "reference_status": verdict["status"],
            "details": verdict["details"],
        })
        print(f"{fx['name']}: {verdict['status']} ({len(verdict['details'])} details)")
    (OUT / "expected.json").write_text(json.dumps(expected, indent=1) + "\n")
    write_readme(expected)


if __name__ == "__main__":
    main()
