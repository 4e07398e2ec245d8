#!/usr/bin/env python3
"""Generate the expected 0.4 -> 0.5 format updates for the Swift tests (a script of ours).

Runs bioimageio.spec's own `update_format` (exclude_defaults, format-only mode) on every model
description of format 0.3/0.4 that the reference accepts (per `shared/corpus/verdicts.json`), and
on the synthetic golden example `shared/notes/oracle/examples/synth_v04.yaml`. Writes
`Fixtures/spec/model04/updated.json`: {corpus path: {"status": <summary status of the updated
description>, "updated": <the updated description as a JSON tree, key order kept>}}.

Also validates mutations of the synthetic example (one rule each) and writes
`Fixtures/spec/model04/mutations.json`: [{"name", "document", "status", "errors": [{loc, msg,
type}], "warnings": [{loc, msg, severity}], "updated"?}], with locations normalised like
`shared/notes/oracle/normalize_loc.py` does, and for valid mutations the updated description.

Usage (needs bioimageio.spec==0.5.14.3 in the interpreter):
    python Scripts/gen_spec_model04_fixtures.py [SHARED_DIR] [--mutations-only]
SHARED_DIR defaults to `<repo>/../shared`.
"""
import json
import sys
import warnings
from pathlib import Path

from bioimageio.spec import ValidationContext, __version__, build_description, dump_description, update_format
from bioimageio.spec.utils import read_yaml

sys.path.insert(0, str((Path(ARGS[0]) if (ARGS := [a for a in sys.argv[1:] if not a.startswith("--")]) else Path(__file__).resolve().parent.parent.parent / "shared") / "notes" / "oracle"))
from normalize_loc import normalize_loc  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
ARGS = [a for a in sys.argv[1:] if not a.startswith("--")]
SHARED = Path(ARGS[0]) if ARGS else REPO.parent / "shared"
OUT = REPO / "Fixtures" / "spec" / "model04" / "updated.json"


def convert(path: Path):
    """What `update_format(path, output=<file>.yaml)` writes, as the JSON-mode dump it serialises."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        rd = update_format(path, perform_io_checks=False)
    return {"status": rd.validation_summary.status, "updated": dump_description(rd, exclude_defaults=True)}


def jsonable(value):
    """A loaded YAML value as JSON data (dates as ISO text)."""
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def mutations(base):
    """(name, edit) pairs; each edit changes one thing of a deep copy of the synthetic example."""
    def inp(d, i=0):
        return d["inputs"][i]

    def out(d, i=0):
        return d["outputs"][i]

    def pre(d, step, i=0):
        inp(d, i).setdefault("preprocessing", []).insert(0, step)

    def post(d, step, i=0):
        out(d, i).setdefault("postprocessing", []).append(step)

    def weights(d, **entries):
        d["weights"] = entries

    return [
        ("valid", lambda d: None),
        ("duplicate_input_names", lambda d: inp(d, 1).update(name="input0")),
        ("duplicate_names_across", lambda d: out(d, 1).update(name="input1")),
        ("batch_step_not_zero", lambda d: inp(d).update(shape={"min": [1, 2, 64, 64], "step": [1, 0, 16, 16]})),
        ("batch_size_not_one", lambda d: inp(d, 1).update(shape=[2, 128, 128, 3])),
        ("min_step_lengths_differ", lambda d: inp(d).update(shape={"min": [1, 2, 64, 64], "step": [0, 0, 16]})),
        ("shape_not_a_list", lambda d: inp(d, 1).update(shape="1,128,128,3")),
        ("preprocessing_axes_not_subset", lambda d: pre(d, {"name": "scale_range", "kwargs": {"mode": "per_sample", "axes": "zyx"}})),
        ("scale_linear_identity", lambda d: pre(d, {"name": "scale_linear", "kwargs": {"gain": 1, "offset": 0}}, 1)),
        ("processing_without_name", lambda d: pre(d, {"kwargs": {"threshold": 0.5}})),
        ("processing_unknown_name", lambda d: pre(d, {"name": "softmax", "kwargs": {}})),
        ("scale_mean_variance_in_preprocessing", lambda d: pre(d, {"name": "scale_mean_variance", "kwargs": {"mode": "per_sample", "reference_tensor": "input1"}})),
        ("zmuv_fixed_without_mean", lambda d: pre(d, {"name": "zero_mean_unit_variance", "kwargs": {"mode": "fixed", "axes": "yx", "std": 1.0}}, 1)),
        ("zmuv_per_sample_with_mean", lambda d: pre(d, {"name": "zero_mean_unit_variance", "kwargs": {"mode": "per_sample", "axes": "yx", "mean": 1.0}}, 1)),
        ("zmuv_unknown_kwarg", lambda d: pre(d, {"name": "zero_mean_unit_variance", "kwargs": {"mode": "per_sample", "axes": "yx", "gamma": 1}}, 1)),
        ("scale_range_percentiles_swapped", lambda d: pre(d, {"name": "scale_range", "kwargs": {"mode": "per_sample", "axes": "yx", "min_percentile": 99, "max_percentile": 50}})),
        ("eps_zero", lambda d: pre(d, {"name": "zero_mean_unit_variance", "kwargs": {"mode": "per_sample", "axes": "yx", "eps": 0}}, 1)),
        ("sigmoid_with_kwargs", lambda d: pre(d, {"name": "sigmoid", "kwargs": {}})),
        ("clip_without_max", lambda d: pre(d, {"name": "clip", "kwargs": {"min": 0}})),
        ("halo_too_large", lambda d: out(d).update(halo=[0, 0, 40, 40])),
        ("halo_length_differs", lambda d: out(d).update(halo=[0, 8, 8])),
        ("implicit_dimensions_differ", lambda d: out(d, 2).update(shape={"reference_tensor": "input1", "scale": [1.0, None, 1.0, 2.0, 2.0], "offset": [0, 2, 1, 0, 0]}, axes="bczyx")),
        ("implicit_null_scale_zero_offset", lambda d: out(d, 2).update(shape={"reference_tensor": "input1", "scale": [1.0, None, 2.0, 2.0], "offset": [0, 0, 0, 0]})),
        ("implicit_lengths_differ", lambda d: out(d, 2).update(shape={"reference_tensor": "input1", "scale": [1.0, 1.0, 2.0, 2.0], "offset": [0, 1, 0]})),
        ("implicit_offset_not_half", lambda d: out(d, 2).update(shape={"reference_tensor": "input1", "scale": [1.0, 1.0, 2.0, 2.0], "offset": [0, 1.3, 0, 0]})),
        ("implicit_reference_output", lambda d: out(d, 2).update(shape={"reference_tensor": "output1", "scale": [1.0, 1.0, 2.0], "offset": [0, 0, 0]}, axes="bic")),
        ("postprocessing_scale_linear_without_axes", lambda d: post(d, {"name": "scale_linear", "kwargs": {"gain": 2.0}}, 2)),
        ("postprocessing_reference_is_output", lambda d: post(d, {"name": "scale_mean_variance", "kwargs": {"mode": "per_sample", "reference_tensor": "output1", "axes": "yx"}}, 2)),
        ("preprocessing_self_reference", lambda d: pre(d, {"name": "scale_range", "kwargs": {"mode": "per_sample", "axes": "yx", "reference_tensor": "input0"}})),
        ("preprocessing_unknown_reference", lambda d: pre(d, {"name": "scale_range", "kwargs": {"mode": "per_sample", "axes": "yx", "reference_tensor": "nope"}})),
        ("input_data_type_int8", lambda d: inp(d).update(data_type="int8")),
        ("axes_repeated", lambda d: inp(d, 1).update(axes="byxx")),
        ("axes_unknown_letter", lambda d: inp(d, 1).update(axes="byxq")),
        ("data_range_one_value", lambda d: inp(d).update(data_range=[0])),
        ("data_range_not_a_list", lambda d: inp(d).update(data_range=5)),
        ("tensor_name_not_identifier", lambda d: out(d, 1).update(name="1out")),
        ("weights_empty", lambda d: d.update(weights={})),
        ("weights_unknown_format", lambda d: d["weights"].update(pickle={"source": "w.pkl"})),
        ("weights_own_parent", lambda d: d["weights"]["onnx"].update(parent="onnx")),
        ("weights_parent_unknown", lambda d: d["weights"]["onnx"].update(parent="caffe")),
        ("architecture_file_without_sha256", lambda d: d["weights"]["pytorch_state_dict"].update(architecture="net.py:Net")),
        ("architecture_library_with_sha256", lambda d: d["weights"]["pytorch_state_dict"].update(architecture_sha256="1" * 64)),
        ("architecture_invalid", lambda d: d["weights"]["pytorch_state_dict"].update(architecture="my net")),
        ("architecture_bad_module", lambda d: d["weights"]["pytorch_state_dict"].update(architecture="my-pkg.Net")),
        ("onnx_opset_too_small", lambda d: d["weights"]["onnx"].update(opset_version=5)),
        ("dependencies_without_manager", lambda d: d["weights"]["tensorflow_saved_model_bundle"].update(dependencies="env.yaml")),
        ("weights_without_source", lambda d: d["weights"]["onnx"].pop("source")),
        ("test_inputs_not_npy", lambda d: d.update(test_inputs=["in0.tif", "in1.npy"])),
        ("test_outputs_empty", lambda d: d.update(test_outputs=[])),
        ("authors_empty", lambda d: d.update(authors=[])),
        ("author_without_name", lambda d: d.update(authors=[{"affiliation": "EMBL"}])),
        ("cite_without_doi_or_url", lambda d: d.update(cite=[{"text": "a paper"}])),
        ("cite_bad_doi", lambda d: d.update(cite=[{"text": "a paper", "doi": "11.1234/x"}])),
        ("name_empty", lambda d: d.update(name="")),
        ("name_short", lambda d: d.update(name="abc")),
        ("id_emoji_two_characters", lambda d: d.update(id_emoji="ab")),
        ("future_patch_version", lambda d: d.update(format_version="0.4.11")),
        ("format_version_0_5_literal", lambda d: d.update(format_version="0.4.x")),
        ("unknown_top_level_key", lambda d: d.update(framework="pytorch")),
        ("missing_description", lambda d: d.pop("description")),
        ("missing_timestamp", lambda d: d.pop("timestamp")),
        ("timestamp_garbage", lambda d: d.update(timestamp="yesterday")),
        ("license_unknown", lambda d: d.update(license="my license")),
        ("run_mode_unknown", lambda d: d.update(run_mode={"name": "fancy"})),
        ("training_data_linked", lambda d: d.update(training_data={"id": "Some/Dataset", "version_number": 2})),
        ("training_data_inline", lambda d: d.update(training_data={"type": "dataset", "format_version": "0.2.4", "name": "My data", "description": "cells", "source": "https://example.com/data.zip", "authors": ["Jane"]})),
        ("training_data_inline_minimal", lambda d: d.update(training_data={"name": "My data", "description": "cells"})),
        ("training_data_invalid", lambda d: d.update(training_data={"id": 5, "extra": 1})),
        ("config_null", lambda d: d.update(config=None)),
        ("run_mode_kwargs_null", lambda d: d.update(run_mode={"name": "deepimagej", "kwargs": None})),
        ("weights_kwargs_null", lambda d: d["weights"]["pytorch_state_dict"].update(kwargs=None)),
        ("processing_step_not_a_mapping", lambda d: pre(d, "sigmoid")),
        ("weights_entry_null", lambda d: d["weights"].update(onnx=None)),
        ("parent_string", lambda d: d.update(parent="some-model")),
        ("parent_mapping", lambda d: d.update(parent={"id": "some-model"})),
        ("download_url_invalid", lambda d: d.update(download_url="not a url")),
        ("icon_emoji", lambda d: d.update(icon="🦙")),
        ("attachments_files", lambda d: d.update(attachments={"files": ["a.txt", "./b/c.txt"], "other": 1})),
        ("kwargs_not_a_mapping", lambda d: d["weights"]["pytorch_state_dict"].update(kwargs=[1, 2])),
        ("uploader_without_email", lambda d: d.update(uploader={"name": "me"})),
        ("output_index_time_bool", lambda d: d["outputs"].append({"name": "output3", "axes": "btic", "data_type": "bool", "shape": [1, 5, 7, 2]}) or d["test_outputs"].append("out3.npy")),
        ("scale_linear_lists_without_complement", lambda d: pre(d, {"name": "scale_linear", "kwargs": {"axes": "cyx", "gain": [1.0, 2.0], "offset": 0.5}})),
        ("zmuv_fixed_complement_two_axes", lambda d: pre(d, {"name": "zero_mean_unit_variance", "kwargs": {"mode": "fixed", "axes": "y", "mean": 0.5, "std": 0.2}})),
        ("v0_3_6_upgrade", lambda d: (d.update(format_version="0.3.6", language="python", framework="pytorch", source="net.py:Net",
                                                 sha256="2" * 64, kwargs={"depth": 4}),
                                       d["weights"].update(pytorch_script=d["weights"].pop("torchscript")),
                                       d["weights"]["pytorch_state_dict"].pop("architecture"),
                                       d["weights"]["pytorch_state_dict"].pop("kwargs"))),
        ("v0_3_1_upgrade", lambda d: (d.update(format_version="0.3.1", authors=["Jane Doe", "John Smith"],
                                                 config={"future": {"0.3.2": {"authors": [{"orcid": "0000-0002-8567-6389"}], "version": "0.2.1"}}}),
                                       d["weights"].pop("tensorflow_saved_model_bundle"))),
        ("v0_3_2_reference_input", lambda d: (d.update(format_version="0.3.2"),
                                               out(d, 2)["shape"].update(reference_input=out(d, 2)["shape"].pop("reference_tensor")))),
        ("v0_4_0_dependencies", lambda d: d.update(format_version="0.4.0", dependencies="conda:environment.yaml")),
        ("v0_4_4_parent_uri", lambda d: d.update(format_version="0.4.4", parent={"uri": "https://example.com/model"})),
        ("v0_4_9_nickname", lambda d: d.update(format_version="0.4.9", name="a/b\\c")),
        ("v0_4_5_slashes", lambda d: d.update(format_version="0.4.5", name="a/b\\c model", maintainers=[{"name": "x/y", "github_user": "https://github.com/xy"}])),
    ]


def validate_mutations(shared: Path):
    import copy
    base = jsonable(read_yaml(shared / "notes" / "oracle" / "examples" / "synth_v04.yaml"))
    results = []
    for name, edit in mutations(base):
        document = copy.deepcopy(base)
        edit(document)
        document = json.loads(json.dumps(document))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            rd = build_description(copy.deepcopy(document), context=ValidationContext(root=shared, perform_io_checks=False))
        summary = rd.validation_summary
        entry = {"name": name, "document": document, "status": summary.status, "errors": [], "warnings": []}
        for detail in summary.details:
            for e in detail.errors:
                entry["errors"].append({"loc": ".".join(map(str, normalize_loc(e.loc))), "msg": e.msg, "type": e.type})
            for w in detail.warnings:
                entry["warnings"].append({"loc": ".".join(map(str, normalize_loc(w.loc))), "msg": w.msg, "severity": w.severity})
        if summary.status != "failed":
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                updated = update_format(copy.deepcopy(document), perform_io_checks=False)
            entry["updated_status"] = updated.validation_summary.status
            entry["updated"] = dump_description(updated, exclude_defaults=True)
        results.append(entry)
        print(name, summary.status, len(entry["errors"]), file=sys.stderr)
    out = OUT.parent / "mutations.json"
    out.write_text(json.dumps(results, separators=(",", ":"), ensure_ascii=False) + "\n")
    print(f"wrote {len(results)} mutations to {out}", file=sys.stderr)


def main():
    assert __version__ == "0.5.14.3", __version__
    if "--mutations-only" in sys.argv:
        validate_mutations(SHARED)
        return
    corpus = SHARED / "corpus"
    verdicts = json.loads((corpus / "verdicts.json").read_text())
    selected = [
        v["file"]
        for v in verdicts
        if v["status"] == "valid"
        and v.get("declared_type") == "model"
        and str(v.get("declared_format_version", ""))[:4] in ("0.3.", "0.4.")
    ]
    results = {}
    for file in sorted(selected):
        results[file] = convert(corpus / file)
        print(file, results[file]["status"], file=sys.stderr)
    synth = SHARED / "notes" / "oracle" / "examples" / "synth_v04.yaml"
    results["notes/oracle/examples/synth_v04.yaml"] = convert(synth)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(results, indent=None, separators=(",", ":"), ensure_ascii=False) + "\n")
    print(f"wrote {len(results)} updated descriptions to {OUT}", file=sys.stderr)
    validate_mutations(SHARED)


if __name__ == "__main__":
    main()
