/// A scalar as written in a YAML document: its text, how it was written, and what the YAML 1.2
/// core schema resolves it to.
///
/// The original spelling is always kept (`format_version: 0.4` keeps the text `0.4` although it
/// resolves to a float), so layers above can re-read a value the way they need it.
public struct YAMLScalar: Sendable, CustomStringConvertible {
    /// How a scalar was written in the source.
    public enum Style: Sendable, Hashable {
        /// Unquoted (`key: value`).
        case plain
        /// `'single quoted'`.
        case singleQuoted
        /// `"double quoted"`.
        case doubleQuoted
        /// A literal block scalar (`|`).
        case literal
        /// A folded block scalar (`>`).
        case folded
    }

    /// The type the YAML 1.2 core schema gives a scalar.
    ///
    /// Only plain scalars are resolved; quoted and block scalars are always ``string``.
    public enum Tag: String, Sendable, Hashable {
        /// `~`, `null`, `Null`, `NULL` or nothing at all.
        case null
        /// `true`, `True`, `TRUE`, `false`, `False`, `FALSE` (not `yes`, `on`, `y`…).
        case bool
        /// Decimal, `0o` octal, `0x` hexadecimal or `0b` binary integers (`0123` is decimal 123).
        case int
        /// Decimal floats with `.` or an exponent, `.inf`, `-.inf`, `.nan`.
        case float
        /// Everything else, including ISO timestamps (the layers above parse dates).
        case string
    }

    /// The scalar's content after unescaping and line folding (for plain scalars, the text as written).
    public var string: String
    /// How the scalar was written.
    public var style: Style
    /// The resolved type.
    public var tag: Tag

    /// Creates a scalar with an explicit tag; use ``init(plain:)`` to resolve by the core schema.
    public init(string: String, style: Style, tag: Tag) {
        self.string = string
        self.style = style
        self.tag = tag
    }

    /// Creates a plain scalar resolved by the YAML 1.2 core schema, as a loader reads `text`.
    public init(plain text: String) {
        self.init(string: text, style: .plain, tag: YAMLScalar.resolve(plain: text))
    }

    /// Creates a string scalar (it stays a string however it looks).
    public init(string: String) {
        self.init(string: string, style: .plain, tag: .string)
    }

    public var description: String { string }
}

extension YAMLScalar: Hashable {
    /// Two scalars are equal when they have the same tag and content; the style is presentation only.
    /// All nulls are equal, booleans compare by value, other tags by their text.
    public static func == (lhs: YAMLScalar, rhs: YAMLScalar) -> Bool {
        guard lhs.tag == rhs.tag else { return false }
        switch lhs.tag {
        case .null: return true
        case .bool: return lhs.boolValue == rhs.boolValue
        default: return lhs.string == rhs.string
        }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(tag)
        switch tag {
        case .null: break
        case .bool: hasher.combine(boolValue)
        default: hasher.combine(string)
        }
    }
}
