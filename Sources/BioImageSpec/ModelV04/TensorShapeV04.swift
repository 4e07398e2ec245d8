import BioImageYAML

/// The shape of a model 0.4 input tensor: fixed, or parameterized as `min + k·step`.
public enum InputShapeV04: Sendable, Hashable, Codable {
    /// One fixed size per axis.
    case fixed([Int])
    /// Valid shapes are `min + k·step` for `k = 0, 1, …` (the same `k` on every axis).
    case parameterized(min: [Int], step: [Int])

    /// The number of dimensions.
    public var count: Int {
        switch self {
        case .fixed(let sizes): return sizes.count
        case .parameterized(let min, _): return min.count
        }
    }

    /// The smallest valid shape.
    public var minimum: [Int] {
        switch self {
        case .fixed(let sizes): return sizes
        case .parameterized(let min, _): return min
        }
    }

    /// Validates `Sequence[int] | ParameterizedInputShape` (a smart union: when neither member
    /// matches, both members' errors are reported).
    static func validate(_ node: YAMLNode, at path: FieldPath, context: ValidationContext) -> InputShapeV04? {
        if node.sequence != nil {
            let (sizes, issues) = context.trying { ModelV04Support.intList(node, at: path, $0) }
            if let sizes { return .fixed(sizes) }
            for issue in issues { context.append(issue) }
            context.error("Input should be a valid dictionary or instance of ParameterizedInputShape", type: "model_type", at: path, node: node)
            return nil
        }
        let (shape, issues) = context.trying { parameterized(node, at: path, context: $0) }
        if let shape { return shape }
        notASequence(node, at: path, context)
        for issue in issues { context.append(issue) }
        return nil
    }

    /// The `Sequence[int]` member's error for a node that is not a list (a string is a Python
    /// sequence, but pydantic refuses it as one).
    static func notASequence(_ node: YAMLNode, at path: FieldPath, _ context: ValidationContext) {
        if node.pythonString != nil {
            context.error("'str' instances are not allowed as a Sequence value", type: "sequence_str", at: path, node: node)
        } else {
            context.error("Input should be an instance of Sequence", type: "is_instance_of", at: path, node: node)
        }
    }

    /// The `ParameterizedInputShape` member: `{min, step}` of equal length.
    static func parameterized(_ node: YAMLNode, at path: FieldPath, context: ValidationContext) -> InputShapeV04? {
        guard var reader = MappingReader(node, at: path, typeName: "ParameterizedInputShape", context: context) else { return nil }
        let min = reader.required("min") { ModelV04Support.intList($0, at: $1, nonEmpty: true, context) }
        let step = reader.required("step") { ModelV04Support.intList($0, at: $1, nonEmpty: true, context) }
        reader.rejectUnknownKeys()
        guard reader.isValid, let min, let step else { return nil }
        guard min.count == step.count else {
            context.valueError("`min` and `step` required to have the same length", at: path, node: node)
            return nil
        }
        return .parameterized(min: min, step: step)
    }
}

/// The shape of a model 0.4 output tensor: fixed, or implicit from a reference tensor
/// (`out[i] = ref[i]·scale[i] + 2·offset[i]`; a null scale inserts a new axis of length `2·offset[i]`).
public enum OutputShapeV04: Sendable, Hashable, Codable {
    /// One fixed size per axis.
    case fixed([Int])
    /// Sizes derived from the tensor named `referenceTensor`.
    case implicit(referenceTensor: String, scale: [Double?], offset: [Double])

    /// The number of dimensions.
    public var count: Int {
        switch self {
        case .fixed(let sizes): return sizes.count
        case .implicit(_, let scale, _): return scale.count
        }
    }

    /// Validates `Sequence[int] | ImplicitOutputShape`.
    static func validate(_ node: YAMLNode, at path: FieldPath, context: ValidationContext) -> OutputShapeV04? {
        if node.sequence != nil {
            let (sizes, issues) = context.trying { ModelV04Support.intList(node, at: path, $0) }
            if let sizes { return .fixed(sizes) }
            for issue in issues { context.append(issue) }
            context.error("Input should be a valid dictionary or instance of ImplicitOutputShape", type: "model_type", at: path, node: node)
            return nil
        }
        let (shape, issues) = context.trying { implicit(node, at: path, context: $0) }
        if let shape { return shape }
        InputShapeV04.notASequence(node, at: path, context)
        for issue in issues { context.append(issue) }
        return nil
    }

    /// The `ImplicitOutputShape` member: `{reference_tensor, scale, offset}`.
    static func implicit(_ node: YAMLNode, at path: FieldPath, context: ValidationContext) -> OutputShapeV04? {
        guard var reader = MappingReader(node, at: path, typeName: "ImplicitOutputShape", context: context) else { return nil }
        let reference = reader.required("reference_tensor") { Leaf.identifier($0, at: $1, context) }
        let scale = reader.required("scale") { value, valuePath in
            Lax.list(value, at: valuePath, context, minCount: 1) { item, itemPath -> Double?? in
                if item.isNull { return .some(nil) }
                return Lax.float(item, at: itemPath, context).map { .some($0) }
            }
        }
        let offset = reader.required("offset") { value, valuePath in
            Lax.list(value, at: valuePath, context, minCount: 1) { item, itemPath in offsetValue(item, at: itemPath, context) }
        }
        reader.rejectUnknownKeys()
        guard reader.isValid, let reference, let scale, let offset else { return nil }
        guard scale.count == offset.count else {
            context.valueError("scale \(pythonList(scale)) has to have same length as offset \(pythonList(offset))!", at: path, node: node)
            return nil
        }
        for (sc, off) in zip(scale, offset) where sc == nil && off == 0 {
            context.valueError("`offset` must not be zero if `scale` is none/zero", at: path, node: node)
            return nil
        }
        return .implicit(referenceTensor: reference, scale: scale, offset: offset)
    }

    /// `int | Annotated[float, MultipleOf(0.5)]`.
    static func offsetValue(_ node: YAMLNode, at path: FieldPath, _ context: ValidationContext) -> Double? {
        let (integer, intIssues) = context.trying { Lax.int(node, at: path, $0) }
        if let integer { return Double(integer) }
        let (value, floatIssues) = context.trying { Lax.float(node, at: path, $0) }
        if let value {
            if (value / 0.5).rounded() == value / 0.5 { return value }
            for issue in intIssues { context.append(issue) }
            context.error("Input should be a multiple of 0.5", type: "multiple_of", at: path, node: node)
            return nil
        }
        for issue in intIssues + floatIssues { context.append(issue) }
        return nil
    }

    /// Python's repr of a list of optional floats (`[1.0, None]`).
    static func pythonList(_ values: [Double?]) -> String {
        "[" + values.map { $0.map(PythonFloatFormat.repr) ?? "None" }.joined(separator: ", ") + "]"
    }

    /// How the reference prints a shape in messages: `[1, 2]`, or the fields of an implicit shape.
    var pythonDescription: String {
        switch self {
        case .fixed(let sizes): return "[" + sizes.map(String.init).joined(separator: ", ") + "]"
        case .implicit(let reference, let scale, let offset):
            return "reference_tensor=\(ModelSupport.pythonRepr(reference)) scale=\(Self.pythonList(scale)) offset=\(Self.pythonList(offset))"
        }
    }

    /// Python's repr of an offset list (integral values as ints, as the reference keeps them).
    static func pythonList(_ values: [Double]) -> String {
        "[" + values.map { $0.rounded() == $0 && abs($0) < 1e15 ? String(Int($0)) : PythonFloatFormat.repr($0) }.joined(separator: ", ") + "]"
    }
}
