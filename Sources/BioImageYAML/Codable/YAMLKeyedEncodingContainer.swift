/// A keyed encoding container that fills a mapping in encoding order.
struct YAMLKeyedEncodingContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    /// The mapping being filled.
    let storage: YAMLMappingStorage
    let codingPath: [any CodingKey]
    let context: YAMLEncodingContext

    private func set(_ node: YAMLNode, _ key: Key) { storage.set(.node(node), forKey: key.stringValue) }

    mutating func encodeNil(forKey key: Key) throws { set(.null, key) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { set(.bool(value), key) }
    mutating func encode(_ value: String, forKey key: Key) throws { set(.string(value), key) }
    mutating func encode(_ value: Double, forKey key: Key) throws { set(.float(value), key) }
    mutating func encode(_ value: Float, forKey key: Key) throws { set(YAMLScalarBoxing.float(value), key) }
    mutating func encode(_ value: Int, forKey key: Key) throws { set(YAMLScalarBoxing.integer(value), key) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { set(YAMLScalarBoxing.integer(value), key) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { set(YAMLScalarBoxing.integer(value), key) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { set(YAMLScalarBoxing.integer(value), key) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { set(YAMLScalarBoxing.integer(value), key) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { set(YAMLScalarBoxing.integer(value), key) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { set(YAMLScalarBoxing.integer(value), key) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { set(YAMLScalarBoxing.integer(value), key) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { set(YAMLScalarBoxing.integer(value), key) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { set(YAMLScalarBoxing.integer(value), key) }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        storage.set(try context.box(value, codingPath: codingPath + [key]), forKey: key.stringValue)
    }

    /// A keyed container for the mapping at `key`, reusing one already encoded there.
    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        let nested: YAMLMappingStorage
        if case .mapping(let existing) = storage[key.stringValue] {
            nested = existing
        } else {
            nested = YAMLMappingStorage()
            storage.set(.mapping(nested), forKey: key.stringValue)
        }
        return KeyedEncodingContainer(
            YAMLKeyedEncodingContainer<NestedKey>(storage: nested, codingPath: codingPath + [key], context: context))
    }

    /// An unkeyed container for the sequence at `key`, reusing one already encoded there.
    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let nested: YAMLSequenceStorage
        if case .sequence(let existing) = storage[key.stringValue] {
            nested = existing
        } else {
            nested = YAMLSequenceStorage()
            storage.set(.sequence(nested), forKey: key.stringValue)
        }
        return YAMLUnkeyedEncodingContainer(storage: nested, codingPath: codingPath + [key], context: context)
    }

    mutating func superEncoder() -> any Encoder {
        superEncoder(named: YAMLCodingKey.super)
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        superEncoder(named: key)
    }

    /// An encoder whose value lands at `key` once it is encoded (an empty mapping if it never is).
    private func superEncoder(named key: any CodingKey) -> any Encoder {
        let encoder = YAMLNodeEncoder(codingPath: codingPath + [key], context: context)
        storage.set(.deferred(encoder), forKey: key.stringValue)
        return encoder
    }
}
