#!/usr/bin/env python3
"""Zip fixtures for the BioImageSpec archive reader/writer, made with Python's `zipfile` (independent truth).

Usage:
  python3 Scripts/gen_zip_fixtures.py generate        # writes Fixtures/zip/{valid,hostile}/*.zip + manifest.json
  python3 Scripts/gen_zip_fixtures.py check DIR       # verifies archives our ZipWriter wrote into DIR
                                                      # (by ZipWriterInteropTests with ZIP_WRITER_CHECK_DIR=DIR)
                                                      # and writes Fixtures/zip/writer-check.json

`generate` is deterministic (seeded data, fixed timestamps): re-running it reproduces the same bytes.
"""
import hashlib
import io
import json
import os
import random
import struct
import sys
import zipfile
import zlib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Fixtures", "zip")
DATE = (2024, 5, 17, 12, 30, 42)


def info(name, method=zipfile.ZIP_DEFLATED):
    zi = zipfile.ZipInfo(name, date_time=DATE)
    zi.compress_type = method
    zi.external_attr = 0o644 << 16
    return zi


def text_payload(seed, size):
    rng = random.Random(seed)
    words = ["cell", "nucleus", "tensor", "axis", "model", "weights", "bioimage", "segmentation", "zarr", "halo"]
    out = []
    while sum(map(len, out)) < size:
        out.append(rng.choice(words) + (" " if rng.random() < 0.9 else "\n"))
    return "".join(out).encode()[:size]


def random_payload(seed, size):
    return random.Random(seed).randbytes(size)


CONTENT = {
    "hello.txt": b"Hello, zip!\n",
    "docs/README.md": text_payload(1, 20000),
    "data/random.bin": random_payload(2, 3000),
    "empty.txt": b"",
}


def build(entries, method=zipfile.ZIP_DEFLATED, level=None, comment=None):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in entries.items():
            zf.writestr(info(name, method), data, compresslevel=level)
        if comment is not None:
            zf.comment = comment
    return buf.getvalue()


class Unseekable(io.RawIOBase):
    """A write-only stream without seek/tell, so zipfile writes data descriptors."""

    def __init__(self):
        self.buf = bytearray()

    def writable(self):
        return True

    def seekable(self):
        return False

    def write(self, b):
        self.buf += b
        return len(b)


def build_streamed(entries, force_zip64=False, seekable=False):
    stream = io.BytesIO() if seekable else Unseekable()
    with zipfile.ZipFile(stream, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, (data, method) in entries.items():
            zi = info(name, method)
            with zf.open(zi, "w", force_zip64=force_zip64) as f:
                f.write(data[: len(data) // 2])
                f.write(data[len(data) // 2 :])
    return stream.getvalue() if seekable else bytes(stream.buf)


def central_records(data):
    """[(name_bytes, central_offset, local_offset)] by walking the central directory."""
    eocd = data.rfind(b"PK\x05\x06")
    count, size, offset = struct.unpack_from("<HII", data, eocd + 10)
    pos = eocd - size
    out = []
    for _ in range(count):
        assert data[pos : pos + 4] == b"PK\x01\x02"
        n, e, c = struct.unpack_from("<HHH", data, pos + 28)
        (local,) = struct.unpack_from("<I", data, pos + 42)
        out.append((data[pos + 46 : pos + 46 + n], pos, local))
        pos += 46 + n + e + c
    return out


def patch(data, offset, fmt, value):
    b = bytearray(data)
    struct.pack_into(fmt, b, offset, value)
    return bytes(b)


def patch_entry(data, index, central_field=None, local_field=None, fmt="<I", value=0):
    """Patch a field (offset within the record) in the central record and/or local header of entry `index`."""
    _, cpos, lpos = central_records(data)[index]
    if central_field is not None:
        data = patch(data, cpos + central_field, fmt, value)
    if local_field is not None:
        data = patch(data, lpos + local_field, fmt, value)
    return data


def replace_name(data, old, new, central=True, local=True):
    assert len(old) == len(new)
    b = bytearray(data)
    found = False
    for name, cpos, lpos in central_records(data):
        at = name.find(old)
        if at >= 0:
            found = True
            if central:
                b[cpos + 46 + at : cpos + 46 + at + len(old)] = new
            if local:
                b[lpos + 30 + at : lpos + 30 + at + len(old)] = new
    assert found, old
    return bytes(b)


def add_zip64_end_record(data):
    """Insert a zip64 end-of-central-directory record and locator before the classic end record."""
    eocd = data.rfind(b"PK\x05\x06")
    count, size, offset = struct.unpack_from("<HII", data, eocd + 10)
    rec = struct.pack("<IQHHIIQQQQ", 0x06064B50, 44, 45, 45, 0, 0, count, count, size, offset)
    loc = struct.pack("<IIQI", 0x07064B50, 0, eocd, 1)
    end = bytearray(data[eocd:])
    struct.pack_into("<HHII", end, 8, 0xFFFF, 0xFFFF, 0xFFFFFFFF, 0xFFFFFFFF)
    return data[:eocd] + rec + loc + bytes(end)


def manual_zip(entries, descriptor_signature):
    """A hand-built archive whose entries all use data descriptors (flag bit 3), with or without the optional
    descriptor signature; local headers carry zero CRC and sizes, as streaming writers do."""
    out = bytearray()
    central = bytearray()
    for name, data in entries:
        raw = name.encode()
        comp = zlib.compressobj(6, zlib.DEFLATED, -15)
        body = comp.compress(data) + comp.flush()
        crc = zlib.crc32(data)
        offset = len(out)
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0x08, 8, 0x6000, 0x58B1, 0, 0, 0, len(raw), 0) + raw + body
        if descriptor_signature:
            out += struct.pack("<I", 0x08074B50)
        out += struct.pack("<III", crc, len(body), len(data))
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0x08, 8, 0x6000, 0x58B1, crc, len(body), len(data),
                               len(raw), 0, 0, 0, 0, 0o644 << 16, offset) + raw
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(central), len(out), 0)
    return bytes(out + central + end)


def describe(data):
    """What Python's zipfile reads from `data`: the manifest entry for a valid archive."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert zf.testzip() is None
        entries = []
        for zi in zf.infolist():
            body = zf.read(zi)
            entries.append(
                {
                    "name": zi.filename,
                    "isDirectory": zi.is_dir(),
                    "size": zi.file_size,
                    "compressedSize": zi.compress_size,
                    "method": zi.compress_type,
                    "crc32": zi.CRC,
                    "sha256": hashlib.sha256(body).hexdigest(),
                }
            )
        return {"comment": zf.comment.decode("cp437"), "entries": entries}


def valid_fixtures():
    v = {}
    v["stored.zip"] = build(CONTENT, zipfile.ZIP_STORED)
    for level in (1, 6, 9):
        v[f"deflate-level{level}.zip"] = build(CONTENT, zipfile.ZIP_DEFLATED, level)
    v["data-descriptor.zip"] = build_streamed(
        {"streamed.txt": (text_payload(3, 5000), zipfile.ZIP_DEFLATED), "stored.bin": (random_payload(4, 700), zipfile.ZIP_STORED),
         "empty": (b"", zipfile.ZIP_DEFLATED)})
    v["data-descriptor-zip64.zip"] = build_streamed(
        {"streamed64.txt": (text_payload(5, 4000), zipfile.ZIP_DEFLATED)}, force_zip64=True)
    streamed = [("first.txt", text_payload(9, 3000)), ("second.bin", random_payload(10, 500)), ("third-empty", b"")]
    v["descriptor-unsigned.zip"] = manual_zip(streamed, descriptor_signature=False)
    v["descriptor-signed-manual.zip"] = manual_zip(streamed, descriptor_signature=True)
    v["zip64-local.zip"] = build_streamed(
        {"a.txt": (text_payload(6, 3000), zipfile.ZIP_DEFLATED), "b.bin": (random_payload(7, 100), zipfile.ZIP_STORED)},
        force_zip64=True, seekable=True)
    v["zip64-end-record.zip"] = add_zip64_end_record(build(CONTENT))
    v["comment.zip"] = build({"a.txt": b"a"}, comment=b"bioimage.io package comment \xe9 (cp437)")
    v["utf8-names.zip"] = build(
        {"donn\u00e9es/\u00fcmlaut-\u00df.txt": b"umlaut", "\u65e5\u672c\u8a9e.txt": b"nihongo",
         "emoji-\U0001F52C.txt": b"microscope", "plain.txt": b"ascii"})
    v["cp437-name.zip"] = replace_name(build({"cafe.txt": b"coffee"}), b"cafe", b"caf\x82")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for d in ("dir/", "dir/sub/", "other/"):
            zf.writestr(info(d, zipfile.ZIP_STORED), b"")
        zf.writestr(info("dir/sub/file.txt"), b"nested file\n")
        zf.writestr(info("dir/empty"), b"")
    v["directories.zip"] = buf.getvalue()
    v["prepended-data.zip"] = b"#!/bin/sh\necho self-extracting stub\nexit 0\n" + build(CONTENT)
    v["many-entries.zip"] = build({f"n/{i:04d}.txt": str(i).encode() * (i % 7) for i in range(300)})
    v["empty-archive.zip"] = build({})
    return v


def hostile_fixtures():
    """[(file, bytes, code, stage, limits, entry)]; stage is 'open' or 'read' (of `entry`)."""
    h = []

    def add(file, data, code, stage="open", limits=None, entry=None):
        h.append((file, data, code, stage, limits or {}, entry))

    def one(name, data=b"evil\n", method=zipfile.ZIP_STORED):
        return build({name: data}, method)

    add("traversal-dotdot.zip", one("../evil.txt"), "path-traversal")
    add("traversal-nested.zip", one("safe/../../evil.txt"), "path-traversal")
    add("traversal-backslash.zip", one("..\\evil.txt"), "path-traversal")
    add("traversal-backslash-nested.zip", one("a\\..\\..\\evil.txt"), "path-traversal")
    add("traversal-trailing.zip", one("a/.."), "path-traversal")
    add("absolute-slash.zip", one("/tmp/evil.txt"), "absolute-path")
    add("absolute-backslash.zip", one("\\tmp\\evil.txt"), "absolute-path")
    add("drive-letter-backslash.zip", one("C:\\evil.txt"), "drive-letter-path")
    add("drive-letter-slash.zip", one("c:/evil.txt"), "drive-letter-path")
    add("nul-in-name.zip", replace_name(one("evilX.txt"), b"evilX", b"evil\x00"), "invalid-entry-name")
    add("invalid-utf8-name.zip", replace_name(one("\u00e9.txt"), "\u00e9".encode(), b"\xff\xfe"), "invalid-entry-name")
    empty = one("x")
    empty = patch_entry(empty, 0, central_field=28, fmt="<H", value=0)  # central name length 0: the name byte joins the extra field
    empty = patch_entry(empty, 0, central_field=30, fmt="<H", value=1)
    add("empty-name.zip", empty, "invalid-entry-name")

    zeros10 = build({"zeros.bin": bytes(10 << 20)}, zipfile.ZIP_DEFLATED, 9)
    add("bomb-10MiB.zip", zeros10, "entry-too-large", limits={"maxEntrySize": 1 << 20})
    add("bomb-10MiB.zip", zeros10, "compression-ratio-exceeded")
    add("bomb-total.zip", build({f"z{i}.bin": bytes(512 << 10) for i in range(4)}, zipfile.ZIP_DEFLATED, 9),
        "total-size-exceeded", limits={"maxTotalSize": 1 << 20})
    add("bomb-ratio.zip", build({"zeros.bin": bytes(2 << 20)}, zipfile.ZIP_DEFLATED, 9), "compression-ratio-exceeded",
        limits={"maxCompressionRatio": 100})
    add("too-many-entries.zip", build({f"{i}.txt": b"x" for i in range(20)}), "too-many-entries", limits={"maxEntries": 10})

    small_lie = patch_entry(build({"zeros.bin": bytes(1 << 20)}, zipfile.ZIP_DEFLATED, 9), 0, central_field=24, local_field=22, value=1000)
    add("forged-size-small.zip", small_lie, "size-mismatch", stage="read", entry="zeros.bin")
    huge = patch_entry(build({"tiny.txt": b"0123456789"}, zipfile.ZIP_DEFLATED), 0, central_field=24, local_field=22, value=0xFFFFFFFE)
    add("forged-size-huge.zip", huge, "compression-ratio-exceeded")
    add("forged-size-huge.zip", huge, "size-mismatch", stage="read", limits={"maxCompressionRatio": 1e30}, entry="tiny.txt")
    add("forged-stored-size.zip", patch_entry(one("s.txt"), 0, central_field=24, value=3), "size-mismatch", stage="read", entry="s.txt")
    add("forged-compressed-size.zip", patch_entry(one("s.txt"), 0, central_field=20, value=0x00FFFFFF), "data-out-of-range")

    wrong = build({"a.txt": b"correct data\n"})
    _, cpos, _ = central_records(wrong)[0]
    (crc,) = struct.unpack_from("<I", wrong, cpos + 16)
    add("wrong-crc.zip", patch_entry(wrong, 0, central_field=16, local_field=14, value=crc ^ 0x1), "crc-mismatch", stage="read", entry="a.txt")
    corrupt = build({"a.txt": text_payload(8, 2000)})
    _, _, lpos = central_records(corrupt)[0]
    corrupt = patch(corrupt, lpos + 30 + len("a.txt"), "<B", 0xFF)  # BFINAL=1, BTYPE=11 (reserved)
    add("corrupt-deflate.zip", corrupt, "corrupt-data", stage="read", entry="a.txt")

    valid = build(CONTENT)
    cd_start = central_records(valid)[0][1]
    eocd = valid.rfind(b"PK\x05\x06")
    add("truncated-central-directory.zip", valid[: eocd - 20] + valid[eocd:], "truncated-central-directory")
    add("truncated-file.zip", valid[: len(valid) // 2], "missing-end-of-central-directory")
    add("truncated-in-central-directory.zip", valid[: cd_start + 10], "missing-end-of-central-directory")
    add("not-a-zip.zip", b"just some text, no archive here\n", "missing-end-of-central-directory")
    add("empty-file.zip", b"", "missing-end-of-central-directory")
    add("multi-disk.zip", patch(valid, eocd + 4, "<H", 1), "multi-disk-archive")

    enc = patch_entry(one("secret.txt"), 0, central_field=8, local_field=6, fmt="<H", value=1)
    add("encrypted.zip", enc, "encrypted-entry", stage="read", entry="secret.txt")
    add("method-bzip2.zip", one("b.txt", b"bzip2 data " * 50, zipfile.ZIP_BZIP2), "unsupported-method", stage="read", entry="b.txt")
    add("method-lzma.zip", one("l.txt", b"lzma data " * 50, zipfile.ZIP_LZMA), "unsupported-method", stage="read", entry="l.txt")
    add("method-zstd.zip", patch_entry(one("z.txt"), 0, central_field=10, local_field=8, fmt="<H", value=93),
        "unsupported-method", stage="read", entry="z.txt")

    two = build({"a.txt": b"A" * 100, "b.txt": b"B" * 100}, zipfile.ZIP_STORED)
    add("overlap-same-offset.zip", patch_entry(two, 1, central_field=42, value=0), "overlapping-entries")
    add("overlap-extends.zip", patch_entry(two, 0, central_field=20, value=150), "overlapping-entries")
    buf = io.BytesIO()
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with zipfile.ZipFile(buf, "w") as zf:
            zf.writestr(info("dup.txt"), b"first")
            zf.writestr(info("dup.txt"), b"second")
    add("duplicate-names.zip", buf.getvalue(), "duplicate-entry-name")
    add("local-name-mismatch.zip", replace_name(one("good.txt"), b"good", b"evil", central=False), "local-header-mismatch")
    add("local-header-out-of-range.zip", patch_entry(one("far.txt"), 0, central_field=42, value=0x7FFF0000), "local-header-out-of-range")
    add("local-header-bad-signature.zip", patch(one("sig.txt"), 0, "<I", 0x12345678), "invalid-local-header")
    bad_cd = patch(valid, cd_start, "<I", 0x12345678)
    add("central-directory-bad-signature.zip", bad_cd, "invalid-central-directory")
    add("zip64-extra-missing.zip", patch_entry(one("z64.txt"), 0, central_field=24, value=0xFFFFFFFF), "invalid-zip64-record")
    z64 = add_zip64_end_record(build(CONTENT))
    rec = z64.rfind(b"PK\x06\x06")
    add("zip64-end-record-missing.zip", patch(z64, rec, "<I", 0x12345678), "invalid-zip64-record")
    add("zip64-entry-count-forged.zip", patch(z64, rec + 32, "<Q", 1 << 40), "too-many-entries")
    add("zip64-entry-count-inconsistent.zip", patch(z64, rec + 32, "<Q", 5000), "truncated-central-directory")
    return h


def generate():
    for sub in ("valid", "hostile"):
        os.makedirs(os.path.join(OUT, sub), exist_ok=True)
        for f in os.listdir(os.path.join(OUT, sub)):
            os.remove(os.path.join(OUT, sub, f))
    manifest = {"python": sys.version.split()[0], "zlib": zlib.ZLIB_RUNTIME_VERSION, "valid": [], "hostile": []}
    for name, data in sorted(valid_fixtures().items()):
        with open(os.path.join(OUT, "valid", name), "wb") as f:
            f.write(data)
        manifest["valid"].append({"file": name, **describe(data)})
    for file, data, code, stage, limits, entry in hostile_fixtures():
        path = os.path.join(OUT, "hostile", file)
        with open(path, "wb") as f:
            f.write(data)
        item = {"file": file, "code": code, "stage": stage, "limits": limits}
        if entry:
            item["entry"] = entry
        # Python's own verdict, for the README's comparison: does zipfile open / read it?
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                for zi in zf.infolist():
                    zf.read(zi)
            item["pythonZipfile"] = "reads without error"
        except Exception as e:  # noqa: BLE001 - recorded for documentation only
            item["pythonZipfile"] = f"{type(e).__name__}: {str(e)[:120]}"
        manifest["hostile"].append(item)
    with open(os.path.join(OUT, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=1, ensure_ascii=False)
        f.write("\n")
    total = sum(os.path.getsize(os.path.join(OUT, s, f)) for s in ("valid", "hostile") for f in os.listdir(os.path.join(OUT, s)))
    print(f"wrote {len(manifest['valid'])} valid and {len(manifest['hostile'])} hostile cases ({total} bytes) to {OUT}")


def pattern(length, seed):
    """The writer-test content recipe, shared with ZipWriterInteropTests: byte i = (i * 131 + seed * 7 + (i >> 8)) & 0xFF,
    or a text recipe when seed < 0."""
    if seed < 0:
        words = [b"alpha ", b"beta ", b"gamma ", b"delta\n"]
        out = bytearray()
        i = 0
        while len(out) < length:
            out += words[(i * 7 + (i >> 3)) % 4]
            i += 1
        return bytes(out[:length])
    return bytes(((i * 131 + seed * 7 + (i >> 8)) & 0xFF) for i in range(length))


def check(directory):
    results = []
    ok_all = True
    for sidecar in sorted(f for f in os.listdir(directory) if f.endswith(".json")):
        with open(os.path.join(directory, sidecar)) as f:
            spec = json.load(f)
        path = os.path.join(directory, spec["archive"])
        with open(path, "rb") as f:
            data = f.read()
        problems = []
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                bad = zf.testzip()
                if bad is not None:
                    problems.append(f"testzip: bad CRC in {bad}")
                infos = zf.infolist()
                names = [zi.filename for zi in infos]
                if names != [e["name"] for e in spec["entries"]]:
                    problems.append(f"names differ: {names}")
                for zi, e in zip(infos, spec["entries"]):
                    body = zf.read(zi)
                    expected = pattern(e["length"], e["seed"])
                    if body != expected:
                        problems.append(f"{zi.filename}: content differs from the recipe")
                    if hashlib.sha256(body).hexdigest() != e["sha256"]:
                        problems.append(f"{zi.filename}: sha256 differs from the writer's")
                    if zi.compress_type != e["method"]:
                        problems.append(f"{zi.filename}: method {zi.compress_type} != {e['method']}")
                if (spec.get("zip64") or len(infos) > 0xFFFF) and b"PK\x06\x06" not in data[-200:]:
                    problems.append("no zip64 end record although zip64 was forced")
                if zf.comment.decode("utf-8") != spec.get("comment", ""):
                    problems.append("comment differs")
        except Exception as ex:  # noqa: BLE001
            problems.append(f"{type(ex).__name__}: {ex}")
        ok_all &= not problems
        results.append({"archive": spec["archive"], "bytes": len(data), "sha256": hashlib.sha256(data).hexdigest(),
                        "entries": len(spec["entries"]),
                        "zip64": spec.get("zip64", False), "ok": not problems, "problems": problems})
    out = {"python": sys.version.split()[0], "checked": len(results), "allOK": ok_all, "results": results}
    with open(os.path.join(OUT, "writer-check.json"), "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    print(f"checked {len(results)} archives written by ZipWriter: {'all OK' if ok_all else 'FAILURES'}")
    return 0 if ok_all and results else 1


if __name__ == "__main__":
    if len(sys.argv) >= 2 and sys.argv[1] == "generate":
        generate()
    elif len(sys.argv) >= 3 and sys.argv[1] == "check":
        sys.exit(check(sys.argv[2]))
    else:
        print(__doc__)
        sys.exit(2)
