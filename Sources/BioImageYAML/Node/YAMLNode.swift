/// One node of a YAML document: a scalar, a sequence or a mapping, with the place it came from.
///
/// Nodes are values: copying one is cheap (collections share storage until mutated). Aliases are
/// resolved while parsing, so a tree never contains references. Equality compares content only:
/// marks and scalar styles are ignored, so a document and its re-emitted form compare equal.
public struct YAMLNode: Sendable, Hashable {
    /// What a node holds.
    public enum Content: Sendable, Hashable {
        /// A scalar value.
        case scalar(YAMLScalar)
        /// An ordered list of nodes.
        case sequence([YAMLNode])
        /// An ordered mapping (keys keep their document order).
        case mapping(YAMLMapping)
    }

    /// The node's content.
    public var content: Content
    /// Where the node starts in its source (``YAMLMark/none`` for nodes built in code).
    public var mark: YAMLMark

    /// Creates a node.
    public init(_ content: Content, mark: YAMLMark = .none) {
        self.content = content
        self.mark = mark
    }

    public static func == (lhs: YAMLNode, rhs: YAMLNode) -> Bool { lhs.content == rhs.content }
    public func hash(into hasher: inout Hasher) { hasher.combine(content) }
}

extension YAMLNode {
    /// A string scalar that stays a string however it looks.
    public static func string(_ value: String, mark: YAMLMark = .none) -> YAMLNode {
        YAMLNode(.scalar(YAMLScalar(string: value)), mark: mark)
    }

    /// A plain scalar resolved by the core schema, as if `text` had been written unquoted.
    public static func plain(_ text: String, mark: YAMLMark = .none) -> YAMLNode {
        YAMLNode(.scalar(YAMLScalar(plain: text)), mark: mark)
    }

    /// The null scalar.
    public static var null: YAMLNode { YAMLNode(.scalar(YAMLScalar(string: "null", style: .plain, tag: .null))) }

    /// A Boolean scalar.
    public static func bool(_ value: Bool) -> YAMLNode {
        YAMLNode(.scalar(YAMLScalar(string: value ? "true" : "false", style: .plain, tag: .bool)))
    }

    /// An integer scalar.
    public static func int(_ value: Int) -> YAMLNode {
        YAMLNode(.scalar(YAMLScalar(string: String(value), style: .plain, tag: .int)))
    }

    /// A float scalar, spelled the way YAML 1.2 spells non-finite values (`.inf`, `-.inf`, `.nan`).
    public static func float(_ value: Double) -> YAMLNode {
        let text: String
        if value.isNaN { text = ".nan" }
        else if value == .infinity { text = ".inf" }
        else if value == -.infinity { text = "-.inf" }
        else { text = PythonFloatFormat.repr(value) }
        return YAMLNode(.scalar(YAMLScalar(string: text, style: .plain, tag: .float)))
    }

    /// A sequence node.
    public static func sequence(_ items: [YAMLNode], mark: YAMLMark = .none) -> YAMLNode {
        YAMLNode(.sequence(items), mark: mark)
    }

    /// A mapping node.
    public static func mapping(_ mapping: YAMLMapping, mark: YAMLMark = .none) -> YAMLNode {
        YAMLNode(.mapping(mapping), mark: mark)
    }
}

extension YAMLNode {
    /// The scalar, if this node is one.
    public var scalar: YAMLScalar? {
        if case .scalar(let scalar) = content { return scalar }
        return nil
    }

    /// The items, if this node is a sequence.
    public var sequence: [YAMLNode]? {
        if case .sequence(let items) = content { return items }
        return nil
    }

    /// The mapping, if this node is one.
    public var mapping: YAMLMapping? {
        if case .mapping(let mapping) = content { return mapping }
        return nil
    }

    /// Whether this node is the null scalar.
    public var isNull: Bool { scalar?.tag == .null }

    /// The text of a scalar of any tag (`0.4` for `format_version: 0.4`), else `nil`.
    public var string: String? { scalar?.string }

    /// The value of a `bool` scalar, else `nil`.
    public var bool: Bool? { scalar?.boolValue }

    /// The value of an `int` scalar that fits in `Int`, else `nil`.
    public var int: Int? { scalar?.intValue }

    /// The value of a `float` or `int` scalar, else `nil`.
    public var double: Double? { scalar?.doubleValue }

    /// The value for a string key, if this node is a mapping that has it.
    public subscript(key: String) -> YAMLNode? { mapping?[key] }

    /// The item at `index`, if this node is a sequence that long.
    public subscript(index: Int) -> YAMLNode? {
        guard let items = sequence, items.indices.contains(index) else { return nil }
        return items[index]
    }

    /// A short name of the node's kind for messages: `mapping`, `sequence`, or the scalar's tag.
    public var kindDescription: String {
        switch content {
        case .scalar(let scalar): return scalar.tag == .null ? "null" : scalar.tag.rawValue
        case .sequence: return "sequence"
        case .mapping: return "mapping"
        }
    }
}
