import Foundation

/// Encodes `Encodable` values as YAML node trees or text, the way `JSONEncoder` encodes JSON.
///
///     let text = try YAMLEncoder().encode(model)
///
/// - Keys appear in the order they are encoded; encoding a key again replaces its value in place.
/// - `encodeIfPresent` with `nil` (what synthesized `Codable` does for optionals) omits the key;
///   an explicit `encodeNil` writes `null`.
/// - `String` becomes a string scalar that stays a string when read back (the emitter quotes
///   `"0.4"`, `"true"` or `"null"` as needed); integers become `int` scalars; `Bool` a `bool` scalar.
/// - `Double` becomes a `float` scalar spelled as Python's `repr` spells it, with non-finite values
///   as `.inf`, `-.inf` and `.nan`; `Float` is widened through its shortest decimal form, so
///   `Float(0.1)` is written `0.1`, not `0.10000000149011612`.
/// - `URL` is written as its `absoluteString`.
///
/// Errors are `EncodingError.invalidValue`; they occur when a top-level value encodes nothing or an
/// `encode(to:)` implementation uses the containers inconsistently (for example a keyed container
/// after a single value at the same level).
public struct YAMLEncoder: Sendable {
    /// Contextual information handed to the values being encoded, as `Encoder.userInfo`.
    public var userInfo: [CodingUserInfoKey: any Sendable]

    /// Creates an encoder with empty `userInfo`.
    public init() {
        self.userInfo = [:]
    }

    /// Encodes a value as a node tree (every node's mark is ``YAMLMark/none``).
    ///
    /// - Throws: `EncodingError.invalidValue` when `value` encodes nothing or misuses containers.
    public func encodeToNode<T: Encodable>(_ value: T) throws -> YAMLNode {
        let context = YAMLEncodingContext(userInfo: userInfo.mapValues { $0 as Any })
        let encoded: YAMLEncodedValue
        if let scalar = YAMLScalarBoxing.box(value) {
            encoded = .node(scalar)
        } else {
            let encoder = YAMLNodeEncoder(codingPath: [], context: context)
            try value.encode(to: encoder)
            guard let storage = encoder.storage else {
                throw EncodingError.yamlInvalidValue(
                    value, "Top-level \(T.self) did not encode any values.", codingPath: [])
            }
            encoded = storage
        }
        if let misuse = context.misuse { throw misuse }
        return encoded.node
    }
}

/// What every encoder of one encoding run shares.
final class YAMLEncodingContext {
    /// The user info as `Encoder` presents it.
    let userInfo: [CodingUserInfoKey: Any]
    /// The first inconsistent use of containers, reported when encoding finishes (container
    /// requests cannot throw).
    private(set) var misuse: EncodingError?

    init(userInfo: [CodingUserInfoKey: Any]) {
        self.userInfo = userInfo
    }

    /// Records an inconsistent container use at `codingPath`; the first one is kept.
    func recordMisuse(_ message: String, codingPath: [any CodingKey]) {
        guard misuse == nil else { return }
        misuse = EncodingError.yamlInvalidValue(message, message, codingPath: codingPath)
    }

    /// Encodes `value`, converting scalars directly and running `encode(to:)` for the rest.
    ///
    /// A value that encodes nothing becomes an empty mapping, as `JSONEncoder` makes it `{}`.
    func box<T: Encodable>(_ value: T, codingPath: [any CodingKey]) throws -> YAMLEncodedValue {
        if let scalar = YAMLScalarBoxing.box(value) { return .node(scalar) }
        let encoder = YAMLNodeEncoder(codingPath: codingPath, context: self)
        try value.encode(to: encoder)
        return encoder.storage ?? .mapping(YAMLMappingStorage())
    }
}

/// Conversions of Swift scalars to scalar nodes.
enum YAMLScalarBoxing {
    /// The node for one of the scalar types the encoder writes directly, else `nil`.
    static func box<T: Encodable>(_ value: T) -> YAMLNode? {
        switch value {
        case let value as String: return .string(value)
        case let value as Bool: return .bool(value)
        case let value as Int: return integer(value)
        case let value as Double: return .float(value)
        case let value as Float: return float(value)
        case let value as URL: return .string(value.absoluteString)
        default: return nil
        }
    }

    /// An `int` scalar with the decimal spelling of `value`.
    static func integer<T: FixedWidthInteger>(_ value: T) -> YAMLNode {
        YAMLNode(.scalar(YAMLScalar(string: String(value), style: .plain, tag: .int)))
    }

    /// A `float` scalar for the shortest decimal form of `value` (`Float(0.1)` gives `0.1`).
    static func float(_ value: Float) -> YAMLNode {
        guard value.isFinite, let widened = Double(value.description) else { return .float(Double(value)) }
        return .float(widened)
    }
}
