/// An unkeyed encoding container that appends to a sequence.
struct YAMLUnkeyedEncodingContainer: UnkeyedEncodingContainer {
    /// The sequence being filled.
    let storage: YAMLSequenceStorage
    let codingPath: [any CodingKey]
    let context: YAMLEncodingContext

    var count: Int { storage.items.count }

    /// The path of the next item.
    private var itemPath: [any CodingKey] { codingPath + [YAMLCodingKey(index: count)] }

    private func append(_ node: YAMLNode) { storage.items.append(.node(node)) }

    mutating func encodeNil() throws { append(.null) }
    mutating func encode(_ value: Bool) throws { append(.bool(value)) }
    mutating func encode(_ value: String) throws { append(.string(value)) }
    mutating func encode(_ value: Double) throws { append(.float(value)) }
    mutating func encode(_ value: Float) throws { append(YAMLScalarBoxing.float(value)) }
    mutating func encode(_ value: Int) throws { append(YAMLScalarBoxing.integer(value)) }
    mutating func encode(_ value: Int8) throws { append(YAMLScalarBoxing.integer(value)) }
    mutating func encode(_ value: Int16) throws { append(YAMLScalarBoxing.integer(value)) }
    mutating func encode(_ value: Int32) throws { append(YAMLScalarBoxing.integer(value)) }
    mutating func encode(_ value: Int64) throws { append(YAMLScalarBoxing.integer(value)) }
    mutating func encode(_ value: UInt) throws { append(YAMLScalarBoxing.integer(value)) }
    mutating func encode(_ value: UInt8) throws { append(YAMLScalarBoxing.integer(value)) }
    mutating func encode(_ value: UInt16) throws { append(YAMLScalarBoxing.integer(value)) }
    mutating func encode(_ value: UInt32) throws { append(YAMLScalarBoxing.integer(value)) }
    mutating func encode(_ value: UInt64) throws { append(YAMLScalarBoxing.integer(value)) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        let boxed = try context.box(value, codingPath: itemPath)
        storage.items.append(boxed)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type
    ) -> KeyedEncodingContainer<NestedKey> {
        let nested = YAMLMappingStorage()
        let path = itemPath
        storage.items.append(.mapping(nested))
        return KeyedEncodingContainer(
            YAMLKeyedEncodingContainer<NestedKey>(storage: nested, codingPath: path, context: context))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let nested = YAMLSequenceStorage()
        let path = itemPath
        storage.items.append(.sequence(nested))
        return YAMLUnkeyedEncodingContainer(storage: nested, codingPath: path, context: context)
    }

    mutating func superEncoder() -> any Encoder {
        let encoder = YAMLNodeEncoder(codingPath: itemPath, context: context)
        storage.items.append(.deferred(encoder))
        return encoder
    }
}
