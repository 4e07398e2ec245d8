import BioImageYAML

/// Field readers shared by the model 0.4 validators: axis-letter strings and number lists.
enum ModelV04Support {
    /// An axes string (`AxesStr`/`AxesInCZYX`): only letters of `alphabet`, no letter twice.
    static func axes(_ node: YAMLNode, at path: FieldPath, alphabet: String, _ context: ValidationContext) -> String? {
        guard let text = Lax.string(node, at: path, context) else { return nil }
        if text.contains(where: { !alphabet.contains($0) }) {
            context.error("Value error, \(ModelSupport.pythonRepr(text)) is not restricted to \(ModelSupport.pythonRepr(alphabet))", at: path, node: node)
            return nil
        }
        if Set(text).count != text.count {
            context.error("Value error, Entries are not unique.", at: path, node: node)
            return nil
        }
        return text
    }

    /// A list of ints (`list[int]`), optionally non-empty.
    static func intList(_ node: YAMLNode, at path: FieldPath, nonEmpty: Bool = false, _ context: ValidationContext) -> [Int]? {
        Lax.list(node, at: path, context, minCount: nonEmpty ? 1 : 0) { Lax.int($0, at: $1, context) }
    }

    /// A list of strings.
    static func stringList(_ node: YAMLNode, at path: FieldPath, _ context: ValidationContext) -> [String]? {
        Lax.list(node, at: path, context) { Lax.string($0, at: $1, context) }
    }

    /// `float | list[float]` (pydantic smart union: the float member's error, then the list member's).
    static func floatOrList(_ node: YAMLNode, at path: FieldPath, nonEmptyList: Bool = false, _ context: ValidationContext) -> FloatOrList? {
        if node.sequence != nil {
            let values = Lax.list(node, at: path, context, minCount: nonEmptyList ? 1 : 0) { Lax.float($0, at: $1, context) }
            return values.map { .list($0) }
        }
        let scratch = ValidationContext()
        if let value = Lax.float(node, at: path, scratch) { return .scalar(value) }
        for issue in scratch.issues { context.append(issue) }
        context.error("Input should be a valid list", type: "list_type", at: path, node: node)
        return nil
    }

    /// A free mapping field with a `{}` default (`config`, `kwargs`): absent gives `nil`; null or
    /// any other non-mapping is "Input should be a valid dictionary".
    static func freeMapping(_ reader: inout MappingReader, _ key: String, _ context: ValidationContext) -> FreeValue? {
        reader.field(key, default: FreeValue?.none) { value, valuePath -> FreeValue?? in
            Lax.dictionary(value, at: valuePath, context).map { _ in .some(FreeValue(value)) }
        } ?? nil
    }
}
