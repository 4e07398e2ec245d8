/// An ordered YAML mapping: key–value pairs in document order.
///
/// Keys are nodes (usually string scalars). Lookup by string key is linear, which is the right
/// trade-off for description files (a few dozen keys per mapping, order must be kept).
public struct YAMLMapping: Sendable, Hashable, RandomAccessCollection, ExpressibleByDictionaryLiteral {
    /// One key–value pair.
    public struct Entry: Sendable, Hashable {
        /// The key node.
        public var key: YAMLNode
        /// The value node.
        public var value: YAMLNode

        /// Creates an entry.
        public init(key: YAMLNode, value: YAMLNode) {
            self.key = key
            self.value = value
        }
    }

    /// The entries in document order.
    public var entries: [Entry]

    /// Creates a mapping from entries (the caller keeps keys unique).
    public init(_ entries: [Entry] = []) {
        self.entries = entries
    }

    /// Creates a mapping with string keys, in the order given.
    public init(dictionaryLiteral elements: (String, YAMLNode)...) {
        self.entries = elements.map { Entry(key: .string($0.0), value: $0.1) }
    }

    public var startIndex: Int { entries.startIndex }
    public var endIndex: Int { entries.endIndex }
    public subscript(position: Int) -> Entry { entries[position] }

    /// The keys as strings, in order (`nil` entries for keys that are not scalars).
    public var stringKeys: [String?] { entries.map { $0.key.string } }

    /// The value for the first key whose scalar text is `key`, or `nil`.
    ///
    /// Setting a value replaces the existing entry in place or appends a new one; setting `nil`
    /// removes the entry.
    public subscript(key: String) -> YAMLNode? {
        get { entry(forKey: key).map { entries[$0].value } }
        set {
            if let index = entry(forKey: key) {
                if let newValue { entries[index].value = newValue } else { entries.remove(at: index) }
            } else if let newValue {
                entries.append(Entry(key: .string(key), value: newValue))
            }
        }
    }

    /// The key node for `key`, which carries the key's source mark.
    public func keyNode(_ key: String) -> YAMLNode? {
        entry(forKey: key).map { entries[$0].key }
    }

    /// The index of the entry whose key is a scalar with text `key`.
    public func entry(forKey key: String) -> Int? {
        entries.firstIndex { entry in
            if case .scalar(let scalar) = entry.key.content { return scalar.string == key }
            return false
        }
    }
}
