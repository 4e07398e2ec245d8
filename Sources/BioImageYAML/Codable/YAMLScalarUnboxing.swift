import Foundation

/// Conversions of scalar nodes to Swift values, with the errors `YAMLDecoder` reports.
enum YAMLScalarUnboxing {
    /// The scalar of `node`, or a type mismatch (value not found for null) naming `type`.
    private static func scalar(_ node: YAMLNode, _ type: Any.Type, _ path: [any CodingKey]) throws -> YAMLScalar {
        guard let scalar = node.scalar, scalar.tag != .null else {
            throw DecodingError.yamlTypeMismatch(type, node, codingPath: path)
        }
        return scalar
    }

    /// The text of any non-null scalar (`0.4`, `true` and `5` all decode as their spelling).
    static func string(_ node: YAMLNode, _ path: [any CodingKey]) throws -> String {
        try scalar(node, String.self, path).string
    }

    /// The value of a `bool` scalar.
    static func bool(_ node: YAMLNode, _ path: [any CodingKey]) throws -> Bool {
        let scalar = try scalar(node, Bool.self, path)
        guard let value = scalar.boolValue else {
            throw DecodingError.yamlTypeMismatch(Bool.self, node, codingPath: path)
        }
        return value
    }

    /// The value of an `int` scalar, or of a `float` scalar that is exactly integral, range-checked
    /// for `T`.
    static func integer<T: FixedWidthInteger>(_ node: YAMLNode, _ type: T.Type, _ path: [any CodingKey]) throws -> T {
        let scalar = try scalar(node, T.self, path)
        switch scalar.tag {
        case .int:
            if let value = scalar.intValue {
                if let exact = T(exactly: value) { return exact }
            } else if let digits = scalar.integerDecimalDigits, let exact = T(digits) {
                return exact
            }
        case .float:
            if let double = scalar.doubleValue, double.isFinite, let exact = T(exactly: double) {
                return exact
            }
        default:
            throw DecodingError.yamlTypeMismatch(T.self, node, codingPath: path)
        }
        throw DecodingError.yamlDataCorrupted(
            "Number \(scalar.string) does not fit in \(T.self).", node, codingPath: path)
    }

    /// The value of a `float` or `int` scalar as a `Double`.
    static func double(_ node: YAMLNode, _ path: [any CodingKey]) throws -> Double {
        let scalar = try scalar(node, Double.self, path)
        guard scalar.tag == .float || scalar.tag == .int else {
            throw DecodingError.yamlTypeMismatch(Double.self, node, codingPath: path)
        }
        guard let value = scalar.doubleValue, value.isFinite || !isFiniteSpelling(scalar) else {
            throw DecodingError.yamlDataCorrupted(
                "Number \(scalar.string) does not fit in Double.", node, codingPath: path)
        }
        return value
    }

    /// The value of a `float` or `int` scalar as a `Float`, rounded once from the decimal text.
    ///
    /// A finite value whose magnitude is too large for `Float` is an error, as in `JSONDecoder`.
    static func float(_ node: YAMLNode, _ path: [any CodingKey]) throws -> Float {
        let scalar = try scalar(node, Float.self, path)
        let value: Float?
        switch scalar.tag {
        case .float:
            if !isFiniteSpelling(scalar), let double = scalar.doubleValue {
                value = Float(double)  // .inf, -.inf, .nan
            } else {
                value = Float(scalar.string.replacingOccurrences(of: "_", with: ""))
            }
        case .int:
            value = scalar.integerDecimalDigits.flatMap { Float($0) }
        default:
            throw DecodingError.yamlTypeMismatch(Float.self, node, codingPath: path)
        }
        guard let value, value.isFinite || !isFiniteSpelling(scalar) else {
            throw DecodingError.yamlDataCorrupted(
                "Number \(scalar.string) does not fit in Float.", node, codingPath: path)
        }
        return value
    }

    /// A URL made by `URL(string:)` from a scalar's text.
    static func url(_ node: YAMLNode, _ path: [any CodingKey]) throws -> URL {
        let text = try string(node, path)
        guard let url = URL(string: text) else {
            throw DecodingError.yamlDataCorrupted("Invalid URL string \"\(text)\".", node, codingPath: path)
        }
        return url
    }

    /// Whether a numeric scalar is written as a finite number (not `.inf`, `-.inf` or `.nan`).
    private static func isFiniteSpelling(_ scalar: YAMLScalar) -> Bool {
        scalar.tag == .int || !scalar.string.contains(".") || scalar.string.contains(where: \.isNumber)
    }
}
