/// A value under construction by `YAMLEncoder`.
///
/// Containers are handed out before they are filled, so mappings and sequences are reference
/// storage that the containers keep appending to; the tree becomes a ``YAMLNode`` at the end.
enum YAMLEncodedValue {
    /// A finished node (a scalar).
    case node(YAMLNode)
    /// A mapping being filled by a keyed container.
    case mapping(YAMLMappingStorage)
    /// A sequence being filled by an unkeyed container.
    case sequence(YAMLSequenceStorage)
    /// The value a `superEncoder()` will produce.
    case deferred(YAMLNodeEncoder)

    /// The finished node tree.
    var node: YAMLNode {
        switch self {
        case .node(let node):
            return node
        case .mapping(let storage):
            var entries: [YAMLMapping.Entry] = []
            entries.reserveCapacity(storage.keys.count)
            for (key, value) in zip(storage.keys, storage.values) {
                entries.append(YAMLMapping.Entry(key: .string(key), value: value.node))
            }
            return .mapping(YAMLMapping(entries))
        case .sequence(let storage):
            return .sequence(storage.items.map(\.node))
        case .deferred(let encoder):
            return encoder.storage?.node ?? .mapping(YAMLMapping())
        }
    }
}

/// The entries of a mapping being encoded, in encoding order.
final class YAMLMappingStorage {
    /// The keys in the order they were first encoded.
    private(set) var keys: [String] = []
    /// The values, parallel to `keys`.
    private(set) var values: [YAMLEncodedValue] = []
    /// The position of each key.
    private var positions: [String: Int] = [:]

    /// The value encoded for `key`, if any.
    subscript(key: String) -> YAMLEncodedValue? {
        positions[key].map { values[$0] }
    }

    /// Sets the value for `key`, replacing an earlier one in place.
    func set(_ value: YAMLEncodedValue, forKey key: String) {
        if let position = positions[key] {
            values[position] = value
        } else {
            positions[key] = keys.count
            keys.append(key)
            values.append(value)
        }
    }
}

/// The items of a sequence being encoded.
final class YAMLSequenceStorage {
    /// The items in order.
    var items: [YAMLEncodedValue] = []
}
