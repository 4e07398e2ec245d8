extension EncodingError {
    /// The coding path in the bioimage.io reference's notation (`inputs.0.axes.2.size`).
    public var yamlFieldPath: String {
        switch self {
        case .invalidValue(_, let context):
            return YAMLCodingPath.render(context.codingPath)
        @unknown default:
            return ""
        }
    }

    /// An `invalidValue` error whose underlying error is a ``YAMLError`` with code `emitting`.
    static func yamlInvalidValue(_ value: Any, _ message: String, codingPath: [any CodingKey]) -> EncodingError {
        .invalidValue(value, Context(
            codingPath: codingPath,
            debugDescription: message,
            underlyingError: YAMLError(.emitting, message)))
    }
}
