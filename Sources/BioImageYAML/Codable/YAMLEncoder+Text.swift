extension YAMLEncoder {
    /// Encodes a value as YAML text, written by ``YAMLEmitter``.
    ///
    /// - Throws: `EncodingError.invalidValue` when `value` encodes nothing, misuses containers, or
    ///   produces a tree the emitter cannot write (the `underlyingError` is the ``YAMLError``).
    public func encode<T: Encodable>(_ value: T) throws -> String {
        let node = try encodeToNode(value)
        do {
            return try YAMLEmitter().emit(node)
        } catch {
            throw EncodingError.invalidValue(value, EncodingError.Context(
                codingPath: [], debugDescription: error.message, underlyingError: error))
        }
    }
}
