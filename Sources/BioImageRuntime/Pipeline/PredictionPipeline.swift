import BioImageSpec
import BioImageTensor

/// Runs a model on samples: layout, size checks, pre-/postprocessing, halo padding and cropping,
/// and block-wise (tiled) prediction (notes §e.2–§e.4).
///
/// Sample tensors may come in any axis order (matched by axis id); missing size-1 axes (a batch
/// of 1, a single channel) are inserted. Outputs carry the model's output axis ids, in the
/// described order.
///
/// ```swift
/// let model = try PreparedModel(contentsOf: URL(fileURLWithPath: "unet.zip"))
/// let loaded = try registry.load(model)
/// let pipeline = try PredictionPipeline(model: model, runtime: loaded.runtime)
/// var sample = Sample()
/// sample["raw"] = try LabeledTensor(image, axes: ["y", "x"])
/// let whole = try pipeline.predict(sample)
/// let tiled = try pipeline.predict(sample, tiling: TilingOptions(blockParameter: 4)) { print($0) }
/// ```
///
/// Differences from bioimageio.core 0.11.0, all deliberate: a block parameter of 0 means 0 (core
/// uses 10); input halos are keyed by the referenced input axis; outputs without a channel axis
/// are stitched; a block larger than the sample is capped instead of refused; postprocessing that
/// needs statistics of an output computes them on the raw (cropped, stitched) output.
public struct PredictionPipeline: Sendable {
    /// The model.
    public let model: PreparedModel
    /// The network.
    public let runtime: any ModelRuntime
    /// The pre- and postprocessing.
    public let processing: ProcessingPlan
    let geometry: ModelGeometry

    /// Creates a pipeline; builds the processing plan from the model when `processing` is `nil`.
    ///
    /// - Throws: ``RuntimeError`` from ``ProcessingPlan/init(model:datasetStatistics:)`` (an
    ///   unsupported step), or ``RuntimeError/Code/unsupportedModel`` when a halo does not scale to
    ///   whole pixels.
    public init(model: PreparedModel, runtime: any ModelRuntime, processing: ProcessingPlan? = nil) throws(RuntimeError) {
        let name = model.displayName
        self.model = model
        self.runtime = runtime
        do throws(RuntimeError) {
            if let processing { self.processing = processing } else { self.processing = try ProcessingPlan(model: model) }
            geometry = try ModelGeometry(model.description, name: name)
        } catch {
            throw error.inModel(name)
        }
    }

    /// The halo added on each side of input `tensor` along `axis` before prediction (0 when none),
    /// derived from the output halos.
    public func inputHalo(tensor: String, axis: String) -> Int {
        model.isLegacyFormat ? 0 : geometry.halo(tensor: tensor, axis: axis)
    }

    /// Predicts the outputs of one sample.
    ///
    /// Without `tiling` the whole sample runs at once: each input is padded by its halo (with the
    /// input's `pad` mode, symmetric by default), statistics are computed on the padded inputs (as
    /// bioimageio.core does), and the raw outputs are cropped by their halo before postprocessing
    /// (core crops after it; the element-wise steps give the same values either way, and output
    /// statistics then see only the kept region, as in tiled prediction). Input sizes must be valid
    /// for the model after padding. Models of format 0.4 get no padding or cropping.
    ///
    /// With `tiling` the sample is cut into blocks of valid sizes (padded at the border), the
    /// statistics are computed once on the whole unpadded sample, and the inner regions of the
    /// output blocks are stitched. Any sample size works. If some postprocessing step needs
    /// statistics of an output, the raw outputs are stitched first and postprocessed whole.
    ///
    /// - Parameter progress: called after each block (once for whole-sample prediction).
    /// - Throws: ``RuntimeError`` naming model, tensor and axis: ``RuntimeError/Code/missingTensor``,
    ///   ``RuntimeError/Code/axisMismatch``, ``RuntimeError/Code/invalidSize`` (listing the valid
    ///   sizes), ``RuntimeError/Code/invalidTiling``, or the runtime's and processing's errors.
    public func predict(_ sample: Sample, tiling: TilingOptions? = nil,
                        progress: (@Sendable (BlockProgress) -> Void)? = nil) throws(RuntimeError) -> Sample {
        let name = model.displayName
        do throws(RuntimeError) {
            if tiling != nil, model.isLegacyFormat {
                throw RuntimeError(.invalidTiling, "tiled prediction is not supported for models in format 0.4 (as in bioimageio.core); predict the whole sample, or update the description to format 0.5")
            }
            let inputs = try conformed(sample)
            if let tiling {
                try InputSizeCheck.check(inputs, model: model.description, name: name, tiled: true) { _, _ in 0 }
                return try predictTiled(inputs, options: tiling, progress: progress)
            }
            let halo: (String, String) -> Int = { inputHalo(tensor: $0, axis: $1) }
            try InputSizeCheck.check(inputs, model: model.description, name: name, tiled: false, halo: halo)
            let padded = try model.isLegacyFormat ? inputs : paddedByHalo(inputs)
            let statistics = try processing.inputStatistics(for: padded)
            var outputs = try runModel(processing.preprocess(padded, statistics: statistics))
            if !model.isLegacyFormat { outputs = try croppedByHalo(outputs) }
            let result = try postprocessed(outputs, statistics: statistics)
            progress?(BlockProgress(completed: 1, total: 1))
            return result
        } catch {
            throw error.inModel(name)
        }
    }

    /// Runs the model once on `sample` as given: statistics → preprocessing → model → output
    /// statistics → postprocessing, without halo padding, cropping or size checks (what
    /// `test_model`'s reproduction check does).
    ///
    /// Tensors are still matched to the described axes by id (missing size-1 axes inserted).
    /// Outputs the runtime does not return are missing from the result (so a test can report
    /// them), instead of being an error as in ``predict(_:tiling:progress:)``.
    public func forward(_ sample: Sample) throws(RuntimeError) -> Sample {
        do throws(RuntimeError) {
            let inputs = try conformed(sample)
            let statistics = try processing.inputStatistics(for: inputs)
            let outputs = try runModel(processing.preprocess(inputs, statistics: statistics), requireAllOutputs: false)
            return try postprocessed(outputs, statistics: statistics)
        } catch {
            throw error.inModel(model.displayName)
        }
    }

    /// The model's inputs from `sample`, each in the described axis order; other members are dropped.
    func conformed(_ sample: Sample) throws(RuntimeError) -> Sample {
        var result = Sample()
        for input in model.description.inputs {
            guard let tensor = sample[input.id] else {
                if input.optional { continue }
                throw RuntimeError(.missingTensor, "the sample has no tensor '\(input.id)' (it has \(sample.ids))", tensor: input.id)
            }
            do throws(RuntimeError) {
                result[input.id] = try tensor.transposed(to: input.axes.map(\.id))
            } catch {
                var located = error
                if located.tensor == nil { located.tensor = input.id }
                located.message += " (the sample tensor has axes \(tensor.axes); the model takes \(input.axes.map(\.id)))"
                throw located
            }
        }
        return result
    }

    /// Runs the network on preprocessed inputs and labels its outputs with the described axes.
    /// - Parameter requireAllOutputs: throw when the runtime leaves out a described output.
    func runModel(_ inputs: Sample, requireAllOutputs: Bool = true) throws(RuntimeError) -> Sample {
        var feed: [String: AnyTensor] = [:]
        for input in model.description.inputs {
            if let tensor = inputs[input.id] { feed[input.id] = tensor.tensor }
        }
        let raw = try runtime.run(feed)
        var outputs = Sample()
        for output in model.description.outputs {
            guard let tensor = raw[output.id] else {
                if !requireAllOutputs { continue }
                throw RuntimeError(.executionFailed, "the runtime returned no tensor '\(output.id)' (it returned \(raw.keys.sorted()))", tensor: output.id)
            }
            let axes = output.axes.map(\.id)
            guard tensor.shape.count == axes.count else {
                throw RuntimeError(.axisMismatch, "the runtime returned shape \(tensor.shape) for the \(axes.count) described axes \(axes)", tensor: output.id)
            }
            outputs[output.id] = try LabeledTensor(tensor, axes: axes)
        }
        return outputs
    }

    /// Output statistics, then postprocessing.
    func postprocessed(_ outputs: Sample, statistics: MeasureValues) throws(RuntimeError) -> Sample {
        let all = try processing.outputStatistics(for: outputs, adding: statistics)
        return try processing.postprocess(outputs, statistics: all)
    }

    /// Every input padded by its halo with its pad mode.
    private func paddedByHalo(_ inputs: Sample) throws(RuntimeError) -> Sample {
        var result = inputs
        for input in model.description.inputs {
            guard let tensor = inputs[input.id] else { continue }
            let widths = input.axes.map { (before: inputHalo(tensor: input.id, axis: $0.id), after: inputHalo(tensor: input.id, axis: $0.id)) }
            guard widths.contains(where: { $0.before > 0 }) else { continue }
            let mode = TilingLayout.paddingMode(input.pad)
            let data = tensor.tensor
            let padded = try wrap(tensor: input.id) { () throws(TensorError) in try data.padded(widths, mode: mode) }
            result[input.id] = try tensor.replacingData(padded)
        }
        return result
    }

    /// Every output cropped by its halo (the input halo scaled to the output).
    private func croppedByHalo(_ outputs: Sample) throws(RuntimeError) -> Sample {
        var result = outputs
        for output in model.description.outputs {
            guard let tensor = outputs[output.id], let links = geometry.outputLinks[output.id] else { continue }
            var ranges: [Range<Int>] = []
            var crops = false
            for (index, link) in links.enumerated() {
                let size = tensor.shape[index]
                guard case .linked(let link) = link, link.crop > 0 else {
                    ranges.append(0..<size)
                    continue
                }
                guard size > 2 * link.crop else {
                    throw RuntimeError(.executionFailed, "the output has size \(size), too small to crop a halo of \(link.crop) on each side",
                                       tensor: output.id, axis: output.axes[index].id)
                }
                ranges.append(link.crop ..< size - link.crop)
                crops = true
            }
            guard crops else { continue }
            let data = tensor.tensor
            let cropped = try wrap(tensor: output.id) { () throws(TensorError) in try data.slice(ranges) }
            result[output.id] = try tensor.replacingData(cropped)
        }
        return result
    }
}
