import Foundation

/// Reads YAML text into a ``YAMLNode`` tree, the way bioimageio.spec's YAML 1.2 loader reads it.
///
/// The parser accepts the subset of YAML 1.2 that real description files use: block and flow
/// collections, plain, quoted and block scalars, comments, anchors and aliases, a `%YAML`
/// directive, `---` and `...`, CRLF line endings and a byte-order mark. Plain scalars are resolved
/// by the core schema (see ``YAMLScalar/Tag``). Anything outside the subset or malformed is a
/// ``YAMLError`` with line, column and a snippet; the parser never returns a partial tree.
///
/// ```swift
/// let root = try YAMLParser().parse("inputs:\n  - id: raw\n")
/// root["inputs"]?[0]?["id"]?.string   // "raw"
/// ```
///
/// - Complexity: O(n) in the input size, plus the size of alias expansions (bounded by
///   ``Options/maxAliasExpansion``).
public struct YAMLParser: Sendable {
    /// Limits that protect against hostile input.
    public struct Options: Sendable, Hashable {
        /// The deepest nesting of collections accepted (real descriptions stay below 20).
        public var maxDepth: Int = 256
        /// The most nodes a document may contain once aliases are expanded ("billion laughs" guard).
        public var maxAliasExpansion: Int = 1_000_000

        /// Creates the default options.
        public init() {}
    }

    /// The limits in force.
    public var options: Options

    /// Creates a parser.
    public init(options: Options = Options()) {
        self.options = options
    }

    /// Parses one YAML document from UTF-8 bytes.
    ///
    /// An empty document (nothing but comments and blank lines) is the null scalar.
    public func parse(_ bytes: [UInt8]) throws(YAMLError) -> YAMLNode {
        let result: Result<YAMLNode, YAMLError> = bytes.withUnsafeBufferPointer { buffer in
            var core = ParserCore(buffer, options: options)
            do throws(YAMLError) {
                return .success(try core.parseStream())
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// Parses one YAML document from a string.
    public func parse(_ text: String) throws(YAMLError) -> YAMLNode {
        try parse(Array(text.utf8))
    }

    /// Parses one YAML document from UTF-8 data.
    public func parse(_ data: Data) throws(YAMLError) -> YAMLNode {
        try parse([UInt8](data))
    }

    /// Reads and parses a file; errors name the file.
    public func parse(contentsOf url: URL) throws(YAMLError) -> YAMLNode {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw YAMLError(.io, "cannot read file: \(error.localizedDescription)", file: url.path)
        }
        do throws(YAMLError) {
            return try parse(data)
        } catch {
            throw error.inFile(url.path)
        }
    }
}
