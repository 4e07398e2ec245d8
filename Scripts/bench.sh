#!/usr/bin/env bash
# Runs one benchmark area: our Swift side and the Python reference side on the same data, in one run.
#
#   Scripts/bench.sh AREA [--json FILE] [--native] [--shared DIR]
#
# AREA names a pair of programs:  Benchmarks/Sources/<Area>Benchmarks (executable `bench-AREA`) and
# Scripts/bench/AREA.py (the reference). An optional Scripts/bench/AREA_data.py writes the shared
# input data first. Both sides print one JSON object per line:
#   ours:       {"name": ..., "ours_s": seconds}
#   reference:  {"name": ..., "reference": "numpy", "reference_s": seconds}
# Scripts/bench/merge.py joins them by name, prints a table and, with --json, writes the list
#   [{"name", "ours_s", "reference", "reference_s", "speedup"}]   (speedup = reference_s / ours_s).
# --native builds with -target-cpu native (FMA, AVX2…) in a separate build folder.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
area=""; json=""; native=0; shared="$root/../shared"
while [ $# -gt 0 ]; do
  case "$1" in
    --json) json="$2"; shift 2 ;;
    --native) native=1; shift ;;
    --shared) shared="$2"; shift 2 ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    -*) echo "bench.sh: unknown option $1" >&2; exit 2 ;;
    *) area="$1"; shift ;;
  esac
done
[ -n "$area" ] || { echo "usage: Scripts/bench.sh AREA [--json FILE] [--native]" >&2; exit 2; }
[ -f "$root/Scripts/bench/$area.py" ] || { echo "bench.sh: no reference script Scripts/bench/$area.py" >&2; exit 2; }

# The Python references live in a venv under .build/ so the system stays untouched.
venv="$root/.build/bench-venv"
if [ ! -x "$venv/bin/python" ]; then python3 -m venv "$venv"; fi
req="$root/Scripts/bench/requirements.txt"
stamp="$venv/.requirements"
if ! cmp -s "$req" "$stamp" 2>/dev/null; then
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$req"
  cp "$req" "$stamp"
fi
py="$venv/bin/python"

scratch="$root/Benchmarks/.build"; flags=()
if [ "$native" = 1 ]; then scratch="$root/Benchmarks/.build-native"; flags=(-Xswiftc -target-cpu -Xswiftc native); fi
swift build -c release --package-path "$root/Benchmarks" --scratch-path "$scratch" --product "bench-$area" ${flags[@]+"${flags[@]}"} >&2
bin="$scratch/release/bench-$area"

data="$root/.build/bench-data/$area"
mkdir -p "$data"
if [ -f "$root/Scripts/bench/${area}_data.py" ]; then "$py" "$root/Scripts/bench/${area}_data.py" "$data" >&2; fi

tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
"$bin" --data "$data" --shared "$shared" > "$tmp/ours.jsonl"
"$py" "$root/Scripts/bench/$area.py" --data "$data" --shared "$shared" > "$tmp/reference.jsonl"
build="default release"; [ "$native" = 1 ] && build="release, -target-cpu native"
"$py" "$root/Scripts/bench/merge.py" "$tmp/ours.jsonl" "$tmp/reference.jsonl" --title "$area ($build)" ${json:+--json "$json"}
