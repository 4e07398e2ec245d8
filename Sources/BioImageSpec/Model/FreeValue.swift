import BioImageYAML

/// A free-form YAML value kept as written (`kwargs`, unknown `config` keys, unsupported processing
/// arguments), so descriptions never lose data they do not model.
///
/// Encodes through `Codable` as its YAML text (one string), so key order, scalar spelling and
/// types survive any coder exactly.
public struct FreeValue: Sendable, Hashable, Codable {
    /// The value as a YAML node (source marks are not part of equality).
    public var node: YAMLNode

    /// Wraps a YAML node.
    public init(_ node: YAMLNode) {
        self.node = node
    }

    /// The value as JSON (`nil` for mappings with non-scalar keys).
    public var jsonValue: JSONValue? { try? JSONValue(node) }

    /// Encodes the value as one string: its YAML text.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        do {
            try container.encode(try YAMLEmitter().emit(node))
        } catch let error as YAMLError {
            throw EncodingError.invalidValue(node, .init(codingPath: encoder.codingPath, debugDescription: "\(error)", underlyingError: error))
        }
    }

    /// Decodes a value from its YAML text.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do {
            node = try YAMLParser().parse(text)
        } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "\(error)", underlyingError: error))
        }
    }
}
