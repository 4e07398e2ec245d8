import Foundation

/// Decodes `Decodable` values from YAML node trees, the way `JSONDecoder` decodes them from JSON.
///
///     let model = try YAMLDecoder().decode(ModelDescription.self, from: node)
///
/// Scalars convert by the YAML 1.2 core schema, with one deliberate leniency: a `String` decodes
/// from the text of *any* non-null scalar, so `format_version: 0.4` (a float to YAML) decodes as the
/// string `"0.4"`, exactly as written. The other conversions are strict:
///
/// - integers decode from `int` scalars (any base the schema allows) and from `float` scalars that
///   are exactly integral (`1.0`, `1e2`), as `JSONDecoder` does; a value outside the type's range
///   is a `DecodingError.dataCorrupted`, never a trap;
/// - `Double` and `Float` decode from `float` and `int` scalars, including `.inf`, `-.inf` and `.nan`;
///   a finite value too large for `Float` is an error;
/// - `Bool` decodes only from `bool` scalars (`true`, `False`, …), not from `yes` or `1`;
/// - `decodeNil()` is true for the null scalar, so optional keys that are missing or null give `nil`;
/// - `URL` decodes from a scalar's text with `URL(string:)`;
/// - `[String: T]` decodes from a mapping, keys taken by their scalar text.
///
/// Every error is a standard `DecodingError` whose `codingPath` leads to the offending value and
/// whose `debugDescription` starts with that node's `line:column: ` when the node came from a
/// source text. Its `underlyingError` is a ``YAMLError`` carrying the mark; read it back with
/// `DecodingError.yamlMark`, and the path in the reference's notation with
/// `DecodingError.yamlFieldPath` (`inputs.0.axes.2.size`).
public struct YAMLDecoder: Sendable {
    /// Contextual information handed to the types being decoded, as `Decoder.userInfo`.
    public var userInfo: [CodingUserInfoKey: any Sendable]

    /// Creates a decoder with empty `userInfo`.
    public init() {
        self.userInfo = [:]
    }

    /// Decodes a value of `type` from a node tree.
    ///
    /// - Throws: `DecodingError` when the tree does not have the shape or values `type` needs.
    public func decode<T: Decodable>(_ type: T.Type, from node: YAMLNode) throws -> T {
        let context = YAMLDecodingContext(userInfo: userInfo.mapValues { $0 as Any })
        return try context.unbox(node, as: T.self, codingPath: [])
    }
}

/// What every decoder of one decoding run shares.
struct YAMLDecodingContext {
    /// The user info as `Decoder` presents it.
    let userInfo: [CodingUserInfoKey: Any]

    /// Decodes `node` as `T`, converting scalars directly and building a decoder for the rest.
    func unbox<T: Decodable>(_ node: YAMLNode, as type: T.Type, codingPath: [any CodingKey]) throws -> T {
        // Fast paths for the common scalar types avoid allocating a decoder per value.
        if T.self == String.self, let value = try YAMLScalarUnboxing.string(node, codingPath) as? T {
            return value
        }
        if T.self == Int.self, let value = try YAMLScalarUnboxing.integer(node, Int.self, codingPath) as? T {
            return value
        }
        if T.self == Double.self, let value = try YAMLScalarUnboxing.double(node, codingPath) as? T {
            return value
        }
        if T.self == Bool.self, let value = try YAMLScalarUnboxing.bool(node, codingPath) as? T {
            return value
        }
        if T.self == URL.self, let value = try YAMLScalarUnboxing.url(node, codingPath) as? T {
            return value
        }
        let decoder = YAMLNodeDecoder(node: node, codingPath: codingPath, context: self)
        return try T(from: decoder)
    }
}
