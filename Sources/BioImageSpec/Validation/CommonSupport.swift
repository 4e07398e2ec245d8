import BioImageYAML

extension ValidationContext {
    /// Records a pydantic `value_error`: the message gets pydantic's `Value error, ` prefix, as the
    /// reference prints every `ValueError` raised by a validator.
    func valueError(_ message: String, at path: FieldPath, node: YAMLNode?) {
        error("Value error, " + message, type: "value_error", at: path, node: node)
    }

    /// Runs `body` and discards the issues it records (for trying one member of a union).
    ///
    /// Returns the body's value and the issues it would have recorded.
    func trying<T>(_ body: (ValidationContext) -> T?) -> (value: T?, issues: [ValidationIssue]) {
        let scratch = ValidationContext(options: options)
        let value = body(scratch)
        return (scratch.errorCount == 0 ? value : nil, scratch.issues)
    }
}

extension YAMLNode {
    /// The text of a string scalar that the reference reads as a Python `str` (not a date), else `nil`.
    var pythonString: String? {
        guard let scalar, scalar.tag == .string, !scalar.isTimestamp else { return nil }
        return scalar.string
    }

    /// How Python's `str()` shows the value this node loads as (scalars only; `None` for null).
    var pythonText: String {
        guard let scalar else { return kindDescription }
        switch scalar.tag {
        case .null: return "None"
        case .bool: return scalar.boolValue == true ? "True" : "False"
        case .int: return scalar.integerDecimalDigits ?? scalar.string
        case .float:
            guard let value = scalar.doubleValue else { return scalar.string }
            return PythonFloatFormat.repr(value)
        case .string: return scalar.string
        }
    }
}
