import BioImageYAML

/// An output tensor of model format 0.4 (`OutputTensorDescr`).
public struct OutputTensorV04: Sendable, Hashable, Codable {
    /// The tensor name (unique across inputs and outputs).
    public var name: String
    /// Free text.
    public var description: String
    /// One letter per axis, from `bitczyx`.
    public var axes: String
    /// The data range `(min, max)`; infinite values allowed.
    public var dataRange: [Double]?
    /// One of the eleven data types (`float32`, …, `bool`).
    public var dataType: String
    /// Fixed or implicit shape, one entry per axis.
    public var shape: OutputShapeV04
    /// The margin to crop from each side of every axis, or `nil`.
    public var halo: [Int]?
    /// The postprocessing steps, in order.
    public var postprocessing: [ProcessingStepV04]

    /// The data types an output may declare.
    public static let dataTypes = ["float32", "float64", "uint8", "int8", "uint16", "int16", "uint32", "int32", "uint64", "int64", "bool"]

    /// Validates one entry of `outputs`, with the tensor-level rules (halo length; every
    /// postprocessing `axes` a string within the tensor's axes).
    static func validate(_ node: YAMLNode, at path: FieldPath, context: ValidationContext) -> OutputTensorV04? {
        guard var reader = MappingReader(node, at: path, typeName: "OutputTensorDescr", context: context) else { return nil }
        let name = reader.required("name") { Leaf.identifier($0, at: $1, context) }
        let description = reader.field("description", default: "") { Lax.string($0, at: $1, context) }
        let axes = reader.required("axes") { ModelV04Support.axes($0, at: $1, alphabet: "bitczyx", context) }
        let dataRange = reader.optional("data_range") { InputTensorV04.dataRangeValue($0, at: $1, context) }
        let dataType = reader.required("data_type") { Lax.literal($0, at: $1, allowed: dataTypes, context) }
        let shape = reader.required("shape") { OutputShapeV04.validate($0, at: $1, context: context) }
        let halo = reader.optional("halo") { ModelV04Support.intList($0, at: $1, context) }
        let postprocessing = reader.field("postprocessing", default: []) { value, valuePath in
            Lax.list(value, at: valuePath, context) { ProcessingStepV04.validate($0, at: $1, postprocessing: true, context: context) }
        }
        reader.rejectUnknownKeys()
        guard reader.isValid, let name, let description, let axes, let dataType, let shape, let postprocessing else { return nil }
        if let halo, !halo.isEmpty, halo.count != shape.count {
            context.valueError("halo \(halo) has to have same length as shape \(shape.pythonDescription)!", at: path, node: node)
            return nil
        }
        for step in postprocessing {
            // The reference reads `kwargs.get("axes", "")` and so rejects an unset optional `axes`
            // ("Expected None to be a string"); we follow the intent: unset means all axes.
            if let stepAxes = step.axes, stepAxes.contains(where: { !axes.contains($0) }) {
                context.valueError("`kwargs.axes` needs to be subset of axes", at: path, node: node)
                return nil
            }
        }
        return OutputTensorV04(name: name, description: description, axes: axes, dataRange: dataRange, dataType: dataType,
                               shape: shape, halo: halo, postprocessing: postprocessing)
    }
}
