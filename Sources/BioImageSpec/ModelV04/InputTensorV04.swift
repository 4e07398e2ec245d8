import BioImageYAML

/// An input tensor of model format 0.4 (`InputTensorDescr`).
public struct InputTensorV04: Sendable, Hashable, Codable {
    /// The tensor name (unique across inputs and outputs).
    public var name: String
    /// Free text.
    public var description: String
    /// One letter per axis, from `bitczyx` (`b` batch, `i` index, `t` time, `c` channel, `zyx` space).
    public var axes: String
    /// The allowed data range `(min, max)`; infinite values allowed.
    public var dataRange: [Double]?
    /// `float32`, `uint8` or `uint16`.
    public var dataType: String
    /// Fixed or parameterized shape, one entry per axis.
    public var shape: InputShapeV04
    /// The preprocessing steps, in order.
    public var preprocessing: [ProcessingStepV04]

    /// The data types an input may declare.
    public static let dataTypes = ["float32", "uint8", "uint16"]

    /// Validates one entry of `inputs`, with the tensor-level rules (batch size 1 and step 0 at
    /// `b`; processing `axes` within the tensor's axes).
    static func validate(_ node: YAMLNode, at path: FieldPath, context: ValidationContext) -> InputTensorV04? {
        guard var reader = MappingReader(node, at: path, typeName: "InputTensorDescr", context: context) else { return nil }
        let name = reader.required("name") { Leaf.identifier($0, at: $1, context) }
        let description = reader.field("description", default: "") { Lax.string($0, at: $1, context) }
        let axes = reader.required("axes") { ModelV04Support.axes($0, at: $1, alphabet: "bitczyx", context) }
        let dataRange = reader.optional("data_range") { dataRangeValue($0, at: $1, context) }
        let dataType = reader.required("data_type") { Lax.literal($0, at: $1, allowed: dataTypes, context) }
        let shape = reader.required("shape") { InputShapeV04.validate($0, at: $1, context: context) }
        let preprocessing = reader.field("preprocessing", default: []) { value, valuePath in
            Lax.list(value, at: valuePath, context) { ProcessingStepV04.validate($0, at: $1, postprocessing: false, context: context) }
        }
        reader.rejectUnknownKeys()
        guard reader.isValid, let name, let description, let axes, let dataType, let shape, let preprocessing else { return nil }
        let tensor = InputTensorV04(name: name, description: description, axes: axes, dataRange: dataRange, dataType: dataType,
                                    shape: shape, preprocessing: preprocessing)
        // Model-level rules of the tensor: the first failure stops the rest.
        if let batch = axes.firstIndex(of: "b").map({ axes.distance(from: axes.startIndex, to: $0) }) {
            var sizes = shape.minimum
            if case .parameterized(_, let step) = shape {
                if batch < step.count, step[batch] != 0 {
                    context.valueError("Input shape step has to be zero in the batch dimension (the batch dimension can always be increased, but `step` should specify how to increase the minimal shape to find the largest single batch shape)", at: path, node: node)
                    return nil
                }
                sizes = shape.minimum
            }
            guard batch < sizes.count else {
                context.valueError("Input shape has fewer dimensions than `axes`.", at: path, node: node)
                return nil
            }
            if sizes[batch] != 1 {
                context.valueError("Input shape has to be 1 in the batch dimension b.", at: path, node: node)
                return nil
            }
        }
        for step in preprocessing {
            if let stepAxes = step.axes, stepAxes.contains(where: { !axes.contains($0) }) {
                context.valueError("`kwargs.axes` needs to be subset of `axes`", at: path, node: node)
                return nil
            }
        }
        return tensor
    }

    /// `tuple[float, float]` with infinite values allowed.
    static func dataRangeValue(_ node: YAMLNode, at path: FieldPath, _ context: ValidationContext) -> [Double]? {
        guard let items = node.sequence else {
            context.error("Input should be a valid tuple", type: "tuple_type", at: path, node: node)
            return nil
        }
        var values: [Double] = []
        var ok = true
        for (index, item) in items.prefix(2).enumerated() {
            if let value = Lax.float(item, at: path.appending(index), allowNonFinite: true, context) { values.append(value) } else { ok = false }
        }
        if items.count > 2 {
            context.error("Tuple should have at most 2 items after validation, not \(items.count)", type: "too_long", at: path, node: node)
            return nil
        }
        if items.count < 2 {
            for index in items.count..<2 { context.error("Field required", type: "missing", at: path.appending(index), node: node) }
            return nil
        }
        return ok ? values : nil
    }
}
