/// An error reading, writing or decoding YAML: what went wrong and exactly where.
///
/// The description reads like a compiler diagnostic, followed by the offending source line and a
/// caret under the column:
///
///     rdf.yaml:12:5: duplicate key "name"
///       12 |     name: second
///          |     ^
public struct YAMLError: Error, Sendable, CustomStringConvertible {
    /// The kind of problem. An open set: new codes can be added without breaking callers.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// Malformed YAML: bad indentation, a stray character, an unterminated quote or collection.
        public static let syntax = Code(rawValue: "syntax")
        /// A YAML feature this parser deliberately does not accept (explicit `?` keys, tags, …).
        public static let unsupported = Code(rawValue: "unsupported")
        /// The same key twice in one mapping.
        public static let duplicateKey = Code(rawValue: "duplicate-key")
        /// An alias whose anchor was not defined before it.
        public static let undefinedAlias = Code(rawValue: "undefined-alias")
        /// Aliases would expand to more nodes than the limit ("billion laughs").
        public static let aliasExpansion = Code(rawValue: "alias-expansion")
        /// Collections nested deeper than the limit.
        public static let nestingTooDeep = Code(rawValue: "nesting-too-deep")
        /// The input is not valid UTF-8, or contains characters YAML forbids.
        public static let encoding = Code(rawValue: "encoding")
        /// More than one document where one is expected.
        public static let multipleDocuments = Code(rawValue: "multiple-documents")
        /// A tab character used for indentation.
        public static let tabIndentation = Code(rawValue: "tab-indentation")
        /// A node tree that cannot be written as YAML, or a value an encoder cannot represent.
        public static let emitting = Code(rawValue: "emitting")
        /// A value that is missing or does not have the type or shape a decoded Swift type needs.
        public static let decoding = Code(rawValue: "decoding")
        /// A file could not be read.
        public static let io = Code(rawValue: "io")
    }

    /// The kind of problem.
    public var code: Code
    /// A one-line message saying what is wrong.
    public var message: String
    /// Where the problem is.
    public var mark: YAMLMark
    /// The source line with a caret under the column (empty when the source is not known).
    public var snippet: String
    /// The file the source came from, when known.
    public var file: String?

    /// Creates an error.
    public init(_ code: Code, _ message: String, at mark: YAMLMark = .none, snippet: String = "", file: String? = nil) {
        self.code = code
        self.message = message
        self.mark = mark
        self.snippet = snippet
        self.file = file
    }

    /// `file:line:column: message`, the first line of ``description``.
    public var diagnostic: String {
        var location = file ?? "<input>"
        if mark.isKnown { location += ":\(mark.line):\(mark.column)" }
        return "\(location): \(message)"
    }

    public var description: String {
        snippet.isEmpty ? diagnostic : diagnostic + "\n" + snippet
    }

    /// The same error attributed to `file`.
    public func inFile(_ file: String?) -> YAMLError {
        var copy = self
        copy.file = file
        return copy
    }
}
