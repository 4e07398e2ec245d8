/// A location inside a description, written the way the reference writes it: `inputs.0.axes.2.size`.
public struct FieldPath: Hashable, Sendable, CustomStringConvertible, ExpressibleByArrayLiteral, Comparable {
    /// One step: a mapping key or a sequence index.
    public enum Component: Hashable, Sendable, CustomStringConvertible {
        /// A mapping key.
        case key(String)
        /// A sequence index.
        case index(Int)

        public var description: String {
            switch self {
            case .key(let key): return key
            case .index(let index): return String(index)
            }
        }
    }

    /// The steps from the document root.
    public var components: [Component]

    /// Creates a path from its steps.
    public init(_ components: [Component] = []) {
        self.components = components
    }

    /// Creates a path from keys and indices (`["inputs", 0, "axes"]`).
    public init(arrayLiteral elements: Component...) {
        self.components = elements
    }

    /// The document root (`""`).
    public static let root = FieldPath()

    /// The path one key further.
    public func appending(_ key: String) -> FieldPath { FieldPath(components + [.key(key)]) }

    /// The path one index further.
    public func appending(_ index: Int) -> FieldPath { FieldPath(components + [.index(index)]) }

    /// `inputs.0.axes.2.size`; the root is the empty string.
    public var description: String { components.map(\.description).joined(separator: ".") }

    public static func < (lhs: FieldPath, rhs: FieldPath) -> Bool { lhs.description < rhs.description }
}

extension FieldPath.Component: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
    public init(stringLiteral value: String) { self = .key(value) }
    public init(integerLiteral value: Int) { self = .index(value) }
}
