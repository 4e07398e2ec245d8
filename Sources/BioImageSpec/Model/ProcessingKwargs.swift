import BioImageYAML

/// A float with an inclusive/exclusive bound check (one of pydantic's `Interval` constraints).
private func boundedFloat(_ node: YAMLNode, _ path: FieldPath, _ context: ValidationContext,
                          gt: Double? = nil, ge: Double? = nil, lt: Double? = nil, le: Double? = nil) -> Double? {
    guard let value = Lax.float(node, at: path, context),
          Lax.checkBounds(value, greaterThan: gt, greaterThanOrEqual: ge, lessThan: lt, lessThanOrEqual: le, at: path, node: node, context)
    else { return nil }
    return value
}

/// An optional list of axis ids (`Sequence[AxisId] | None`).
private func axisList(_ node: YAMLNode, _ path: FieldPath, _ context: ValidationContext) -> [String]? {
    Lax.list(node, at: path, sequenceField: true, context) { Leaf.axisID($0, at: $1, context) }
}

/// A non-empty list of floats, each optionally bounded below.
private func floatList(_ node: YAMLNode, _ path: FieldPath, _ context: ValidationContext, ge: Double? = nil) -> [Double]? {
    Lax.list(node, at: path, context, minCount: 1) { boundedFloat($0, $1, context, ge: ge) }
}

/// Arguments of `binarize`: one threshold, or one per entry along `axis`.
public enum BinarizeKwargs: Sendable, Codable, Hashable {
    /// `x > threshold`.
    case threshold(Double)
    /// `x > threshold[k]` for index k along `axis`.
    case alongAxis(threshold: [Double], axis: String)

    static func validate(_ node: YAMLNode, at path: FieldPath, context: ValidationContext) -> BinarizeKwargs? {
        ModelSupport.union(context, [
            { ctx in
                guard var reader = MappingReader(node, at: path, typeName: "BinarizeKwargs", context: ctx) else { return nil }
                let threshold = reader.required("threshold") { Lax.float($0, at: $1, ctx) }
                reader.rejectUnknownKeys()
                guard reader.isValid, let threshold else { return nil }
                return .threshold(threshold)
            },
            { ctx in
                guard var reader = MappingReader(node, at: path, typeName: "BinarizeAlongAxisKwargs", context: ctx) else { return nil }
                let threshold = reader.required("threshold") { floatList($0, $1, ctx) }
                let axis = reader.required("axis") { notBatchAxisID($0, $1, ctx) }
                reader.rejectUnknownKeys()
                guard reader.isValid, let threshold, let axis else { return nil }
                return .alongAxis(threshold: threshold, axis: axis)
            },
        ])
    }
}

/// Arguments of `clip`: fixed bounds and/or percentile bounds.
public struct ClipKwargs: Sendable, Codable, Hashable, ValidatableNode {
    /// Fixed lower bound.
    public var min: Double?
    /// Lower bound as a percentile in [0, 100).
    public var minPercentile: Double?
    /// Fixed upper bound.
    public var max: Double?
    /// Upper bound as a percentile in (1, 100].
    public var maxPercentile: Double?
    /// Axes the percentiles are computed over (`nil`: all, dataset mode).
    public var axes: [String]?

    /// Creates clip arguments.
    public init(min: Double? = nil, minPercentile: Double? = nil, max: Double? = nil, maxPercentile: Double? = nil, axes: [String]? = nil) {
        self.min = min
        self.minPercentile = minPercentile
        self.max = max
        self.maxPercentile = maxPercentile
        self.axes = axes
    }

    static func validate(_ node: YAMLNode, at path: FieldPath, context: ValidationContext) -> ClipKwargs? {
        guard var reader = MappingReader(node, at: path, typeName: "ClipKwargs", context: context) else { return nil }
        let minimum = reader.optional("min") { Lax.float($0, at: $1, context) }
        let minPercentile = reader.optional("min_percentile") { boundedFloat($0, $1, context, ge: 0, lt: 100) }
        let maximum = reader.optional("max") { Lax.float($0, at: $1, context) }
        let maxPercentile = reader.optional("max_percentile") { boundedFloat($0, $1, context, gt: 1, le: 100) }
        let axes = reader.optional("axes") { axisList($0, $1, context) }
        reader.rejectUnknownKeys()
        guard reader.isValid else { return nil }
        let problem: String?
        if minimum != nil && minPercentile != nil {
            problem = "Only one of `min` and `min_percentile` may be set, not both."
        } else if maximum != nil && maxPercentile != nil {
            problem = "Only one of `max` and `max_percentile` may be set, not both."
        } else if minimum == nil && minPercentile == nil && maximum == nil && maxPercentile == nil {
            problem = "At least one of `min`, `min_percentile`, `max`, or `max_percentile` must be set."
        } else if axes != nil && minPercentile == nil && maxPercentile == nil {
            problem = "If `axes` is set, at least one of `min_percentile` or `max_percentile` must be set."
        } else {
            problem = nil
        }
        if let problem {
            ModelSupport.valueError(problem, at: path, node: node, context)
            return nil
        }
        return ClipKwargs(min: minimum, minPercentile: minPercentile, max: maximum, maxPercentile: maxPercentile, axes: axes)
    }
}

/// Arguments of `fixed_zero_mean_unit_variance`: scalar or per-entry mean and std.
public enum FixedZeroMeanUnitVarianceKwargs: Sendable, Codable, Hashable {
    /// One mean and std (std ≥ 1e-6).
    case scalar(mean: Double, std: Double)
    /// One mean and std per index along `axis` (equal lengths).
    case alongAxis(mean: [Double], std: [Double], axis: String)

    static func validate(_ node: YAMLNode, at path: FieldPath, context: ValidationContext) -> FixedZeroMeanUnitVarianceKwargs? {
        ModelSupport.union(context, [
            { ctx in
                guard var reader = MappingReader(node, at: path, typeName: "FixedZeroMeanUnitVarianceKwargs", context: ctx) else { return nil }
                let mean = reader.required("mean") { Lax.float($0, at: $1, ctx) }
                let std = reader.required("std") { boundedFloat($0, $1, ctx, ge: 1e-6) }
                reader.rejectUnknownKeys()
                guard reader.isValid, let mean, let std else { return nil }
                return .scalar(mean: mean, std: std)
            },
            { ctx in
                guard var reader = MappingReader(node, at: path, typeName: "FixedZeroMeanUnitVarianceAlongAxisKwargs", context: ctx) else { return nil }
                let mean = reader.required("mean") { floatList($0, $1, ctx) }
                let std = reader.required("std") { floatList($0, $1, ctx, ge: 1e-6) }
                let axis = reader.required("axis") { notBatchAxisID($0, $1, ctx) }
                reader.rejectUnknownKeys()
                guard reader.isValid, let mean, let std, let axis else { return nil }
                guard mean.count == std.count else {
                    ModelSupport.valueError("Size of `mean` (\(mean.count)) and `std` (\(std.count)) must match.", at: path, node: node, ctx)
                    return nil
                }
                return .alongAxis(mean: mean, std: std, axis: axis)
            },
        ])
    }
}

/// Arguments of `scale_linear`: `x · gain + offset`, scalar or per entry along `axis`.
public struct ScaleLinearKwargs: Sendable, Codable, Hashable {
    /// `nil` for scalar gain and offset; else the axis the lists run along.
    public var axis: String?
    /// One gain, or one per index along `axis` (a scalar is broadcast).
    public var gain: [Double]
    /// One offset, or one per index along `axis` (a scalar is broadcast).
    public var offset: [Double]

    /// Creates scale_linear arguments.
    public init(axis: String? = nil, gain: [Double] = [1], offset: [Double] = [0]) {
        self.axis = axis
        self.gain = gain
        self.offset = offset
    }

    /// Whether `gain` / `offset` were written as lists (kept for writing back).
    public var gainIsList = false
    /// Whether `offset` was written as a list.
    public var offsetIsList = false

    static let redundant = "Redundant linear scaling not allowd. Set `gain` != 1.0 and/or `offset` != 0.0."

    static func validate(_ node: YAMLNode, at path: FieldPath, context: ValidationContext) -> ScaleLinearKwargs? {
        ModelSupport.union(context, [
            { ctx in
                guard var reader = MappingReader(node, at: path, typeName: "ScaleLinearKwargs", context: ctx) else { return nil }
                let gain = reader.field("gain", default: 1.0) { Lax.float($0, at: $1, ctx) }
                let offset = reader.field("offset", default: 0.0) { Lax.float($0, at: $1, ctx) }
                reader.rejectUnknownKeys()
                guard reader.isValid, let gain, let offset else { return nil }
                if gain == 1 && offset == 0 {
                    ModelSupport.valueError(redundant, at: path, node: node, ctx)
                    return nil
                }
                return ScaleLinearKwargs(gain: [gain], offset: [offset])
            },
            { ctx in
                guard var reader = MappingReader(node, at: path, typeName: "ScaleLinearAlongAxisKwargs", context: ctx) else { return nil }
                let axis = reader.required("axis") { notBatchAxisID($0, $1, ctx) }
                func scalarOrList(_ node: YAMLNode, _ path: FieldPath) -> (values: [Double], isList: Bool)? {
                    ModelSupport.union(ctx, [
                        { c in Lax.float(node, at: path, c).map { ([$0], false) } },
                        { c in floatList(node, path, c).map { ($0, true) } },
                    ])
                }
                let gain = reader.field("gain", default: ([1.0], false)) { scalarOrList($0, $1) }
                let offset = reader.field("offset", default: ([0.0], false)) { scalarOrList($0, $1) }
                reader.rejectUnknownKeys()
                guard reader.isValid, let axis, let gain, let offset else { return nil }
                guard gain.isList || offset.isList else {
                    ModelSupport.valueError("Do not specify an `axis` for scalar gain and offset values.", at: path, node: node, ctx)
                    return nil
                }
                if gain.isList && offset.isList && gain.values.count != offset.values.count {
                    ModelSupport.valueError("Size of `gain` (\(gain.values.count)) and `offset` (\(offset.values.count)) must match.", at: path, node: node, ctx)
                    return nil
                }
                if gain.values.allSatisfy({ $0 == 1 }) && offset.values.allSatisfy({ $0 == 0 }) {
                    ModelSupport.valueError(redundant, at: path, node: node, ctx)
                    return nil
                }
                var kwargs = ScaleLinearKwargs(axis: axis, gain: gain.values, offset: offset.values)
                kwargs.gainIsList = gain.isList
                kwargs.offsetIsList = offset.isList
                return kwargs
            },
        ])
    }
}

/// Arguments of `scale_mean_variance` (postprocessing only).
public struct ScaleMeanVarianceKwargs: Sendable, Codable, Hashable, ValidatableNode {
    /// The tensor whose mean and variance are matched (required).
    public var referenceTensor: String
    /// Axes the statistics are computed over (`nil`: sample mode over all axes).
    public var axes: [String]?
    /// Added to the standard deviations, in (0, 0.1] (default 1e-6).
    public var eps: Double

    /// Creates scale_mean_variance arguments.
    public init(referenceTensor: String, axes: [String]? = nil, eps: Double = 1e-6) {
        self.referenceTensor = referenceTensor
        self.axes = axes
        self.eps = eps
    }

    static func validate(_ node: YAMLNode, at path: FieldPath, context: ValidationContext) -> ScaleMeanVarianceKwargs? {
        guard var reader = MappingReader(node, at: path, typeName: "ScaleMeanVarianceKwargs", context: context) else { return nil }
        let reference = reader.required("reference_tensor") { Leaf.tensorID($0, at: $1, context) }
        let axes = reader.optional("axes") { axisList($0, $1, context) }
        let eps = reader.field("eps", default: 1e-6) { boundedFloat($0, $1, context, gt: 0, le: 0.1) }
        reader.rejectUnknownKeys()
        guard reader.isValid, let reference, let eps else { return nil }
        return ScaleMeanVarianceKwargs(referenceTensor: reference, axes: axes, eps: eps)
    }
}

/// Arguments of `scale_range`: percentiles of this (or a reference) tensor.
public struct ScaleRangeKwargs: Sendable, Codable, Hashable, ValidatableNode {
    /// Axes the percentiles are computed over (`nil`: all, dataset mode).
    public var axes: [String]?
    /// Lower percentile in [0, 100) (default 0).
    public var minPercentile: Double
    /// Upper percentile in (1, 100] (default 100), greater than `minPercentile`.
    public var maxPercentile: Double
    /// Added to the range, in (0, 0.1] (default 1e-6).
    public var eps: Double
    /// The input whose percentiles are used (default: this tensor).
    public var referenceTensor: String?

    /// Creates scale_range arguments.
    public init(axes: [String]? = nil, minPercentile: Double = 0, maxPercentile: Double = 100, eps: Double = 1e-6, referenceTensor: String? = nil) {
        self.axes = axes
        self.minPercentile = minPercentile
        self.maxPercentile = maxPercentile
        self.eps = eps
        self.referenceTensor = referenceTensor
    }

    static func validate(_ node: YAMLNode, at path: FieldPath, context: ValidationContext) -> ScaleRangeKwargs? {
        guard var reader = MappingReader(node, at: path, typeName: "ScaleRangeKwargs", context: context) else { return nil }
        let axes = reader.optional("axes") { axisList($0, $1, context) }
        let minPercentile = reader.field("min_percentile", default: 0.0) { boundedFloat($0, $1, context, ge: 0, lt: 100) }
        let maxPercentile = reader.field("max_percentile", default: 100.0) { node, path -> Double? in
            guard let value = boundedFloat(node, path, context, gt: 1, le: 100) else { return nil }
            if let minPercentile, minPercentile >= value {
                ModelSupport.valueError("min_percentile \(ModelSupport.pythonFloat(minPercentile)) >= max_percentile \(ModelSupport.pythonFloat(value))",
                                        at: path, node: node, context)
                return nil
            }
            return value
        }
        let eps = reader.field("eps", default: 1e-6) { boundedFloat($0, $1, context, gt: 0, le: 0.1) }
        let reference = reader.optional("reference_tensor") { Leaf.tensorID($0, at: $1, context) }
        reader.rejectUnknownKeys()
        guard reader.isValid, let minPercentile, let maxPercentile, let eps else { return nil }
        return ScaleRangeKwargs(axes: axes, minPercentile: minPercentile, maxPercentile: maxPercentile, eps: eps, referenceTensor: reference)
    }
}

/// Arguments of `zero_mean_unit_variance`.
public struct ZeroMeanUnitVarianceKwargs: Sendable, Codable, Hashable, ValidatableNode {
    /// Axes the statistics are computed over (`nil`: all, dataset mode).
    public var axes: [String]?
    /// Added to the standard deviation, in (0, 0.1] (default 1e-6).
    public var eps: Double

    /// Creates zero_mean_unit_variance arguments.
    public init(axes: [String]? = nil, eps: Double = 1e-6) {
        self.axes = axes
        self.eps = eps
    }

    static func validate(_ node: YAMLNode, at path: FieldPath, context: ValidationContext) -> ZeroMeanUnitVarianceKwargs? {
        guard var reader = MappingReader(node, at: path, typeName: "ZeroMeanUnitVarianceKwargs", context: context) else { return nil }
        let axes = reader.optional("axes") { axisList($0, $1, context) }
        let eps = reader.field("eps", default: 1e-6) { boundedFloat($0, $1, context, gt: 0, le: 0.1) }
        reader.rejectUnknownKeys()
        guard reader.isValid, let eps else { return nil }
        return ZeroMeanUnitVarianceKwargs(axes: axes, eps: eps)
    }
}
