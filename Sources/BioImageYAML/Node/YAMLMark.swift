/// A position in a YAML source text.
///
/// `line` and `column` are 1-based; `column` counts Unicode scalars (what an editor shows), while
/// `offset` is the 0-based byte offset into the UTF-8 input (after a byte-order mark, if any).
public struct YAMLMark: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// Byte offset into the UTF-8 input, starting at 0.
    public var offset: Int
    /// Line number, starting at 1.
    public var line: Int
    /// Column in Unicode scalars, starting at 1.
    public var column: Int

    /// Creates a mark.
    public init(offset: Int, line: Int, column: Int) {
        self.offset = offset
        self.line = line
        self.column = column
    }

    /// The mark of a node that did not come from a source text (built in code or by an encoder).
    public static let none = YAMLMark(offset: 0, line: 0, column: 0)

    /// Whether this mark points into a source text (`false` for ``none``).
    public var isKnown: Bool { line > 0 }

    /// `line:column`, the form compilers use.
    public var description: String { "\(line):\(column)" }

    public static func < (lhs: YAMLMark, rhs: YAMLMark) -> Bool { lhs.offset < rhs.offset }
}
