import Foundation

extension YAMLDecoder {
    /// Parses YAML text with ``YAMLParser`` and decodes a value of `type` from it.
    ///
    /// - Throws: `DecodingError`; a syntax error is a `dataCorrupted` error at the root whose
    ///   `underlyingError` is the parser's ``YAMLError`` (with its source snippet).
    public func decode<T: Decodable>(_ type: T.Type, from text: String) throws -> T {
        try decode(type, from: Self.parsing { () throws(YAMLError) in try YAMLParser().parse(text) })
    }

    /// Parses UTF-8 YAML with ``YAMLParser`` and decodes a value of `type` from it.
    ///
    /// - Throws: `DecodingError`; a syntax or encoding error is a `dataCorrupted` error at the root
    ///   whose `underlyingError` is the parser's ``YAMLError``.
    public func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        try decode(type, from: Self.parsing { () throws(YAMLError) in try YAMLParser().parse(data) })
    }

    /// Runs `parse`, turning a ``YAMLError`` into a `DecodingError.dataCorrupted` at the root.
    private static func parsing(_ parse: () throws(YAMLError) -> YAMLNode) throws -> YAMLNode {
        do {
            return try parse()
        } catch {
            let location = error.mark.isKnown ? "\(error.mark): " : ""
            throw DecodingError.dataCorrupted(DecodingError.Context(
                codingPath: [],
                debugDescription: location + "The given data was not valid YAML: " + error.message,
                underlyingError: error))
        }
    }
}
