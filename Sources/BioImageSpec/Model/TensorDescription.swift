import BioImageYAML

/// An input tensor of a model (`InputTensorDescr`, notes §a.4).
public struct InputTensorDescription: Sendable, Codable, Hashable {
    /// The tensor id (default `input`).
    public var id: String
    /// Free text (≤ 128 characters).
    public var description: String
    /// The axes, in memory order (non-empty).
    public var axes: [Axis]
    /// An example input (`.npy`).
    public var testTensor: FileDescription?
    /// An example image for display.
    public var sampleTensor: FileDescription?
    /// What the values mean.
    public var data: TensorDataDescription
    /// Id of the model whose output this input is.
    public var outputOf: String?
    /// Whether the input may be omitted at inference.
    public var optional: Bool
    /// How to pad for halos and tiling (`nil`: symmetric).
    public var pad: Padding?
    /// The preprocessing steps, normalised to start with `ensure_dtype` and end with `ensure_dtype` or `binarize`.
    public var preprocessing: [ProcessingStep]

    /// Creates an input description (preprocessing is taken as given, without normalisation).
    public init(id: String = "input", description: String = "", axes: [Axis], testTensor: FileDescription? = nil,
                sampleTensor: FileDescription? = nil, data: TensorDataDescription = .default, outputOf: String? = nil,
                optional: Bool = false, pad: Padding? = nil, preprocessing: [ProcessingStep] = []) {
        self.id = id
        self.description = description
        self.axes = axes
        self.testTensor = testTensor
        self.sampleTensor = sampleTensor
        self.data = data
        self.outputOf = outputOf
        self.optional = optional
        self.pad = pad
        self.preprocessing = preprocessing
    }

    /// The element type (`data.type`, or the first entry's).
    public var dtype: DataType { data.dataType }

    static func validate(_ node: YAMLNode, at path: FieldPath, context: ValidationContext) -> InputTensorDescription? {
        guard var reader = MappingReader(node, at: path, typeName: "InputTensorDescr", context: context) else { return nil }
        let common = TensorCommon.read(&reader, defaultID: "input", role: .input, context: context)
        let outputOf = reader.optional("output_of") { Leaf.resourceID($0, at: $1, context) }
        let optional = reader.field("optional", default: false) { Lax.bool($0, at: $1, context) }
        let pad = reader.optional("pad") { Padding.validate($0, at: $1, context: context) }
        let steps = reader.field("preprocessing", default: []) { node, path in
            Lax.list(node, at: path, context) { ProcessingStep.validate($0, at: $1, postprocessing: false, context: context) }
        }
        reader.rejectUnknownKeys()
        guard reader.isValid, let common, let optional, let steps else { return nil }
        guard TensorRules.checkTensor(axes: common.axes, data: common.data, steps: steps, isInput: true,
                                      at: path, node: node, axesNode: node["axes"], context: context) else { return nil }
        return InputTensorDescription(id: common.id, description: common.description, axes: common.axes,
                                      testTensor: common.testTensor, sampleTensor: common.sampleTensor, data: common.data,
                                      outputOf: outputOf, optional: optional, pad: pad,
                                      preprocessing: TensorRules.normalizedPreprocessing(steps, dtype: common.data.dataType))
    }
}

/// An output tensor of a model (`OutputTensorDescr`, notes §a.4).
public struct OutputTensorDescription: Sendable, Codable, Hashable {
    /// The tensor id (default `output`).
    public var id: String
    /// Free text (≤ 128 characters).
    public var description: String
    /// The axes, in memory order (non-empty).
    public var axes: [Axis]
    /// The expected output for the test input (`.npy`).
    public var testTensor: FileDescription?
    /// An example image for display.
    public var sampleTensor: FileDescription?
    /// What the values mean.
    public var data: TensorDataDescription
    /// The postprocessing steps, normalised to end with `ensure_dtype` or `binarize`.
    public var postprocessing: [ProcessingStep]

    /// Creates an output description (postprocessing is taken as given, without normalisation).
    public init(id: String = "output", description: String = "", axes: [Axis], testTensor: FileDescription? = nil,
                sampleTensor: FileDescription? = nil, data: TensorDataDescription = .default, postprocessing: [ProcessingStep] = []) {
        self.id = id
        self.description = description
        self.axes = axes
        self.testTensor = testTensor
        self.sampleTensor = sampleTensor
        self.data = data
        self.postprocessing = postprocessing
    }

    /// The element type (`data.type`, or the first entry's).
    public var dtype: DataType { data.dataType }

    static func validate(_ node: YAMLNode, at path: FieldPath, context: ValidationContext) -> OutputTensorDescription? {
        guard var reader = MappingReader(node, at: path, typeName: "OutputTensorDescr", context: context) else { return nil }
        let common = TensorCommon.read(&reader, defaultID: "output", role: .output, context: context)
        let steps = reader.field("postprocessing", default: []) { node, path in
            Lax.list(node, at: path, context) { ProcessingStep.validate($0, at: $1, postprocessing: true, context: context) }
        }
        reader.rejectUnknownKeys()
        guard reader.isValid, let common, let steps else { return nil }
        guard TensorRules.checkTensor(axes: common.axes, data: common.data, steps: steps, isInput: false,
                                      at: path, node: node, axesNode: node["axes"], context: context) else { return nil }
        return OutputTensorDescription(id: common.id, description: common.description, axes: common.axes,
                                       testTensor: common.testTensor, sampleTensor: common.sampleTensor, data: common.data,
                                       postprocessing: TensorRules.normalizedPostprocessing(steps, dtype: common.data.dataType))
    }
}

/// The fields inputs and outputs share, read in their declared order.
struct TensorCommon {
    var id: String
    var description: String
    var axes: [Axis]
    var testTensor: FileDescription?
    var sampleTensor: FileDescription?
    var data: TensorDataDescription

    static func read(_ reader: inout MappingReader, defaultID: String, role: Axis.Role, context: ValidationContext) -> TensorCommon? {
        let id = reader.field("id", default: defaultID) { Leaf.tensorID($0, at: $1, context) }
        let description = reader.field("description", default: "") { axisDescription($0, $1, context) }
        let axes = reader.required("axes") { node, path in
            ModelSupport.notEmptySequence(node, at: path, context) { Axis.validate($0, at: $1, role: role, context: context) }
        }
        let testTensor = fairFile(&reader, "test_tensor", context)
        let sampleTensor = fairFile(&reader, "sample_tensor", context)
        let data = reader.field("data", default: .default) { TensorDataDescription.validate($0, at: $1, context: context) }
        guard let id, let description, let axes, let testTensor, let sampleTensor, let data else { return nil }
        return TensorCommon(id: id, description: description, axes: axes, testTensor: testTensor.value,
                            sampleTensor: sampleTensor.value, data: data)
    }

    /// An optional packaged file with the FAIR alert when missing; `nil` on error.
    private static func fairFile(_ reader: inout MappingReader, _ key: String, _ context: ValidationContext) -> (value: FileDescription?, Void)? {
        let node = reader.value(key)
        let path = reader.path.appending(key)
        guard let node, !node.isNull else {
            ModelSupport.fairAlert(at: path, node: node ?? reader.node, context)
            return (nil, ())
        }
        guard let file = Leaf.fileDescription(node, at: path, packaged: true, context) else { return nil }
        return (file, ())
    }
}
