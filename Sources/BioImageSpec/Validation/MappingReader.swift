import BioImageYAML

/// Reads the fields of one mapping node the way a pydantic model validates its input: every field
/// is checked even when an earlier one failed, missing required fields are "Field required", and
/// (for closed nodes) unknown keys are "Extra inputs are not permitted".
///
///     var reader = MappingReader(node, at: path, typeName: "CiteEntry", context: context)
///     let text = reader.required("text") { Lax.string($0, at: $1, context) }
///     let doi = reader.optional("doi") { Lax.string($0, at: $1, context) }
///     reader.rejectUnknownKeys()
///     guard reader.isValid, let text else { return nil }
struct MappingReader {
    let context: ValidationContext
    let node: YAMLNode
    let mapping: YAMLMapping
    let path: FieldPath
    /// Which entries a field read has consumed (by position, so no hashing is needed).
    private var seen: [Bool]
    private let errorsAtStart: Int

    /// Starts reading `node`; records "Input should be a valid dictionary or instance of <typeName>"
    /// and returns `nil` when it is not a mapping.
    init?(_ node: YAMLNode, at path: FieldPath, typeName: String, context: ValidationContext) {
        guard let mapping = node.mapping else {
            context.error("Input should be a valid dictionary or instance of \(typeName)", type: "model_type", at: path, node: node)
            return nil
        }
        self.context = context
        self.node = node
        self.mapping = mapping
        self.path = path
        self.seen = Array(repeating: false, count: mapping.count)
        self.errorsAtStart = context.errorCount
    }

    /// Whether no error was recorded since reading started.
    var isValid: Bool { context.errorCount == errorsAtStart }

    /// The raw value of `key` (marking it as read), or `nil`.
    mutating func value(_ key: String) -> YAMLNode? {
        guard let index = mapping.entry(forKey: key) else { return nil }
        seen[index] = true
        return mapping.entries[index].value
    }

    /// Whether `key` is present (null counts as present).
    func has(_ key: String) -> Bool { mapping[key] != nil }

    /// A required field: "Field required" when absent; null goes to `parse` (which rejects it).
    mutating func required<T>(_ key: String, _ parse: (YAMLNode, FieldPath) -> T?) -> T? {
        guard let value = value(key) else {
            context.error("Field required", type: "missing", at: path.appending(key), node: node)
            return nil
        }
        return parse(value, path.appending(key))
    }

    /// A nullable optional field: absent or null gives `nil`.
    mutating func optional<T>(_ key: String, _ parse: (YAMLNode, FieldPath) -> T?) -> T? {
        guard let value = value(key), !value.isNull else { return nil }
        return parse(value, path.appending(key))
    }

    /// A non-nullable field with a default: absent gives `defaultValue`, null goes to `parse`.
    mutating func field<T>(_ key: String, default defaultValue: T, _ parse: (YAMLNode, FieldPath) -> T?) -> T? {
        guard let value = value(key) else { return defaultValue }
        return parse(value, path.appending(key))
    }

    /// Records "Extra inputs are not permitted" for every key not read.
    mutating func rejectUnknownKeys() {
        for (index, entry) in mapping.entries.enumerated() where !seen[index] {
            context.error("Extra inputs are not permitted", type: "extra_forbidden", at: path.appending(entry.key.string ?? ""), node: entry.key)
        }
    }

    /// The keys not read, in document order (for open nodes that keep them).
    func unknownEntries() -> [YAMLMapping.Entry] {
        mapping.entries.indices.filter { !seen[$0] }.map { mapping.entries[$0] }
    }
}
