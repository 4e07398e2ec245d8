import Foundation

/// An element type a ``Tensor`` can store: `Bool`, the fixed-width integers, `Float16`, `Float`
/// and `Double`.
///
/// The library provides every conformance. Conforming other types is not supported: the fast
/// kernels and the `.npy` reader rely on the element being one of the ``DType`` cases, with the
/// same size and bit layout.
public protocol TensorScalar: Sendable, Hashable {
    /// The dtype this Swift type stores.
    static var dtype: DType { get }
    /// The element widened, without loss, for conversion.
    var scalarValue: ScalarValue { get }
    /// Converts with numpy `astype` semantics (see ``Tensor/converted(to:)``); never traps.
    init(converting value: ScalarValue)
    /// Converts, saturating integers at the type's bounds and mapping NaN to 0; never traps.
    init(clamping value: ScalarValue)
}

/// A tensor element that supports arithmetic and ordering: the integers and floating-point types.
public protocol TensorNumeric: TensorScalar, Comparable, Numeric, SIMDScalar, Codable {}

/// A fixed-width integer tensor element. Arithmetic wraps on overflow, as numpy's does.
public protocol TensorInteger: TensorNumeric, FixedWidthInteger {}

/// A floating-point tensor element, with the elementary functions the tensor operators need.
public protocol TensorFloatingPoint: TensorNumeric, BinaryFloatingPoint {
    /// e raised to `x`, as the C library's `exp` for this type (correctly rounded or within 1 ulp).
    static func exp(_ x: Self) -> Self
    /// The natural logarithm of `x` (NaN for negative `x`, -∞ for zero).
    static func log(_ x: Self) -> Self
    /// The hyperbolic tangent of `x`.
    static func tanh(_ x: Self) -> Self
    /// `x` raised to the power `y`, as the C library's `pow`.
    static func pow(_ x: Self, _ y: Self) -> Self
}

extension Bool: TensorScalar {
    /// `DType.bool`.
    public static var dtype: DType { .bool }
    /// `.bool(self)`.
    public var scalarValue: ScalarValue { .bool(self) }
    /// True for every value that is not zero; NaN is true (numpy `astype(bool)`).
    public init(converting value: ScalarValue) { self = value.isNonZero }
    /// The same as ``init(converting:)``.
    public init(clamping value: ScalarValue) { self = value.isNonZero }
}

// The integer conformances differ only in their dtype and widening case.
extension Int8: TensorInteger {
    /// `DType.int8`.
    public static var dtype: DType { .int8 }
    /// The value widened to `Int64`.
    public var scalarValue: ScalarValue { .signed(Int64(self)) }
    /// numpy `astype`: integers wrap, floats truncate toward zero then wrap (NaN, ±∞ → 0).
    public init(converting value: ScalarValue) { self = value.wrappingInteger(Int8.self) }
    /// Saturates at `Int8.min`/`Int8.max`; floats truncate toward zero; NaN → 0.
    public init(clamping value: ScalarValue) { self = value.clampingInteger(Int8.self) }
}

extension Int16: TensorInteger {
    /// `DType.int16`.
    public static var dtype: DType { .int16 }
    /// The value widened to `Int64`.
    public var scalarValue: ScalarValue { .signed(Int64(self)) }
    /// numpy `astype`: integers wrap, floats truncate toward zero then wrap (NaN, ±∞ → 0).
    public init(converting value: ScalarValue) { self = value.wrappingInteger(Int16.self) }
    /// Saturates at the type's bounds; floats truncate toward zero; NaN → 0.
    public init(clamping value: ScalarValue) { self = value.clampingInteger(Int16.self) }
}

extension Int32: TensorInteger {
    /// `DType.int32`.
    public static var dtype: DType { .int32 }
    /// The value widened to `Int64`.
    public var scalarValue: ScalarValue { .signed(Int64(self)) }
    /// numpy `astype`: integers wrap, floats truncate toward zero then wrap (NaN, ±∞ → 0).
    public init(converting value: ScalarValue) { self = value.wrappingInteger(Int32.self) }
    /// Saturates at the type's bounds; floats truncate toward zero; NaN → 0.
    public init(clamping value: ScalarValue) { self = value.clampingInteger(Int32.self) }
}

extension Int64: TensorInteger {
    /// `DType.int64`.
    public static var dtype: DType { .int64 }
    /// The value itself.
    public var scalarValue: ScalarValue { .signed(self) }
    /// numpy `astype`: integers wrap, floats truncate toward zero then wrap (NaN, ±∞ → 0).
    public init(converting value: ScalarValue) { self = value.wrappingInteger(Int64.self) }
    /// Saturates at the type's bounds; floats truncate toward zero; NaN → 0.
    public init(clamping value: ScalarValue) { self = value.clampingInteger(Int64.self) }
}

extension UInt8: TensorInteger {
    /// `DType.uint8`.
    public static var dtype: DType { .uint8 }
    /// The value widened to `UInt64`.
    public var scalarValue: ScalarValue { .unsigned(UInt64(self)) }
    /// numpy `astype`: integers wrap, floats truncate toward zero then wrap (NaN, ±∞ → 0).
    public init(converting value: ScalarValue) { self = value.wrappingInteger(UInt8.self) }
    /// Saturates at 0/255; floats truncate toward zero; NaN → 0.
    public init(clamping value: ScalarValue) { self = value.clampingInteger(UInt8.self) }
}

extension UInt16: TensorInteger {
    /// `DType.uint16`.
    public static var dtype: DType { .uint16 }
    /// The value widened to `UInt64`.
    public var scalarValue: ScalarValue { .unsigned(UInt64(self)) }
    /// numpy `astype`: integers wrap, floats truncate toward zero then wrap (NaN, ±∞ → 0).
    public init(converting value: ScalarValue) { self = value.wrappingInteger(UInt16.self) }
    /// Saturates at the type's bounds; floats truncate toward zero; NaN → 0.
    public init(clamping value: ScalarValue) { self = value.clampingInteger(UInt16.self) }
}

extension UInt32: TensorInteger {
    /// `DType.uint32`.
    public static var dtype: DType { .uint32 }
    /// The value widened to `UInt64`.
    public var scalarValue: ScalarValue { .unsigned(UInt64(self)) }
    /// numpy `astype`: integers wrap, floats truncate toward zero then wrap (NaN, ±∞ → 0).
    public init(converting value: ScalarValue) { self = value.wrappingInteger(UInt32.self) }
    /// Saturates at the type's bounds; floats truncate toward zero; NaN → 0.
    public init(clamping value: ScalarValue) { self = value.clampingInteger(UInt32.self) }
}

extension UInt64: TensorInteger {
    /// `DType.uint64`.
    public static var dtype: DType { .uint64 }
    /// The value itself.
    public var scalarValue: ScalarValue { .unsigned(self) }
    /// numpy `astype`: integers wrap, floats truncate toward zero then wrap (NaN, ±∞ → 0).
    public init(converting value: ScalarValue) { self = value.wrappingInteger(UInt64.self) }
    /// Saturates at the type's bounds; floats truncate toward zero; NaN → 0.
    public init(clamping value: ScalarValue) { self = value.clampingInteger(UInt64.self) }
}

extension Float: TensorFloatingPoint {
    /// `DType.float32`.
    public static var dtype: DType { .float32 }
    /// The value widened exactly to `Double`.
    public var scalarValue: ScalarValue { .floatingPoint(Double(self)) }
    /// Rounds to the nearest `Float` (ties to even); overflow gives ±∞.
    public init(converting value: ScalarValue) { self = value.floatingPoint(Float.self) }
    /// The same as ``init(converting:)``: floating-point targets never trap.
    public init(clamping value: ScalarValue) { self = value.floatingPoint(Float.self) }
    /// `expf`.
    public static func exp(_ x: Float) -> Float { Foundation.exp(x) }
    /// `logf`.
    public static func log(_ x: Float) -> Float { Foundation.log(x) }
    /// `tanhf`.
    public static func tanh(_ x: Float) -> Float { Foundation.tanh(x) }
    /// `powf`.
    public static func pow(_ x: Float, _ y: Float) -> Float { Foundation.pow(x, y) }
}

extension Double: TensorFloatingPoint {
    /// `DType.float64`.
    public static var dtype: DType { .float64 }
    /// The value itself.
    public var scalarValue: ScalarValue { .floatingPoint(self) }
    /// Rounds to the nearest `Double` (ties to even).
    public init(converting value: ScalarValue) { self = value.floatingPoint(Double.self) }
    /// The same as ``init(converting:)``.
    public init(clamping value: ScalarValue) { self = value.floatingPoint(Double.self) }
    /// `exp`.
    public static func exp(_ x: Double) -> Double { Foundation.exp(x) }
    /// `log`.
    public static func log(_ x: Double) -> Double { Foundation.log(x) }
    /// `tanh`.
    public static func tanh(_ x: Double) -> Double { Foundation.tanh(x) }
    /// `pow`.
    public static func pow(_ x: Double, _ y: Double) -> Double { Foundation.pow(x, y) }
}

#if !(os(macOS) && arch(x86_64))
extension Float16: TensorFloatingPoint {
    /// `DType.float16`.
    public static var dtype: DType { .float16 }
    /// The value widened exactly to `Double`.
    public var scalarValue: ScalarValue { .floatingPoint(Double(self)) }
    /// Rounds to the nearest `Float16` (ties to even); overflow gives ±∞.
    public init(converting value: ScalarValue) { self = value.floatingPoint(Float16.self) }
    /// The same as ``init(converting:)``.
    public init(clamping value: ScalarValue) { self = value.floatingPoint(Float16.self) }
    /// Computed in `Float`, then rounded (as numpy does for half precision).
    public static func exp(_ x: Float16) -> Float16 { Float16(Foundation.exp(Float(x))) }
    /// Computed in `Float`, then rounded.
    public static func log(_ x: Float16) -> Float16 { Float16(Foundation.log(Float(x))) }
    /// Computed in `Float`, then rounded.
    public static func tanh(_ x: Float16) -> Float16 { Float16(Foundation.tanh(Float(x))) }
    /// Computed in `Float`, then rounded.
    public static func pow(_ x: Float16, _ y: Float16) -> Float16 {
        Float16(Foundation.pow(Float(x), Float(y)))
    }
}
#endif
