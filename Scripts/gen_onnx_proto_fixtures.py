#!/usr/bin/env python3
"""Generate Fixtures/onnx/proto/: TensorProto files of every dtype (raw_data and typed fields),
small models (external data, initializer defaults, packed/unpacked attributes) and their
expected values, written with the `onnx` package (the reference serializer) and numpy.

Run with the fixtures venv:  .build/fixtures-venv/bin/python Scripts/gen_onnx_proto_fixtures.py
"""
import os
import shutil

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Fixtures", "onnx", "proto")
TENSORS = os.path.join(ROOT, "tensors")
MODELS = os.path.join(ROOT, "models")


def reset(path):
    if os.path.isdir(path):
        shutil.rmtree(path)
    os.makedirs(path)


def write(path, message):
    with open(path, "wb") as f:
        f.write(message.SerializeToString())


def float_to_bf16_bits(values):
    bits = np.asarray(values, dtype=np.float32).view(np.uint32)
    # round to nearest even, like onnx.helper's float32_to_bfloat16
    rounded = ((bits + 0x7FFF + ((bits >> 16) & 1)) >> 16).astype(np.uint16)
    return rounded


def tensors():
    reset(TENSORS)
    shape = (2, 3)
    samples = {
        "float32": (TensorProto.FLOAT, np.array([[0.0, -1.5, 3.25], [np.inf, -np.inf, 1e-30]], np.float32)),
        "float64": (TensorProto.DOUBLE, np.array([[0.0, -1.5, 3.25], [1e300, -1e-300, np.pi]], np.float64)),
        "float16": (TensorProto.FLOAT16, np.array([[0.0, -1.5, 3.25], [65504, -6.1e-5, 1e-7]], np.float16)),
        "int8": (TensorProto.INT8, np.array([[0, -128, 127], [1, -1, 42]], np.int8)),
        "int16": (TensorProto.INT16, np.array([[0, -32768, 32767], [1, -1, 42]], np.int16)),
        "int32": (TensorProto.INT32, np.array([[0, -2**31, 2**31 - 1], [1, -1, 42]], np.int32)),
        "int64": (TensorProto.INT64, np.array([[0, -2**63, 2**63 - 1], [1, -1, 42]], np.int64)),
        "uint8": (TensorProto.UINT8, np.array([[0, 255, 128], [1, 2, 42]], np.uint8)),
        "uint16": (TensorProto.UINT16, np.array([[0, 65535, 32768], [1, 2, 42]], np.uint16)),
        "uint32": (TensorProto.UINT32, np.array([[0, 2**32 - 1, 2**31], [1, 2, 42]], np.uint32)),
        "uint64": (TensorProto.UINT64, np.array([[0, 2**64 - 1, 2**63], [1, 2, 42]], np.uint64)),
        "bool": (TensorProto.BOOL, np.array([[True, False, True], [False, False, True]], np.bool_)),
    }
    for name, (code, array) in samples.items():
        assert array.shape == shape
        raw = numpy_helper.from_array(array, name=name)
        assert raw.HasField("raw_data")
        write(os.path.join(TENSORS, f"{name}_raw.pb"), raw)
        # Typed fields, as make_tensor writes them without raw=True.
        # (make_tensor converts FLOAT16 values itself and stores their bit patterns in int32_data.)
        typed = helper.make_tensor(name, code, shape, array.flatten().tolist())
        assert not typed.HasField("raw_data")
        write(os.path.join(TENSORS, f"{name}_typed.pb"), typed)
        np.save(os.path.join(TENSORS, f"{name}.npy"), array)
    # bfloat16 decodes to float32: expected values are the bfloat16-rounded floats.
    values = np.array([[0.0, -1.5, 3.140625], [1e10, -2.0**-20, 65280.0]], np.float32)
    bits = float_to_bf16_bits(values)
    expected = (bits.astype(np.uint32) << 16).view(np.float32)
    raw = TensorProto(name="bfloat16", data_type=TensorProto.BFLOAT16, dims=list(shape), raw_data=bits.tobytes())
    write(os.path.join(TENSORS, "bfloat16_raw.pb"), raw)
    typed = TensorProto(name="bfloat16", data_type=TensorProto.BFLOAT16, dims=list(shape))
    typed.int32_data.extend(int(b) for b in bits.flatten())
    write(os.path.join(TENSORS, "bfloat16_typed.pb"), typed)
    np.save(os.path.join(TENSORS, "bfloat16.npy"), expected)
    # Edge cases: rank 0, empty, string (unsupported).
    write(os.path.join(TENSORS, "scalar_float32.pb"), numpy_helper.from_array(np.array(2.5, np.float32), "scalar"))
    np.save(os.path.join(TENSORS, "scalar_float32.npy"), np.array(2.5, np.float32))
    write(os.path.join(TENSORS, "empty_float32.pb"), numpy_helper.from_array(np.zeros((0, 3), np.float32), "empty"))
    np.save(os.path.join(TENSORS, "empty_float32.npy"), np.zeros((0, 3), np.float32))
    write(os.path.join(TENSORS, "string.pb"), helper.make_tensor("s", TensorProto.STRING, [2], [b"a", b"b"]))


def models():
    reset(MODELS)
    rng = np.random.default_rng(7)
    x = rng.standard_normal((1, 2, 3, 4)).astype(np.float32)
    w = rng.standard_normal((1, 2, 3, 4)).astype(np.float32)
    b = rng.standard_normal((4,)).astype(np.float32)

    # y = relu(x + w) * b, with w and b stored in one external file.
    graph = helper.make_graph(
        [helper.make_node("Add", ["x", "w"], ["s"], name="add"),
         helper.make_node("Relu", ["s"], ["r"], name="relu"),
         helper.make_node("Mul", ["r", "b"], ["y"], name="mul")],
        "external", [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["batch", 2, 3, 4])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["batch", 2, 3, 4])],
        [numpy_helper.from_array(w, "w"), numpy_helper.from_array(b, "b")])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)], producer_name="gen_onnx_proto_fixtures")
    folder = os.path.join(MODELS, "external")
    os.makedirs(folder)
    onnx.save_model(model, os.path.join(folder, "model.onnx"), save_as_external_data=True, all_tensors_to_one_file=True,
                    location="weights.data", size_threshold=0)
    checked = onnx.load(os.path.join(folder, "model.onnx"), load_external_data=False)
    assert all(t.data_location == TensorProto.EXTERNAL for t in checked.graph.initializer)
    expected = np.maximum(x + w, 0) * b
    np.save(os.path.join(folder, "x.npy"), x)
    np.save(os.path.join(folder, "y.npy"), expected)
    package(folder)

    # The same graph, inline, with w also listed as a graph input (an overridable default).
    graph_default = helper.make_graph(
        [helper.make_node("Add", ["x", "w"], ["s"], name="add"),
         helper.make_node("Relu", ["s"], ["r"], name="relu"),
         helper.make_node("Mul", ["r", "b"], ["y"], name="mul")],
        "defaults", [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["batch", 2, 3, 4]),
                     helper.make_tensor_value_info("w", TensorProto.FLOAT, [1, 2, 3, 4])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["batch", 2, 3, 4])],
        [numpy_helper.from_array(w, "w"), numpy_helper.from_array(b, "b")])
    model = helper.make_model(graph_default, opset_imports=[helper.make_opsetid("", 17)], ir_version=8)
    onnx.save_model(model, os.path.join(MODELS, "defaults.onnx"))

    # A tiny model for truncation/mutation tests: y = relu(x + c), c a Constant node.
    c = np.array([0.5, -0.5, 1.0, -1.0], np.float32)
    graph_small = helper.make_graph(
        [helper.make_node("Constant", [], ["c"], value=numpy_helper.from_array(c, "c")),
         helper.make_node("Add", ["x", "c"], ["s"]),
         helper.make_node("Relu", ["s"], ["y"])],
        "small", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [None, 4])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, [None, 4])])
    model = helper.make_model(graph_small, opset_imports=[helper.make_opsetid("", 13)])
    onnx.checker.check_model(model)
    onnx.save_model(model, os.path.join(MODELS, "small.onnx"))

    # Attributes written packed (make_attribute) and unpacked (hand-built), same values.
    node = helper.make_node("Transpose", ["x"], ["y"], perm=[0, 2, 1])
    graph_attr = helper.make_graph([node], "attr", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 2, 3])],
                                   [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 3, 2])])
    write(os.path.join(MODELS, "attribute_ints.onnx"), helper.make_model(graph_attr, opset_imports=[helper.make_opsetid("", 13)]))


def functions():
    """models/functions.onnx: model-local functions (nested calls, an attribute reference with a
    caller value and one falling back to the function's default); expected output by onnxruntime,
    checked against the formula in numpy."""
    import onnxruntime
    from onnx import AttributeProto
    leaky = helper.make_node("LeakyRelu", ["s"], ["y"])
    leaky.attribute.append(helper.make_attribute_ref("alpha", AttributeProto.FLOAT))
    add_leaky = helper.make_function(
        "custom.ops", "AddLeaky", ["a", "b"], ["y"], [helper.make_node("Add", ["a", "b"], ["s"]), leaky],
        opset_imports=[helper.make_opsetid("", 17)], attributes=[],
        attribute_protos=[helper.make_attribute("alpha", 0.2)])
    inner = helper.make_node("AddLeaky", ["a", "b"], ["t"], domain="custom.ops")
    inner.attribute.append(helper.make_attribute_ref("alpha", AttributeProto.FLOAT))
    twice = helper.make_function(
        "custom.ops", "Twice", ["a", "b"], ["y"],
        [inner, helper.make_node("AddLeaky", ["t", "b"], ["y"], domain="custom.ops", alpha=0.5)],
        opset_imports=[helper.make_opsetid("", 17), helper.make_opsetid("custom.ops", 1)], attributes=["alpha"])
    graph = helper.make_graph(
        [helper.make_node("Twice", ["x", "w"], ["t"], domain="custom.ops", alpha=0.1, name="twice"),
         helper.make_node("AddLeaky", ["t", "w"], ["y"], domain="custom.ops", name="default_alpha")],
        "functions", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [2, 3]),
                      helper.make_tensor_value_info("w", TensorProto.FLOAT, [2, 3])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, [2, 3])])
    model = helper.make_model(graph, functions=[add_leaky, twice],
                              opset_imports=[helper.make_opsetid("", 17), helper.make_opsetid("custom.ops", 1)])
    onnx.checker.check_model(model)
    folder = os.path.join(MODELS, "functions")
    os.makedirs(folder)
    onnx.save_model(model, os.path.join(folder, "model.onnx"))
    x = np.array([[-4, -1, 0], [1, 2, -8]], np.float32)
    w = np.array([[1, -1, 0.5], [-2, 0, 3]], np.float32)
    (y,) = onnxruntime.InferenceSession(os.path.join(folder, "model.onnx")).run(None, {"x": x, "w": w})

    def leaky(v, alpha):
        return np.where(v >= 0, v, alpha * v)
    # Twice(alpha=0.1): AddLeaky(alpha=0.1) then AddLeaky(alpha=0.5); then AddLeaky with the default 0.2.
    formula = leaky(leaky(leaky(x + w, 0.1) + w, 0.5) + w, 0.2)
    assert np.allclose(y, formula, rtol=1e-6, atol=1e-7), (y, formula)
    np.save(os.path.join(folder, "x.npy"), x)
    np.save(os.path.join(folder, "w.npy"), w)
    np.save(os.path.join(folder, "y.npy"), y)


def sha256(path):
    import hashlib
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def package(folder):
    """A bioimage.io model package around the external-data model (validated by bioimageio.spec,
    then test_model run by bioimageio.core with onnxruntime)."""
    import yaml
    with open(os.path.join(folder, "README.md"), "w") as f:
        f.write("# ONNX external data fixture\n\nA bioimage.io model package around `model.onnx` + `weights.data`: "
                "`y = relu(x + w) * b`, the initializers `w` and `b` in one external data file. Made by "
                "`Scripts/gen_onnx_proto_fixtures.py` (onnx + numpy); validated with bioimageio.spec and tested "
                "with bioimageio.core (onnxruntime) by the same script. Tensor ids `raw`/`out` differ from the graph's "
                "`x`/`y` on purpose: inputs and outputs bind by position.\n")
    axes = [{"type": "batch"}, {"type": "channel", "channel_names": ["c0", "c1"]},
            {"type": "space", "id": "y", "size": 3}, {"type": "space", "id": "x", "size": 4}]
    description = {
        "type": "model", "format_version": "0.5.4", "name": "ONNX external data fixture",
        "description": "y = relu(x + w) * b with the weights in an external data file",
        "authors": [{"name": "BioImageIO Swift"}], "cite": [{"text": "ONNX", "url": "https://onnx.ai"}],
        "license": "MIT", "documentation": "README.md",
        "inputs": [{"id": "raw", "axes": axes, "test_tensor": {"source": "x.npy", "sha256": sha256(os.path.join(folder, "x.npy"))}}],
        "outputs": [{"id": "out", "axes": axes, "test_tensor": {"source": "y.npy", "sha256": sha256(os.path.join(folder, "y.npy"))}}],
        "weights": {"onnx": {"source": "model.onnx", "sha256": sha256(os.path.join(folder, "model.onnx")), "opset_version": 17,
                             "external_data": {"source": "weights.data", "sha256": sha256(os.path.join(folder, "weights.data"))}}},
    }
    path = os.path.join(folder, "bioimageio.yaml")
    with open(path, "w") as f:
        yaml.safe_dump(description, f, sort_keys=False)
    from bioimageio.spec import load_description
    loaded = load_description(path)
    assert loaded.validation_summary.status in ("passed", "valid-format"), loaded.validation_summary.format()
    from bioimageio.core import test_model
    summary = test_model(path, weight_format="onnx")
    assert summary.status == "passed", summary.format()


if __name__ == "__main__":
    tensors()
    models()
    functions()
    print("wrote", ROOT)
