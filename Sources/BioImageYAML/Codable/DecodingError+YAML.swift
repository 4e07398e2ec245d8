/// Reading the YAML source position and field path back out of decoding errors, and building
/// the errors `YAMLDecoder` throws.
extension DecodingError {
    /// The source position of the offending node, when the error came from ``YAMLDecoder`` and the
    /// node was read from a source text; else `nil`.
    ///
    /// For `keyNotFound` this is the mark of the mapping that lacks the key.
    public var yamlMark: YAMLMark? {
        guard let error = yamlContext?.underlyingError as? YAMLError, error.mark.isKnown else { return nil }
        return error.mark
    }

    /// The underlying ``YAMLError`` of an error thrown by ``YAMLDecoder``, else `nil`.
    public var yamlError: YAMLError? {
        yamlContext?.underlyingError as? YAMLError
    }

    /// The coding path in the bioimage.io reference's notation: keys and sequence indices joined by
    /// dots, as in `inputs.0.axes.2.size` (empty for the root).
    ///
    /// For `keyNotFound` the missing key is appended, so the path names the absent field itself,
    /// as the reference's `loc` does.
    public var yamlFieldPath: String {
        switch self {
        case .keyNotFound(let key, let context):
            return YAMLCodingPath.render(context.codingPath + [key])
        default:
            return YAMLCodingPath.render(yamlContext?.codingPath ?? [])
        }
    }

    /// The context of any case.
    var yamlContext: Context? {
        switch self {
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .keyNotFound(_, let context):
            return context
        case .dataCorrupted(let context):
            return context
        @unknown default:
            return nil
        }
    }
}

extension DecodingError {
    /// A context whose description starts with `line:column: ` of `mark` and whose underlying
    /// error is a ``YAMLError`` at `mark`.
    static func yamlContext(_ message: String, at mark: YAMLMark, codingPath: [any CodingKey]) -> Context {
        let location = mark.isKnown ? "\(mark): " : ""
        return Context(
            codingPath: codingPath,
            debugDescription: location + message,
            underlyingError: YAMLError(.decoding, message, at: mark))
    }

    /// `node` does not have the kind `type` needs; a null node gives `valueNotFound` instead.
    static func yamlTypeMismatch(_ type: Any.Type, _ node: YAMLNode, codingPath: [any CodingKey]) -> DecodingError {
        if node.isNull {
            return yamlValueNotFound(type, node, codingPath: codingPath)
        }
        let message = "Expected to decode \(type) but found \(YAMLCodingPath.describe(node)) instead."
        return .typeMismatch(type, yamlContext(message, at: node.mark, codingPath: codingPath))
    }

    /// `node` is null where a `type` is required.
    static func yamlValueNotFound(_ type: Any.Type, _ node: YAMLNode, codingPath: [any CodingKey]) -> DecodingError {
        let message = "Cannot get value of type \(type) -- found null value instead."
        return .valueNotFound(type, yamlContext(message, at: node.mark, codingPath: codingPath))
    }

    /// The mapping `node` has no entry for `key`.
    static func yamlKeyNotFound(_ key: any CodingKey, in node: YAMLNode, codingPath: [any CodingKey]) -> DecodingError {
        let message = "No value associated with key \"\(key.stringValue)\"."
        return .keyNotFound(key, yamlContext(message, at: node.mark, codingPath: codingPath))
    }

    /// `node` has the right kind but a value `type` cannot hold.
    static func yamlDataCorrupted(_ message: String, _ node: YAMLNode, codingPath: [any CodingKey]) -> DecodingError {
        .dataCorrupted(yamlContext(message, at: node.mark, codingPath: codingPath))
    }
}
