/// An error from decoding or encoding a raw deflate (RFC 1951) stream: what went wrong and where.
///
/// `offset` is the bit offset into the compressed input at which the problem was detected
/// (divide by 8 for the byte), or `nil` when the problem has no position (for example an output limit).
public struct CompressionError: Error, Sendable, CustomStringConvertible {
    /// The kind of problem, an open set of string codes (new codes are not a breaking change).
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        /// The stable string form of the code, for example `"truncated"`.
        public var rawValue: String
        /// Creates a code from its string form.
        public init(rawValue: String) { self.rawValue = rawValue }
        /// The string form of the code.
        public var description: String { rawValue }

        /// The input ended before the final block was complete.
        public static let truncated = Code(rawValue: "truncated")
        /// A block header with the reserved block type 3.
        public static let invalidBlockType = Code(rawValue: "invalid-block-type")
        /// A stored block whose LEN and NLEN fields are not one's complements of each other.
        public static let storedLengthMismatch = Code(rawValue: "stored-length-mismatch")
        /// A dynamic block header with impossible counts or code lengths (HLIT > 286, HDIST > 30,
        /// a repeat before any length, a repeat past the end, a missing end-of-block code).
        public static let invalidCodeLengths = Code(rawValue: "invalid-code-lengths")
        /// A Huffman code set with more codes than fit in the code space.
        public static let oversubscribedCode = Code(rawValue: "oversubscribed-code")
        /// A Huffman code set that leaves part of the code space unused (only one-code sets may).
        public static let incompleteCode = Code(rawValue: "incomplete-code")
        /// A bit pattern that decodes to no symbol, or to a reserved symbol (length 286/287, distance 30/31).
        public static let invalidSymbol = Code(rawValue: "invalid-symbol")
        /// A match distance further back than the start of the output.
        public static let distanceTooFar = Code(rawValue: "distance-too-far")
        /// The output would exceed the caller's size limit (zip-bomb defence).
        public static let outputLimitExceeded = Code(rawValue: "output-limit-exceeded")
    }

    /// What went wrong.
    public var code: Code
    /// A human-readable explanation.
    public var message: String
    /// The bit offset in the compressed input where the problem was found, if it has one.
    public var offset: Int?

    /// Creates an error.
    public init(code: Code, message: String, offset: Int? = nil) {
        self.code = code
        self.message = message
        self.offset = offset
    }

    /// The code, the message and, when known, the byte and bit position.
    public var description: String {
        if let offset {
            return "\(code): \(message) (at byte \(offset / 8), bit \(offset % 8))"
        }
        return "\(code): \(message)"
    }
}
