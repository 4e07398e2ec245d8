import BioImageSpec
import BioImageTensor

/// The pre- and postprocessing of one model, ready to run (notes §d): the steps of every tensor
/// (bracketed by `ensure_dtype` as the reference does), the statistics they need, and the running
/// dataset statistics.
///
/// Statistics of inputs are computed on the raw inputs, before the first step, once per sample;
/// statistics of outputs on the raw model outputs, before the first postprocessing step. Given the
/// statistics, every step is element-wise (softmax works along one axis), so tiled prediction
/// applies them block by block.
///
/// CONTRACT (owned by the processing work; the pipeline relies on these signatures).
public struct ProcessingPlan: Sendable {
    /// Builds the plan; rejects unsupported steps (`custom`, `stardist_postprocessing`, …) here,
    /// at load time, naming the tensor and step.
    public init(model: PreparedModel, datasetStatistics: DatasetStatistics = DatasetStatistics()) throws(RuntimeError) {
        throw RuntimeError(.unsupportedStep, "processing is not implemented yet")
    }

    /// Whether some postprocessing step needs statistics of a model output (so tiled prediction
    /// must stitch the raw outputs before postprocessing).
    public var postprocessingNeedsOutputStatistics: Bool { false }

    /// Computes every measure the plan needs from the raw inputs of `sample` (tensors in any axis
    /// order), updating the running dataset statistics.
    public func inputStatistics(for sample: Sample) throws(RuntimeError) -> MeasureValues { MeasureValues() }

    /// Applies the preprocessing of every input; returns the tensors the model takes, in the
    /// described axis order and data type.
    public func preprocess(_ sample: Sample, statistics: MeasureValues) throws(RuntimeError) -> Sample { sample }

    /// Adds the measures of raw model outputs the postprocessing needs.
    public func outputStatistics(for outputs: Sample, adding statistics: MeasureValues) throws(RuntimeError) -> MeasureValues { statistics }

    /// Applies the postprocessing of every output.
    public func postprocess(_ outputs: Sample, statistics: MeasureValues) throws(RuntimeError) -> Sample { outputs }
}

/// Computed statistics, by measure. CONTRACT placeholder.
public struct MeasureValues: Sendable {
    public init() {}
}

/// Running dataset statistics shared across samples. CONTRACT placeholder.
public final class DatasetStatistics: Sendable {
    public init() {}
}
