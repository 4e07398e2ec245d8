#!/usr/bin/env python
"""Generate Fixtures/runtime/processing: pre/postprocessing cases run by bioimageio.core 0.11.0.

Every case is a minimal model description (format 0.5 or 0.4) written to
`cases/<name>.rdf.yaml`, loaded with bioimageio.spec (no io checks), and run through
bioimageio.core's own processing operators (`proc_setup._get_described_procs`, `StatsCalculator`,
the same sequence `UpdateStats` + steps that the prediction pipeline uses) on 1-3 successive samples
with small random inputs. Inputs and expected results are written as `.npy` next to `index.json`.

Where core 0.11.0 cannot run a case (documented bugs, notes §d), the expected values follow the
spec's intent and the case is marked `"origin": "intent"` with a reason:
* output statistics: core computes every statistic before preprocessing, when outputs do not exist
  (KeyError); here core's own StatsCalculator is applied to the raw outputs just before
  postprocessing;
* per-axis binarize: core broadcasts the thresholds against the last dimension; numpy along the axis;
* zero_mean_unit_variance / scale_range `eps`: core 0.11.0 drops kwargs.eps (uses 1e-6); the
  operators are run with the described eps;
* 0.4 scale_linear with `axes`: core raises NotImplementedError; numpy along the complement axis;

Usage: .build/fixtures-venv/bin/python Scripts/gen_processing_fixtures.py
"""
import json
import os
import shutil
import sys
import warnings
from pathlib import Path

import numpy as np
import yaml

os.environ.setdefault("BIOIMAGEIO_LOG_WARNINGS", "false")
warnings.filterwarnings("ignore")
from loguru import logger  # noqa: E402

logger.remove()

from bioimageio.core import proc_ops  # noqa: E402
from bioimageio.core.digest_spec import get_member_id  # noqa: E402
from bioimageio.core.proc_setup import _get_described_procs  # noqa: E402
from bioimageio.core.sample import Sample  # noqa: E402
from bioimageio.core.stat_calculators import StatsCalculator  # noqa: E402
from bioimageio.core.tensor import Tensor  # noqa: E402
from bioimageio.spec import load_description  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "Fixtures" / "runtime" / "processing"
SHA = "0" * 64
rng = np.random.default_rng(20261127)

# ---------------------------------------------------------------------------------------------
# Description builders


def axes05(names, sizes, channels=None):
    out = []
    for name, size in zip(names, sizes):
        if name == "batch":
            out.append({"type": "batch"})
        elif name == "channel":
            out.append({"type": "channel", "channel_names": [f"c{i}" for i in range(size)]})
        else:
            out.append({"type": "space", "id": name, "size": size})
    return out


def model05(inputs, outputs):
    """inputs/outputs: dicts with id, axes, shape, dtype, steps."""
    return {
        "format_version": "0.5.4", "type": "model", "name": "processing fixture",
        "description": "processing fixture", "authors": [{"name": "Fixture"}],
        "cite": [{"text": "fixture", "doi": "10.1234/abcd"}], "license": "MIT",
        "documentation": "README.md",
        "inputs": [{"id": t["id"], "axes": axes05(t["axes"], t["shape"]), "data": {"type": t.get("dtype", "float32")},
                    "preprocessing": t.get("steps", [])} for t in inputs],
        "outputs": [{"id": t["id"], "axes": axes05(t["axes"], t["shape"]), "data": {"type": t.get("dtype", "float32")},
                     "postprocessing": t.get("steps", [])} for t in outputs],
        "weights": {"onnx": {"source": "weights.onnx", "sha256": SHA, "opset_version": 15}},
    }


def model04(inputs, outputs):
    return {
        "format_version": "0.4.10", "type": "model", "name": "processing fixture",
        "description": "processing fixture", "authors": [{"name": "Fixture"}],
        "cite": [{"text": "fixture", "doi": "10.1234/abcd"}], "license": "MIT",
        "documentation": "README.md", "timestamp": "2021-01-01T00:00:00",
        "test_inputs": [f"{t['id']}.npy" for t in inputs], "test_outputs": [f"{t['id']}.npy" for t in outputs],
        "inputs": [{"name": t["id"], "axes": t["letters"], "data_type": t.get("dtype", "float32"), "shape": t["shape"],
                    "preprocessing": t.get("steps", [])} for t in inputs],
        "outputs": [{"name": t["id"], "axes": t["letters"], "data_type": t.get("dtype", "float32"),
                     "shape": {"reference_tensor": inputs[0]["id"], "scale": [1.0] * len(t["shape"]), "offset": [0] * len(t["shape"])},
                     "postprocessing": t.get("steps", [])} for t in outputs],
        "weights": {"onnx": {"source": "weights.onnx", "sha256": SHA}},
    }


LETTER = {"b": "batch", "c": "channel", "t": "time", "i": "index"}


def dims_of(t):
    return t["axes"] if "axes" in t else [LETTER.get(c, c) for c in t["letters"]]


def step(id_, **kwargs):
    # `kwargs: {}` rather than no kwargs: bioimageio.spec defaults a missing mapping for softmax,
    # zero_mean_unit_variance and scale_range; the Swift validator (so far) requires it.
    return {"id": id_} if id_ == "sigmoid" else {"id": id_, "kwargs": kwargs}


def step04(name, **kwargs):
    return {"name": name, "kwargs": kwargs} if kwargs else {"name": name}


# ---------------------------------------------------------------------------------------------
# Data


def data(shape, dtype="float32", loc=50.0, scale=10.0, nan=0):
    if np.dtype(dtype).kind in "ui":
        info = np.iinfo(dtype)
        hi = min(int(info.max), 4000)
        a = rng.integers(0, hi, size=shape).astype(dtype)
    else:
        a = (rng.normal(loc, scale, size=shape)).astype(dtype)
        flat = a.reshape(-1)
        for i in rng.choice(flat.size, size=nan, replace=False):
            flat[i] = np.nan
    return a


# ---------------------------------------------------------------------------------------------
# Running core


def run_case(name, rdf, samples, fix_eps=False, manual=None):
    """samples: list of (inputs {id: (array, dims)}, raw outputs {id: (array, dims)})."""
    path = OUT / "cases" / f"{name}.rdf.yaml"
    path.write_text(yaml.safe_dump(rdf, sort_keys=False))
    model = load_description(path, perform_io_checks=False)
    if model.validation_summary.status != "valid-format":
        print(model.validation_summary.display() if hasattr(model.validation_summary, "display") else model.validation_summary)
        raise SystemExit(f"{name}: invalid description")
    results = []
    if manual is not None:
        expected = manual(samples)
    else:
        pre = _get_described_procs(model.inputs)
        post = _get_described_procs(model.outputs)
        if fix_eps:
            steps = [s for t in rdf["inputs"] for s in t.get("preprocessing", [])] + \
                    [s for t in rdf["outputs"] for s in t.get("postprocessing", [])]
            eps = [s["kwargs"]["eps"] for s in steps if s.get("kwargs", {}).get("eps") is not None]
            for op in pre + post:
                if isinstance(op, (proc_ops.ZeroMeanUnitVariance, proc_ops.ScaleRange)) and eps:
                    op.eps = float(eps[0])
        input_ids = {get_member_id(t) for t in model.inputs}
        measures = {m for p in pre + post for m in p.required_measures}
        in_calc = StatsCalculator({m for m in measures if m.member_id in input_ids})
        out_calc = StatsCalculator({m for m in measures if m.member_id not in input_ids})
        has_in = any(m.member_id in input_ids for m in measures)
        has_out = any(m.member_id not in input_ids for m in measures)
        expected = []
        for k, (inputs, outputs) in enumerate(samples):
            s = Sample(members={i: Tensor.from_numpy(a, dims=d) for i, (a, d) in inputs.items()}, stat={}, id=k)
            if has_in:
                s.stat.update(in_calc.update_and_get_all(s))
            for op in pre:
                op(s)
            pre_out = {}
            for t in model.inputs:
                mid = get_member_id(t)
                dims = [str(a.id) for a in t.axes] if hasattr(t.axes[0], "id") else [LETTER.get(c, c) for c in t.axes]
                arr = s.members[mid].data
                missing = [d for d in dims if d not in arr.dims]
                if missing:
                    arr = arr.expand_dims(missing)
                pre_out[str(mid)] = arr.transpose(*dims).values
            o = Sample(members={i: Tensor.from_numpy(a, dims=d) for i, (a, d) in outputs.items()}, stat=dict(s.stat), id=k)
            if has_out:
                o.stat.update(out_calc.update_and_get_all(o))
            for op in post:
                op(o)
            post_out = {str(i): o.members[i].data.values for i in o.members}
            expected.append((pre_out, post_out))
    for k, (inputs, outputs) in enumerate(samples):
        entry = {"inputs": {}, "outputs": {}, "expectedInputs": {}, "expectedOutputs": {}}
        for i, (a, d) in inputs.items():
            f = f"{name}.s{k}.in.{i}.npy"
            np.save(OUT / "data" / f, a)
            entry["inputs"][i] = {"file": f, "axes": list(d)}
        for i, (a, d) in outputs.items():
            f = f"{name}.s{k}.raw.{i}.npy"
            np.save(OUT / "data" / f, a)
            entry["outputs"][i] = {"file": f, "axes": list(d)}
        pre_out, post_out = expected[k]
        for i, a in pre_out.items():
            f = f"{name}.s{k}.pre.{i}.npy"
            np.save(OUT / "data" / f, np.ascontiguousarray(a))
            entry["expectedInputs"][i] = f
        for i, a in post_out.items():
            f = f"{name}.s{k}.post.{i}.npy"
            np.save(OUT / "data" / f, np.ascontiguousarray(a))
            entry["expectedOutputs"][i] = f
        results.append(entry)
    return results


# ---------------------------------------------------------------------------------------------
# Cases

CASES = []


def case(name, origin="core", note="", tolerance=None):
    def register(fn):
        CASES.append((name, origin, note, tolerance, fn))
        return fn
    return register


BCYX = ["batch", "channel", "y", "x"]
S = [1, 2, 6, 7]


def one_input(steps, dtype="float32", raw_dtype="float32", shape=S, nan=0, samples=1, out_steps=(), out_dtype="float32", **kw):
    """A model with input 'raw' (steps `steps`) and output 'out' (steps `out_steps`)."""
    rdf = model05([{"id": "raw", "axes": BCYX, "shape": shape, "dtype": dtype, "steps": steps}],
                  [{"id": "out", "axes": BCYX, "shape": shape, "dtype": out_dtype, "steps": list(out_steps)}])
    smp = [({"raw": (data(shape, raw_dtype, nan=nan, **kw), BCYX)}, {"out": (data(shape, "float32", 0.0, 2.0), BCYX)}) for _ in range(samples)]
    return rdf, smp


def one_output(steps, dtype="float32", raw_dtype="float32", shape=S, nan=0, samples=1, loc=0.0, scale=2.0):
    rdf = model05([{"id": "raw", "axes": BCYX, "shape": shape}],
                  [{"id": "out", "axes": BCYX, "shape": shape, "dtype": dtype, "steps": steps}])
    smp = [({"raw": (data(shape, "float32"), BCYX)}, {"out": (data(shape, raw_dtype, loc, scale, nan=nan), BCYX)}) for _ in range(samples)]
    return rdf, smp


@case("zmuv_sample_yx_f32")
def _():
    return one_input([step("zero_mean_unit_variance", axes=["y", "x"])])


@case("zmuv_sample_channel_y_x_f32")
def _():
    return one_input([step("zero_mean_unit_variance", axes=["channel", "y", "x"])])


@case("zmuv_sample_xy_f64_raw")
def _():
    return one_input([step("zero_mean_unit_variance", axes=["x", "y"])], raw_dtype="float64")


@case("zmuv_sample_uint8_raw", note="statistics of the raw uint8 input (float64), then ensure_dtype(float32)")
def _():
    return one_input([step("zero_mean_unit_variance", axes=["y", "x"])], raw_dtype="uint8")


@case("zmuv_sample_nan", note="NaN skipped by the mean, propagated by the std")
def _():
    return one_input([step("zero_mean_unit_variance", axes=["y", "x"])], nan=2)


@case("zmuv_dataset_all_running", note="axes null: dataset statistics over three successive samples")
def _():
    return one_input([step("zero_mean_unit_variance")], samples=3)


@case("zmuv_dataset_batch_running", note="axes with batch: per-channel dataset statistics over three samples of batch 2")
def _():
    return one_input([step("zero_mean_unit_variance", axes=["batch", "y", "x"])], samples=3, shape=[2, 2, 5, 4])


@case("zmuv_eps", origin="intent", note="core 0.11.0 ignores kwargs.eps; run with the described eps")
def _():
    return one_input([step("zero_mean_unit_variance", axes=["y", "x"], eps=0.01)], loc=0.5, scale=0.05)


@case("zmuv_then_scale_linear_raw_stats", note="statistics come from the raw input, before scale_linear")
def _():
    return one_input([step("scale_linear", gain=2.0, offset=5.0), step("zero_mean_unit_variance", axes=["y", "x"])])


@case("scale_range_sample_xy")
def _():
    return one_input([step("scale_range", axes=["x", "y"], min_percentile=1.0, max_percentile=99.8)])


@case("scale_range_sample_uint16", note="linear quantiles of the raw uint16 input")
def _():
    return one_input([step("scale_range", axes=["y", "x"], min_percentile=3, max_percentile=97)], raw_dtype="uint16")


@case("scale_range_sample_channel_y_x_f64")
def _():
    return one_input([step("scale_range", axes=["channel", "y", "x"], min_percentile=0, max_percentile=100)], raw_dtype="float64")


@case("scale_range_defaults_dataset_running", note="axes null: running average of per-sample linear quantiles")
def _():
    return one_input([step("scale_range", min_percentile=5, max_percentile=95)], samples=3)


@case("scale_range_nan")
def _():
    return one_input([step("scale_range", axes=["y", "x"], min_percentile=10, max_percentile=90)], nan=3)


@case("scale_range_eps", origin="intent", note="core 0.11.0 ignores kwargs.eps; run with the described eps")
def _():
    return one_input([step("scale_range", axes=["y", "x"], min_percentile=1, max_percentile=99, eps=0.05)])


@case("scale_range_reference_input")
def _():
    rdf = model05([{"id": "a", "axes": BCYX, "shape": S}, {"id": "b", "axes": BCYX, "shape": S,
                   "steps": [step("scale_range", axes=["y", "x"], max_percentile=99.0, reference_tensor="a")]}],
                  [{"id": "out", "axes": BCYX, "shape": S}])
    return rdf, [({"a": (data(S), BCYX), "b": (data(S, loc=3.0), BCYX)}, {"out": (data(S), BCYX)})]


@case("scale_range_post_reference_input", note="postprocessing statistics of an input work in core")
def _():
    return one_input([], out_steps=[step("scale_range", axes=["y", "x"], min_percentile=2, max_percentile=98, reference_tensor="raw")])


@case("scale_range_post_own", origin="intent", note="output statistics from the raw output (core: KeyError)")
def _():
    return one_output([step("sigmoid"), step("scale_range", axes=["y", "x"], max_percentile=99.5)])


@case("clip_fixed_nan", note="np.clip keeps NaN")
def _():
    return one_input([step("clip", min=45.0, max=55.0)], nan=2)


@case("clip_percentile_sample_nan", note="sample mode: inverted_cdf quantiles; NaN becomes the lower bound")
def _():
    return one_input([step("clip", min_percentile=10, max_percentile=90, axes=["y", "x"])], nan=2)


@case("clip_max_percentile_only_nan", note="NaN becomes the upper bound")
def _():
    return one_input([step("clip", max_percentile=75, axes=["channel", "y", "x"])], nan=1)


@case("clip_percentile_dataset_running", note="dataset mode: running average of linear quantiles")
def _():
    return one_input([step("clip", min_percentile=5, max_percentile=95)], samples=2)


@case("clip_percentile_uint8_sample", note="inverted_cdf quantiles of uint8 stay uint8")
def _():
    return one_input([step("clip", min_percentile=20, max_percentile=80, axes=["y", "x"])], raw_dtype="uint8", dtype="uint8")


@case("clip_fixed_uint8", note="float bounds on uint8 give float64, cast back to uint8")
def _():
    return one_input([step("clip", min=10.0, max=200.5)], raw_dtype="uint8", dtype="uint8")


@case("ensure_dtype_truncation", note="float -> uint8 truncates toward zero; offset after the first cast")
def _():
    rdf, smp = one_input([step("scale_linear", offset=0.7)], dtype="uint8")
    a = np.array([0.0, 0.5, 0.99, 1.0, 3.9, 7.2, 100.999, 254.2] * 10 + [12.5, 13.5, 14.5, 2.0], dtype="float32").reshape(S)
    smp[0][0]["raw"] = (a, BCYX)
    return rdf, smp


@case("ensure_dtype_negative_int16", note="negative floats truncate toward zero")
def _():
    rdf, smp = one_output([step("scale_linear", gain=-1.5, offset=0.25)], dtype="int16")
    return rdf, smp


@case("ensure_dtype_float64_to_float32")
def _():
    return one_input([step("ensure_dtype", dtype="float64"), step("scale_linear", gain=1.0 / 3.0)], raw_dtype="float64")


@case("scale_linear_scalar")
def _():
    return one_input([step("scale_linear", gain=2.5, offset=-3.0)])


@case("scale_linear_axis_channel")
def _():
    return one_input([step("scale_linear", axis="channel", gain=[1.5, -2.0], offset=[10.0, 0.5])])


@case("scale_linear_axis_x_other_order", note="raw input given as (x, y, channel, batch); parameters by axis name")
def _():
    rdf, smp = one_input([step("scale_linear", axis="x", gain=[float(i) for i in range(1, 8)], offset=0.5)])
    a = data([7, 6, 2, 1])
    smp[0][0]["raw"] = (a, ["x", "y", "channel", "batch"])
    return rdf, smp


@case("zmuv_other_order", note="raw input given as (y, x, channel) without batch")
def _():
    rdf, smp = one_input([step("zero_mean_unit_variance", axes=["y", "x"])])
    smp[0][0]["raw"] = (data([6, 7, 2]), ["y", "x", "channel"])
    return rdf, smp


@case("fixed_zmuv_scalar")
def _():
    return one_input([step("fixed_zero_mean_unit_variance", mean=50.0, std=10.0)])


@case("fixed_zmuv_axis_channel")
def _():
    return one_input([step("fixed_zero_mean_unit_variance", axis="channel", mean=[40.0, 60.0], std=[5.0, 20.0])])


@case("sigmoid_post")
def _():
    return one_output([step("sigmoid")])


@case("softmax_channel_post")
def _():
    return one_output([step("softmax", axis="channel")], shape=[1, 3, 4, 5])


@case("softmax_single_channel")
def _():
    return one_output([step("softmax")], shape=[1, 1, 4, 5])


@case("binarize_scalar_post")
def _():
    return one_output([step("sigmoid"), step("binarize", threshold=0.5)])


@case("binarize_axis_channel", origin="intent",
      note="core broadcasts per-axis thresholds against the last dimension (bug); numpy along the axis")
def _():
    rdf, smp = one_output([step("binarize", axis="channel", threshold=[-1.0, 0.0, 1.0])], shape=[1, 3, 4, 5])

    def manual(samples):
        out = []
        for inputs, outputs in samples:
            a, _ = inputs["raw"]
            r, _ = outputs["out"]
            out.append(({"raw": a.astype("float32")}, {"out": r > np.array([-1.0, 0.0, 1.0]).reshape(1, 3, 1, 1)}))
        return out
    return rdf, smp, manual


@case("scale_mean_variance_post", origin="intent", note="output statistics from the raw output (core: KeyError)")
def _():
    return one_input([], out_steps=[step("scale_mean_variance", reference_tensor="raw", axes=["y", "x"])])


@case("scale_mean_variance_post_axes_null", origin="intent", note="axes null is sample mode for scale_mean_variance")
def _():
    return one_input([], out_steps=[step("scale_mean_variance", reference_tensor="raw", eps=0.001)])


@case("zmuv_post", origin="intent", note="output statistics from the raw output (core: KeyError)")
def _():
    return one_output([step("zero_mean_unit_variance", axes=["channel", "y", "x"])])


@case("post_uint8_output")
def _():
    return one_output([step("scale_linear", gain=20.0, offset=100.25)], dtype="uint8")


# --- format 0.4 --------------------------------------------------------------------------------

L4 = "bcyx"


def legacy(in_steps=(), out_steps=(), in_dtype="float32", out_dtype="float32", raw_dtype="float32", samples=1, shape=S, letters=L4):
    rdf = model04([{"id": "input0", "letters": letters, "shape": shape, "dtype": in_dtype, "steps": list(in_steps)}],
                  [{"id": "output0", "letters": letters, "shape": shape, "dtype": out_dtype, "steps": list(out_steps)}])
    dims = [LETTER.get(c, c) for c in letters]
    smp = [({"input0": (data(shape, raw_dtype), dims)}, {"output0": (data(shape, "float32", 0.0, 2.0), dims)}) for _ in range(samples)]
    return rdf, smp


@case("v04_zmuv_per_sample_yx")
def _():
    return legacy([step04("zero_mean_unit_variance", mode="per_sample", axes="yx")])


@case("v04_zmuv_per_sample_cyx_uint8", note="0.4: ensure_dtype(uint8) first, float32 at the end")
def _():
    return legacy([step04("zero_mean_unit_variance", mode="per_sample", axes="cyx", eps=0.01)], in_dtype="uint8", raw_dtype="uint8")


@case("v04_zmuv_fixed_lists", note="fixed mean/std lists along the complement axis (channel)")
def _():
    return legacy([step04("zero_mean_unit_variance", mode="fixed", axes="xy", mean=[40.0, 60.0], std=[5.0, 20.0])])


@case("v04_zmuv_fixed_scalar")
def _():
    return legacy([step04("zero_mean_unit_variance", mode="fixed", axes="cyx", mean=50.0, std=10.0)])


@case("v04_zmuv_per_dataset", note="per_dataset: dataset measures over [batch, y, x], two successive samples")
def _():
    return legacy([step04("zero_mean_unit_variance", mode="per_dataset", axes="yx")], samples=2, shape=[1, 2, 5, 4])


@case("v04_scale_range_per_sample")
def _():
    return legacy([step04("scale_range", mode="per_sample", axes="xyc", min_percentile=0, max_percentile=99.8)])


@case("v04_scale_range_reference")
def _():
    rdf = model04([{"id": "input0", "letters": L4, "shape": S}, {"id": "input1", "letters": L4, "shape": S,
                   "steps": [step04("scale_range", mode="per_sample", axes="yx", min_percentile=1, max_percentile=99, reference_tensor="input0")]}],
                  [{"id": "output0", "letters": L4, "shape": S}])
    return rdf, [({"input0": (data(S), BCYX), "input1": (data(S, loc=5.0), BCYX)}, {"output0": (data(S), BCYX)})]


@case("v04_scale_linear_scalar_and_post")
def _():
    return legacy([step04("scale_linear", gain=2.0, offset=1.0)], [step04("sigmoid"), step04("binarize", threshold=0.5)], out_dtype="uint8")


@case("v04_scale_linear_axes", origin="intent", note="core: NotImplementedError; lists along the complement axis (channel)")
def _():
    rdf, smp = legacy([step04("scale_linear", axes="xy", gain=[2.0, 3.0], offset=[1.0, -1.0])])

    def manual(samples):
        out = []
        for inputs, outputs in samples:
            a, _ = inputs["input0"]
            y = (a.astype("float32") * np.array([2.0, 3.0]).reshape(1, 2, 1, 1) + np.array([1.0, -1.0]).reshape(1, 2, 1, 1)).astype("float32")
            out.append(({"input0": y}, {"output0": outputs["output0"][0].astype("float32")}))
        return out
    return rdf, smp, manual


@case("v04_clip_post_uint8_output", note="0.4 outputs end float32 whatever data_type says")
def _():
    return legacy([], [step04("clip", min=-1.0, max=1.0)], out_dtype="uint8")


@case("v04_scale_mean_variance_post", origin="intent", note="output statistics from the raw output (core: KeyError)")
def _():
    return legacy([], [step04("scale_mean_variance", mode="per_sample", reference_tensor="input0", axes="yx")])


def real_packages():
    """Core's preprocessing of the test inputs of the corpus packages, summarised (sum, sum of
    squares, 64 values at fixed flat positions), so the Swift test checks real data without
    committing megabytes. Returns [] when ../shared/corpus is absent."""
    from bioimageio.core.digest_spec import get_test_input_sample

    corpus = ROOT.parent / "shared" / "corpus"
    manifest = corpus / "manifest.tsv"
    if not manifest.exists():
        print("no ../shared/corpus: real-package summaries skipped")
        return []
    out = []
    for line in manifest.read_text().splitlines()[1:]:
        fields = line.split("\t")
        if len(fields) < 5 or fields[4] != "model" or not fields[0].startswith("packages/"):
            continue
        model = load_description(corpus / fields[0], perform_io_checks=False)
        if model.validation_summary.status != "valid-format":
            continue
        try:
            sample = get_test_input_sample(model)
        except Exception as e:
            print(f"{fields[0]}: no test input sample ({type(e).__name__})")
            continue
        pre = _get_described_procs(model.inputs)
        measures = {m for p in pre for m in p.required_measures}
        if measures:
            sample.stat.update(StatsCalculator(measures).update_and_get_all(sample))
        for op in pre:
            op(sample)
        for t in model.inputs:
            mid = get_member_id(t)
            dims = [str(a.id) for a in t.axes] if hasattr(t.axes[0], "id") else [LETTER.get(c, c) for c in t.axes]
            a = sample.members[mid].data.transpose(*dims).values
            flat = a.reshape(-1).astype("float64")
            positions = np.linspace(0, flat.size - 1, 64).astype(int)
            out.append({"package": fields[0], "input": str(mid), "dtype": str(a.dtype), "shape": list(a.shape),
                        "sum": float(flat.sum()), "sumOfSquares": float((flat * flat).sum()),
                        "positions": positions.tolist(), "values": flat[positions].tolist()})
            print(f"{fields[0]} input {mid}: {a.dtype} {a.shape}")
    return out


def main():
    # Regenerate everything but the hand-written README.md.
    for sub in ("cases", "data"):
        if (OUT / sub).exists():
            shutil.rmtree(OUT / sub)
    (OUT / "cases").mkdir(parents=True)
    (OUT / "data").mkdir()
    index = []
    for name, origin, note, tolerance, fn in CASES:
        made = fn()
        manual = made[2] if len(made) == 3 else None
        rdf, samples = made[0], made[1]
        fix_eps = name in ("zmuv_eps", "scale_range_eps")
        try:
            entries = run_case(name, rdf, samples, fix_eps=fix_eps, manual=manual)
        except Exception as e:  # a case core cannot run must be marked, never silently dropped
            raise SystemExit(f"{name}: {type(e).__name__}: {e}")
        index.append({"name": name, "description": f"cases/{name}.rdf.yaml", "origin": origin, "note": note, "samples": entries})
        print(f"{name}: {len(entries)} sample(s) [{origin}]")
    (OUT / "real_packages.json").write_text(json.dumps({"generator": "Scripts/gen_processing_fixtures.py",
                                                         "inputs": real_packages()}, indent=1))
    (OUT / "index.json").write_text(json.dumps({"generator": "Scripts/gen_processing_fixtures.py",
                                                 "core": "bioimageio.core 0.11.0", "cases": index}, indent=1))
    size = sum(f.stat().st_size for f in OUT.rglob("*") if f.is_file())
    print(f"{len(index)} cases, {size} bytes")


if __name__ == "__main__":
    sys.exit(main())
