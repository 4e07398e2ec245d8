/// The `Encoder` `YAMLEncoder` hands to `encode(to:)`: it collects one value at one coding path.
///
/// It is also its own single-value container.
final class YAMLNodeEncoder: Encoder, SingleValueEncodingContainer {
    /// What has been encoded so far (`nil` before anything is).
    private(set) var storage: YAMLEncodedValue?
    let codingPath: [any CodingKey]
    /// Shared state of the encoding run.
    let context: YAMLEncodingContext

    init(codingPath: [any CodingKey], context: YAMLEncodingContext) {
        self.codingPath = codingPath
        self.context = context
    }

    var userInfo: [CodingUserInfoKey: Any] { context.userInfo }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        let mapping: YAMLMappingStorage
        switch storage {
        case .mapping(let existing):
            mapping = existing
        case nil:
            mapping = YAMLMappingStorage()
            storage = .mapping(mapping)
        default:
            context.recordMisuse(
                "Requested a keyed container where a different value was already encoded.",
                codingPath: codingPath)
            mapping = YAMLMappingStorage()
        }
        return KeyedEncodingContainer(
            YAMLKeyedEncodingContainer<Key>(storage: mapping, codingPath: codingPath, context: context))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        let sequence: YAMLSequenceStorage
        switch storage {
        case .sequence(let existing):
            sequence = existing
        case nil:
            sequence = YAMLSequenceStorage()
            storage = .sequence(sequence)
        default:
            context.recordMisuse(
                "Requested an unkeyed container where a different value was already encoded.",
                codingPath: codingPath)
            sequence = YAMLSequenceStorage()
        }
        return YAMLUnkeyedEncodingContainer(storage: sequence, codingPath: codingPath, context: context)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { self }

    // MARK: SingleValueEncodingContainer

    /// Stores a single value; a second value, or one after a container was requested, is a misuse.
    private func set(_ value: YAMLEncodedValue) {
        if storage != nil {
            context.recordMisuse(
                "Encoded a single value where a value was already encoded.", codingPath: codingPath)
        }
        storage = value
    }

    func encodeNil() throws { set(.node(.null)) }
    func encode(_ value: Bool) throws { set(.node(.bool(value))) }
    func encode(_ value: String) throws { set(.node(.string(value))) }
    func encode(_ value: Double) throws { set(.node(.float(value))) }
    func encode(_ value: Float) throws { set(.node(YAMLScalarBoxing.float(value))) }
    func encode(_ value: Int) throws { set(.node(YAMLScalarBoxing.integer(value))) }
    func encode(_ value: Int8) throws { set(.node(YAMLScalarBoxing.integer(value))) }
    func encode(_ value: Int16) throws { set(.node(YAMLScalarBoxing.integer(value))) }
    func encode(_ value: Int32) throws { set(.node(YAMLScalarBoxing.integer(value))) }
    func encode(_ value: Int64) throws { set(.node(YAMLScalarBoxing.integer(value))) }
    func encode(_ value: UInt) throws { set(.node(YAMLScalarBoxing.integer(value))) }
    func encode(_ value: UInt8) throws { set(.node(YAMLScalarBoxing.integer(value))) }
    func encode(_ value: UInt16) throws { set(.node(YAMLScalarBoxing.integer(value))) }
    func encode(_ value: UInt32) throws { set(.node(YAMLScalarBoxing.integer(value))) }
    func encode(_ value: UInt64) throws { set(.node(YAMLScalarBoxing.integer(value))) }

    func encode<T: Encodable>(_ value: T) throws {
        set(try context.box(value, codingPath: codingPath))
    }
}
