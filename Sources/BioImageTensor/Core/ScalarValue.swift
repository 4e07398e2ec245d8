/// An exact, widened copy of one tensor element, used to convert between element types.
///
/// Every supported scalar widens to one case without loss: booleans to `bool`, signed integers to
/// `signed`, unsigned integers to `unsigned` and floating-point numbers (Float16, Float, Double)
/// to `floatingPoint`. Converting through a `ScalarValue` therefore rounds at most once.
public enum ScalarValue: Sendable, Hashable {
    /// A boolean.
    case bool(Bool)
    /// A signed integer.
    case signed(Int64)
    /// An unsigned integer.
    case unsigned(UInt64)
    /// A floating-point number (Float16 and Float widen to Double exactly).
    case floatingPoint(Double)
}

// MARK: - Conversion rules shared by the conformances

extension ScalarValue {
    /// numpy `astype` to a fixed-width integer: booleans give 0/1, integers wrap modulo 2^bits,
    /// floating-point values are truncated toward zero and then wrapped modulo 2^bits;
    /// NaN, ±infinity and magnitudes of 2^64 or more become 0.
    @inline(__always)
    func wrappingInteger<I: FixedWidthInteger>(_: I.Type) -> I {
        switch self {
        case .bool(let b): return b ? 1 : 0
        case .signed(let v): return I(truncatingIfNeeded: v)
        case .unsigned(let v): return I(truncatingIfNeeded: v)
        case .floatingPoint(let d):
            let t = d.rounded(.towardZero)
            guard t.isFinite, t.magnitude < 18_446_744_073_709_551_616.0 else { return 0 }
            let bits: UInt64 = t >= 0 ? UInt64(t) : 0 &- UInt64(-t)
            return I(truncatingIfNeeded: bits)
        }
    }

    /// Saturating conversion to a fixed-width integer: values outside the type's range become its
    /// minimum or maximum, floating-point values are truncated toward zero, NaN becomes 0.
    @inline(__always)
    func clampingInteger<I: FixedWidthInteger>(_: I.Type) -> I {
        switch self {
        case .bool(let b): return b ? 1 : 0
        case .signed(let v): return I(clamping: v)
        case .unsigned(let v): return I(clamping: v)
        case .floatingPoint(let d):
            if d.isNaN { return 0 }
            // Double(I.max) may round up to a power of two; `>=` then still saturates correctly.
            if d >= Double(I.max) { return I.max }
            if d <= Double(I.min) { return I.min }
            let t = d.rounded(.towardZero)
            return t >= 0 ? I(truncatingIfNeeded: UInt64(t)) : I(truncatingIfNeeded: Int64(t))
        }
    }

    /// numpy `astype` to a floating-point type: round to nearest (ties to even), overflow to ±∞.
    @inline(__always)
    func floatingPoint<F: BinaryFloatingPoint>(_: F.Type) -> F {
        switch self {
        case .bool(let b): return b ? 1 : 0
        case .signed(let v): return F(v)
        case .unsigned(let v): return F(v)
        case .floatingPoint(let d): return F(d)
        }
    }

    /// numpy `astype(bool)`: true for every value that is not zero (NaN is true).
    @inline(__always)
    var isNonZero: Bool {
        switch self {
        case .bool(let b): return b
        case .signed(let v): return v != 0
        case .unsigned(let v): return v != 0
        case .floatingPoint(let d): return d != 0
        }
    }
}
