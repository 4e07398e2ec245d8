/// The element type of a tensor, spelled with the bioimage.io (and numpy) names.
///
/// The raw value is the name used in bioimage.io model descriptions (`data_type` in format 0.4,
/// `dtype` in 0.5) and by numpy's `dtype.name`, so `DType(rawValue: "float32")` parses a description.
public enum DType: String, Sendable, Hashable, CaseIterable, Codable, CustomStringConvertible {
    /// Booleans, one byte each (`0` or `1`).
    case bool
    /// Signed 8-bit integers.
    case int8
    /// Signed 16-bit integers.
    case int16
    /// Signed 32-bit integers.
    case int32
    /// Signed 64-bit integers.
    case int64
    /// Unsigned 8-bit integers.
    case uint8
    /// Unsigned 16-bit integers.
    case uint16
    /// Unsigned 32-bit integers.
    case uint32
    /// Unsigned 64-bit integers.
    case uint64
    /// IEEE 754 binary16 floating point.
    case float16
    /// IEEE 754 binary32 floating point.
    case float32
    /// IEEE 754 binary64 floating point.
    case float64

    /// The size of one element in bytes.
    public var byteCount: Int {
        switch self {
        case .bool, .int8, .uint8: 1
        case .int16, .uint16, .float16: 2
        case .int32, .uint32, .float32: 4
        case .int64, .uint64, .float64: 8
        }
    }

    /// Whether the elements are floating-point numbers.
    public var isFloatingPoint: Bool { self == .float16 || self == .float32 || self == .float64 }

    /// Whether the elements are integers (signed or unsigned; `bool` is not an integer type).
    public var isInteger: Bool { !isFloatingPoint && self != .bool }

    /// Whether the elements are signed integers.
    public var isSignedInteger: Bool { self == .int8 || self == .int16 || self == .int32 || self == .int64 }

    /// The numpy type code (`"f"`, `"i"`, `"u"` or `"b"`), as used in a `.npy` `descr` field.
    public var numpyKind: Character {
        if isFloatingPoint { return "f" }
        if isSignedInteger { return "i" }
        if self == .bool { return "b" }
        return "u"
    }

    /// Looks a dtype up by its numpy kind character and item size (`("f", 4)` is `float32`).
    ///
    /// Returns `nil` for combinations this library does not support (complex, object, strings…).
    public init?(numpyKind kind: Character, byteCount: Int) {
        let match = DType.allCases.first { $0.numpyKind == kind && $0.byteCount == byteCount }
        guard let match else { return nil }
        self = match
    }

    /// The bioimage.io name, for example `float32`.
    public var description: String { rawValue }
}
