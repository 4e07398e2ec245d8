import BioImageYAML

/// A pre- or postprocessing step of model format 0.4, chosen by its `name` (notes §c.2, §d.2).
public enum ProcessingStepV04: Sendable, Hashable, Codable {
    /// `binarize`: values above `threshold` become one, the others zero.
    case binarize(threshold: Double)
    /// `clip`: values limited to `[min, max]`.
    case clip(min: Double, max: Double)
    /// `scale_linear`: `gain · x + offset`, jointly over `axes` (a subset of `czyx`) when given.
    case scaleLinear(axes: String?, gain: FloatOrList, offset: FloatOrList)
    /// `sigmoid`: the logistic function.
    case sigmoid
    /// `zero_mean_unit_variance` with `mode` `fixed` (with `mean`/`std`), `per_dataset` or `per_sample`.
    case zeroMeanUnitVariance(mode: String, axes: String, mean: FloatOrList?, std: FloatOrList?, eps: Double)
    /// `scale_range`: percentile normalisation.
    case scaleRange(mode: String, axes: String, minPercentile: Double, maxPercentile: Double, eps: Double, referenceTensor: String?)
    /// `scale_mean_variance` (postprocessing only): match the mean and variance of `referenceTensor`.
    case scaleMeanVariance(mode: String, referenceTensor: String, axes: String?, eps: Double)

    /// The step's `name` in the description.
    public var name: String {
        switch self {
        case .binarize: return "binarize"
        case .clip: return "clip"
        case .scaleLinear: return "scale_linear"
        case .sigmoid: return "sigmoid"
        case .zeroMeanUnitVariance: return "zero_mean_unit_variance"
        case .scaleRange: return "scale_range"
        case .scaleMeanVariance: return "scale_mean_variance"
        }
    }

    /// The `axes` kwarg, when the step has one and it is set.
    public var axes: String? {
        switch self {
        case .scaleLinear(let axes, _, _), .scaleMeanVariance(_, _, let axes, _): return axes
        case .zeroMeanUnitVariance(_, let axes, _, _, _), .scaleRange(_, let axes, _, _, _, _): return axes
        default: return nil
        }
    }

    /// The `reference_tensor` kwarg: `nil` for steps without one; `.some(nil)` when unset.
    var referenceTensor: String?? {
        switch self {
        case .scaleRange(_, _, _, _, _, let reference): return .some(reference)
        case .scaleMeanVariance(_, let reference, _, _): return .some(reference)
        default: return nil
        }
    }

    static let preprocessingNames = ["binarize", "clip", "scale_linear", "sigmoid", "zero_mean_unit_variance", "scale_range"]
    static let postprocessingNames = preprocessingNames + ["scale_mean_variance"]

    /// Validates one step of `preprocessing` (`postprocessing: false`) or `postprocessing`.
    static func validate(_ node: YAMLNode, at path: FieldPath, postprocessing: Bool, context: ValidationContext) -> ProcessingStepV04? {
        let names = postprocessing ? postprocessingNames : preprocessingNames
        guard let mapping = node.mapping else {
            context.error("Input should be a valid dictionary or object to extract fields from", type: "model_attributes_type", at: path, node: node)
            return nil
        }
        guard let tagNode = mapping["name"] else {
            context.error("Unable to extract tag using discriminator 'name'", type: "union_tag_not_found", at: path, node: node)
            return nil
        }
        guard let tag = tagNode.pythonString, names.contains(tag) else {
            context.error("Input tag '\(tagNode.pythonText)' found using 'name' does not match any of the expected tags: \(names.map { "'\($0)'" }.joined(separator: ", "))",
                          type: "union_tag_invalid", at: path, node: node)
            return nil
        }
        guard var reader = MappingReader(node, at: path, typeName: "", context: context) else { return nil }
        _ = reader.value("name")
        var step: ProcessingStepV04?
        if tag == "sigmoid" {
            step = .sigmoid
        } else {
            step = reader.required("kwargs") { kwargs(tag, $0, at: $1, context) }
        }
        reader.rejectUnknownKeys()
        guard reader.isValid else { return nil }
        return step
    }

    /// The kwargs node of step `name`.
    static func kwargs(_ name: String, _ node: YAMLNode, at path: FieldPath, _ context: ValidationContext) -> ProcessingStepV04? {
        let typeNames = ["binarize": "BinarizeKwargs", "clip": "ClipKwargs", "scale_linear": "ScaleLinearKwargs",
                         "zero_mean_unit_variance": "ZeroMeanUnitVarianceKwargs", "scale_range": "ScaleRangeKwargs",
                         "scale_mean_variance": "ScaleMeanVarianceKwargs"]
        guard var reader = MappingReader(node, at: path, typeName: typeNames[name] ?? "", context: context) else { return nil }
        func float(_ value: YAMLNode, _ valuePath: FieldPath) -> Double? { Lax.float(value, at: valuePath, context) }
        func eps(_ value: YAMLNode, _ valuePath: FieldPath) -> Double? {
            guard let x = Lax.float(value, at: valuePath, context),
                  Lax.checkBounds(x, greaterThan: 0, lessThanOrEqual: 0.1, at: valuePath, node: value, context) else { return nil }
            return x
        }
        func czyx(_ value: YAMLNode, _ valuePath: FieldPath) -> String? { ModelV04Support.axes(value, at: valuePath, alphabet: "czyx", context) }
        func mode(_ allowed: [String]) -> (YAMLNode, FieldPath) -> String? {
            { value, valuePath in Lax.literal(value, at: valuePath, allowed: allowed, context) }
        }
        func tensorName(_ value: YAMLNode, _ valuePath: FieldPath) -> String? { Leaf.identifier(value, at: valuePath, context) }
        var result: ProcessingStepV04?
        switch name {
        case "binarize":
            let threshold = reader.required("threshold", float)
            reader.rejectUnknownKeys()
            if reader.isValid, let threshold { result = .binarize(threshold: threshold) }
        case "clip":
            let min = reader.required("min", float)
            let max = reader.required("max", float)
            reader.rejectUnknownKeys()
            if reader.isValid, let min, let max { result = .clip(min: min, max: max) }
        case "scale_linear":
            let axes = reader.optional("axes", czyx)
            let gain = reader.field("gain", default: FloatOrList.scalar(1)) { ModelV04Support.floatOrList($0, at: $1, context) }
            let offset = reader.field("offset", default: FloatOrList.scalar(0)) { ModelV04Support.floatOrList($0, at: $1, context) }
            reader.rejectUnknownKeys()
            guard reader.isValid, let gain, let offset else { return nil }
            if gain.values.allSatisfy({ $0 == 1 }) && offset.values.allSatisfy({ $0 == 0 }) {
                context.valueError("Redunt linear scaling not allowd. Set `gain` != 1.0 and/or `offset` != 0.0.", at: path, node: node)
                return nil
            }
            result = .scaleLinear(axes: axes, gain: gain, offset: offset)
        case "zero_mean_unit_variance":
            let modeValue = reader.field("mode", default: "fixed", mode(["fixed", "per_dataset", "per_sample"]))
            let axes = reader.required("axes", czyx)
            let mean = reader.optional("mean") { ModelV04Support.floatOrList($0, at: $1, nonEmptyList: true, context) }
            let std = reader.optional("std") { ModelV04Support.floatOrList($0, at: $1, nonEmptyList: true, context) }
            let epsValue = reader.field("eps", default: 1e-6, eps)
            reader.rejectUnknownKeys()
            guard reader.isValid, let modeValue, let axes, let epsValue else { return nil }
            if modeValue == "fixed" && (mean == nil || std == nil) {
                context.valueError("`mean` and `std` are required for `mode: fixed`.", at: path, node: node)
                return nil
            } else if modeValue != "fixed" && (mean != nil || std != nil) {
                context.valueError("`mean` and `std` not allowed for `mode: \(modeValue)`", at: path, node: node)
                return nil
            }
            result = .zeroMeanUnitVariance(mode: modeValue, axes: axes, mean: mean, std: std, eps: epsValue)
        case "scale_range":
            let modeValue = reader.required("mode", mode(["per_dataset", "per_sample"]))
            let axes = reader.required("axes", czyx)
            var minText = "0.0"
            var maxText = "100.0"
            let minPercentile = reader.field("min_percentile", default: 0.0) { value, valuePath in
                minText = percentileText(value)
                guard let x = Lax.float(value, at: valuePath, context),
                      Lax.checkBounds(x, greaterThanOrEqual: 0, lessThan: 100, at: valuePath, node: value, context) else { return nil }
                return x
            }
            let maxPercentile = reader.field("max_percentile", default: 100.0) { value, valuePath in
                maxText = percentileText(value)
                guard let x = Lax.float(value, at: valuePath, context),
                      Lax.checkBounds(x, greaterThan: 1, lessThanOrEqual: 100, at: valuePath, node: value, context) else { return nil }
                return x
            }
            let epsValue = reader.field("eps", default: 1e-6, eps)
            let reference = reader.optional("reference_tensor", tensorName)
            reader.rejectUnknownKeys()
            guard reader.isValid, let modeValue, let axes, let minPercentile, let maxPercentile, let epsValue else { return nil }
            if minPercentile >= maxPercentile {
                context.valueError("min_percentile \(minText) >= max_percentile \(maxText)", at: path, node: node)
                return nil
            }
            result = .scaleRange(mode: modeValue, axes: axes, minPercentile: minPercentile, maxPercentile: maxPercentile,
                                 eps: epsValue, referenceTensor: reference)
        case "scale_mean_variance":
            let modeValue = reader.required("mode", mode(["per_dataset", "per_sample"]))
            let reference = reader.required("reference_tensor", tensorName)
            let axes = reader.optional("axes", czyx)
            let epsValue = reader.field("eps", default: 1e-6, eps)
            reader.rejectUnknownKeys()
            if reader.isValid, let modeValue, let reference, let epsValue {
                result = .scaleMeanVariance(mode: modeValue, referenceTensor: reference, axes: axes, eps: epsValue)
            }
        default:
            return nil
        }
        return result
    }

    /// A percentile as the reference prints it (`int | float`: an int stays an int, `99`; floats as `99.5`).
    static func percentileText(_ node: YAMLNode) -> String {
        if node.scalar?.tag == .int, let value = node.int { return String(value) }
        if let value = node.double, node.scalar?.tag == .float { return PythonFloatFormat.repr(value) }
        return node.pythonText
    }
}
