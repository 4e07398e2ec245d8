import BioImageYAML

/// The `config` of a model (notes §a.8): the `bioimageio` section and any other keys, kept as written.
public struct ModelConfig: Sendable, Codable, Hashable {
    /// The `config.bioimageio` section.
    public var bioimageio: BioimageioConfig
    /// Every other key (`stardist`, tool-specific sections…), in document order.
    public var other: FreeValue

    /// Creates a config.
    public init(bioimageio: BioimageioConfig = BioimageioConfig(), other: FreeValue = FreeValue(.mapping([:]))) {
        self.bioimageio = bioimageio
        self.other = other
    }

    static func validate(_ node: YAMLNode, at path: FieldPath, context: ValidationContext) -> ModelConfig? {
        guard var reader = MappingReader(node, at: path, typeName: "Config", context: context) else { return nil }
        let bioimageio = reader.field("bioimageio", default: BioimageioConfig()) { BioimageioConfig.validate($0, at: $1, context: context) }
        guard reader.isValid, let bioimageio else { return nil }
        return ModelConfig(bioimageio: bioimageio, other: FreeValue(.mapping(YAMLMapping(reader.unknownEntries()))))
    }
}

/// `config.bioimageio`: reproducibility tolerances and model-card fields (open: unknown keys are kept).
public struct BioimageioConfig: Sendable, Codable, Hashable {
    /// How closely test outputs must be reproduced; the default is one continuous and one discrete entry.
    public var reproducibilityTolerance: [ReproducibilityTolerance]
    /// The known model-card fields that were given (`funded_by`, `training`, `evaluations`, …) and
    /// any other keys, in document order.
    public var fields: FreeValue

    /// The default tolerances: `any_continuous_output` and `any_discrete_output`.
    public static let defaultTolerances = [ReproducibilityTolerance(outputs: .anyContinuous),
                                           ReproducibilityTolerance(relativeTolerance: 0, absoluteTolerance: 0, mismatchedElementsPerMillion: 1000, outputs: .anyDiscrete)]

    /// Creates the section.
    public init(reproducibilityTolerance: [ReproducibilityTolerance] = BioimageioConfig.defaultTolerances, fields: FreeValue = FreeValue(.mapping([:]))) {
        self.reproducibilityTolerance = reproducibilityTolerance
        self.fields = fields
    }

    static let stringFields = ["funded_by", "architecture_description", "modality", "task", "out_of_scope_use",
                               "inference_time", "memory_requirements_inference", "memory_requirements_training"]

    static func validate(_ node: YAMLNode, at path: FieldPath, context: ValidationContext) -> BioimageioConfig? {
        guard var reader = MappingReader(node, at: path, typeName: "BioimageioConfig", context: context) else { return nil }
        let tolerances = reader.field("reproducibility_tolerance", default: defaultTolerances) { node, path in
            Lax.list(node, at: path, sequenceField: true, context) { ReproducibilityTolerance.validate($0, at: $1, context: context) }
        }
        for key in stringFields { _ = reader.optional(key) { Lax.string($0, at: $1, context) } }
        _ = reader.optional("architecture_type") { node, path -> String? in
            guard let text = Lax.string(node, at: path, context), Lax.checkLength(text, max: 32, at: path, node: node, context) else { return nil }
            return text
        }
        _ = reader.optional("target_structure") { node, path in Lax.list(node, at: path, sequenceField: true, context) { Lax.string($0, at: $1, context) } }
        _ = reader.optional("new_version") { Leaf.resourceID($0, at: $1, context) }
        _ = reader.optional("model_parameter_count") { Lax.int($0, at: $1, context) }
        for key in ["bias_risks_limitations", "training", "environmental_impact"] {
            _ = reader.optional(key) { Lax.dictionary($0, at: $1, context) }
        }
        _ = reader.optional("evaluations") { node, path in Lax.list(node, at: path, sequenceField: true, context) { Lax.dictionary($0, at: $1, context) } }
        guard reader.isValid, let tolerances else { return nil }
        var fields = YAMLMapping()
        for entry in node.mapping?.entries ?? [] where entry.key.string != "reproducibility_tolerance" { fields.entries.append(entry) }
        return BioimageioConfig(reproducibilityTolerance: tolerances, fields: FreeValue(.mapping(fields)))
    }
}

/// One reproducibility tolerance entry (`ReproducibilityTolerance` and its continuous/discrete variants).
public struct ReproducibilityTolerance: Sendable, Codable, Hashable {
    /// Which outputs an entry applies to.
    public enum Outputs: Sendable, Codable, Hashable {
        /// The listed output ids (empty: all outputs).
        case ids([String])
        /// Every float output (`any_continuous_output`).
        case anyContinuous
        /// Every int, uint and bool output (`any_discrete_output`; tolerances must be 0).
        case anyDiscrete
    }

    /// Relative tolerance in [0, 0.01] (default 1e-3).
    public var relativeTolerance: Double
    /// Absolute tolerance ≥ 0 (default 1e-3).
    public var absoluteTolerance: Double
    /// Mismatched elements allowed per million, in [0, 30000] (default 100).
    public var mismatchedElementsPerMillion: Int
    /// The outputs the entry applies to.
    public var outputs: Outputs
    /// The weights formats it applies to (empty: all).
    public var weightsFormats: [WeightsFormat]

    /// Creates an entry.
    public init(relativeTolerance: Double = 1e-3, absoluteTolerance: Double = 1e-3, mismatchedElementsPerMillion: Int = 100,
                outputs: Outputs = .ids([]), weightsFormats: [WeightsFormat] = []) {
        self.relativeTolerance = relativeTolerance
        self.absoluteTolerance = absoluteTolerance
        self.mismatchedElementsPerMillion = mismatchedElementsPerMillion
        self.outputs = outputs
        self.weightsFormats = weightsFormats
    }

    static func validate(_ node: YAMLNode, at path: FieldPath, context: ValidationContext) -> ReproducibilityTolerance? {
        func member(_ kind: Outputs?, _ ctx: ValidationContext) -> ReproducibilityTolerance? {
            let name = kind == nil ? "ReproducibilityTolerance" : kind == .anyContinuous ? "ContinuousReproducibilityTolerance" : "DiscreteReproducibilityTolerance"
            guard var reader = MappingReader(node, at: path, typeName: name, context: ctx) else { return nil }
            let discrete = kind == .anyDiscrete
            let mepm = reader.field("mismatched_elements_per_million", default: discrete ? 1000 : 100) { node, path -> Int? in
                guard let value = Lax.int(node, at: path, ctx),
                      Lax.checkBounds(Double(value), greaterThanOrEqual: 0, lessThanOrEqual: 30000, at: path, node: node, ctx) else { return nil }
                return value
            }
            let formats = reader.field("weights_formats", default: []) { node, path in
                Lax.list(node, at: path, sequenceField: true, ctx) { node, path in
                    Lax.literal(node, at: path, allowed: WeightsFormat.allCases.map(\.rawValue), ctx).flatMap(WeightsFormat.init(rawValue:))
                }
            }
            func tolerance(_ key: String, upper: Double?) -> Double? {
                reader.field(key, default: discrete ? 0 : 1e-3) { node, path -> Double? in
                    if discrete {
                        guard let scalar = node.scalar, scalar.tag == .int || scalar.tag == .float, scalar.doubleValue == 0 else {
                            ctx.error("Input should be 0", type: "literal_error", at: path, node: node)
                            return nil
                        }
                        return 0
                    }
                    guard let value = Lax.float(node, at: path, ctx),
                          Lax.checkBounds(value, greaterThanOrEqual: 0, lessThanOrEqual: upper, at: path, node: node, ctx) else { return nil }
                    return value
                }
            }
            let relative = tolerance("relative_tolerance", upper: 0.01)
            let absolute = tolerance("absolute_tolerance", upper: nil)
            let outputs: Outputs?
            switch kind {
            case nil:
                outputs = reader.field("output_ids", default: .ids([])) { node, path in
                    Lax.list(node, at: path, sequenceField: true, ctx) { Leaf.tensorID($0, at: $1, ctx) }.map { .ids($0) }
                }
            case let literal?:
                let text = literal == .anyContinuous ? "any_continuous_output" : "any_discrete_output"
                outputs = reader.field("output_ids", default: literal) { Lax.literal($0, at: $1, allowed: [text], ctx).map { _ in literal } }
            }
            guard reader.isValid, let mepm, let formats, let relative, let absolute, let outputs else { return nil }
            return ReproducibilityTolerance(relativeTolerance: relative, absoluteTolerance: absolute,
                                            mismatchedElementsPerMillion: mepm, outputs: outputs, weightsFormats: formats)
        }
        return ModelSupport.union(context, [{ member(nil, $0) }, { member(.anyContinuous, $0) }, { member(.anyDiscrete, $0) }])
    }
}
