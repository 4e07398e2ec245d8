/// A JSON-compatible value with ordered object keys: the bridge between YAML trees and JSON.
///
/// `bioimageio yaml FILE` prints a document through this type, so users see exactly how their file
/// was read: numbers as numbers, keys in document order, and non-finite floats written the way
/// Python's `json` module writes them (`Infinity`, `-Infinity`, `NaN`).
public enum JSONValue: Sendable, Hashable {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// An integer that fits in `Int`.
    case int(Int)
    /// An integer beyond `Int`'s range, kept exactly as its decimal digits (optional leading `-`).
    case bigInteger(String)
    /// A floating-point number.
    case double(Double)
    /// A string.
    case string(String)
    /// An array.
    case array([JSONValue])
    /// An object whose keys keep their order.
    case object([(key: String, value: JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.int(let a), .int(let b)): return a == b
        case (.bigInteger(let a), .bigInteger(let b)): return a == b
        case (.double(let a), .double(let b)): return a == b || (a.isNaN && b.isNaN)
        case (.string(let a), .string(let b)): return a == b
        case (.array(let a), .array(let b)): return a == b
        case (.object(let a), .object(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: return false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .null: hasher.combine(0)
        case .bool(let value): hasher.combine(value)
        case .int(let value): hasher.combine(value)
        case .bigInteger(let value): hasher.combine(value)
        case .double(let value): hasher.combine(value.isNaN ? .nan : value)
        case .string(let value): hasher.combine(value)
        case .array(let value): hasher.combine(value)
        case .object(let value):
            for entry in value {
                hasher.combine(entry.key)
                hasher.combine(entry.value)
            }
        }
    }
}

extension JSONValue {
    /// Converts a YAML tree, as Python's `json.dumps` would see the reference loader's result.
    ///
    /// Mapping keys become strings as Python's `json` converts them (`1` → `"1"`, `true` →
    /// `"true"`, null → `"null"`, floats by `repr`); a key that is itself a collection cannot be
    /// represented and throws ``YAMLError/Code-swift.struct/emitting``.
    public init(_ node: YAMLNode) throws(YAMLError) {
        switch node.content {
        case .scalar(let scalar):
            self = JSONValue(scalar)
        case .sequence(let items):
            var array: [JSONValue] = []
            array.reserveCapacity(items.count)
            for item in items { array.append(try JSONValue(item)) }
            self = .array(array)
        case .mapping(let mapping):
            var object: [(key: String, value: JSONValue)] = []
            object.reserveCapacity(mapping.count)
            for entry in mapping.entries {
                guard case .scalar(let key) = entry.key.content else {
                    throw YAMLError(.emitting, "a \(entry.key.kindDescription) used as a mapping key has no JSON form", at: entry.key.mark)
                }
                object.append((JSONValue.keyString(key), try JSONValue(entry.value)))
            }
            self = .object(object)
        }
    }

    /// Converts one scalar by its resolved tag.
    public init(_ scalar: YAMLScalar) {
        switch scalar.tag {
        case .null: self = .null
        case .bool: self = .bool(scalar.boolValue ?? false)
        case .int:
            if let value = scalar.intValue { self = .int(value) }
            else if let digits = scalar.integerDecimalDigits { self = .bigInteger(digits) }
            else { self = .string(scalar.string) }
        case .float: self = .double(scalar.doubleValue ?? .nan)
        case .string: self = .string(scalar.string)
        }
    }

    /// A scalar key as Python's `json` module writes it.
    private static func keyString(_ key: YAMLScalar) -> String {
        switch JSONValue(key) {
        case .null: return "null"
        case .bool(let value): return value ? "true" : "false"
        case .int(let value): return String(value)
        case .bigInteger(let digits): return digits
        case .double(let value):
            if value.isNaN { return "NaN" }
            if value.isInfinite { return value < 0 ? "-Infinity" : "Infinity" }
            return PythonFloatFormat.repr(value)
        default: return key.string
        }
    }
}

extension YAMLNode {
    /// Builds a YAML tree from a JSON value (strings stay strings, numbers become int or float scalars).
    public init(_ json: JSONValue) {
        switch json {
        case .null: self = .null
        case .bool(let value): self = .bool(value)
        case .int(let value): self = .int(value)
        case .bigInteger(let digits): self = YAMLNode(.scalar(YAMLScalar(string: digits, style: .plain, tag: .int)))
        case .double(let value): self = .float(value)
        case .string(let value): self = .string(value)
        case .array(let items): self = .sequence(items.map(YAMLNode.init))
        case .object(let entries):
            self = .mapping(YAMLMapping(entries.map { YAMLMapping.Entry(key: .string($0.key), value: YAMLNode($0.value)) }))
        }
    }
}
