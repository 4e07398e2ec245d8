#!/usr/bin/env python3
"""Joins our benchmark rows with the reference rows by name, prints a table, optionally writes JSON.

Each reference row becomes one output row, so one of our measurements can be compared with several
references (for example PyYAML's C loader and ruyaml).
"""
import argparse
import json
import sys


def read_rows(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line.startswith("{"):
                rows.append(json.loads(line))
    return rows


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("ours")
    ap.add_argument("reference")
    ap.add_argument("--json")
    ap.add_argument("--title", default="benchmark")
    args = ap.parse_args()
    ours = {r["name"]: r["ours_s"] for r in read_rows(args.ours)}
    out = []
    for ref in read_rows(args.reference):
        name = ref["name"]
        if name not in ours:
            print(f"merge.py: no Swift measurement named {name!r}", file=sys.stderr)
            continue
        o, r = ours[name], ref["reference_s"]
        out.append({"name": name, "ours_s": o, "reference": ref["reference"], "reference_s": r,
                    "speedup": (r / o) if o > 0 else float("inf")})
    missing = set(ours) - {row["name"] for row in out}
    for name in sorted(missing):
        print(f"merge.py: no reference measurement named {name!r}", file=sys.stderr)
    width = max([len(r["name"]) for r in out] + [4])
    print(f"# {args.title}")
    print(f"{'name':<{width}}  {'ours (s)':>11}  {'reference':<20} {'ref (s)':>11}  {'speedup':>8}")
    for r in out:
        print(f"{r['name']:<{width}}  {r['ours_s']:>11.6f}  {r['reference']:<20} {r['reference_s']:>11.6f}  {r['speedup']:>7.2f}x")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(out, f, indent=2)
            f.write("\n")
    return 0 if out else 1


if __name__ == "__main__":
    sys.exit(main())
