import BioImageYAML

/// Validation helpers the model description needs beyond ``MappingReader`` and ``Lax``: plain
/// unions (one error per failed member), pydantic's "Value error, …" messages, FAIR alerts and
/// length limits with the reference's wording.
enum ModelSupport {
    /// Records a pydantic `value_error` (message prefixed "Value error, " as the reference prints it).
    static func valueError(_ message: String, at path: FieldPath, node: YAMLNode?, _ context: ValidationContext) {
        context.error("Value error, \(message)", type: "value_error", at: path, node: node)
    }

    /// Records the FAIR alert "Needs to be filled for FAIR compliance" (severity 35).
    static func fairAlert(at path: FieldPath, node: YAMLNode?, _ context: ValidationContext) {
        context.warning("Needs to be filled for FAIR compliance", severity: .alert, at: path, node: node)
    }

    /// Tries `members` left to right, each into a scratch context. The first member that validates
    /// wins (its warnings are kept); when none does, every member's errors are recorded, as a pydantic
    /// plain union reports one error (or more) per member.
    static func union<T>(_ context: ValidationContext, _ members: [(ValidationContext) -> T?]) -> T? {
        var failures: [ValidationIssue] = []
        for member in members {
            let scratch = ValidationContext(options: context.options)
            if let value = member(scratch), scratch.errorCount == 0 {
                for issue in scratch.issues { context.append(issue) }
                return value
            }
            failures += scratch.issues.filter(\.isError)
        }
        for issue in failures { context.append(issue) }
        return nil
    }

    /// Runs `body` into a scratch context and reports whether it would succeed, recording nothing.
    static func wouldSucceed<T>(_ context: ValidationContext, _ body: (ValidationContext) -> T?) -> T? {
        let scratch = ValidationContext(options: context.options)
        guard let value = body(scratch), scratch.errorCount == 0 else { return nil }
        return value
    }

    /// A string length check with pydantic's constrained-`str` messages ("String should have at most 128 characters").
    static func checkMaxLength(_ value: String, _ max: Int, at path: FieldPath, node: YAMLNode, _ context: ValidationContext) -> Bool {
        Lax.checkLength(value, max: max, at: path, node: node, context)
    }

    /// An `annotated_types.Len` check on a value after validation ("Value should have at least 5 items after validation, not 4").
    static func checkItems(_ count: Int, min: Int? = nil, max: Int? = nil, at path: FieldPath, node: YAMLNode, _ context: ValidationContext) -> Bool {
        if let min, count < min {
            context.error("Value should have at least \(min) item\(min == 1 ? "" : "s") after validation, not \(count)", type: "too_short", at: path, node: node)
            return false
        }
        if let max, count > max {
            context.error("Value should have at most \(max) item\(max == 1 ? "" : "s") after validation, not \(count)", type: "too_long", at: path, node: node)
            return false
        }
        return true
    }

    /// A strict integer (pydantic `StrictInt`): only YAML ints, no floats, strings or booleans.
    static func strictInt(_ node: YAMLNode, at path: FieldPath, _ context: ValidationContext) -> Int? {
        if let scalar = node.scalar, scalar.tag == .int, let value = scalar.intValue { return value }
        context.error("Input should be a valid integer", type: "int_type", at: path, node: node)
        return nil
    }

    /// Python's `repr` of a string (`'raw'`), used inside messages that quote values.
    static func pythonRepr(_ value: String) -> String {
        if value.contains("'") && !value.contains("\"") { return "\"\(value)\"" }
        return "'" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "'"
    }

    /// Python's repr of a list of strings (`['a', 'b']`).
    static func pythonList(_ values: [String]) -> String { "[" + values.map(pythonRepr).joined(separator: ", ") + "]" }

    /// Python's repr of a set of strings (`{'a', 'b'}`), sorted for a stable message (Python's order is hash-based).
    static func pythonSet(_ values: some Sequence<String>) -> String {
        let sorted = Array(Set(values)).sorted()
        return sorted.isEmpty ? "set()" : "{" + sorted.map(pythonRepr).joined(separator: ", ") + "}"
    }

    /// A float printed as Python prints it (`1.0`, `0.001`, `1e-06`).
    static func pythonFloat(_ value: Double) -> String { PythonFloatFormat.repr(value) }
}

/// What the io checks of a model need to know about a test tensor file (an `.npy` array).
public struct TestArrayInfo: Sendable, Hashable {
    /// The array's shape.
    public var shape: [Int]
    /// numpy's dtype name (`float32`, `uint8`, `bool`, `float16`, …).
    public var dtype: String
    /// The smallest value (NaN skipped), if the array is not empty.
    public var minimum: Double?
    /// The largest value (NaN skipped), if the array is not empty.
    public var maximum: Double?

    /// Creates the info.
    public init(shape: [Int], dtype: String, minimum: Double? = nil, maximum: Double? = nil) {
        self.shape = shape
        self.dtype = dtype
        self.minimum = minimum
        self.maximum = maximum
    }
}

extension ModelSupport {
    /// A `NotEmpty[Sequence[T]]` field: a list (a string gets the Sequence message) of at least one
    /// item, the emptiness error worded as the reference's `annotated_types.Len` check.
    static func notEmptySequence<T>(_ node: YAMLNode, at path: FieldPath, _ context: ValidationContext,
                                    _ parse: (YAMLNode, FieldPath) -> T?) -> [T]? {
        guard let list = Lax.list(node, at: path, sequenceField: true, context, parse) else { return nil }
        guard checkItems(list.count, min: 1, at: path, node: node, context) else { return nil }
        return list
    }
}
