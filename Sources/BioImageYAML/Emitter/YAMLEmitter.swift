/// Writes a ``YAMLNode`` tree as block-style YAML that reads back to the same tree.
///
/// The layout follows what bioimageio.spec writes: mappings indented by two spaces, sequence items
/// as `  - ` under their key, keys in the tree's order, multi-line strings as literal blocks (`|`).
/// Strings are quoted only where a plain scalar would read back differently (`'true'`, `'1.0'`,
/// `'null'`, `'a: b'`, timestamps); non-printable characters use double-quoted escapes.
///
/// ```swift
/// let text = try YAMLEmitter().emit(root)
/// assert(try YAMLParser().parse(text) == root)
/// ```
public struct YAMLEmitter: Sendable {
    /// Layout choices.
    public struct Options: Sendable, Hashable {
        /// Spaces per mapping level (at least 1).
        public var indent: Int = 2
        /// Spaces before a sequence's `-` relative to its parent key (0 gives indentless sequences).
        public var sequenceDashOffset: Int = 2
        /// Whether to start with `%YAML 1.2` and `---`, as bioimageio.spec does.
        public var versionDirective: Bool = false

        /// Creates the default options.
        public init() {}
    }

    /// The layout in force.
    public var options: Options

    /// Creates an emitter.
    public init(options: Options = Options()) {
        self.options = options
    }

    /// Writes `node` as a YAML document ending in a newline.
    ///
    /// - Throws: ``YAMLError`` with code `emitting` for a tree that has no YAML 1.2 block form in
    ///   this emitter (a collection used as a mapping key, or a scalar whose text contradicts its tag).
    public func emit(_ node: YAMLNode) throws(YAMLError) -> String {
        var out = options.versionDirective ? "%YAML 1.2\n---\n" : ""
        switch node.content {
        case .scalar(let scalar):
            try writeScalarValue(scalar, parentIndent: -1, to: &out, leadingSpace: false)
            out += "\n"
        case .sequence(let items) where items.isEmpty:
            out += "[]\n"
        case .mapping(let mapping) where mapping.isEmpty:
            out += "{}\n"
        default:
            try writeBlock(node, indent: 0, to: &out, firstLinePrefixed: false)
        }
        return out
    }

    /// Writes a non-empty block collection whose first line starts at column `indent`. When
    /// `firstLinePrefixed` is true the first line is already positioned (after `- `).
    private func writeBlock(_ node: YAMLNode, indent: Int, to out: inout String, firstLinePrefixed: Bool) throws(YAMLError) {
        let step = max(1, options.indent)
        switch node.content {
        case .mapping(let mapping):
            for (i, entry) in mapping.entries.enumerated() {
                if i > 0 || !firstLinePrefixed { out += String(repeating: " ", count: indent) }
                guard case .scalar(let key) = entry.key.content else {
                    throw YAMLError(.emitting, "a \(entry.key.kindDescription) used as a mapping key cannot be written in block style", at: entry.key.mark)
                }
                out += try keyText(key, at: entry.key.mark)
                out += ":"
                try writeValue(entry.value, parentIndent: indent, childIndent: indent + step, to: &out)
            }
        case .sequence(let items):
            for (i, item) in items.enumerated() {
                if i > 0 || !firstLinePrefixed { out += String(repeating: " ", count: indent) }
                out += "-"
                switch item.content {
                case .mapping(let mapping) where !mapping.isEmpty:
                    out += " "
                    try writeBlock(item, indent: indent + 2, to: &out, firstLinePrefixed: true)
                case .sequence(let inner) where !inner.isEmpty:
                    out += " "
                    try writeBlock(item, indent: indent + 2, to: &out, firstLinePrefixed: true)
                default:
                    try writeValue(item, parentIndent: indent, childIndent: indent + 2, to: &out)
                }
            }
        case .scalar:
            break
        }
    }

    /// Writes what follows `key:` or `-`: a scalar on the same line, or a collection on the next lines.
    private func writeValue(_ node: YAMLNode, parentIndent: Int, childIndent: Int, to out: inout String) throws(YAMLError) {
        switch node.content {
        case .scalar(let scalar):
            try writeScalarValue(scalar, parentIndent: parentIndent, to: &out, leadingSpace: true)
            out += "\n"
        case .sequence(let items) where items.isEmpty:
            out += " []\n"
        case .mapping(let mapping) where mapping.isEmpty:
            out += " {}\n"
        case .sequence:
            out += "\n"
            try writeBlock(node, indent: parentIndent + max(0, options.sequenceDashOffset), to: &out, firstLinePrefixed: false)
        case .mapping:
            out += "\n"
            try writeBlock(node, indent: childIndent, to: &out, firstLinePrefixed: false)
        }
    }
}
