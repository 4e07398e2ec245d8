#!/usr/bin/env python
"""Generate Fixtures/runtime/tiling: tiled and whole-sample predictions by bioimageio.core 0.11.0.

The model is a 5x5 box filter written with the `onnx` package (Conv with weights 1/25 and zero
padding 2, i.e. receptive-field radius 2) and run by ONNX Runtime inside bioimageio.core's
`PredictionPipeline`:

* input `raw` (batch, channel, y, x), float32, y and x parameterized `{min: 16, step: 8}`;
* output `out` = the filtered input, halo 4 on y and x (input halo 4);
* output `down` = every second filtered pixel (scale 2, halo 2, so input halo 2*2 = 4).

For each input pad mode (symmetric = the default, reflect) core predicts
* a 46 x 66 sample block-wise with `ns = 1` and `ns = 2` (`predict_sample_with_blocking`), recording
  the number of blocks; 46 and 66 keep core's shifted last block at an even start, where core's
  half-resolution output is aligned (core floors odd starts; the SDK aligns them);
* a 40 x 56 sample whole (`predict_sample_without_blocking`: padded by the halo, cropped after).

Outputs: `<case>.npy` files and `index.json` (case → input, outputs, block count).
Usage: .build/fixtures-venv/bin/python Scripts/gen_tiling_fixtures.py
"""
import json
import os
import shutil
import tempfile
import warnings
from pathlib import Path

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

os.environ.setdefault("BIOIMAGEIO_LOG_WARNINGS", "false")
os.environ.setdefault("BIOIMAGEIO_CI", "true")
warnings.filterwarnings("ignore")
from loguru import logger  # noqa: E402

logger.remove()

from bioimageio.core import create_prediction_pipeline  # noqa: E402
from bioimageio.core.sample import Sample  # noqa: E402
from bioimageio.core.tensor import Tensor  # noqa: E402
from bioimageio.spec import load_description  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "Fixtures" / "runtime" / "tiling"
rng = np.random.default_rng(20261128)


def box_onnx(path: Path) -> None:
    weight = numpy_helper.from_array(np.full((1, 1, 5, 5), 1 / 25, dtype=np.float32), "w")
    starts = numpy_helper.from_array(np.array([0, 0], dtype=np.int64), "starts")
    ends = numpy_helper.from_array(np.array([2**31, 2**31], dtype=np.int64), "ends")
    axes = numpy_helper.from_array(np.array([2, 3], dtype=np.int64), "axes")
    steps = numpy_helper.from_array(np.array([2, 2], dtype=np.int64), "steps")
    nodes = [
        helper.make_node("Conv", ["raw", "w"], ["out"], pads=[2, 2, 2, 2], kernel_shape=[5, 5]),
        helper.make_node("Slice", ["out", "starts", "ends", "axes", "steps"], ["down"]),
    ]
    dims = ["b", 1, "h", "w"]
    graph = helper.make_graph(
        nodes, "box",
        [helper.make_tensor_value_info("raw", TensorProto.FLOAT, dims)],
        [helper.make_tensor_value_info("out", TensorProto.FLOAT, dims),
         helper.make_tensor_value_info("down", TensorProto.FLOAT, ["b", 1, "h2", "w2"])],
        [weight, starts, ends, axes, steps])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    onnx.checker.check_model(model)
    onnx.save(model, str(path))


def rdf(pad: str | None) -> str:
    pad_line = f"    pad: {{mode: {pad}}}\n" if pad else ""
    space = lambda a: f"      - {{type: space, id: {a}, size: {{min: 16, step: 8}}}}\n"  # noqa: E731
    ref = lambda a, halo, scale: (  # noqa: E731
        f"      - {{type: space, id: {a}, halo: {halo}, scale: {scale}, size: {{tensor_id: raw, axis_id: {a}}}}}\n")
    return (
        "format_version: 0.5.4\ntype: model\nname: box filter\ndescription: a 5x5 box filter\n"
        "authors: [{name: Test}]\ncite: [{text: none, doi: 10.1000/xyz}]\nlicense: MIT\n"
        "documentation: README.md\ntimestamp: 2026-11-28T00:00:00\n"
        "inputs:\n  - id: raw\n    axes:\n      - {type: batch}\n"
        "      - {type: channel, channel_names: [c0]}\n" + space("y") + space("x") +
        "    test_tensor: {source: in.npy}\n" + pad_line +
        "outputs:\n  - id: out\n    axes:\n      - {type: batch}\n      - {type: channel, channel_names: [c0]}\n"
        + ref("y", 4, 1) + ref("x", 4, 1) + "    test_tensor: {source: out.npy}\n"
        "  - id: down\n    axes:\n      - {type: batch}\n      - {type: channel, channel_names: [c0]}\n"
        + ref("y", 2, 2) + ref("x", 2, 2) + "    test_tensor: {source: down.npy}\n"
        "weights:\n  onnx: {source: box.onnx, opset_version: 17}\n")


def main() -> None:
    if OUT.exists():
        shutil.rmtree(OUT)
    OUT.mkdir(parents=True)
    tiled_input = rng.random((1, 1, 46, 66), dtype=np.float32)
    whole_input = rng.random((1, 1, 40, 56), dtype=np.float32)
    np.save(OUT / "tiled_input.npy", tiled_input)
    np.save(OUT / "whole_input.npy", whole_input)
    index = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        box_onnx(folder / "box.onnx")
        (folder / "README.md").write_text("box\n")
        for pad in [None, "reflect"]:
            (folder / "rdf.yaml").write_text(rdf(pad))
            model = load_description(folder / "rdf.yaml", perform_io_checks=False)
            assert model.validation_summary.status == "valid-format", model.validation_summary.format()
            pipeline = create_prediction_pipeline(model, weights_format="onnx")
            mode = pad or "symmetric"
            dims = ("batch", "channel", "y", "x")
            for ns in [1, 2]:
                sample = Sample(members={"raw": Tensor(tiled_input.copy(), dims=dims)}, stat={}, id=None)
                n_blocks, blocks = pipeline.predict_sample_with_blocking_yield_intermediates(sample, ns=ns)
                result = None
                for result in blocks:
                    pass
                name = f"{mode}_tiled_n{ns}"
                entry = {"input": "tiled_input.npy", "pad": mode, "blockParameter": ns, "blocks": n_blocks, "outputs": {}}
                for member, tensor in result.sample.members.items():
                    np.save(OUT / f"{name}_{member}.npy", tensor.data.to_numpy().astype(np.float32))
                    entry["outputs"][str(member)] = f"{name}_{member}.npy"
                index[name] = entry
            sample = Sample(members={"raw": Tensor(whole_input.copy(), dims=dims)}, stat={}, id=None)
            result = pipeline.predict_sample_without_blocking(sample)
            name = f"{mode}_whole"
            entry = {"input": "whole_input.npy", "pad": mode, "blockParameter": None, "blocks": 1, "outputs": {}}
            for member, tensor in result.members.items():
                np.save(OUT / f"{name}_{member}.npy", tensor.data.to_numpy().astype(np.float32))
                entry["outputs"][str(member)] = f"{name}_{member}.npy"
            index[name] = entry
    (OUT / "index.json").write_text(json.dumps(index, indent=2, sort_keys=True) + "\n")
    print(json.dumps({k: {"blocks": v["blocks"], "outputs": list(v["outputs"])} for k, v in index.items()}))


if __name__ == "__main__":
    main()
