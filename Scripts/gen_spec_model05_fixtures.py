#!/usr/bin/env python3
"""Generate the model 0.5 mutation fixtures (Fixtures/spec/model05/mutations/).

Takes valid model 0.5 descriptions from the shared corpus and the oracle examples, applies named
mutations (drop a required field, wrong type, dangling size reference, …), validates every mutated
file with bioimageio.spec 0.5.14.3 in format-only mode, and writes

  <name>.yaml           the mutated description (ruyaml round trip, so the rest keeps its layout)
  <name>.expected.json  {"mutation", "base", "status", "errors": [{"loc", "msg", "type"}],
                         "warnings": [{"loc", "msg", "severity"}],
                         "mutated": {"path", "line", "column"}}

Locations are normalised as `shared/notes/oracle/normalize_loc.py` does (union member labels and
discriminator tags dropped, so they read like field paths). `mutated` is the node the mutation
touched (for a dropped key: the mapping it was dropped from; for an added key: the key itself),
with a 1-based line and column computed by ruyaml, independently of the Swift parser.

Usage: VENV/bin/python Scripts/gen_spec_model05_fixtures.py [SHARED_DIR]
(the venv needs `pip install bioimageio.spec==0.5.14.3`).
"""
import copy
import io
import json
import re
import sys
from pathlib import Path

import ruyaml

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO.parent / "shared"
OUT = REPO / "Fixtures" / "spec" / "model05" / "mutations"

BASES = {
    "nuclei": SHARED / "corpus/packages/spec__unet2d_nuclei_broad/bioimageio.yaml",
    "multi": SHARED / "corpus/packages/spec__unet2d_multi_tensor/bioimageio.yaml",
    "tile": SHARED / "notes/oracle/examples/tile_pkg.rdf.yaml",
}

_INTERNAL = re.compile(r"^(function-(after|before|wrap|plain)\[|constrained-|json-or-python\[|lax-or-strict\[|literal\[|nullable\[|chain\[|union\[|list\[|tuple\[)")
_TAGS = {"batch", "channel", "index", "time", "space", "with_halo", "wo_halo", "binarize", "clip", "ensure_dtype",
         "fixed_zero_mean_unit_variance", "scale_linear", "scale_range", "scale_mean_variance", "sigmoid",
         "softmax", "zero_mean_unit_variance"}


def normalize(loc):
    out = []
    for seg in loc:
        if isinstance(seg, int):
            out.append(str(seg))
        elif _INTERNAL.match(seg) or seg[:1].isupper() or seg in _TAGS:
            continue
        else:
            out.append(seg)
    return ".".join(out)


def node_at(doc, path):
    for seg in path:
        doc = doc[seg]
    return doc


def position(doc, path):
    """1-based (line, column) of the node at `path`; a trailing ("key", k) entry means the key itself."""
    if path and isinstance(path[-1], tuple):
        parent = node_at(doc, path[:-1])
        line, col = parent.lc.key(path[-1][1])
    elif not path:
        line, col = doc.lc.line, doc.lc.col
    else:
        parent = node_at(doc, path[:-1])
        last = path[-1]
        value = parent[last]
        if isinstance(value, (dict, list)) and hasattr(value, "lc") and isinstance(value, dict) and len(value):
            line, col = value.lc.line, value.lc.col
        elif isinstance(parent, list):
            line, col = parent.lc.item(last)
        else:
            line, col = parent.lc.value(last)
    return line + 1, col + 1


def m(name, base, path, apply, anchor=None):
    return {"name": name, "base": base, "path": path, "apply": apply, "anchor": anchor if anchor is not None else path}


def set_(value):
    def f(doc, path):
        node_at(doc, path[:-1])[path[-1]] = value
    return f


def drop(doc, path):
    del node_at(doc, path[:-1])[path[-1]]


def add(key, value):
    def f(doc, path):
        node_at(doc, path)[key] = value
    return f


MUTATIONS = [
    m("drop_inputs", "nuclei", ["inputs"], drop, anchor=[]),
    m("name_wrong_type", "nuclei", ["name"], set_(123)),
    m("name_too_short", "nuclei", ["name"], set_("UNet")),
    m("dangling_size_reference", "nuclei", ["outputs", 0, "axes", 2, "size", "tensor_id"], set_("nope")),
    m("reference_to_batch_axis", "nuclei", ["outputs", 0, "axes", 2, "size", "axis_id"], set_("batch")),
    m("duplicate_tensor_id", "multi", ["inputs", 1, "id"], set_("input0")),
    m("bad_sha256_length", "nuclei", ["weights", "onnx", "sha256"], set_("abc123")),
    m("unknown_weight_format", "nuclei", ["weights", ("key", "tensorrt")],
      lambda d, p: d["weights"].__setitem__("tensorrt", {"source": "model.engine"})),
    m("halo_too_large", "nuclei", ["outputs", 0, "axes", 2, "halo"], set_(300)),
    m("clip_without_bounds", "nuclei", ["inputs", 0, "preprocessing", 1, "id"],
      lambda d, p: d["inputs"][0]["preprocessing"].__setitem__(1, ruyaml.comments.CommentedMap([("id", "clip"), ("kwargs", {"axes": ["x"]})])),
      anchor=["inputs", 0, "preprocessing", 1, "kwargs"]),
    m("step_zero", "tile", ["inputs", 0, "axes", 2, "size", "step"], set_(0)),
    m("unknown_axis_type", "nuclei", ["inputs", 0, "axes", 2, "type"], set_("spatial")),
    m("missing_axis_type", "nuclei", ["inputs", 0, "axes", 2, "type"], drop, anchor=["inputs", 0, "axes", 2]),
    m("opset_too_low", "nuclei", ["weights", "onnx", "opset_version"], set_(5)),
    m("duplicate_axis_id", "nuclei", ["inputs", 0, "axes", 3, "id"],
      lambda d, p: d["inputs"][0]["axes"][3].insert(1, "id", "Y")),
    m("missing_channel_names", "nuclei", ["inputs", 0, "axes", 1, "channel_names"], drop, anchor=["inputs", 0, "axes", 1]),
    m("bad_license", "nuclei", ["license"], set_("MIT-or-whatever")),
    m("unknown_preprocessing_id", "nuclei", ["inputs", 0, "preprocessing", 1, "id"], set_("normalize")),
    m("weights_own_parent", "nuclei", ["weights", "onnx", "parent"], set_("onnx")),
    m("weights_parent_missing_format", "nuclei", ["weights", "pytorch_state_dict"], drop, anchor=["weights", "onnx", "parent"]),
    m("scale_range_percentiles", "nuclei", ["inputs", 0, "preprocessing", 1, "id"],
      lambda d, p: d["inputs"][0]["preprocessing"].__setitem__(1, ruyaml.comments.CommentedMap([("id", "scale_range"), ("kwargs", {"min_percentile": 50, "max_percentile": 50})])),
      anchor=["inputs", 0, "preprocessing", 1, "kwargs", "max_percentile"]),
    m("extra_top_level_key", "nuclei", [("key", "badges")], lambda d, p: d.insert(3, "badges", [])),
    m("batch_size_two", "nuclei", ["inputs", 0, "axes", 0, "size"], set_(2)),
    m("unknown_reference_tensor", "nuclei", ["outputs", 0, "postprocessing", 0, "id"],
      lambda d, p: d["outputs"][0]["postprocessing"].__setitem__(0, ruyaml.comments.CommentedMap([("id", "scale_range"), ("kwargs", {"reference_tensor": "nope"})])),
      anchor=["outputs", 0, "postprocessing", 0, "kwargs", "reference_tensor"]),
    m("wrong_space_unit", "nuclei", ["inputs", 0, "axes", 2, "unit"],
      lambda d, p: d["inputs"][0]["axes"][2].insert(1, "unit", "lightyear")),
    m("channel_data_count", "nuclei", ["outputs", 0, "data"],
      set_([{"type": "float32"}, {"type": "float32"}])),
    m("nominal_values_out_of_range", "nuclei", ["outputs", 0, "data"],
      set_({"type": "uint8", "values": [0, 256, -1]}), anchor=["outputs", 0, "data"]),
    m("timestamp_garbage", "nuclei", ["timestamp"], set_("yesterday")),
    m("bad_orcid", "nuclei", ["authors", 0, "orcid"], set_("0000-0001-6562-7188")),
    m("fixed_zmuv_mismatch", "nuclei", ["inputs", 0, "preprocessing", 1, "id"],
      lambda d, p: d["inputs"][0]["preprocessing"].__setitem__(1, ruyaml.comments.CommentedMap([("id", "fixed_zero_mean_unit_variance"), ("kwargs", {"mean": [1.0, 2.0], "std": [1.0], "axis": "channel"})])),
      anchor=["inputs", 0, "preprocessing", 1, "kwargs"]),
    m("tolerance_unknown_output", "nuclei", [("key", "config")],
      lambda d, p: d.__setitem__("config", {"bioimageio": {"reproducibility_tolerance": [{"output_ids": ["nope"]}]}}),
      anchor=["config", "bioimageio", "reproducibility_tolerance", 0, "output_ids"]),
    m("description_too_long", "nuclei", ["description"], set_("x" * 1025)),
    m("sigmoid_with_kwargs", "nuclei", ["outputs", 0, "postprocessing", 0, ("key", "kwargs")],
      lambda d, p: d["outputs"][0]["postprocessing"][0].__setitem__("kwargs", {})),
    # variants that probe normalisations and warnings (some stay valid)
    m("range_inf", "nuclei", ["outputs", 0, "data", "range", 1], set_(float("inf"))),
    m("axis_id_uppercase", "nuclei", ["inputs", 0, "axes", 2, "id"], set_("Y")),
    m("covers_string_0_5_11", "nuclei", ["covers", 0], lambda d, p: d.__setitem__("format_version", "0.5.11")),
    m("future_format_version", "nuclei", ["covers", 0], lambda d, p: d.__setitem__("format_version", "0.6.0")),
    m("run_mode_unknown", "nuclei", [("key", "run_mode")], lambda d, p: d.__setitem__("run_mode", {"name": "foo"})),
    m("name_long", "nuclei", ["name"], set_("U" * 70)),
    m("description_long", "nuclei", ["description"], set_("d" * 600)),
    m("preprocessing_axes_not_subset", "nuclei", ["inputs", 0, "preprocessing", 1, "kwargs", "axes", 0], set_("z")),
    m("two_batch_axes", "nuclei", ["inputs", 0, "axes", 0],
      lambda d, p: d["inputs"][0]["axes"].insert(0, {"type": "batch"}), anchor=["inputs", 0, "axes"]),
    m("per_channel_type_mismatch", "nuclei", ["outputs", 0, "data"],
      set_([{"type": "uint8", "values": [1]}, {"type": "float32"}])),
    m("parent_is_self", "nuclei", ["parent", "id"],
      lambda d, p: (d.insert(3, "id", "some-model"), d.__setitem__("parent", {"id": "some-model"}))),
    m("discrete_tolerance", "nuclei", ["config", "bioimageio", "reproducibility_tolerance", 0, "relative_tolerance"],
      lambda d, p: (d["outputs"][0].__setitem__("data", {"type": "uint8", "values": [0, 1]}),
                    d.__setitem__("config", {"bioimageio": {"reproducibility_tolerance": [{"relative_tolerance": 0.001, "output_ids": ["probability"]}]}}))),
    m("scale_linear_redundant", "nuclei", ["inputs", 0, "preprocessing", 1, "kwargs"],
      lambda d, p: d["inputs"][0]["preprocessing"].__setitem__(1, ruyaml.comments.CommentedMap([("id", "scale_linear"), ("kwargs", {"gain": 1, "offset": 0})]))),
    m("binarize_along_axis", "nuclei", ["outputs", 0, "postprocessing", 0, "kwargs"],
      lambda d, p: d["outputs"][0]["postprocessing"].__setitem__(0, ruyaml.comments.CommentedMap([("id", "binarize"), ("kwargs", {"threshold": [0.5], "axis": "channel"})]))),
    m("onnx_external_data_same_name", "nuclei", ["weights", "onnx", "external_data"],
      lambda d, p: d["weights"]["onnx"].__setitem__("external_data", {"source": "weights.data"}) or d["weights"]["onnx"].__setitem__("source", "weights.data")),
    m("offset_float", "nuclei", ["outputs", 0, "axes", 2, "size", "offset"],
      lambda d, p: d["outputs"][0]["axes"][2]["size"].__setitem__("offset", 1.0)),
    m("halo_not_integer", "nuclei", ["outputs", 0, "axes", 2, "halo"],
      lambda d, p: (d["outputs"][0]["axes"][2].__setitem__("halo", 3), d["outputs"][0]["axes"][2].__setitem__("scale", 0.5))),
    m("stardist_postprocessing", "nuclei", ["outputs", 0, "postprocessing", 0],
      lambda d, p: d["outputs"][0]["postprocessing"].__setitem__(0, ruyaml.comments.CommentedMap([("id", "stardist_postprocessing"), ("kwargs", {"prob_threshold": 0.5, "nms_threshold": 0.4, "n_rays": 32, "grid": [1, 1], "b": 2})]))),
    m("clip_min_and_percentile", "nuclei", ["inputs", 0, "preprocessing", 1, "kwargs"],
      lambda d, p: d["inputs"][0]["preprocessing"].__setitem__(1, ruyaml.comments.CommentedMap([("id", "clip"), ("kwargs", {"min": 0, "min_percentile": 1})]))),
    m("channel_names_string", "nuclei", ["inputs", 0, "axes", 1, "channel_names"], set_("raw")),
    m("batch_axis_named", "nuclei", ["inputs", 0, "axes", 0, ("key", "id")],
      lambda d, p: d["inputs"][0]["axes"][0].insert(0, "id", "b2"), anchor=["inputs", 0, "axes", 0, "id"]),
    m("weights_missing_entry", "nuclei", ["weights"], set_({})),
    m("unknown_postprocessing_id", "nuclei", ["outputs", 0, "postprocessing", 0, "id"], set_("watershed")),
    # broader coverage of field kinds
    m("output_index_data_dependent", "nuclei", ["outputs", 0, "axes", 1],
      set_({"type": "index", "size": {"min": 5, "max": 5}}), anchor=["outputs", 0, "axes", 1, "size"]),
    m("input_index_concatenable", "nuclei", ["inputs", 0, "axes", 1],
      set_({"type": "index", "size": 1, "concatenable": True})),
    m("time_axis_unit", "nuclei", ["inputs", 0, "axes", 1],
      set_({"type": "time", "size": 1, "unit": "millisecond", "scale": 2.5})),
    m("pad_constant", "nuclei", ["inputs", 0, ("key", "pad")],
      lambda d, p: d["inputs"][0].__setitem__("pad", {"mode": "constant", "value": 0.5})),
    m("pad_unknown_mode", "nuclei", ["inputs", 0, "pad", "mode"],
      lambda d, p: d["inputs"][0].__setitem__("pad", {"mode": "wrap"})),
    m("fixed_zmuv_scalar", "nuclei", ["inputs", 0, "preprocessing", 1],
      set_({"id": "fixed_zero_mean_unit_variance", "kwargs": {"mean": 1.0, "std": 0.0}}),
      anchor=["inputs", 0, "preprocessing", 1, "kwargs", "std"]),
    m("scale_mean_variance_in_preprocessing", "nuclei", ["inputs", 0, "preprocessing", 1, "id"],
      lambda d, p: d["inputs"][0]["preprocessing"].__setitem__(1, {"id": "scale_mean_variance", "kwargs": {"reference_tensor": "raw"}})),
    m("postprocessing_scale_mean_variance", "nuclei", ["outputs", 0, "postprocessing", 0],
      set_({"id": "scale_mean_variance", "kwargs": {"reference_tensor": "raw", "axes": ["x", "y"]}})),
    m("binarize_scalar_softmax", "nuclei", ["outputs", 0, "postprocessing"],
      set_([{"id": "softmax", "kwargs": {"axis": "channel"}}, {"id": "binarize", "kwargs": {"threshold": 0.5}}])),
    m("keras_v3_weights", "nuclei", ["weights", ("key", "keras_v3")],
      lambda d, p: d["weights"].__setitem__("keras_v3", {"source": "m.keras", "parent": "pytorch_state_dict", "keras_version": "3.1", "backend": ["torch", "2.1"]})),
    m("keras_v3_bad", "nuclei", ["weights", "keras_v3", "keras_version"],
      lambda d, p: d["weights"].__setitem__("keras_v3", {"source": "m.h5", "parent": "pytorch_state_dict", "keras_version": "2.9", "backend": ["theano", "1"]})),
    m("pytorch_library_architecture", "nuclei", ["weights", "pytorch_state_dict", "architecture"],
      set_({"callable": "UNet", "import_from": "mylib.models", "kwargs": {"depth": 3}})),
    m("pytorch_architecture_bad_callable", "nuclei", ["weights", "pytorch_state_dict", "architecture", "callable"], set_("1net")),
    m("tf_saved_model", "nuclei", ["weights", ("key", "tensorflow_saved_model_bundle")],
      lambda d, p: d["weights"].__setitem__("tensorflow_saved_model_bundle", {"source": "tf.zip", "parent": "pytorch_state_dict", "tensorflow_version": "2.15", "dependencies": {"source": "env.txt"}}),
      anchor=["weights", "tensorflow_saved_model_bundle", "dependencies"]),
    m("license_file", "nuclei", ["license"], set_({"source": "LICENSE.txt"})),
    m("icon_emoji", "nuclei", [("key", "icon")], lambda d, p: d.__setitem__("icon", "🦈")),
    m("icon_long_string_wrapped", "nuclei", [("key", "icon")], lambda d, p: d.__setitem__("icon", "icon.png")),
    m("uploader_bad_email", "nuclei", ["uploader", "email"], lambda d, p: d.__setitem__("uploader", {"email": "nobody", "name": "A/B"})),
    m("training_data_inline_dataset", "nuclei", ["training_data"],
      set_({"type": "dataset", "format_version": "0.3.0", "name": "Some data", "description": "d", "source": "https://example.com/data"})),
    m("covers_bad_suffix", "nuclei", ["covers", 0], set_("cover.tif")),
    m("documentation_bad_suffix", "nuclei", ["documentation"], set_("README.txt")),
    m("documentation_reserved_name", "nuclei", ["documentation"], set_("rdf.yaml")),
    m("git_repo_bad", "nuclei", ["git_repo"], set_("not a url")),
    m("tags_string", "nuclei", ["tags"], set_("unet")),
    m("cite_without_doi_or_url", "nuclei", ["cite", 1, "url"], drop, anchor=["cite", 1]),
    m("maintainer_without_github_user", "nuclei", ["maintainers", 0, "github_user"], drop, anchor=["maintainers", 0]),
    m("no_maintainers_no_github_user", "nuclei", ["maintainers"], drop, anchor=[]),
    m("timestamp_date_only", "nuclei", ["timestamp"], set_("2019-12-11")),
    m("version_number_legacy", "nuclei", [("key", "version_number")], lambda d, p: d.insert(3, "version_number", 2)),
    m("version_comment_long", "nuclei", ["version_comment"], lambda d, p: d.insert(3, "version_comment", "v" * 513)),
    m("inputs_empty", "nuclei", ["inputs"], set_([])),
    m("axes_empty", "nuclei", ["outputs", 0, "axes"], set_([])),
    m("channel_with_size", "nuclei", ["inputs", 0, "axes", 1, ("key", "size")],
      lambda d, p: d["inputs"][0]["axes"][1].__setitem__("size", 1)),
    m("duplicate_axis_by_alias", "nuclei", ["inputs", 0, "axes", 1, ("key", "id")],
      lambda d, p: (d["inputs"][0]["axes"][1].insert(0, "id", "C"), d["inputs"][0]["axes"].insert(2, {"type": "index", "id": "channel", "size": 1})),
      anchor=["inputs", 0, "axes", 2, "id"]),
    m("nominal_strings", "nuclei", ["outputs", 0, "data"], set_({"type": "uint8", "values": ["bg", "fg"]})),
    m("nominal_strings_int8", "nuclei", ["outputs", 0, "data"], set_({"type": "int8", "values": ["bg", "fg"]})),
    m("interval_bool", "nuclei", ["outputs", 0, "data", "type"], lambda d, p: d["outputs"][0]["data"].__setitem__("type", "bool")),
    m("data_dependent_min_ge_max", "nuclei", ["outputs", 0, "axes", 1],
      set_({"type": "index", "size": {"min": 5, "max": 4}}), anchor=["outputs", 0, "axes", 1, "size"]),
    m("onnx_missing_opset", "nuclei", ["weights", "onnx", "opset_version"], drop, anchor=["weights", "onnx"]),
    m("config_not_mapping", "nuclei", ["config"], lambda d, p: d.__setitem__("config", [1, 2])),
    m("tolerance_out_of_range", "nuclei", [("key", "config")],
      lambda d, p: d.__setitem__("config", {"bioimageio": {"reproducibility_tolerance": [{"relative_tolerance": 0.5, "mismatched_elements_per_million": 40000}]}}),
      anchor=["config", "bioimageio", "reproducibility_tolerance", 0, "relative_tolerance"]),
    m("config_extra_keys", "nuclei", [("key", "config")],
      lambda d, p: d.__setitem__("config", {"deepimagej": {"a": 1}, "bioimageio": {"funded_by": "EU", "my_key": [1]}})),
    m("run_mode_deepimagej", "nuclei", [("key", "run_mode")], lambda d, p: d.__setitem__("run_mode", {"name": "deepimagej"})),
    m("parent_version_number", "nuclei", [("key", "parent")], lambda d, p: d.__setitem__("parent", {"id": "other-model", "version_number": 3})),
    m("halo_zero", "nuclei", ["outputs", 0, "axes", 2, "halo"], set_(0)),
    m("output_size_parameterized", "nuclei", ["outputs", 0, "axes", 2, "size"],
      lambda d, p: (d["outputs"][0]["axes"][2].__delitem__("halo"), d["outputs"][0]["axes"][2].__setitem__("size", {"min": 16, "step": 16}))),
    m("size_string_int", "nuclei", ["inputs", 0, "axes", 2, "size"], set_("512")),
    m("size_float_fraction", "nuclei", ["inputs", 0, "axes", 2, "size"], set_(512.5)),
    m("clip_percentile_range", "nuclei", ["inputs", 0, "preprocessing", 1],
      set_({"id": "clip", "kwargs": {"min_percentile": 100, "max_percentile": 1, "axes": ["x", "y"]}}),
      anchor=["inputs", 0, "preprocessing", 1, "kwargs", "min_percentile"]),
    m("zmuv_eps_too_big", "nuclei", ["inputs", 0, "preprocessing", 1, "kwargs", ("key", "eps")],
      lambda d, p: d["inputs"][0]["preprocessing"][1]["kwargs"].__setitem__("eps", 0.5), anchor=["inputs", 0, "preprocessing", 1, "kwargs", "eps"]),
    m("ensure_dtype_float16", "nuclei", ["inputs", 0, "preprocessing", 0, "kwargs", "dtype"], set_("float16")),
    m("scale_linear_along_axis", "nuclei", ["inputs", 0, "preprocessing", 1],
      set_({"id": "scale_linear", "kwargs": {"axis": "channel", "gain": [2.0], "offset": 1.0}})),
    m("scale_linear_along_axis_scalars", "nuclei", ["inputs", 0, "preprocessing", 1],
      set_({"id": "scale_linear", "kwargs": {"axis": "channel", "gain": 2.0, "offset": 1.0}}),
      anchor=["inputs", 0, "preprocessing", 1, "kwargs"]),
    m("custom_postprocessing", "nuclei", ["outputs", 0, "postprocessing", 0],
      set_({"id": "custom", "source": "proc.py", "callable": "run", "kwargs": {"a": 1}})),
]


def main():
    from bioimageio.spec import ValidationContext, validate_format

    yaml = ruyaml.YAML()  # round trip
    yaml.width = 4096
    OUT.mkdir(parents=True, exist_ok=True)
    names = []
    for mut in MUTATIONS:
        base = BASES[mut["base"]]
        doc = yaml.load(base.read_text())
        mut["apply"](doc, [s for s in mut["path"]])
        buf = io.StringIO()
        yaml.dump(doc, buf)
        text = buf.getvalue()
        target = OUT / f"{mut['name']}.yaml"
        target.write_text(text)
        reread = yaml.load(text)
        line, column = position(reread, mut["anchor"])
        safe = ruyaml.YAML(typ="safe").load(text)
        ctx = ValidationContext(root=base.parent, file_name=target.name, perform_io_checks=False)
        summary = validate_format(safe, context=ctx)
        errors, warnings = [], []
        for d in summary.details:
            errors += [{"loc": normalize(e.loc), "msg": e.msg[:400], "type": e.type} for e in d.errors]
            warnings += [{"loc": normalize(w.loc), "msg": w.msg, "severity": w.severity} for w in d.warnings]
        anchor = ".".join(str(s[1] if isinstance(s, tuple) else s) for s in mut["anchor"])
        expected = {"mutation": mut["name"], "base": str(base.relative_to(SHARED)), "status": summary.status,
                    "errors": errors, "warnings": warnings,
                    "mutated": {"path": anchor, "line": line, "column": column}}
        (OUT / f"{mut['name']}.expected.json").write_text(json.dumps(expected, indent=1, ensure_ascii=False) + "\n")
        names.append(mut["name"])
        print(mut["name"], summary.status, sorted({e["loc"] for e in errors}))
    (OUT / "index.json").write_text(json.dumps(names, indent=1) + "\n")


if __name__ == "__main__":
    main()
