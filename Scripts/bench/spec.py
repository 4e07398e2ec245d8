#!/usr/bin/env python3
"""Reference side of `Scripts/bench.sh spec`: bioimageio.spec 0.5.14.3 validating the same corpus
files in format-only mode (load_description(..., perform_io_checks=False)). One pass: the
reference takes about a second per file, so it is timed once, after one warm-up file."""
import argparse
import json
import os
import sys
import time


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--shared", required=True)
    args = ap.parse_args()
    os.environ.setdefault("BIOIMAGEIO_LOG_WARNINGS", "false")
    os.environ.setdefault("BIOIMAGEIO_CI", "true")
    from bioimageio.spec import load_description

    with open(os.path.join(args.data, "files.txt"), encoding="utf-8") as f:
        files = [os.path.join(args.shared, "corpus", line.strip()) for line in f if line.strip()]
    load_description(files[0], perform_io_checks=False)  # warm-up: imports and schema building
    start = time.perf_counter()
    for path in files:
        try:
            load_description(path, perform_io_checks=False)
        except Exception:  # the reference crashes on a few files; that still counts as work done
            pass
    seconds = time.perf_counter() - start
    # The reference validates one file after another; both of our rows are compared with that run.
    for name in ("validate corpus", "validate corpus (1 thread)"):
        print(json.dumps({"name": name, "reference": "bioimageio.spec", "reference_s": seconds}))


if __name__ == "__main__":
    sys.exit(main())
