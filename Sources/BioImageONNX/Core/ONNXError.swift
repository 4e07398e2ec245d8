/// An error reading or running an ONNX model: what went wrong and where (byte offset in the file,
/// node name and operator, tensor name).
///
/// Codes are an open set (like swift-system's `Errno`), so adding one is not a breaking change.
public struct ONNXError: Error, Sendable, Hashable, CustomStringConvertible {
    /// An open set of error kinds.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        /// The stable, kebab-case identifier of the kind.
        public var rawValue: String
        /// Creates a code from its identifier.
        public init(rawValue: String) { self.rawValue = rawValue }
        /// The identifier.
        public var description: String { rawValue }

        /// The protobuf bytes are malformed or truncated.
        public static let malformed = Code(rawValue: "malformed")
        /// A length or count in the file exceeds what the file (or a limit) allows.
        public static let limitExceeded = Code(rawValue: "limit-exceeded")
        /// The model uses an operator this runtime does not implement.
        public static let unsupportedOperator = Code(rawValue: "unsupported-operator")
        /// An attribute is missing, has the wrong type or an unsupported value.
        public static let invalidAttribute = Code(rawValue: "invalid-attribute")
        /// The graph is not well formed (a cycle, an undefined value, a duplicate output).
        public static let invalidGraph = Code(rawValue: "invalid-graph")
        /// A tensor has a data type the operator or this runtime does not support.
        public static let unsupportedDType = Code(rawValue: "unsupported-dtype")
        /// Input shapes are incompatible with the operator.
        public static let shapeMismatch = Code(rawValue: "shape-mismatch")
        /// An input is missing or has the wrong arity.
        public static let invalidInput = Code(rawValue: "invalid-input")
        /// An external data file cannot be read.
        public static let externalData = Code(rawValue: "external-data")
    }

    /// The kind of error.
    public var code: Code
    /// What went wrong.
    public var message: String
    /// The node's name (or its index when unnamed), when the error concerns one node.
    public var node: String?
    /// The node's operator type, when the error concerns one node.
    public var opType: String?
    /// The byte offset in the file, for reading errors.
    public var offset: Int?

    /// Creates an error.
    public init(_ code: Code, _ message: String, node: String? = nil, opType: String? = nil, offset: Int? = nil) {
        self.code = code
        self.message = message
        self.node = node
        self.opType = opType
        self.offset = offset
    }

    /// `node 'conv_1' (Conv): message` or `at byte 1234: message`.
    public var description: String {
        var prefix = ""
        if let node { prefix = "node '\(node)'" + (opType.map { " (\($0))" } ?? "") + ": " } else if let opType { prefix = "\(opType): " }
        if let offset { prefix += "at byte \(offset): " }
        return prefix + message
    }
}
