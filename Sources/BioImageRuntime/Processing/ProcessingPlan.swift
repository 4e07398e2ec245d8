import BioImageSpec
import BioImageTensor

/// The pre- and postprocessing of one model, ready to run (notes §d): the steps of every tensor
/// (bracketed by `ensure_dtype` as the reference does), the statistics they need, and the running
/// dataset statistics.
///
/// Statistics of inputs are computed on the raw inputs, before the first step, once per sample;
/// statistics of outputs on the raw model outputs, before the first postprocessing step (the spec's
/// intent: bioimageio.core 0.11.0 fails there with a `KeyError`). Given the statistics, every step is
/// element-wise (softmax works along one axis), so tiled prediction applies them block by block.
///
/// ```swift
/// let plan = try ProcessingPlan(model: model)
/// let statistics = try plan.inputStatistics(for: sample)
/// let inputs = try plan.preprocess(sample, statistics: statistics)
/// let raw = try runtime.predict(inputs)
/// let all = try plan.outputStatistics(for: raw, adding: statistics)
/// let outputs = try plan.postprocess(raw, statistics: all)
/// ```
public struct ProcessingPlan: Sendable {
    /// The steps of one tensor.
    struct TensorSteps: Sendable {
        var id: String
        var axes: [String]
        var optional: Bool
        var operations: [ProcessingOperation]
    }

    var inputs: [TensorSteps]
    var outputs: [TensorSteps]
    /// The model's name, for error messages.
    let modelName: String
    /// The running (or fixed) dataset statistics this plan reads and updates.
    public let datasetStatistics: DatasetStatistics
    /// Every statistic some step needs.
    public let requiredMeasures: Set<Measure>
    /// The statistics of input tensors (computed from the raw inputs).
    let inputMeasures: [Measure]
    /// The statistics of output tensors (computed from the raw outputs).
    let outputMeasures: [Measure]

    /// Builds the plan; rejects unsupported steps (`custom`, `stardist_postprocessing`, …) here,
    /// at load time, naming the tensor and step.
    ///
    /// For a model written in format 0.4 the steps come from the original description with the 0.4
    /// runtime rules (notes §d.2): `ensure_dtype(data_type)` in front, `ensure_dtype(float32)` at
    /// the end (only the latter when a tensor has no steps), `reference_tensor` of `scale_range`
    /// honoured, `zero_mean_unit_variance` with eps fixed at 1e-6.
    /// - Throws: ``RuntimeError/Code/unsupportedStep`` for a step that cannot run;
    ///   ``RuntimeError/Code/axisMismatch`` for a per-axis parameter along an axis the tensor lacks.
    public init(model: PreparedModel, datasetStatistics: DatasetStatistics = DatasetStatistics()) throws(RuntimeError) {
        modelName = model.displayName
        self.datasetStatistics = datasetStatistics
        do throws(RuntimeError) {
            switch model.sourceFormat {
            case .v05:
                inputs = try model.description.inputs.map { input throws(RuntimeError) in
                    let axes = input.axes.map(\.id)
                    let operations = try input.preprocessing.enumerated().map { index, step throws(RuntimeError) in
                        try StepResolver(tensor: input.id, axes: axes, isInput: true, index: index).operation(step)
                    }
                    return TensorSteps(id: input.id, axes: axes, optional: input.optional, operations: operations)
                }
                outputs = try model.description.outputs.map { output throws(RuntimeError) in
                    let axes = output.axes.map(\.id)
                    let operations = try output.postprocessing.enumerated().map { index, step throws(RuntimeError) in
                        try StepResolver(tensor: output.id, axes: axes, isInput: false, index: index).operation(step)
                    }
                    return TensorSteps(id: output.id, axes: axes, optional: false, operations: operations)
                }
            case .v04(let old):
                (inputs, outputs) = try StepResolver.legacy(old, converted: model.description)
            }
        } catch {
            throw error.inModel(model.displayName)
        }
        let measures = (inputs + outputs).flatMap { $0.operations.flatMap(\.requiredMeasures) }
        requiredMeasures = Set(measures)
        let inputIDs = Set(inputs.map(\.id))
        var seen = Set<Measure>()
        let unique = measures.filter { seen.insert($0).inserted }
        inputMeasures = unique.filter { inputIDs.contains($0.member) }
        outputMeasures = unique.filter { !inputIDs.contains($0.member) }
    }

    /// Whether some postprocessing step needs statistics of a model output (so tiled prediction
    /// must stitch the raw outputs before postprocessing).
    public var postprocessingNeedsOutputStatistics: Bool { !outputMeasures.isEmpty }

    /// Computes every measure the plan needs from the raw inputs of `sample` (tensors in any axis
    /// order), updating the running dataset statistics.
    /// - Throws: ``RuntimeError/Code/missingTensor`` when a measured input is missing.
    public func inputStatistics(for sample: Sample) throws(RuntimeError) -> MeasureValues {
        do throws(RuntimeError) { return try statistics(inputMeasures, of: sample, adding: MeasureValues()) } catch { throw error.inModel(modelName) }
    }

    /// Applies the preprocessing of every input; returns the tensors the model takes, in the
    /// described axis order and data type.
    /// - Throws: ``RuntimeError`` naming the model, tensor and step when a step fails, or
    ///   ``RuntimeError/Code/missingTensor`` for a missing required input.
    public func preprocess(_ sample: Sample, statistics: MeasureValues) throws(RuntimeError) -> Sample {
        do throws(RuntimeError) {
            var result = Sample()
            for input in inputs {
                guard let tensor = sample[input.id] else {
                    if input.optional { continue }
                    throw RuntimeError(.missingTensor, "the sample has no input '\(input.id)' (it has \(sample.ids))", tensor: input.id)
                }
                result[input.id] = try run(input, on: tensor, statistics: statistics, stage: "preprocessing")
            }
            return result
        } catch {
            throw error.inModel(modelName)
        }
    }

    /// Adds the measures of raw model outputs the postprocessing needs.
    /// - Throws: ``RuntimeError/Code/missingTensor`` when a measured output is missing.
    public func outputStatistics(for outputs: Sample, adding statistics: MeasureValues) throws(RuntimeError) -> MeasureValues {
        do throws(RuntimeError) { return try self.statistics(outputMeasures, of: outputs, adding: statistics) } catch { throw error.inModel(modelName) }
    }

    /// Applies the postprocessing of every output; tensors of the sample that are not described
    /// outputs pass through unchanged.
    public func postprocess(_ outputs: Sample, statistics: MeasureValues) throws(RuntimeError) -> Sample {
        do throws(RuntimeError) {
            var result = outputs
            for output in self.outputs {
                guard let tensor = outputs[output.id] else { continue }
                result[output.id] = try run(output, on: tensor, statistics: statistics, stage: "postprocessing")
            }
            return result
        } catch {
            throw error.inModel(modelName)
        }
    }

    /// The ids of the steps each tensor runs, in order, by tensor id (for diagnostics).
    public var stepNames: [String: [String]] {
        var names: [String: [String]] = [:]
        for steps in inputs + outputs { names[steps.id] = steps.operations.map(\.name) }
        return names
    }

    private func statistics(_ measures: [Measure], of sample: Sample, adding base: MeasureValues) throws(RuntimeError) -> MeasureValues {
        // An optional input left out of the sample is not processed, so its statistics are not needed.
        let optional = Set(inputs.filter(\.optional).map(\.id))
        let measures = measures.filter { sample[$0.member] != nil || !optional.contains($0.member) }
        guard !measures.isEmpty else { return base }
        var values = try StatisticsCalculator.sampleValues(for: measures.filter { $0.scope == .sample }, in: sample)
        let dataset = measures.filter { $0.scope == .dataset }
        if !dataset.isEmpty {
            values = values.merging(try datasetStatistics.update(with: sample, measures: dataset))
        }
        return base.merging(values)
    }

    private func run(_ steps: TensorSteps, on tensor: LabeledTensor, statistics: MeasureValues, stage: String) throws(RuntimeError) -> LabeledTensor {
        var current: LabeledTensor
        do { current = try tensor.transposed(to: steps.axes) } catch {
            var located = error
            located.tensor = steps.id
            throw located
        }
        for (index, operation) in steps.operations.enumerated() {
            do throws(RuntimeError) {
                current = try operation.apply(to: current, statistics: statistics, id: steps.id)
            } catch {
                var located = error
                located.tensor = steps.id
                located.message = "\(stage) step \(index) '\(operation.name)': \(error.message)"
                throw located
            }
        }
        return current
    }
}

extension ProcessingOperation {
    /// The step id as written in a description.
    var name: String {
        switch self {
        case .ensureDtype: return "ensure_dtype"
        case .binarize: return "binarize"
        case .clip: return "clip"
        case .scaleLinear: return "scale_linear"
        case .fixedZeroMeanUnitVariance: return "fixed_zero_mean_unit_variance"
        case .zeroMeanUnitVariance: return "zero_mean_unit_variance"
        case .scaleRange: return "scale_range"
        case .scaleMeanVariance: return "scale_mean_variance"
        case .sigmoid: return "sigmoid"
        case .softmax: return "softmax"
        }
    }
}
