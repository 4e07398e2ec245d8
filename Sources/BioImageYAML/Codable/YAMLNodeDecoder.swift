/// The `Decoder` `YAMLDecoder` hands to `init(from:)`: one node and the path that led to it.
///
/// It is also its own single-value container, as nothing distinguishes the two.
final class YAMLNodeDecoder: Decoder, SingleValueDecodingContainer {
    /// The node being decoded.
    let node: YAMLNode
    /// The keys that led from the root to `node`.
    let codingPath: [any CodingKey]
    /// Shared state of the decoding run.
    let context: YAMLDecodingContext

    init(node: YAMLNode, codingPath: [any CodingKey], context: YAMLDecodingContext) {
        self.node = node
        self.codingPath = codingPath
        self.context = context
    }

    var userInfo: [CodingUserInfoKey: Any] { context.userInfo }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .mapping(let mapping) = node.content else {
            throw DecodingError.yamlTypeMismatch([String: Any].self, node, codingPath: codingPath)
        }
        return KeyedDecodingContainer(
            YAMLKeyedDecodingContainer<Key>(mapping: mapping, node: node, codingPath: codingPath, context: context))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .sequence(let items) = node.content else {
            throw DecodingError.yamlTypeMismatch([Any].self, node, codingPath: codingPath)
        }
        return YAMLUnkeyedDecodingContainer(items: items, node: node, codingPath: codingPath, context: context)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { self }

    // MARK: SingleValueDecodingContainer

    func decodeNil() -> Bool { node.isNull }
    func decode(_ type: Bool.Type) throws -> Bool { try YAMLScalarUnboxing.bool(node, codingPath) }
    func decode(_ type: String.Type) throws -> String { try YAMLScalarUnboxing.string(node, codingPath) }
    func decode(_ type: Double.Type) throws -> Double { try YAMLScalarUnboxing.double(node, codingPath) }
    func decode(_ type: Float.Type) throws -> Float { try YAMLScalarUnboxing.float(node, codingPath) }
    func decode(_ type: Int.Type) throws -> Int { try YAMLScalarUnboxing.integer(node, type, codingPath) }
    func decode(_ type: Int8.Type) throws -> Int8 { try YAMLScalarUnboxing.integer(node, type, codingPath) }
    func decode(_ type: Int16.Type) throws -> Int16 { try YAMLScalarUnboxing.integer(node, type, codingPath) }
    func decode(_ type: Int32.Type) throws -> Int32 { try YAMLScalarUnboxing.integer(node, type, codingPath) }
    func decode(_ type: Int64.Type) throws -> Int64 { try YAMLScalarUnboxing.integer(node, type, codingPath) }
    func decode(_ type: UInt.Type) throws -> UInt { try YAMLScalarUnboxing.integer(node, type, codingPath) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try YAMLScalarUnboxing.integer(node, type, codingPath) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try YAMLScalarUnboxing.integer(node, type, codingPath) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try YAMLScalarUnboxing.integer(node, type, codingPath) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try YAMLScalarUnboxing.integer(node, type, codingPath) }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try context.unbox(node, as: T.self, codingPath: codingPath)
    }
}
