import BioImageYAML

/// One pre- or postprocessing step (notes §b.3, §d.1), discriminated by `id`.
///
/// Steps this SDK can run are typed cases with typed arguments; the Python-only postprocessing
/// steps (`custom`, `stardist_postprocessing`, `cellpose_flow_dynamics`) are kept whole as
/// ``UnsupportedProcessingStep`` so nothing is dropped.
public enum ProcessingStep: Sendable, Codable, Hashable {
    /// `x > threshold` (scalar or per entry along an axis).
    case binarize(BinarizeKwargs)
    /// Clamp to fixed values or percentiles.
    case clip(ClipKwargs)
    /// Cast to a data type.
    case ensureDtype(DataType)
    /// `(x − mean) / (std + 1e-6)` with fixed mean and std.
    case fixedZeroMeanUnitVariance(FixedZeroMeanUnitVarianceKwargs)
    /// `x · gain + offset`.
    case scaleLinear(ScaleLinearKwargs)
    /// Match mean and variance to a reference tensor (postprocessing only).
    case scaleMeanVariance(ScaleMeanVarianceKwargs)
    /// Scale by percentiles: `(x − lo) / (hi − lo + eps)`.
    case scaleRange(ScaleRangeKwargs)
    /// `1 / (1 + e^−x)`.
    case sigmoid
    /// Softmax along an axis (default `channel`).
    case softmax(axis: String)
    /// `(x − mean) / (std + eps)` with statistics over `axes`.
    case zeroMeanUnitVariance(ZeroMeanUnitVarianceKwargs)
    /// A step this SDK cannot run, kept as written.
    case unsupported(UnsupportedProcessingStep)

    /// The `id` tag.
    public var id: String {
        switch self {
        case .binarize: return "binarize"
        case .clip: return "clip"
        case .ensureDtype: return "ensure_dtype"
        case .fixedZeroMeanUnitVariance: return "fixed_zero_mean_unit_variance"
        case .scaleLinear: return "scale_linear"
        case .scaleMeanVariance: return "scale_mean_variance"
        case .scaleRange: return "scale_range"
        case .sigmoid: return "sigmoid"
        case .softmax: return "softmax"
        case .zeroMeanUnitVariance: return "zero_mean_unit_variance"
        case .unsupported(let step): return step.id
        }
    }

    /// The `axes` kwarg, for the steps that have one (checked against the tensor's axes, rule T4).
    public var axes: [String]? {
        switch self {
        case .clip(let kwargs): return kwargs.axes
        case .scaleMeanVariance(let kwargs): return kwargs.axes
        case .scaleRange(let kwargs): return kwargs.axes
        case .zeroMeanUnitVariance(let kwargs): return kwargs.axes
        default: return nil
        }
    }

    /// The `reference_tensor` kwarg, if set (checked against the input ids, rule M3).
    public var referenceTensor: String? {
        switch self {
        case .scaleMeanVariance(let kwargs): return kwargs.referenceTensor
        case .scaleRange(let kwargs): return kwargs.referenceTensor
        default: return nil
        }
    }

    static let preprocessingIDs = ["binarize", "clip", "ensure_dtype", "fixed_zero_mean_unit_variance", "scale_linear",
                                   "scale_range", "sigmoid", "softmax", "zero_mean_unit_variance"]
    /// The postprocessing ids, sorted as the reference lists them in `union_tag_invalid` messages.
    static let postprocessingIDs = ["binarize", "cellpose_flow_dynamics", "clip", "custom", "ensure_dtype",
                                    "fixed_zero_mean_unit_variance", "scale_linear", "scale_mean_variance", "scale_range",
                                    "sigmoid", "softmax", "stardist_postprocessing", "zero_mean_unit_variance"]

    /// Validates one step; `postprocessing` allows the output-only ids.
    static func validate(_ node: YAMLNode, at path: FieldPath, postprocessing: Bool, context: ValidationContext) -> ProcessingStep? {
        guard let id = discriminator(node, key: "id", tags: postprocessing ? postprocessingIDs : preprocessingIDs, at: path, context: context),
              var reader = MappingReader(node, at: path, typeName: typeName(id), context: context) else { return nil }
        let kwargsPath = path.appending("kwargs")
        var step: ProcessingStep?
        switch id {
        case "sigmoid":
            _ = reader.value("id")
            step = .sigmoid
        case "custom", "stardist_postprocessing", "cellpose_flow_dynamics":
            _ = reader.value("id")
            step = UnsupportedProcessingStep.validate(id: id, reader: &reader, context: context).map { .unsupported($0) }
        case _ where ["zero_mean_unit_variance", "scale_range", "softmax"].contains(id) && node["kwargs"] == nil:
            // These three have defaults for every kwarg, so `kwargs` itself may be left out.
            _ = reader.value("id")
            step = kwargs(id, .mapping(YAMLMapping()), kwargsPath, context)
        default:
            _ = reader.value("id")
            step = reader.required("kwargs") { node, _ in kwargs(id, node, kwargsPath, context) }
        }
        reader.rejectUnknownKeys()
        guard reader.isValid else { return nil }
        return step
    }

    private static func typeName(_ id: String) -> String {
        switch id {
        case "custom": return "CustomProcessingDescr"
        case "stardist_postprocessing": return "StardistPostprocessingDescr"
        case "cellpose_flow_dynamics": return "CellposeFlowDynamicsDescr"
        default: return id.split(separator: "_").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined() + "Descr"
        }
    }

    private static func kwargs(_ id: String, _ node: YAMLNode, _ path: FieldPath, _ context: ValidationContext) -> ProcessingStep? {
        switch id {
        case "binarize": return BinarizeKwargs.validate(node, at: path, context: context).map { .binarize($0) }
        case "clip": return ClipKwargs.validate(node, at: path, context: context).map { .clip($0) }
        case "ensure_dtype":
            guard var reader = MappingReader(node, at: path, typeName: "EnsureDtypeKwargs", context: context) else { return nil }
            let dtype = reader.required("dtype") { DataType.validate($0, at: $1, context) }
            reader.rejectUnknownKeys()
            guard reader.isValid, let dtype else { return nil }
            return .ensureDtype(dtype)
        case "fixed_zero_mean_unit_variance":
            return FixedZeroMeanUnitVarianceKwargs.validate(node, at: path, context: context).map { .fixedZeroMeanUnitVariance($0) }
        case "scale_linear": return ScaleLinearKwargs.validate(node, at: path, context: context).map { .scaleLinear($0) }
        case "scale_mean_variance": return ScaleMeanVarianceKwargs.validate(node, at: path, context: context).map { .scaleMeanVariance($0) }
        case "scale_range": return ScaleRangeKwargs.validate(node, at: path, context: context).map { .scaleRange($0) }
        case "softmax":
            guard var reader = MappingReader(node, at: path, typeName: "SoftmaxKwargs", context: context) else { return nil }
            let axis = reader.field("axis", default: "channel") { notBatchAxisID($0, $1, context) }
            reader.rejectUnknownKeys()
            guard reader.isValid, let axis else { return nil }
            return .softmax(axis: axis)
        default: return ZeroMeanUnitVarianceKwargs.validate(node, at: path, context: context).map { .zeroMeanUnitVariance($0) }
        }
    }
}

/// A processing step the SDK does not run (`custom`, `stardist_postprocessing`,
/// `cellpose_flow_dynamics`), kept with every field as written.
public struct UnsupportedProcessingStep: Sendable, Codable, Hashable {
    /// The step id.
    public var id: String
    /// The step's fields other than `id` (`kwargs`, and for `custom` also `source`, `sha256`, `callable`), in order.
    public var fields: FreeValue

    /// Creates an unsupported step.
    public init(id: String, fields: FreeValue) {
        self.id = id
        self.fields = fields
    }

    /// The `kwargs` mapping, if any.
    public var kwargs: FreeValue? { fields.node["kwargs"].map(FreeValue.init) }

    static func validate(id: String, reader: inout MappingReader, context: ValidationContext) -> UnsupportedProcessingStep? {
        var kept = YAMLMapping()
        func keep(_ key: String, _ node: YAMLNode?) { if let node { kept.entries.append(.init(key: .string(key), value: node)) } }
        if id == "custom" {
            let source = reader.required("source") { Leaf.fileSource($0, at: $1, context) }
            let sha = reader.optional("sha256") { Leaf.sha256($0, at: $1, context) }
            let callable = reader.required("callable") { Lax.string($0, at: $1, context) }
            keep("source", source.map { YAMLNode.string($0) })
            keep("sha256", sha.map { YAMLNode.string($0) })
            keep("callable", callable.map { YAMLNode.string($0) })
        }
        let kwargs = reader.required("kwargs") { Lax.dictionary($0, at: $1, context).map { YAMLNode.mapping($0) } }
        keep("kwargs", kwargs)
        return UnsupportedProcessingStep(id: id, fields: FreeValue(.mapping(kept)))
    }
}
