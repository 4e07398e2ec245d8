/// Element-type conversion with numpy `astype` semantics.
///
/// `converted(to:)` is what the bioimage.io processing step `ensure_dtype` does:
/// * floating point → integer **truncates toward zero** and does not clip. Values outside the
///   target's range wrap modulo 2^bits (so `300.0 → uint8` gives 44 and `-1.0 → uint8` gives 255, as
///   numpy on x86-64); NaN, ±∞ and magnitudes of 2^64 or more become 0 (numpy leaves these
///   platform-dependent);
/// * integer → integer wraps modulo 2^bits (two's complement), as numpy;
/// * anything → floating point rounds to the nearest value (ties to even); overflow gives ±∞;
/// * anything → bool is `x != 0` (NaN is `true`); bool → number is 0 or 1.
///
/// `clampingConverted(to:)` instead saturates integers at the target's minimum and maximum and maps
/// NaN to 0. Neither ever traps, unlike Swift's own numeric initialisers.
extension Tensor {
    /// Returns the tensor converted to `T` with numpy `astype` semantics (see the extension notes).
    ///
    /// Complexity: O(count), one pass, split across cores for large tensors. Returns `self`
    /// unchanged (no copy) when `T` is `Scalar`.
    public func converted<T: TensorScalar>(to type: T.Type) -> Tensor<T> {
        if let same = self as? Tensor<T> { return same }
        return convert(clamping: false)
    }

    /// Returns the tensor converted to `T`, saturating integers at `T`'s bounds and mapping NaN to 0;
    /// floating-point values are truncated toward zero. Floating-point and bool targets behave as
    /// ``converted(to:)``.
    public func clampingConverted<T: TensorScalar>(to type: T.Type) -> Tensor<T> {
        if let same = self as? Tensor<T> { return same }
        return convert(clamping: true)
    }

    private func convert<T: TensorScalar>(clamping: Bool) -> Tensor<T> {
        let count = self.count
        return Tensor<T>(uncheckedShape: shape, count: count) { dst in
            scalars.withUnsafeBufferPointer { src in
                let source = UncheckedSendable(src)
                let target = UncheckedSendable(dst)
                Parallel.forEachChunk(count: count) { range in
                    convertKernel(source.value, target.value, range, clamping: clamping)
                }
            }
        }
    }
}

@_specialize(where S == UInt8, T == Float)
@_specialize(where S == UInt16, T == Float)
@_specialize(where S == Int16, T == Float)
@_specialize(where S == Int32, T == Float)
@_specialize(where S == Float, T == Double)
@_specialize(where S == Double, T == Float)
@_specialize(where S == Float, T == UInt8)
@_specialize(where S == Float, T == UInt16)
@_specialize(where S == Float, T == Int32)
@_specialize(where S == Bool, T == Float)
@_specialize(where S == Float, T == Bool)
func convertKernel<S: TensorScalar, T: TensorScalar>(
    _ src: UnsafeBufferPointer<S>, _ dst: UnsafeMutableBufferPointer<T>, _ range: Range<Int>, clamping: Bool
) {
    if S.self == UInt8.self, T.self == Float.self {
        src.withMemoryRebound(to: UInt8.self) { s in
            dst.withMemoryRebound(to: Float.self) { d in
                for i in range { d[i] = Float(s[i]) }
            }
        }
        return
    }
    if S.self == UInt16.self, T.self == Float.self {
        src.withMemoryRebound(to: UInt16.self) { s in
            dst.withMemoryRebound(to: Float.self) { d in
                for i in range { d[i] = Float(s[i]) }
            }
        }
        return
    }
    if S.self == Float.self, T.self == Double.self {
        src.withMemoryRebound(to: Float.self) { s in
            dst.withMemoryRebound(to: Double.self) { d in
                for i in range { d[i] = Double(s[i]) }
            }
        }
        return
    }
    if S.self == Double.self, T.self == Float.self {
        src.withMemoryRebound(to: Double.self) { s in
            dst.withMemoryRebound(to: Float.self) { d in
                for i in range { d[i] = Float(s[i]) }
            }
        }
        return
    }
    if S.self == Float.self, !clamping {
        let done: Bool = src.withMemoryRebound(to: Float.self) { s in
            switch T.self {
            case is UInt8.Type: return floatToInteger(s, dst, range, as: UInt8.self)
            case is UInt16.Type: return floatToInteger(s, dst, range, as: UInt16.self)
            case is Int8.Type: return floatToInteger(s, dst, range, as: Int8.self)
            case is Int16.Type: return floatToInteger(s, dst, range, as: Int16.self)
            case is Int32.Type: return floatToInteger(s, dst, range, as: Int32.self)
            default: return false
            }
        }
        if done { return }
    }
    if clamping {
        for i in range { dst[i] = T(clamping: src[i].scalarValue) }
    } else {
        for i in range { dst[i] = T(converting: src[i].scalarValue) }
    }
}

/// Float → a narrow integer with `astype` semantics (truncation toward zero, wrapping modulo
/// 2^bits) through Int32 for values within Int32's range; NaN, ±∞ and huge values take the exact
/// scalar path. Returns `false` when `T` is not `I`.
@inline(__always)
private func floatToInteger<T: TensorScalar, I: FixedWidthInteger & TensorScalar>(
    _ s: UnsafeBufferPointer<Float>, _ dst: UnsafeMutableBufferPointer<T>, _ range: Range<Int>, as _: I.Type
) -> Bool {
    guard T.self == I.self else { return false }
    dst.withMemoryRebound(to: I.self) { d in
        for i in range {
            let v = s[i]
            if v >= -2_147_483_648, v < 2_147_483_648 {
                d[i] = I(truncatingIfNeeded: Int32(v))
            } else {
                d[i] = I(converting: v.scalarValue)
            }
        }
    }
    return true
}
