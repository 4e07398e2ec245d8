#!/usr/bin/env python3
"""Generates Fixtures/codecs/: SHA-256 / CRC-32 digests from hashlib / zlib, raw deflate streams made by
Python's zlib (wbits=-15) for the inflate tests, corrupted streams with the error each must raise, and
checks with zlib the streams our own deflate wrote (Fixtures/codecs/ours/, see README.md).

    python3 Scripts/gen_codec_fixtures.py [--shared ../shared]

Deterministic inputs come from SplitMix64 (see `splitmix64_bytes`), which the Swift tests re-implement,
so large inputs are regenerated in the test instead of being committed.
"""
import argparse
import glob
import hashlib
import json
import os
import sys
import zlib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Fixtures", "codecs")
MASK = (1 << 64) - 1


def splitmix64_bytes(seed, n):
    """n bytes: the little-endian 8-byte outputs of SplitMix64 started at `seed`, truncated."""
    state = seed & MASK
    out = bytearray()
    while len(out) < n:
        state = (state + 0x9E3779B97F4A7C15) & MASK
        z = state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        z ^= z >> 31
        out += z.to_bytes(8, "little")
    return bytes(out[:n])


def hash_cases():
    lengths = list(range(0, 257)) + [
        300, 383, 384, 385, 447, 448, 449, 511, 512, 513, 639, 640, 641, 767, 768, 769, 895, 896, 897,
        999, 1000, 4095, 4096, 4097, 65535, 65536, 65537, 100_003]
    cases = []
    for n in lengths:
        data = splitmix64_bytes(n, n)
        cases.append({"seed": n, "length": n, "sha256": hashlib.sha256(data).hexdigest(),
                      "crc32": zlib.crc32(data)})
    # A few MB, regenerated in the test from the seed.
    for seed, n in [(20240601, 3 * 1024 * 1024 + 17)]:
        data = splitmix64_bytes(seed, n)
        cases.append({"seed": seed, "length": n, "sha256": hashlib.sha256(data).hexdigest(),
                      "crc32": zlib.crc32(data)})
    return cases


def mixed(size, seed, text):
    """A deterministic mix of text, random bytes, runs and repeated records, like a package's files."""
    out = bytearray()
    rnd = splitmix64_bytes(seed, size + 1024)
    i = 0
    while len(out) < size:
        kind = rnd[i % len(rnd)] % 4
        n = 200 + (rnd[(i + 1) % len(rnd)] * 37) % 3000
        if kind == 0:
            start = (rnd[(i + 2) % len(rnd)] * 997) % max(1, len(text) - n)
            out += text[start:start + n]
        elif kind == 1:
            out += rnd[(i * 13) % size:(i * 13) % size + n // 4]
        elif kind == 2:
            out += bytes([rnd[(i + 3) % len(rnd)]]) * (n // 2)
        else:
            out += b"".join(b"%d,%d,%.3f;" % (k, k * 7 % 13, k / 7) for k in range(n // 12))
        i += 5
    return bytes(out[:size])


def raw_deflate(data, level=6, strategy=zlib.Z_DEFAULT_STRATEGY, wbits=-15, mem_level=8, flush_every=None):
    c = zlib.compressobj(level, zlib.DEFLATED, wbits, mem_level, strategy)
    if flush_every:
        parts = [c.compress(data[i:i + flush_every]) + c.flush(zlib.Z_SYNC_FLUSH)
                 for i in range(0, len(data), flush_every)]
        return b"".join(parts) + c.flush()
    return c.compress(data) + c.flush()


class BitWriter:
    """LSB-first bit packing as RFC 1951 §3.1.1 specifies; Huffman codes go most significant bit first."""

    def __init__(self):
        self.bits = []

    def value(self, v, n):
        self.bits += [(v >> i) & 1 for i in range(n)]

    def code(self, c, n):
        self.bits += [(c >> (n - 1 - i)) & 1 for i in range(n)]

    def fixed_literal(self, sym):
        if sym < 144:
            self.code(0x30 + sym, 8)
        elif sym < 256:
            self.code(0x190 + sym - 144, 9)
        elif sym < 280:
            self.code(sym - 256, 7)
        else:
            self.code(0xC0 + sym - 280, 8)

    def bytes(self):
        b = self.bits + [0] * (-len(self.bits) % 8)
        return bytes(sum(b[i + j] << j for j in range(8)) for i in range(0, len(b), 8))


ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]


def dynamic_header(w, hlit, hdist, cl_lengths):
    """Writes BFINAL=1, BTYPE=2, HLIT, HDIST, HCLEN and the code-length code lengths (dict sym -> len)."""
    w.value(1, 1)
    w.value(2, 2)
    w.value(hlit - 257, 5)
    w.value(hdist - 1, 5)
    hclen = max([ORDER.index(s) for s in cl_lengths] + [3]) + 1
    w.value(hclen - 4, 4)
    for s in ORDER[:hclen]:
        w.value(cl_lengths.get(s, 0), 3)


def corrupted_cases(text):
    cases = []

    def add(name, data, code):
        d = zlib.decompressobj(-15)
        try:
            d.decompress(data)
            accepted = d.eof
        except zlib.error:
            accepted = False
        assert not accepted, f"zlib accepts corrupted case {name}"
        cases.append({"name": name, "hex": data.hex(), "code": code})

    add("empty-input", b"", "truncated")
    add("reserved-block-type", bytes([0x07]), "invalid-block-type")
    add("stored-len-nlen-mismatch", bytes([0x01, 0x05, 0x00, 0x00, 0x00]) + b"hello", "stored-length-mismatch")
    add("stored-truncated-data", bytes([0x01, 0x0A, 0x00, 0xF5, 0xFF]) + b"abc", "truncated")
    add("stored-truncated-header", bytes([0x01, 0x0A, 0x00]), "truncated")
    full = raw_deflate(text, 9)
    add("dynamic-truncated-half", full[:len(full) // 2], "truncated")
    add("dynamic-truncated-header", full[:3], "truncated")
    add("fixed-missing-end-of-block", raw_deflate(b"abcabcabc", strategy=zlib.Z_FIXED)[:-1], "truncated")
    add("two-blocks-missing-final", raw_deflate(b"abc" * 10, level=1, flush_every=10)[:-3], "truncated")
    w = BitWriter(); w.value(1, 1); w.value(1, 2); w.fixed_literal(ord("a")); w.fixed_literal(257); w.value(1, 5); w.fixed_literal(256)
    add("distance-too-far", w.bytes(), "distance-too-far")   # length 3 at distance 2 after one byte
    w = BitWriter(); w.value(1, 1); w.value(1, 2); w.fixed_literal(ord("a")); w.fixed_literal(286); w.fixed_literal(256)
    add("fixed-literal-length-286", w.bytes(), "invalid-symbol")
    w = BitWriter(); w.value(1, 1); w.value(1, 2); w.fixed_literal(ord("a")); w.fixed_literal(257); w.code(30, 5); w.fixed_literal(256)
    add("fixed-distance-30", w.bytes(), "invalid-symbol")
    w = BitWriter(); dynamic_header(w, 287, 1, {0: 1, 1: 1})
    add("hlit-287", w.bytes() + bytes(40), "invalid-code-lengths")
    w = BitWriter(); dynamic_header(w, 257, 31, {0: 1, 1: 1})
    add("hdist-31", w.bytes() + bytes(40), "invalid-code-lengths")
    w = BitWriter(); dynamic_header(w, 257, 1, {s: 1 for s in range(19)})
    add("code-length-code-oversubscribed", w.bytes() + bytes(40), "oversubscribed-code")
    w = BitWriter(); dynamic_header(w, 257, 1, {16: 2, 17: 2, 18: 2})
    add("code-length-code-incomplete", w.bytes() + bytes(40), "incomplete-code")
    # Code-length code: 16 -> '0', 18 -> '1'.  The first code is a repeat with nothing to repeat.
    w = BitWriter(); dynamic_header(w, 257, 1, {16: 1, 18: 1}); w.code(0, 1); w.value(0, 2)
    add("repeat-without-previous", w.bytes() + bytes(40), "invalid-code-lengths")
    # Code-length code: 0 -> '0', 18 -> '1'.  Two runs of 138 zeros overshoot the 258 lengths.
    w = BitWriter(); dynamic_header(w, 257, 1, {0: 1, 18: 1}); w.code(1, 1); w.value(127, 7); w.code(1, 1); w.value(127, 7)
    add("repeat-past-end", w.bytes() + bytes(40), "invalid-code-lengths")
    # Only code-length symbol 18 (a single one-bit code, allowed): 138 + 120 zeros -> no end-of-block code.
    w = BitWriter(); dynamic_header(w, 257, 1, {18: 1}); w.code(0, 1); w.value(127, 7); w.code(0, 1); w.value(109, 7)
    add("missing-end-of-block-code", w.bytes() + bytes(40), "invalid-code-lengths")
    # Code-length code 1 -> '0', 16 -> '1': every literal/length gets length 1 (over-subscribed).
    w = BitWriter(); dynamic_header(w, 257, 1, {1: 1, 16: 1}); w.code(0, 1)
    for _ in range(42):
        w.code(1, 1); w.value(3, 2)
    w.code(1, 1); w.value(2, 2); w.code(0, 1)
    add("literal-code-oversubscribed", w.bytes() + bytes(40), "oversubscribed-code")
    # Literal/length lengths: 'a' and end-of-block length 2 (half the code space unused).
    w = BitWriter(); dynamic_header(w, 257, 1, {0: 1, 2: 2, 18: 2})
    # canonical code-length code: 0 -> '0', 2 -> '10', 18 -> '11'
    w.code(3, 2); w.value(97 - 11, 7); w.code(2, 2); w.code(3, 2); w.value(127, 7); w.code(3, 2); w.value(256 - 98 - 138 - 11, 7)
    w.code(2, 2); w.code(2, 2)
    add("literal-code-incomplete", w.bytes() + bytes(40), "incomplete-code")
    return cases


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=os.path.join(ROOT, "..", "shared"))
    args = ap.parse_args()
    corpus = os.path.join(args.shared, "corpus", "packages")
    text_path = os.path.join(corpus, "spec__unet2d_nuclei_broad", "v0_4_0.bioimageio.yaml")
    with open(text_path, "rb") as f:
        text = f.read()
    docs = b"".join(open(p, "rb").read() for p in sorted(glob.glob(os.path.join(corpus, "*", "*.md"))))
    os.makedirs(os.path.join(OUT, "inflate"), exist_ok=True)

    with open(os.path.join(OUT, "hashes.json"), "w") as f:
        json.dump({"generator": "splitmix64 (seed, length); digests from hashlib.sha256 and zlib.crc32",
                   "cases": hash_cases()}, f, indent=1)
        f.write("\n")

    small = mixed(64 * 1024, 11, text + docs)
    streams = []

    def stream(name, data, **kw):
        comp = raw_deflate(data, **kw)
        assert zlib.decompress(comp, -15) == data
        with open(os.path.join(OUT, "inflate", name + ".deflate"), "wb") as f:
            f.write(comp)
        streams.append({"name": name, "file": f"inflate/{name}.deflate", "size": len(data),
                        "sha256": hashlib.sha256(data).hexdigest(), "crc32": zlib.crc32(data)})

    for level in range(10):
        stream(f"text-level{level}", text, level=level)
        stream(f"mixed64k-level{level}", small, level=level)
    stream("mixed64k-fixed", small, strategy=zlib.Z_FIXED)
    stream("mixed64k-huffman-only", small, strategy=zlib.Z_HUFFMAN_ONLY)
    stream("mixed64k-rle", small, strategy=zlib.Z_RLE)
    stream("mixed64k-filtered", small, strategy=zlib.Z_FILTERED)
    stream("mixed64k-window512", small, wbits=-9, mem_level=1)
    stream("mixed64k-sync-flush", small, level=6, flush_every=5000)
    stream("text-fixed", text, strategy=zlib.Z_FIXED)
    stream("empty-level6", b"", level=6)
    stream("empty-level0", b"", level=0)
    stream("one-byte", b"\x2a", level=6)
    stream("one-byte-level0", b"\x00", level=0)
    stream("repetitive-zeros", bytes(300_000), level=9)
    stream("repetitive-pattern", b"ab" * 70_000 + b"abc" * 30_000, level=1)
    stream("random-stored", splitmix64_bytes(5, 150_000), level=6)
    stream("random-level0", splitmix64_bytes(6, 140_000), level=0)
    stream("mixed1m-level6", mixed(1 << 20, 12, text + docs), level=6)
    stream("docs-level9", docs, level=9)

    with open(os.path.join(OUT, "inflate.json"), "w") as f:
        json.dump({"streams": streams, "corrupted": corrupted_cases(text)}, f, indent=1)
        f.write("\n")

    # Streams our deflate wrote (Fixtures/codecs/ours/, by `bench-packages --write-deflate-fixtures`):
    # each must inflate in zlib to the input whose digest sits beside it.
    ours = os.path.join(OUT, "ours")
    manifest = os.path.join(ours, "manifest.json")
    if os.path.exists(manifest):
        with open(manifest) as f:
            entries = json.load(f)
        for e in entries:
            with open(os.path.join(ours, e["file"]), "rb") as f:
                out = zlib.decompress(f.read(), -15)
            ok = len(out) == e["size"] and hashlib.sha256(out).hexdigest() == e["sha256"]
            print(f"ours/{e['file']}: {'ok' if ok else 'MISMATCH'}", file=sys.stderr)
            if not ok:
                sys.exit(f"zlib does not inflate ours/{e['file']} to the original")
    print(f"wrote {len(streams)} streams, fixtures in {OUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
