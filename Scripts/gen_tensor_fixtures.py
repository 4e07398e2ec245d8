#!/usr/bin/env python3
"""Generates the numpy reference fixtures for the BioImageTensor tests (Fixtures/tensor/).

Run from the repository root with numpy 2.x (2.4.6 was used):

    python3 Scripts/gen_tensor_fixtures.py            # writes Fixtures/tensor/

Outputs (all small; see Fixtures/tensor/README.md):
  cases.json   the manifest: one entry per test case (operation, parameters, input and expected
               array names, comparison tolerance)
  cases.bin    every array of the manifest, each a complete .npy file written by numpy.save,
               concatenated; the manifest gives each array's byte offset and length
  npy/         .npy files written by numpy: every dtype, both byte orders, Fortran order,
               format versions 1/2/3, 0-d and empty arrays
  corrupt/     damaged .npy files; the manifest lists the error code each must produce

The script is deterministic (fixed seeds), so re-running it reproduces the committed files.
"""
import io
import json
import os
import struct
import sys
import warnings

import numpy as np

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Fixtures", "tensor")
DTYPES = ["bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64",
          "float16", "float32", "float64"]
FLOATS = ["float16", "float32", "float64"]
INTS = ["int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64"]

rng = np.random.default_rng(20240611)
blob = io.BytesIO()
arrays = {}
cases = []


def put(name, array):
    """Stores an array in cases.bin and returns its name."""
    assert name not in arrays, name
    buf = io.BytesIO()
    np.save(buf, np.array(array, order="C"), allow_pickle=False)
    data = buf.getvalue()
    arrays[name] = {"offset": blob.tell(), "length": len(data)}
    blob.write(data)
    return name


def case(op, name, inputs, expected, compare="exact", **params):
    names_in = [put(f"{name}.in{i}", a) for i, a in enumerate(inputs)]
    names_out = [put(f"{name}.out{i}", a) for i, a in enumerate(expected)]
    entry = {"op": op, "name": name, "inputs": names_in, "expected": names_out}
    if compare != "exact":
        entry["rtol"], entry["atol"] = compare
    entry.update(params)
    cases.append(entry)


def special_floats(dtype, n=37):
    base = rng.standard_normal(n) * 4
    specials = [0.0, -0.0, 0.5, -0.5, 1.5, 2.5, -2.5, np.inf, -np.inf, np.nan, 3.0, -7.25]
    k = min(n, len(specials))
    base[:k] = specials[:k]
    rng.shuffle(base)
    return base.astype(dtype)


def ints(dtype, n=37):
    info = np.iinfo(dtype)
    values = rng.integers(info.min, info.max, size=n, dtype=dtype, endpoint=True)
    k = min(n, 4)
    values[:k] = [info.min, info.max, 0, 1][:k]
    return values


# --- dtype conversion (numpy astype) ------------------------------------------------------------
def conversion_cases():
    sources = {
        "bool": np.array([True, False, True, True, False]),
        "float16": np.array([0, -0.0, 1.5, -2.75, 100.9, 65504, np.inf, -np.inf, np.nan], dtype=np.float16),
        "float32": np.array([0, -0.0, 1.5, -2.75, 100.9, 1e30, 3.4e38, np.inf, -np.inf, np.nan, 1e-42, 65519.0, 65520.0], dtype=np.float32),
        "float64": np.array([0, -0.0, 1.5, -2.75, 100.9, 1e300, 1e-310, np.inf, -np.inf, np.nan, 0.1, 16777217.0], dtype=np.float64),
    }
    for d in INTS:
        sources[d] = ints(d, 9)
    for src, values in sources.items():
        for dst in DTYPES:
            if src == dst:
                continue
            v = values
            if src in FLOATS and dst in INTS:
                # numpy leaves out-of-range float -> int undefined: test in-range, non-NaN values only.
                info = np.iinfo(dst)
                f = v.astype(np.float64)
                keep = np.isfinite(f) & (np.trunc(f) >= info.min) & (np.trunc(f) <= info.max)
                v = v[keep]
            with np.errstate(all="ignore"):
                out = v.astype(dst)
            case("astype", f"astype.{src}.{dst}", [v], [out], target=dst)
    # The clamping variant: expected values computed by numpy clip in float64, then truncation.
    v = np.array([-1e10, -300.7, -1.5, -0.5, 0, 0.9, 127.9, 128.0, 255.5, 256, 1e10, np.nan, np.inf, -np.inf])
    for dst in ["int8", "uint8", "int16", "uint16", "int32", "uint32"]:
        info = np.iinfo(dst)
        clipped = np.nan_to_num(np.clip(np.trunc(v), info.min, info.max), nan=0.0)
        case("clampingAstype", f"clamping.float64.{dst}", [v], [clipped.astype(dst)], target=dst)


# --- element-wise ------------------------------------------------------------------------------
BROADCASTS = [([17], [17]), ([3, 1, 5], [4, 5]), ([2, 0, 3], [3]), ([], [5]), ([33], []),
              ([1, 4], [3, 1]), ([2, 3, 4, 5], [1, 3, 1, 5])]


def elementwise_cases():
    for dtype in ["float32", "float64", "float16"]:
        for i, (sa, sb) in enumerate(BROADCASTS):
            a = special_floats(dtype, int(np.prod(sa))).reshape(sa)
            b = special_floats(dtype, int(np.prod(sb))).reshape(sb)
            with np.errstate(all="ignore"):
                for fn, f in [("add", np.add), ("subtract", np.subtract), ("multiply", np.multiply),
                              ("divide", np.divide), ("minimum", np.minimum), ("maximum", np.maximum)]:
                    case("binary", f"binary.{dtype}.{fn}.{i}", [a, b], [f(a, b)], fn=fn)
                for fn, f in [("less", np.less), ("lessOrEqual", np.less_equal), ("greater", np.greater),
                              ("greaterOrEqual", np.greater_equal), ("equal", np.equal), ("notEqual", np.not_equal)]:
                    case("compare", f"compare.{dtype}.{fn}.{i}", [a, b], [f(a, b)], fn=fn)
        a = np.abs(special_floats(dtype, 40)).astype(dtype)
        b = (rng.standard_normal(40) * 3).astype(dtype)
        with np.errstate(all="ignore"):
            tol = {"float16": (2e-3, 0), "float32": (3e-6, 0), "float64": (1e-14, 0)}[dtype]
            case("binary", f"binary.{dtype}.power", [a, b], [np.power(a, b)], compare=tol, fn="power")
            x = np.concatenate([special_floats(dtype, 45), np.linspace(-100, 100, 50).astype(dtype),
                                np.array([88, 89, -87, -88, -103, -104, 709, -745, 1e-30], dtype=np.float64).astype(dtype)])
            exact = [("negate", np.negative), ("absolute", np.abs), ("squareRoot", np.sqrt),
                     ("floor", np.floor), ("round", np.round)]
            for fn, f in exact:
                case("unary", f"unary.{dtype}.{fn}", [x], [f(x)], fn=fn)
            tol = {"float16": (1e-3, 0), "float32": (4e-7, 1e-44), "float64": (4e-16, 0)}[dtype]
            for fn, f in [("exp", np.exp), ("log", np.log), ("tanh", np.tanh),
                          ("sigmoid", lambda v: (1 / (1 + np.exp(-v))).astype(dtype))]:
                case("unary", f"unary.{dtype}.{fn}", [x], [f(x)], compare=tol, fn=fn)
            case("clip", f"clip.{dtype}", [x], [np.clip(x, dtype_cast(dtype, -1.5), dtype_cast(dtype, 2.25))], low=-1.5, high=2.25)
            gain, offset = dtype_cast(dtype, 1.7), dtype_cast(dtype, -0.3)
            case("scaleLinear", f"scaleLinear.{dtype}", [x], [x * gain + offset], gain=-0.0 + float(gain), offset=float(offset))
    for dtype in ["int8", "uint8", "int16", "uint16", "int32", "int64", "uint64"]:
        for i, (sa, sb) in enumerate(BROADCASTS[:5]):
            a = ints(dtype, int(np.prod(sa))).reshape(sa)
            b = ints(dtype, int(np.prod(sb))).reshape(sb)
            for fn, f in [("add", np.add), ("subtract", np.subtract), ("multiply", np.multiply),
                          ("minimum", np.minimum), ("maximum", np.maximum)]:
                case("binary", f"binary.{dtype}.{fn}.{i}", [a, b], [f(a, b)], fn=fn)
            case("compare", f"compare.{dtype}.less.{i}", [a, b], [np.less(a, b)], fn="less")
        x = ints(dtype, 40)
        with np.errstate(all="ignore"):
            case("unary", f"unary.{dtype}.negate", [x], [np.negative(x)], fn="negate")
            case("unary", f"unary.{dtype}.absolute", [x], [np.abs(x)], fn="absolute")
        case("clip", f"clip.{dtype}", [x], [np.clip(x, 0, 100)], low=0, high=100)
    c = rng.random((3, 1, 4)) > 0.5
    a = special_floats("float32", 20).reshape(5, 4)
    b = np.float32(9.5)
    case("where", "where.float32", [c, a, np.array(b)], [np.where(c, a, b)])


def dtype_cast(dtype, v):
    return np.dtype(dtype).type(v)


# --- reductions --------------------------------------------------------------------------------
def reduction_cases():
    shapes_axes = [((3, 4, 5), None), ((3, 4, 5), [0]), ((3, 4, 5), [1, 2]), ((3, 4, 5), [2]),
                   ((3, 4, 5), [0, 2]), ((1, 1, 37, 19), [2, 3]), ((1000,), None), ((2, 0, 3), [1]),
                   ((2, 0, 3), [0]), ((7,), [-1])]
    for dtype in ["float32", "float64"]:
        for i, (shape, axes) in enumerate(shapes_axes):
            x = (rng.standard_normal(shape) * 10 + 3).astype(dtype)
            ax = None if axes is None else tuple(axes)
            tol = (2e-6, 1e-6) if dtype == "float32" else (1e-12, 1e-12)
            for keep in [False, True]:
                with np.errstate(all="ignore"), warnings.catch_warnings():
                    warnings.simplefilter("ignore", RuntimeWarning)
                    for fn, f in [("sum", np.sum), ("mean", np.mean), ("variance", np.var),
                                  ("standardDeviation", np.std)]:
                        case("reduce", f"reduce.{dtype}.{fn}.{i}.{int(keep)}", [x], [f(x, axis=ax, keepdims=keep)],
                             compare=tol, fn=fn, axes=axes, keepdims=keep)
                    if x.size and all(x.shape[a] for a in (axes or range(x.ndim))):
                        for fn, f in [("min", np.min), ("max", np.max)]:
                            case("reduce", f"reduce.{dtype}.{fn}.{i}.{int(keep)}", [x], [f(x, axis=ax, keepdims=keep)],
                                 fn=fn, axes=axes, keepdims=keep)
        x = special_floats(dtype, 60).reshape(3, 4, 5)
        with np.errstate(all="ignore"):
            for fn, f in [("sum", np.sum), ("mean", np.mean), ("min", np.min), ("max", np.max)]:
                case("reduce", f"reduce.{dtype}.{fn}.nan", [x], [f(x, axis=(1, 2))],
                     compare=(1e-6, 1e-6), fn=fn, axes=[1, 2], keepdims=False)
        y = (rng.standard_normal((4, 6, 5)) * 3).astype(dtype)
        y[1, 2, 3] = y[1, 4, 3] = 50
        for axis in [0, 1, 2, -1]:
            case("argmax", f"argmax.{dtype}.{axis}", [y], [np.argmax(y, axis=axis).astype(np.int64)], axis=axis)
            sm = np.exp(y - y.max(axis=axis, keepdims=True))
            sm = sm / sm.sum(axis=axis, keepdims=True)
            case("softmax", f"softmax.{dtype}.{axis}", [y], [sm.astype(dtype)],
                 compare=(1e-6, 1e-7) if dtype == "float32" else (1e-14, 1e-16), axis=axis)
        case("argmax", f"argmax.{dtype}.flat", [y], [np.array(np.argmax(y), dtype=np.int64)])
    for dtype in ["uint8", "int16", "int32"]:
        x = ints(dtype, 60).reshape(3, 4, 5)
        case("reduce", f"reduce.{dtype}.sum", [x], [x.sum(axis=(0, 2), dtype=np.int64)], fn="sum", axes=[0, 2], keepdims=False)
        for fn, f in [("mean", np.mean), ("variance", np.var), ("standardDeviation", np.std)]:
            case("reduce", f"reduce.{dtype}.{fn}", [x], [f(x, axis=(1,))], compare=(1e-13, 1e-9), fn=fn, axes=[1], keepdims=False)
        for fn, f in [("min", np.min), ("max", np.max)]:
            case("reduce", f"reduce.{dtype}.{fn}", [x], [f(x, axis=(1,))], fn=fn, axes=[1], keepdims=False)


# --- quantiles ---------------------------------------------------------------------------------
def quantile_cases():
    qs = [0.0, 0.01, 0.25, 0.5, 0.75, 0.998, 1.0]
    samples = {
        "n1": rng.standard_normal(1),
        "n2": rng.standard_normal(2),
        "n7": rng.standard_normal(7),
        "n1000": rng.standard_normal(1000),
        "n5003": rng.standard_normal(5003) * 100,            # radix path (> 1024 values)
        "ties": rng.integers(0, 5, 4099).astype(np.float64),  # heavy duplicates
        "narrow": 1.0 + rng.integers(0, 4000, 7000) * 2.0 ** -20,  # one top-16-bit bucket: recursion
        "constant": np.full(3000, 2.5),
        "signed": np.concatenate([rng.standard_normal(2000), [0.0, -0.0, np.inf, -np.inf]]),
    }
    for dtype in ["float32", "float64"]:
        for name, v in samples.items():
            x = v.astype(dtype)
            with np.errstate(all="ignore"):
                case("quantile", f"quantile.{dtype}.{name}", [x], [np.quantile(x, qs)], q=qs)
        x = (rng.standard_normal((2, 3, 21, 17)) * 5).astype(dtype)
        for axes in [[2, 3], [0, 2], [1], None]:
            ax = None if axes is None else tuple(axes)
            for keep in [False, True]:
                case("quantile", f"quantile.{dtype}.axes{axes}.{int(keep)}", [x],
                     [np.quantile(x, qs, axis=ax, keepdims=keep)], q=qs, axes=axes, keepdims=keep)
        big = (rng.standard_normal((1, 1, 64, 64)) * 3 + 1).astype(dtype)
        case("percentile", f"percentile.{dtype}", [big], [np.percentile(big, [1, 99.8], axis=(2, 3))],
             q=[1, 99.8], axes=[2, 3])
        nan = rng.standard_normal((3, 2000)).astype(dtype)
        nan[0, 5] = np.nan
        nan[2, :] = np.nan
        nan[1, 10:1000] = np.nan
        with np.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            case("quantile", f"quantile.{dtype}.nan", [nan], [np.quantile(nan, qs, axis=1)], q=qs, axes=[1])
            case("quantile", f"nanquantile.{dtype}", [nan], [np.nanquantile(nan, qs, axis=1)], q=qs, axes=[1], ignoreNaN=True)
        x = rng.standard_normal(3001).astype(dtype)
        case("quantile", f"quantile.{dtype}.invertedCDF", [x],
             [np.quantile(x, qs + [0.3, 1 / 3001, 2 / 3001], method="inverted_cdf").astype(np.float64)],
             q=qs + [0.3, 1 / 3001, 2 / 3001], method="invertedCDF")
    for dtype in ["uint8", "uint16", "int16", "int32"]:
        info = np.iinfo(dtype)
        lo, hi = max(info.min, -10000), min(info.max, 10000)
        x = rng.integers(lo, hi, (3, 2500)).astype(dtype)
        case("quantile", f"quantile.{dtype}", [x], [np.quantile(x, qs, axis=1)], q=qs, axes=[1])


# --- shape operations --------------------------------------------------------------------------
def shape_cases():
    for dtype in ["float32", "uint8", "float64", "int16", "bool"]:
        x = (rng.standard_normal((2, 3, 4, 5)) * 10).astype(dtype)
        for perm in [[0, 1, 3, 2], [3, 2, 1, 0], [1, 0, 2, 3], [2, 0, 3, 1], [0, 1, 2, 3]]:
            case("transpose", f"transpose.{dtype}.{''.join(map(str, perm))}", [x], [np.transpose(x, perm)], perm=perm)
    big = rng.integers(0, 1000, (3, 70, 45)).astype(np.float32)
    case("transpose", "transpose.big.021", [big], [np.transpose(big, (0, 2, 1))], perm=[0, 2, 1])
    case("transpose", "transpose.big.210", [big], [np.transpose(big, (2, 1, 0))], perm=[2, 1, 0])
    unit = rng.standard_normal((1, 5, 1, 7)).astype(np.float32)
    case("transpose", "transpose.unit", [unit], [np.transpose(unit, (3, 2, 0, 1))], perm=[3, 2, 0, 1])
    x = np.arange(2 * 3 * 4 * 5, dtype=np.int32).reshape(2, 3, 4, 5)
    for i, ranges in enumerate([[[0, 2], [1, 3]], [[1, 2], [0, 3], [2, 4], [0, 5]], [[0, 0]], [[1, 2], [2, 3], [3, 4], [4, 5]]]):
        idx = tuple(slice(a, b) for a, b in ranges)
        case("slice", f"slice.{i}", [x], [x[idx]], ranges=ranges)
    for i, widths in enumerate([[[0, 1], [1, 0]], [[1, 0], [0, 1], [1, 2], [2, 2]]]):
        idx = tuple(slice(a, x.shape[k] - b) for k, (a, b) in enumerate(widths))
        case("crop", f"crop.{i}", [x], [x[idx]], widths=widths)
    a, b = np.arange(24, dtype=np.float64).reshape(2, 3, 4), -np.arange(12, dtype=np.float64).reshape(2, 3, 2)
    case("concatenate", "concatenate.axis2", [a, b], [np.concatenate([a, b], axis=2)], axis=2)
    c = np.arange(8, dtype=np.float64).reshape(1, 2, 4) + 100
    case("concatenate", "concatenate.axis0", [a, np.zeros((0, 3, 4)), a[:1] * 2], [np.concatenate([a, np.zeros((0, 3, 4)), a[:1] * 2], axis=0)], axis=0)
    case("concatenate", "concatenate.axis1", [a, c.reshape(2, 1, 4)], [np.concatenate([a, c.reshape(2, 1, 4)], axis=1)], axis=1)
    for axis in [0, 1, 3, -1]:
        case("stack", f"stack.{axis}", [a, a * 2, a - 1], [np.stack([a, a * 2, a - 1], axis=axis)], axis=axis)
    for dtype in ["float32", "uint8", "float64", "int16"]:
        x = (rng.standard_normal((1, 3, 4, 5)) * 10).astype(dtype)
        v = np.arange(7).astype(dtype)
        for mode in ["constant", "edge", "reflect", "symmetric"]:
            for i, widths in enumerate([[[0, 0], [0, 0], [2, 3], [1, 0]], [[0, 0], [1, 1], [9, 11], [6, 13]], [[1, 2]]]):
                xx = v if len(widths) == 1 else x
                kw = {"constant_values": 7} if mode == "constant" else {}
                case("pad", f"pad.{dtype}.{mode}.{i}", [xx], [np.pad(xx, widths, mode=mode, **kw)],
                     widths=widths, mode=mode, value=7)
    one = np.array([[4.0]], dtype=np.float32)
    for mode in ["edge", "reflect", "symmetric"]:
        case("pad", f"pad.single.{mode}", [one], [np.pad(one, [[2, 3], [1, 4]], mode=mode)], widths=[[2, 3], [1, 4]], mode=mode)
    a = np.array([1.0, 1.0001, np.nan, np.inf, -np.inf, 1e-9, 100.0, np.nan, 5.0])
    b = np.array([1.0, 1.0, np.nan, np.inf, np.inf, 0.0, 100.002, 1.0, np.nan])
    case("isclose", "isclose.default", [a, b], [np.isclose(a, b)], rtol_=1e-5, atol_=1e-8, equalNaN=False)
    case("isclose", "isclose.nan", [a, b], [np.isclose(a, b, rtol=1e-3, atol=1e-6, equal_nan=True)], rtol_=1e-3, atol_=1e-6, equalNaN=True)


# --- .npy files --------------------------------------------------------------------------------
def reference_value(dtype, shape):
    """The documented contents of every npy/ file: arange(count) - count // 2, cast to dtype
    (bool: odd elements True); floats additionally scaled by 0.5."""
    n = int(np.prod(shape))
    v = np.arange(n) - n // 2
    if dtype == "bool":
        return (np.arange(n) % 2 == 1).reshape(shape)
    if dtype in FLOATS:
        return (v * 0.5).astype(dtype).reshape(shape)
    if dtype.startswith("uint"):
        return np.arange(n).astype(dtype).reshape(shape)
    return v.astype(dtype).reshape(shape)


def write_header_version(path, array, version):
    with open(path, "wb") as f:
        np.lib.format.write_array(f, array, version=version, allow_pickle=False)


def npy_files():
    out = os.path.join(ROOT, "npy")
    os.makedirs(out, exist_ok=True)
    files = []
    shape = (2, 3, 4)
    for d in DTYPES:
        a = reference_value(d, shape)
        np.save(os.path.join(out, f"{d}.npy"), a)
        files.append({"file": f"npy/{d}.npy", "dtype": d, "shape": list(shape), "fortran": False, "canonical": True})
        if np.dtype(d).itemsize > 1:
            np.save(os.path.join(out, f"{d}_be.npy"), a.astype(np.dtype(d).newbyteorder(">")))
            files.append({"file": f"npy/{d}_be.npy", "dtype": d, "shape": list(shape)})
    for d in ["float32", "int16", "uint8", "float64", "bool"]:
        a = np.asfortranarray(reference_value(d, shape))
        np.save(os.path.join(out, f"{d}_fortran.npy"), a)
        files.append({"file": f"npy/{d}_fortran.npy", "dtype": d, "shape": list(shape), "fortran": True})
    a = np.asfortranarray(reference_value("float64", shape)).astype(">f8", order="F")
    np.save(os.path.join(out, "float64_fortran_be.npy"), a)
    files.append({"file": "npy/float64_fortran_be.npy", "dtype": "float64", "shape": list(shape)})
    for v in [(2, 0), (3, 0)]:
        write_header_version(os.path.join(out, f"float32_v{v[0]}.npy"), reference_value("float32", shape), v)
        files.append({"file": f"npy/float32_v{v[0]}.npy", "dtype": "float32", "shape": list(shape)})
    for d in ["float32", "int64", "bool"]:
        np.save(os.path.join(out, f"{d}_0d.npy"), reference_value(d, ()))
        files.append({"file": f"npy/{d}_0d.npy", "dtype": d, "shape": [], "canonical": True})
    for s in [(0,), (3, 0, 2)]:
        tag = "x".join(map(str, s))
        np.save(os.path.join(out, f"float32_empty_{tag}.npy"), np.zeros(s, dtype=np.float32))
        files.append({"file": f"npy/float32_empty_{tag}.npy", "dtype": "float32", "shape": list(s), "canonical": True})
    big_dims = (1, 1, 17, 33)
    np.save(os.path.join(out, "uint16_17x33.npy"), reference_value("uint16", big_dims))
    files.append({"file": "npy/uint16_17x33.npy", "dtype": "uint16", "shape": list(big_dims), "canonical": True})
    return files


def corrupt_files():
    out = os.path.join(ROOT, "corrupt")
    os.makedirs(out, exist_ok=True)
    good = io.BytesIO()
    np.save(good, reference_value("float32", (2, 3)))
    good = good.getvalue()
    header_len = struct.unpack("<H", good[8:10])[0]
    data_start = 10 + header_len

    def with_header(text, data=b"", version=1):
        body = text.encode("latin1")
        pad = 64 - ((10 + len(body) + 1) % 64)
        body = body + b" " * pad + b"\n"
        return b"\x93NUMPY" + bytes([version, 0]) + struct.pack("<H", len(body)) + body + data

    items = {
        "empty.npy": (b"", "truncatedHeader"),
        "bad_magic.npy": (b"\x93NUMPX" + good[6:], "badMagic"),
        "version_4.npy": (good[:6] + b"\x04\x00" + good[8:], "unsupportedVersion"),
        "truncated_preamble.npy": (good[:9], "truncatedHeader"),
        "truncated_header.npy": (good[:40], "truncatedHeader"),
        "truncated_data.npy": (good[:-5], "truncatedData"),
        "trailing_data.npy": (good + b"\x00\x00\x00\x00", "trailingData"),
        "object.npy": (with_header("{'descr': '|O', 'fortran_order': False, 'shape': (2,), }", b"\x00" * 16), "unsupportedDType"),
        "complex.npy": (with_header("{'descr': '<c8', 'fortran_order': False, 'shape': (1,), }", b"\x00" * 8), "unsupportedDType"),
        "unicode.npy": (with_header("{'descr': '<U3', 'fortran_order': False, 'shape': (1,), }", b"\x00" * 12), "unsupportedDType"),
        "structured.npy": (with_header("{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (1,), }", b"\x00" * 4), "unsupportedDType"),
        "unknown_dtype.npy": (with_header("{'descr': '<f3', 'fortran_order': False, 'shape': (1,), }", b"\x00" * 3), "unsupportedDType"),
        "shape_overflow.npy": (with_header("{'descr': '<f4', 'fortran_order': False, 'shape': (4294967296, 4294967296), }"), "invalidShape"),
        "bytes_overflow.npy": (with_header("{'descr': '<f8', 'fortran_order': False, 'shape': (2305843009213693952,), }"), "invalidShape"),
        "huge_shape.npy": (with_header("{'descr': '<f4', 'fortran_order': False, 'shape': (100000, 100000), }", b"\x00" * 64), "truncatedData"),
        "negative_shape.npy": (with_header("{'descr': '<f4', 'fortran_order': False, 'shape': (-1, 2), }"), "invalidShape"),
        "missing_key.npy": (with_header("{'descr': '<f4', 'shape': (1,), }", b"\x00" * 4), "malformedHeader"),
        "extra_key.npy": (with_header("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), 'x': 1, }", b"\x00" * 4), "malformedHeader"),
        "not_a_dict.npy": (with_header("descr = f4", b"\x00" * 4), "malformedHeader"),
        "bad_bool.npy": (with_header("{'descr': '<f4', 'fortran_order': Maybe, 'shape': (1,), }", b"\x00" * 4), "malformedHeader"),
        "unclosed.npy": (with_header("{'descr': '<f4', 'fortran_order': False, 'shape': (1,", b""), "malformedHeader"),
    }
    entries = []
    for name, (data, code) in items.items():
        with open(os.path.join(out, name), "wb") as f:
            f.write(data)
        entries.append({"file": f"corrupt/{name}", "code": code})
    return entries


def main():
    os.makedirs(ROOT, exist_ok=True)
    conversion_cases()
    elementwise_cases()
    reduction_cases()
    quantile_cases()
    shape_cases()
    manifest = {
        "generator": "Scripts/gen_tensor_fixtures.py",
        "numpy": np.__version__,
        "arrays": arrays,
        "cases": cases,
        "npy": npy_files(),
        "corrupt": corrupt_files(),
    }
    with open(os.path.join(ROOT, "cases.bin"), "wb") as f:
        f.write(blob.getvalue())
    with open(os.path.join(ROOT, "cases.json"), "w", encoding="utf-8") as f:
        json.dump(manifest, f, indent=1, allow_nan=False)
        f.write("\n")
    print(f"{len(cases)} cases, {len(arrays)} arrays, {blob.tell()} bytes in cases.bin", file=sys.stderr)


if __name__ == "__main__":
    main()
