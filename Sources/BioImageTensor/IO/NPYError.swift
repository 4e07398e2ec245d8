/// An error reading or writing a `.npy` file: what is wrong and at which byte.
public struct NPYError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of failure; an open set, so new codes are not a breaking change.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        /// The code's stable name.
        public var rawValue: String
        /// Wraps a code name.
        public init(rawValue: String) { self.rawValue = rawValue }
        /// The code's name.
        public var description: String { rawValue }

        /// The file does not start with `\x93NUMPY`.
        public static let badMagic = Code(rawValue: "badMagic")
        /// The format version is not 1.0, 2.0 or 3.0.
        public static let unsupportedVersion = Code(rawValue: "unsupportedVersion")
        /// The file ends inside the preamble or the header.
        public static let truncatedHeader = Code(rawValue: "truncatedHeader")
        /// The header is not the Python dict literal numpy writes, or lacks or adds keys.
        public static let malformedHeader = Code(rawValue: "malformedHeader")
        /// The dtype is valid numpy but not supported here (object, string, complex, structured…).
        public static let unsupportedDType = Code(rawValue: "unsupportedDType")
        /// The shape has a negative extent, or its element or byte count overflows `Int`.
        public static let invalidShape = Code(rawValue: "invalidShape")
        /// The data section is shorter than the shape and dtype require.
        public static let truncatedData = Code(rawValue: "truncatedData")
        /// Bytes follow the array data.
        public static let trailingData = Code(rawValue: "trailingData")
        /// The file could not be read or written.
        public static let io = Code(rawValue: "io")
    }

    /// What went wrong.
    public var code: Code
    /// A human-readable explanation.
    public var message: String
    /// The byte offset in the file where the problem was found, when there is one.
    public var offset: Int?

    /// Creates an error.
    public init(_ code: Code, _ message: String, offset: Int? = nil) {
        self.code = code
        self.message = message
        self.offset = offset
    }

    /// `"<code> at byte N: <message>"`.
    public var description: String {
        if let offset { return "\(code) at byte \(offset): \(message)" }
        return "\(code): \(message)"
    }
}
