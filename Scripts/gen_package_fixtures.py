#!/usr/bin/env python3
"""Package fixtures for the BioImageSpec Resources/Packaging tests (issue #5).

For every model package in ../shared/corpus/packages/ this script
  * finds the description file as bioimageio.spec does (notes §g.1),
  * lists every {source, sha256} reference in it with the expected digest and the actual digest
    of the local file computed by Python's hashlib (the independent truth for the hash checks),
  * zips the folder with Python's zipfile (ZIP_DEFLATED, level 6) into .build/package-fixtures/zipfile/,
  * packages it with the reference's save_bioimageio_package (bioimageio.spec 0.5.14.3, io checks on,
    offline) into .build/package-fixtures/reference/, recording the member list or the error.
The zips are large and stay under .build/; only the manifest Fixtures/packages/manifest.json is committed.

Usage: .build/fixtures-venv/bin/python Scripts/gen_package_fixtures.py
"""
import hashlib, json, os, sys, zipfile, subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus" / "packages"
OUT = REPO / ".build" / "package-fixtures"
PRIORITY = ["rdf.yaml", "bioimageio.yaml", "model.yaml"]


def find_rdf(names):
    names = sorted(names)
    for p in PRIORITY:
        for n in names:
            if n == p or n.endswith("." + p):
                return n
    return None


def sha(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 17), b""):
            h.update(chunk)
    return h.hexdigest()


def references(node, path, out):
    if isinstance(node, dict):
        s, h = node.get("source"), node.get("sha256")
        if isinstance(s, str) and isinstance(h, str):
            out.append({"path": path, "source": s, "sha256": h})
        a, ah = node.get("architecture"), node.get("architecture_sha256")
        if isinstance(a, str) and isinstance(ah, str) and ":" in a:  # model 0.4: file.py:Callable
            out.append({"path": f"{path}.architecture" if path else "architecture", "source": a.rsplit(":", 1)[0], "sha256": ah})
        for k, v in node.items():
            references(v, f"{path}.{k}" if path else str(k), out)
    elif isinstance(node, list):
        for i, v in enumerate(node):
            references(v, f"{path}.{i}" if path else str(i), out)


def main():
    import yaml
    if not CORPUS.is_dir():
        sys.exit(f"no corpus at {CORPUS}")
    (OUT / "zipfile").mkdir(parents=True, exist_ok=True)
    (OUT / "reference").mkdir(parents=True, exist_ok=True)
    manifest = []
    for pkg in sorted(p for p in CORPUS.iterdir() if p.is_dir()):
        files = sorted(f.name for f in pkg.iterdir() if f.is_file())
        rdf = find_rdf(files)
        entry = {"name": pkg.name, "rdf": rdf, "files": {f: sha(pkg / f) for f in files}, "references": []}
        doc = yaml.safe_load((pkg / rdf).read_text()) if rdf else None
        refs = []
        references(doc, "", refs)
        for r in refs:
            src = r["source"]
            if src.startswith("http://") or src.startswith("https://"):
                r["status"] = "remote"
            elif (pkg / src).is_file():
                r["actual"] = sha(pkg / src)
                r["status"] = "ok" if r["actual"] == r["sha256"] else "mismatch"
            else:
                r["status"] = "missing"
            entry["references"].append(r)
        z = OUT / "zipfile" / f"{pkg.name}.zip"
        with zipfile.ZipFile(z, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
            for f in files:
                zf.write(pkg / f, f)
        # the reference's packaging, in a subprocess so one failure does not stop the rest
        ref = OUT / "reference" / f"{pkg.name}.zip"
        if ref.exists():
            ref.unlink()
        code = ("import sys, json, zipfile\nfrom pathlib import Path\n"
                "from bioimageio.spec import save_bioimageio_package\n"
                "try:\n out = save_bioimageio_package(sys.argv[1], output_path=Path(sys.argv[2]))\n"
                " z = zipfile.ZipFile(out)\n"
                " print(json.dumps({'members': [{'name': i.filename, 'size': i.file_size} for i in z.infolist()]}))\n"
                "except Exception as e:\n print(json.dumps({'error': type(e).__name__ + ': ' + str(e)[:400]}))\n")
        env = dict(os.environ, BIOIMAGEIO_CACHE_PATH=str(OUT / "cache"), BIOIMAGEIO_CI="true")
        try:
            r = subprocess.run([sys.executable, "-c", code, str(pkg / rdf), str(ref)], capture_output=True,
                               text=True, timeout=300, env=env)
            entry["reference_package"] = json.loads(r.stdout.strip().splitlines()[-1])
        except Exception as e:
            entry["reference_package"] = {"error": f"{type(e).__name__}: {e}"[:400]}
        if "error" in entry["reference_package"]:
            # Second try: io checks off, one locally present weights format, remote files left as URLs.
            lenient = code.replace("output_path=Path(sys.argv[2]))",
                                   "output_path=Path(sys.argv[2]), weights_priority_order=['onnx', 'torchscript', 'tensorflow_saved_model_bundle', 'keras_hdf5', 'pytorch_state_dict'])")
            lenient = lenient.replace("try:\n", "from bioimageio.spec import ValidationContext\ntry:\n with ValidationContext(perform_io_checks=False):\n  pass\n", 1)
            lenient = lenient.replace(" out = save", " with ValidationContext(perform_io_checks=False):\n  out = save", 1)
            try:
                r = subprocess.run([sys.executable, "-c", lenient, str(pkg / rdf), str(ref)], capture_output=True,
                                   text=True, timeout=300, env=env)
                entry["reference_package_without_io_checks"] = json.loads(r.stdout.strip().splitlines()[-1])
            except Exception as e:
                entry["reference_package_without_io_checks"] = {"error": f"{type(e).__name__}: {e}"[:400]}
        print(pkg.name, rdf, [r["status"] for r in entry["references"]], list(entry["reference_package"])[0], flush=True)
        manifest.append(entry)
    dst = REPO / "Fixtures" / "packages" / "manifest.json"
    dst.write_text(json.dumps(manifest, indent=1) + "\n")
    print("wrote", dst)


if __name__ == "__main__":
    main()
