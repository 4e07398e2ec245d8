#!/usr/bin/env python3
"""Reference side of the `yaml` benchmark: parsing every corpus description with Python loaders.

    Scripts/bench.sh yaml                      # normal use: runs this and bench-yaml, merges rows
    python Scripts/bench/yaml.py --data DIR --shared ../shared

The file set is every *.yaml / *.yml under shared/corpus/rdf and shared/corpus/packages that the
reference loader (ruyaml `typ="safe"`, as bioimageio.spec 0.5.14.3 uses it) loads without error;
Benchmarks/Sources/YAMLBenchmarks selects the same set from Fixtures/yaml/corpus-expected.json.
The texts are read into memory once (decoded as bioimageio.spec does: UTF-8, universal newlines);
each row times parsing all of them, best of 5 rounds after one warm-up round, and prints
    {"name": "parse corpus", "reference": "...", "reference_s": seconds}
`--data` is accepted for symmetry with the other areas and not used.
"""
import argparse
import json
import sys
import time
from pathlib import Path

import ruyaml

# This file is itself named yaml.py (bench.sh runs Scripts/bench/AREA.py), so its folder must leave
# the import path before PyYAML can be imported as `yaml`.
_here = Path(__file__).resolve().parent
sys.path = [p for p in sys.path if Path(p or ".").resolve() != _here]
sys.modules.pop("yaml", None)
import yaml  # noqa: E402  (PyYAML)

FOLDERS = ("rdf", "packages")
ROUNDS = 5


def corpus_texts(corpus):
    """The texts of the corpus files the reference loader accepts, in path order."""
    paths = sorted(
        (p for folder in FOLDERS for p in (corpus / folder).rglob("*") if p.is_file() and p.suffix in (".yaml", ".yml")),
        key=lambda p: p.relative_to(corpus).as_posix(),
    )
    loader = ruyaml.YAML(typ="safe")
    texts = []
    for path in paths:
        text = path.read_text(encoding="utf-8")
        try:
            loader.load(text)
        except Exception:  # rejected by the reference: not part of the benchmark
            continue
        texts.append(text)
    return texts


def best_time(body):
    """One warm-up call, then the best of ROUNDS timed calls (as BenchSupport.measure does)."""
    body()
    best = float("inf")
    for _ in range(ROUNDS):
        start = time.perf_counter()
        body()
        best = min(best, time.perf_counter() - start)
    return best


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=Path("."))
    parser.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2].parent / "shared")
    args = parser.parse_args()
    corpus = args.shared / "corpus"
    if not corpus.is_dir():
        print(f"yaml.py: no corpus at {corpus}; nothing to measure", file=sys.stderr)
        return 0
    if not getattr(yaml, "__with_libyaml__", False):
        print("yaml.py: PyYAML was built without libyaml; CSafeLoader row skipped", file=sys.stderr)
    texts = corpus_texts(corpus)
    print(f"yaml.py: {len(texts)} corpus files, {sum(len(t.encode()) for t in texts)} bytes", file=sys.stderr)

    def rows():
        if getattr(yaml, "__with_libyaml__", False):
            def pyyaml_c():
                for text in texts:
                    yaml.load(text, Loader=yaml.CSafeLoader)
            yield "PyYAML CSafeLoader", pyyaml_c

        loader = ruyaml.YAML(typ="safe")

        def ruyaml_safe():
            for text in texts:
                loader.load(text)
        yield "ruyaml", ruyaml_safe

    for reference, body in rows():
        seconds = best_time(body)
        print(json.dumps({"name": "parse corpus", "reference": reference, "reference_s": seconds}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
