/// An unkeyed decoding container over the items of a YAML sequence.
struct YAMLUnkeyedDecodingContainer: UnkeyedDecodingContainer {
    /// The sequence's items.
    let items: [YAMLNode]
    /// The sequence node (its mark locates "at end" errors).
    let node: YAMLNode
    let codingPath: [any CodingKey]
    let context: YAMLDecodingContext
    /// The index of the next item to decode.
    private(set) var currentIndex = 0

    init(items: [YAMLNode], node: YAMLNode, codingPath: [any CodingKey], context: YAMLDecodingContext) {
        self.items = items
        self.node = node
        self.codingPath = codingPath
        self.context = context
    }

    var count: Int? { items.count }
    var isAtEnd: Bool { currentIndex >= items.count }

    /// The path of the current item.
    private var itemPath: [any CodingKey] { codingPath + [YAMLCodingKey(index: currentIndex)] }

    /// The current item without advancing, or `valueNotFound` at the end.
    private func peek(_ type: Any.Type) throws -> YAMLNode {
        guard !isAtEnd else {
            let message = "Unkeyed container is at end."
            throw DecodingError.valueNotFound(
                type, DecodingError.yamlContext(message, at: node.mark, codingPath: itemPath))
        }
        return items[currentIndex]
    }

    /// Converts the current item with `convert` and advances past it only when that succeeds.
    private mutating func next<T>(
        _ type: T.Type, _ convert: (YAMLNode, [any CodingKey]) throws -> T
    ) throws -> T {
        let value = try convert(peek(type), itemPath)
        currentIndex += 1
        return value
    }

    mutating func decodeNil() throws -> Bool {
        guard try peek(Never.self).isNull else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode(_ type: Bool.Type) throws -> Bool { try next(type, YAMLScalarUnboxing.bool) }
    mutating func decode(_ type: String.Type) throws -> String { try next(type, YAMLScalarUnboxing.string) }
    mutating func decode(_ type: Double.Type) throws -> Double { try next(type, YAMLScalarUnboxing.double) }
    mutating func decode(_ type: Float.Type) throws -> Float { try next(type, YAMLScalarUnboxing.float) }
    mutating func decode(_ type: Int.Type) throws -> Int { try integer() }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try integer() }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try integer() }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try integer() }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try integer() }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try integer() }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try integer() }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try integer() }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try integer() }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try integer() }

    private mutating func integer<T: FixedWidthInteger>() throws -> T {
        try next(T.self) { try YAMLScalarUnboxing.integer($0, T.self, $1) }
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let context = self.context
        return try next(type) { try context.unbox($0, as: T.self, codingPath: $1) }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type
    ) throws -> KeyedDecodingContainer<NestedKey> {
        let context = self.context
        return try next(KeyedDecodingContainer<NestedKey>.self) {
            try YAMLNodeDecoder(node: $0, codingPath: $1, context: context).container(keyedBy: type)
        }
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let context = self.context
        return try next((any UnkeyedDecodingContainer).self) {
            try YAMLNodeDecoder(node: $0, codingPath: $1, context: context).unkeyedContainer()
        }
    }

    mutating func superDecoder() throws -> any Decoder {
        let context = self.context
        return try next((any Decoder).self) { YAMLNodeDecoder(node: $0, codingPath: $1, context: context) }
    }
}
