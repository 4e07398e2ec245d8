#!/usr/bin/env python3
"""Packages written by our CLI, loaded by the reference (issue #5 acceptance).

For every model package in ../shared/corpus/packages/ this script runs
    bioimageio package <package folder> <out>.zip
with our CLI (built by `swift build`), and when that refuses the source (the reference refuses the
same sources: missing architecture files, remote weights offline, a 0.3 rdf without `type`) once more
with `--no-io-checks --weights onnx --weights torchscript --weights tensorflow_saved_model_bundle
--weights keras_hdf5`. Each zip written is then loaded with
    bioimageio.spec.load_description(zip, perform_io_checks=True)
(bioimageio.spec 0.5.14.3, offline), which opens and hashes every file in it. The result is written
to Fixtures/packages/reference_check.json.

Usage: .build/fixtures-venv/bin/python Scripts/check_packages_with_reference.py [path/to/bioimageio]
"""
import json, os, subprocess, sys, tempfile, zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus" / "packages"
LENIENT = ["--no-io-checks"] + sum((["--weights", w] for w in ["onnx", "torchscript", "tensorflow_saved_model_bundle", "keras_hdf5"]), [])


def main():
    cli = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / ".build" / "debug" / "bioimageio"
    os.environ.setdefault("BIOIMAGEIO_CACHE_PATH", str(REPO / ".build" / "package-fixtures" / "cache"))
    os.environ["BIOIMAGEIO_CI"] = "true"
    from bioimageio.spec import load_description
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for pkg in sorted(p for p in CORPUS.iterdir() if p.is_dir()):
            out = Path(tmp) / f"{pkg.name}.zip"
            entry = {"name": pkg.name}
            for mode, extra in (("default", []), ("no-io-checks, one weights format", LENIENT)):
                r = subprocess.run([str(cli), "package", str(pkg), str(out)] + extra, capture_output=True, text=True)
                if r.returncode == 0:
                    entry["swift_package"] = mode
                    break
                entry.setdefault("swift_refused", []).append({"mode": mode, "message": r.stderr.strip()[:300]})
            if out.exists():
                with zipfile.ZipFile(out) as z:
                    entry["members"] = [i.filename for i in z.infolist()]
                rd = load_description(out, perform_io_checks=True)
                s = rd.validation_summary
                entry["reference_status"] = s.status
                entry["reference_format_version"] = s.format_version
                entry["reference_errors"] = [{"loc": list(map(str, e.loc)), "msg": e.msg[:300]} for d in s.details for e in d.errors]
            print(pkg.name, entry.get("swift_package"), entry.get("reference_status"), flush=True)
            results.append(entry)
    dst = REPO / "Fixtures" / "packages" / "reference_check.json"
    dst.write_text(json.dumps(results, indent=1) + "\n")
    accepted = sum(1 for e in results if e.get("reference_status") in ("valid-format", "passed"))
    written = sum(1 for e in results if "swift_package" in e)
    print(f"wrote {dst}: {written} packages written by the Swift CLI, {accepted} accepted by bioimageio.spec with io checks")


if __name__ == "__main__":
    main()
