#!/usr/bin/env python3
"""Writes Fixtures/yaml/corpus-expected.json: what the reference YAML loader makes of every corpus file.

The reference is bioimageio.spec 0.5.14.3, which reads rdf.yaml files with
`bioimageio.spec._internal.io_utils.read_yaml`: `Path.read_text(encoding="utf-8")` (universal
newlines) followed by `ruyaml.YAML(typ="safe").load(text)` (ruyaml 0.91.0, pure-Python parser,
YAML 1.2 resolver, SafeConstructor). This script calls that very function.

Run it from the repository root (needs the corpus in ../shared and PyPI access once):

    python3 -m venv .build/fixtures-venv
    .build/fixtures-venv/bin/pip install bioimageio.spec==0.5.14.3
    .build/fixtures-venv/bin/python Scripts/gen_yaml_fixtures.py [--shared ../shared] [--out FILE]

Every `*.yaml` / `*.yml` file under corpus/rdf, corpus/rdf-invalid and corpus/packages (recursively)
gets one entry, keyed by its path relative to corpus/. Values are encoded so that key order and
types survive JSON:

    mapping    {"map": [[key, value], ...]}      keys are encoded like values, in document order
    sequence   {"seq": [item, ...]}
    string     {"str": "..."}
    int        {"int": "-123"}                    decimal digits (Python ints are unbounded)
    float      {"float": "1e-05"}                 repr(); "inf", "-inf", "nan" for the non-finite
    bool       {"bool": true}
    null       null
    date       {"date": "2019-12-11"}             date.isoformat()
    datetime   {"date": "2019-12-11T12:22:32"}    datetime.isoformat() of ruyaml's naive-UTC value
                                                  (offset applied, zone dropped, fraction rounded
                                                  to microseconds)

A file the loader rejects becomes {"error": {"type", "problem", "line", "column", "context",
"context_line", "context_column"}} with 1-based line and column (columns count Unicode code
points), taken from ruyaml's problem_mark and context_mark (absent marks are omitted). A file
that loads into something the encoding above cannot express (a tuple key from `? [a, b]`, a set,
binary) becomes {"unsupported": "description"}.
"""
import argparse
import datetime
import json
import math
import sys
from importlib.metadata import version
from pathlib import Path

from bioimageio.spec._internal.io_utils import read_yaml
from ruyaml.error import MarkedYAMLError

FOLDERS = ("rdf", "rdf-invalid", "packages")


class Unsupported(Exception):
    """A loaded value that the JSON encoding does not cover."""


def encode(value):
    """Encodes one loaded YAML value as described in the module docstring."""
    if value is None:
        return None
    if isinstance(value, bool):  # before int: bool is a subclass of int
        return {"bool": value}
    if isinstance(value, int):
        return {"int": str(value)}
    if isinstance(value, float):
        if math.isnan(value):
            return {"float": "nan"}
        if math.isinf(value):
            return {"float": "inf" if value > 0 else "-inf"}
        return {"float": repr(value)}
    if isinstance(value, str):
        return {"str": value}
    if isinstance(value, (datetime.datetime, datetime.date)):
        if isinstance(value, datetime.datetime) and value.tzinfo is not None:
            raise Unsupported(f"timezone-aware datetime {value!r}")
        return {"date": value.isoformat()}
    if isinstance(value, dict):
        return {"map": [[encode_key(k), encode(v)] for k, v in value.items()]}
    if isinstance(value, list):
        return {"seq": [encode(item) for item in value]}
    raise Unsupported(f"value of type {type(value).__name__}: {value!r}"[:200])


def encode_key(key):
    """Encodes a mapping key; only scalar keys are expressible."""
    if isinstance(key, (tuple, frozenset)):
        raise Unsupported(f"complex mapping key of type {type(key).__name__}: {key!r}"[:200])
    return encode(key)


def describe_error(error):
    """The fields of a loader exception, with 1-based marks."""
    entry = {"type": type(error).__name__}
    if isinstance(error, MarkedYAMLError):
        entry["problem"] = error.problem or ""
        if error.problem_mark is not None:
            entry["line"] = error.problem_mark.line + 1
            entry["column"] = error.problem_mark.column + 1
        if error.context:
            entry["context"] = error.context
        if error.context_mark is not None:
            entry["context_line"] = error.context_mark.line + 1
            entry["context_column"] = error.context_mark.column + 1
    else:
        entry["problem"] = str(error)
    return entry


def expected_entry(path):
    """Loads one file the way bioimageio.spec does and encodes the outcome."""
    try:
        content = read_yaml(path)
    except Exception as error:  # the reference rejects the file
        return {"error": describe_error(error)}
    try:
        return {"value": encode(content)}
    except Unsupported as reason:
        return {"unsupported": str(reason)}


def corpus_files(corpus):
    """All YAML files of the three corpus folders, sorted by relative path."""
    files = []
    for folder in FOLDERS:
        for path in (corpus / folder).rglob("*"):
            if path.is_file() and path.suffix in (".yaml", ".yml"):
                files.append(path)
    return sorted(files, key=lambda p: p.relative_to(corpus).as_posix())


def main():
    root = Path(__file__).resolve().parent.parent
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=root.parent / "shared")
    parser.add_argument("--out", type=Path, default=root / "Fixtures" / "yaml" / "corpus-expected.json")
    args = parser.parse_args()
    corpus = args.shared / "corpus"
    if not corpus.is_dir():
        print(f"gen_yaml_fixtures.py: no corpus at {corpus}", file=sys.stderr)
        return 2

    entries = {}
    counts = {"value": 0, "error": 0, "unsupported": 0}
    for path in corpus_files(corpus):
        entry = expected_entry(path)
        counts[next(iter(entry))] += 1
        entries[path.relative_to(corpus).as_posix()] = entry

    # One file entry per line keeps the committed file compact yet diffable.
    compact = {"separators": (",", ":"), "ensure_ascii": False}
    meta = {
        "generator": "Scripts/gen_yaml_fixtures.py",
        "loader": "bioimageio.spec._internal.io_utils.read_yaml (ruyaml.YAML(typ='safe'))",
        "bioimageio.spec": version("bioimageio.spec"),
        "ruyaml": version("ruyaml"),  # ruyaml.__version__ still says 0.16.7
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as f:
        f.write('{"meta":' + json.dumps(meta, **compact) + ',\n"files":{\n')
        lines = [json.dumps(name, **compact) + ":" + json.dumps(entry, **compact) for name, entry in entries.items()]
        f.write(",\n".join(lines))
        f.write("\n}}\n")
    print(f"{len(entries)} files: {counts['value']} loaded, {counts['error']} rejected, "
          f"{counts['unsupported']} unsupported -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
