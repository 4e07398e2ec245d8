/// An error from a tensor operation: which check failed and a message naming the offending values.
public struct TensorError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of failure; an open set, so new codes are not a breaking change.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        /// The code's stable name.
        public var rawValue: String
        /// Wraps a code name.
        public init(rawValue: String) { self.rawValue = rawValue }
        /// The code's name.
        public var description: String { rawValue }

        /// A shape has a negative extent, or its element count overflows `Int`.
        public static let invalidShape = Code(rawValue: "invalidShape")
        /// The number of scalars does not match the shape.
        public static let countMismatch = Code(rawValue: "countMismatch")
        /// Two shapes cannot be broadcast together, or shapes that must agree do not.
        public static let shapeMismatch = Code(rawValue: "shapeMismatch")
        /// An axis index is out of range or repeated.
        public static let invalidAxis = Code(rawValue: "invalidAxis")
        /// An index or range lies outside a tensor.
        public static let outOfBounds = Code(rawValue: "outOfBounds")
        /// A type-erased tensor holds a different dtype than requested.
        public static let dtypeMismatch = Code(rawValue: "dtypeMismatch")
        /// A reduction that needs at least one element got none.
        public static let emptyReduction = Code(rawValue: "emptyReduction")
        /// An argument is outside its documented range (a quantile outside [0, 1]…).
        public static let invalidArgument = Code(rawValue: "invalidArgument")
    }

    /// What went wrong.
    public var code: Code
    /// A human-readable explanation naming the operation and the values involved.
    public var message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// `"<code>: <message>"`.
    public var description: String { "\(code): \(message)" }
}
