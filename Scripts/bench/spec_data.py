#!/usr/bin/env python3
"""Writes DIR/files.txt: the corpus descriptions both sides validate in `Scripts/bench.sh spec`
(every file the reference reads as YAML, from shared/corpus/verdicts.json)."""
import json
import os
import sys


def main():
    out = sys.argv[1]
    shared = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "shared")
    with open(os.path.join(shared, "corpus", "verdicts.json"), encoding="utf-8") as f:
        verdicts = json.load(f)
    files = [v["file"] for v in verdicts if v["status"] != "error"]
    with open(os.path.join(out, "files.txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(files) + "\n")
    print(f"spec_data.py: {len(files)} files", file=sys.stderr)


if __name__ == "__main__":
    main()
