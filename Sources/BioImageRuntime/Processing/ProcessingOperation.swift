import BioImageTensor

/// One processing step resolved for running: its parameters parsed, its statistics named as
/// ``Measure``s (notes §d.1).
enum ProcessingOperation: Sendable, Hashable {
    /// numpy `astype`.
    case ensureDtype(DType)
    /// `x > threshold`.
    case binarize(ParameterList)
    /// Clamp; bounds applied in the reference's order (lower measure, upper measure, fixed bounds).
    case clip(lower: ClipBound?, upper: ClipBound?)
    /// `x · gain + offset`.
    case scaleLinear(gain: ParameterList, offset: ParameterList)
    /// `(x − mean) / (std + 1e-6)` with fixed float64 parameters.
    case fixedZeroMeanUnitVariance(mean: ParameterList, std: ParameterList)
    /// `(x − mean) / (std + eps)`.
    case zeroMeanUnitVariance(mean: Measure, std: Measure, eps: Double)
    /// `(x − lower) / (upper − lower + eps)`.
    case scaleRange(lower: Measure, upper: Measure, eps: Double)
    /// `(x − mean) / (std + eps) · (refStd + eps) + refMean`.
    case scaleMeanVariance(mean: Measure, std: Measure, referenceMean: Measure, referenceStd: Measure, eps: Double)
    /// `1 / (1 + e^−x)`.
    case sigmoid
    /// Softmax along an axis.
    case softmax(axis: String)

    /// A scalar parameter (`axis == nil`, a Python float in the reference: it takes the tensor's
    /// float type) or one float64 value per index along `axis`.
    struct ParameterList: Sendable, Hashable {
        var values: [Double]
        var axis: String?

        /// The parameter as a broadcast grid and its values.
        var grid: (BroadcastPlan.Grid, [Double]) {
            guard let axis else { return (BroadcastPlan.Grid(axes: [], shape: []), [values.first ?? 0]) }
            return (BroadcastPlan.Grid(axes: [axis], shape: [values.count]), values)
        }
    }

    /// A clip bound: a fixed number or a quantile measure.
    enum ClipBound: Sendable, Hashable {
        case value(Double)
        case measure(Measure)
    }

    /// The statistics the step reads.
    var requiredMeasures: [Measure] {
        switch self {
        case .clip(let lower, let upper):
            return [lower, upper].compactMap { bound in
                if case .measure(let m) = bound { return m }
                return nil
            }
        case .zeroMeanUnitVariance(let mean, let std, _): return [mean, std]
        case .scaleRange(let lower, let upper, _): return [lower, upper]
        case .scaleMeanVariance(let mean, let std, let referenceMean, let referenceStd, _): return [mean, std, referenceMean, referenceStd]
        default: return []
        }
    }
}
