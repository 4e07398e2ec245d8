/// A keyed decoding container over a YAML mapping; keys are matched by their scalar text.
struct YAMLKeyedDecodingContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    /// The mapping's entries.
    let mapping: YAMLMapping
    /// The mapping node (its mark locates `keyNotFound` errors).
    let node: YAMLNode
    let codingPath: [any CodingKey]
    let context: YAMLDecodingContext
    /// Entry index by key text, built only for large mappings (small ones are scanned).
    private let index: [String: Int]?

    /// Mappings at most this long are searched linearly; longer ones get an index.
    private static var linearSearchLimit: Int { 12 }

    init(mapping: YAMLMapping, node: YAMLNode, codingPath: [any CodingKey], context: YAMLDecodingContext) {
        self.mapping = mapping
        self.node = node
        self.codingPath = codingPath
        self.context = context
        if mapping.count > Self.linearSearchLimit {
            var index: [String: Int] = [:]
            index.reserveCapacity(mapping.count)
            for (position, entry) in mapping.entries.enumerated() {
                guard let text = entry.key.scalar?.string else { continue }
                if index[text] == nil { index[text] = position }  // the first entry wins, as in lookups
            }
            self.index = index
        } else {
            self.index = nil
        }
    }

    /// The keys of the mapping that `Key` can represent, in document order.
    var allKeys: [Key] {
        mapping.entries.compactMap { entry in entry.key.scalar.flatMap { Key(stringValue: $0.string) } }
    }

    func contains(_ key: Key) -> Bool { value(for: key) != nil }

    /// The value node for `key`, or `nil`.
    private func value(for key: Key) -> YAMLNode? {
        if let index {
            return index[key.stringValue].map { mapping.entries[$0].value }
        }
        return mapping[key.stringValue]
    }

    /// The value node for `key`, or `keyNotFound`.
    private func require(_ key: Key) throws -> YAMLNode {
        guard let value = value(for: key) else {
            throw DecodingError.yamlKeyNotFound(key, in: node, codingPath: codingPath)
        }
        return value
    }

    private func path(_ key: Key) -> [any CodingKey] { codingPath + [key] }

    func decodeNil(forKey key: Key) throws -> Bool {
        try require(key).isNull
    }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool {
        try YAMLScalarUnboxing.bool(require(key), path(key))
    }

    func decode(_ type: String.Type, forKey key: Key) throws -> String {
        try YAMLScalarUnboxing.string(require(key), path(key))
    }

    func decode(_ type: Double.Type, forKey key: Key) throws -> Double {
        try YAMLScalarUnboxing.double(require(key), path(key))
    }

    func decode(_ type: Float.Type, forKey key: Key) throws -> Float {
        try YAMLScalarUnboxing.float(require(key), path(key))
    }

    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try integer(key) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try integer(key) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try integer(key) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try integer(key) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try integer(key) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try integer(key) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try integer(key) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try integer(key) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try integer(key) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try integer(key) }

    private func integer<T: FixedWidthInteger>(_ key: Key) throws -> T {
        try YAMLScalarUnboxing.integer(require(key), T.self, path(key))
    }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try context.unbox(require(key), as: T.self, codingPath: path(key))
    }

    func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type, forKey key: Key
    ) throws -> KeyedDecodingContainer<NestedKey> {
        try YAMLNodeDecoder(node: require(key), codingPath: path(key), context: context).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try YAMLNodeDecoder(node: require(key), codingPath: path(key), context: context).unkeyedContainer()
    }

    /// A decoder for the value at the key `super`; a missing key gives a decoder over null.
    func superDecoder() throws -> any Decoder {
        let key = YAMLCodingKey.super
        let value = mapping[key.stringValue] ?? YAMLNode(YAMLNode.null.content, mark: node.mark)
        return YAMLNodeDecoder(node: value, codingPath: codingPath + [key], context: context)
    }

    /// A decoder for the value at `key`; a missing key gives a decoder over null.
    func superDecoder(forKey key: Key) throws -> any Decoder {
        let value = self.value(for: key) ?? YAMLNode(YAMLNode.null.content, mark: node.mark)
        return YAMLNodeDecoder(node: value, codingPath: path(key), context: context)
    }
}
