import BioImageSpec
import BioImageTensor

/// Turns described processing steps (format 0.5, or 0.4 with its own runtime rules) into
/// ``ProcessingOperation``s, choosing sample or dataset statistics as bioimageio.core does
/// (notes §d.0).
struct StepResolver {
    /// The tensor the step belongs to.
    var tensor: String
    /// The tensor's described axis ids.
    var axes: [String]
    /// Whether the step is preprocessing (of an input).
    var isInput: Bool
    /// The step's position in its list.
    var index: Int

    private var location: String { "\(isInput ? "input" : "output") '\(tensor)': \(isInput ? "preprocessing" : "postprocessing") step \(index)" }

    /// Dataset statistics when `axes` is `nil` or lists `batch`, else sample statistics.
    static func isDatasetMode(_ axes: [String]?) -> Bool { axes.map { $0.contains("batch") } ?? true }

    /// Resolves one 0.5 step.
    func operation(_ step: ProcessingStep) throws(RuntimeError) -> ProcessingOperation {
        switch step {
        case .binarize(.threshold(let threshold)):
            return .binarize(.init(values: [threshold], axis: nil))
        case .binarize(.alongAxis(let thresholds, let axis)):
            try requireAxis(axis, step.id)
            return .binarize(.init(values: thresholds, axis: axis))
        case .clip(let kwargs):
            let dataset = Self.isDatasetMode(kwargs.axes)
            func quantile(_ percentile: Double) -> ProcessingOperation.ClipBound {
                .measure(Measure(dataset ? .dataset : .sample, .quantile(percentile / 100, method: dataset ? .linear : .invertedCDF), of: tensor, over: kwargs.axes))
            }
            let lower = kwargs.min.map { ProcessingOperation.ClipBound.value($0) } ?? kwargs.minPercentile.map(quantile)
            let upper = kwargs.max.map { ProcessingOperation.ClipBound.value($0) } ?? kwargs.maxPercentile.map(quantile)
            return try clip(lower: lower, upper: upper)
        case .ensureDtype(let dataType):
            return .ensureDtype(try dtype(dataType.rawValue))
        case .fixedZeroMeanUnitVariance(.scalar(let mean, let std)):
            return .fixedZeroMeanUnitVariance(mean: .init(values: [mean], axis: nil), std: .init(values: [std], axis: nil))
        case .fixedZeroMeanUnitVariance(.alongAxis(let mean, let std, let axis)):
            try requireAxis(axis, step.id)
            return .fixedZeroMeanUnitVariance(mean: .init(values: mean, axis: axis), std: .init(values: std, axis: axis))
        case .scaleLinear(let kwargs):
            guard let axis = kwargs.axis else {
                return .scaleLinear(gain: .init(values: [kwargs.gain.first ?? 1], axis: nil), offset: .init(values: [kwargs.offset.first ?? 0], axis: nil))
            }
            try requireAxis(axis, step.id)
            return .scaleLinear(gain: .init(values: kwargs.gain, axis: axis), offset: .init(values: kwargs.offset, axis: axis))
        case .scaleMeanVariance(let kwargs):
            return scaleMeanVariance(reference: kwargs.referenceTensor, axes: kwargs.axes, eps: kwargs.eps)
        case .scaleRange(let kwargs):
            return try scaleRange(axes: kwargs.axes, dataset: Self.isDatasetMode(kwargs.axes), minPercentile: kwargs.minPercentile,
                                  maxPercentile: kwargs.maxPercentile, eps: kwargs.eps, reference: kwargs.referenceTensor)
        case .sigmoid:
            return .sigmoid
        case .softmax(let axis):
            try requireAxis(axis, step.id)
            return .softmax(axis: axis)
        case .zeroMeanUnitVariance(let kwargs):
            return zeroMeanUnitVariance(axes: kwargs.axes, dataset: Self.isDatasetMode(kwargs.axes), eps: kwargs.eps)
        case .unsupported(let unsupported):
            let needs: String
            switch unsupported.id {
            case "stardist_postprocessing": needs = "it needs the Python package stardist"
            case "cellpose_flow_dynamics": needs = "it needs the Python package cellpose"
            case "custom": needs = "it runs a Python callable"
            default: needs = "no Swift implementation exists"
            }
            throw RuntimeError(.unsupportedStep, "\(location) '\(unsupported.id)' cannot run in Swift (\(needs))", tensor: tensor)
        }
    }

    private func requireAxis(_ axis: String, _ id: String) throws(RuntimeError) {
        guard axes.contains(axis) else {
            throw RuntimeError(.axisMismatch, "\(location) '\(id)' works along axis '\(axis)', which the tensor \(axes) does not have", tensor: tensor, axis: axis)
        }
    }

    private func dtype(_ name: String) throws(RuntimeError) -> DType {
        guard let dtype = DType(rawValue: name) else {
            throw RuntimeError(.unsupportedStep, "\(location) 'ensure_dtype': unknown data type '\(name)'", tensor: tensor)
        }
        return dtype
    }

    private func clip(lower: ProcessingOperation.ClipBound?, upper: ProcessingOperation.ClipBound?) throws(RuntimeError) -> ProcessingOperation {
        guard lower != nil || upper != nil else {
            throw RuntimeError(.unsupportedStep, "\(location) 'clip': missing min or max value", tensor: tensor)
        }
        if case .value(let low)? = lower, case .value(let high)? = upper, !(low < high) {
            throw RuntimeError(.unsupportedStep, "\(location) 'clip': expected min < max, but \(low) >= \(high)", tensor: tensor)
        }
        if case .measure(let low)? = lower, case .measure(let high)? = upper, !(low.quantile < high.quantile) {
            throw RuntimeError(.unsupportedStep, "\(location) 'clip': expected min quantile < max quantile, but \(low.quantile) >= \(high.quantile)", tensor: tensor)
        }
        return .clip(lower: lower, upper: upper)
    }

    private func zeroMeanUnitVariance(axes: [String]?, dataset: Bool, eps: Double) -> ProcessingOperation {
        let scope: Measure.Scope = dataset ? .dataset : .sample
        return .zeroMeanUnitVariance(mean: Measure(scope, .mean, of: tensor, over: axes),
                                     std: Measure(scope, .standardDeviation, of: tensor, over: axes), eps: eps)
    }

    private func scaleRange(axes: [String]?, dataset: Bool, minPercentile: Double, maxPercentile: Double, eps: Double, reference: String?) throws(RuntimeError) -> ProcessingOperation {
        guard minPercentile < maxPercentile, minPercentile >= 0, maxPercentile <= 100 else {
            throw RuntimeError(.unsupportedStep, "\(location) 'scale_range': expected 0 <= min_percentile < max_percentile <= 100, got \(minPercentile) and \(maxPercentile)", tensor: tensor)
        }
        let scope: Measure.Scope = dataset ? .dataset : .sample
        let member = reference ?? tensor
        return .scaleRange(lower: Measure(scope, .quantile(minPercentile / 100, method: .linear), of: member, over: axes),
                           upper: Measure(scope, .quantile(maxPercentile / 100, method: .linear), of: member, over: axes), eps: eps)
    }

    /// Sample statistics unless `axes` lists `batch` (a null `axes` means sample mode here).
    private func scaleMeanVariance(reference: String, axes: [String]?, eps: Double) -> ProcessingOperation {
        let scope: Measure.Scope = axes?.contains("batch") == true ? .dataset : .sample
        return .scaleMeanVariance(mean: Measure(scope, .mean, of: tensor, over: axes), std: Measure(scope, .standardDeviation, of: tensor, over: axes),
                                  referenceMean: Measure(scope, .mean, of: reference, over: axes),
                                  referenceStd: Measure(scope, .standardDeviation, of: reference, over: axes), eps: eps)
    }

    // MARK: - Format 0.4

    /// The 0.5 axis id of a 0.4 axis letter.
    static func axisID(_ letter: Character) -> String {
        switch letter {
        case "b": return "batch"
        case "t": return "time"
        case "i": return "index"
        case "c", "s": return "channel"
        default: return String(letter).lowercased()
        }
    }

    /// The steps of a 0.4 model, from its original description (ids and axes from the 0.5 conversion).
    static func legacy(_ old: ModelDescriptionV04, converted: ModelDescription) throws(RuntimeError)
        -> (inputs: [ProcessingPlan.TensorSteps], outputs: [ProcessingPlan.TensorSteps]) {
        var inputs: [ProcessingPlan.TensorSteps] = []
        for (position, input) in old.inputs.enumerated() {
            let id = position < converted.inputs.count ? converted.inputs[position].id : input.name
            let resolver = StepResolver(tensor: id, axes: input.axes.map(axisID), isInput: true, index: 0)
            let operations = try resolver.legacySteps(input.preprocessing, letters: input.axes, dataType: input.dataType)
            inputs.append(.init(id: id, axes: resolver.axes, optional: false, operations: operations))
        }
        var outputs: [ProcessingPlan.TensorSteps] = []
        for (position, output) in old.outputs.enumerated() {
            let id = position < converted.outputs.count ? converted.outputs[position].id : output.name
            let resolver = StepResolver(tensor: id, axes: output.axes.map(axisID), isInput: false, index: 0)
            let operations = try resolver.legacySteps(output.postprocessing, letters: output.axes, dataType: output.dataType)
            outputs.append(.init(id: id, axes: resolver.axes, optional: false, operations: operations))
        }
        // Reference tensors name 0.4 tensors; map them to the converted ids.
        let names = Dictionary(zip(old.inputs.map(\.name) + old.outputs.map(\.name), inputs.map(\.id) + outputs.map(\.id)), uniquingKeysWith: { a, _ in a })
        func renamed(_ steps: [ProcessingPlan.TensorSteps]) -> [ProcessingPlan.TensorSteps] {
            steps.map { steps in
                var steps = steps
                steps.operations = steps.operations.map { $0.renamingMembers(names) }
                return steps
            }
        }
        return (renamed(inputs), renamed(outputs))
    }

    /// `ensure_dtype(data_type)`, the steps, `ensure_dtype(float32)`; only the last when there are no steps.
    private func legacySteps(_ steps: [ProcessingStepV04], letters: String, dataType: String) throws(RuntimeError) -> [ProcessingOperation] {
        var operations: [ProcessingOperation] = []
        if !steps.isEmpty {
            var leading = self
            leading.index = 0
            operations.append(.ensureDtype(try leading.dtype(dataType)))
        }
        for (index, step) in steps.enumerated() {
            var resolver = self
            resolver.index = index
            operations.append(try resolver.legacyOperation(step, letters: letters))
        }
        operations.append(.ensureDtype(.float32))
        return operations
    }

    /// The statistics axes of a 0.4 `mode`/`axes` pair: `per_dataset` prepends `batch`.
    private func legacyAxes(_ letters: String, mode: String) -> (dataset: Bool, axes: [String]) {
        let axes = letters.map(Self.axisID)
        return mode == "per_dataset" ? (true, ["batch"] + axes.filter { $0 != "batch" }) : (false, axes)
    }

    /// The one tensor axis (other than batch) a 0.4 per-axis list runs along: the complement of `letters`.
    private func complementAxis(_ letters: String, tensorLetters: String, count: Int, _ id: String) throws(RuntimeError) -> String {
        let joint = Set(letters.map(Self.axisID))
        let rest = tensorLetters.map(Self.axisID).filter { $0 != "batch" && !joint.contains($0) }
        guard rest.count == 1 else {
            throw RuntimeError(.unsupportedStep, "\(location) '\(id)': \(count) values over axes '\(letters)' do not name one axis of '\(tensorLetters)'", tensor: tensor)
        }
        return rest[0]
    }

    private func legacyOperation(_ step: ProcessingStepV04, letters: String) throws(RuntimeError) -> ProcessingOperation {
        switch step {
        case .binarize(let threshold):
            return .binarize(.init(values: [threshold], axis: nil))
        case .clip(let min, let max):
            return try clip(lower: .value(min), upper: .value(max))
        case .scaleLinear(let axes, let gain, let offset):
            // Core raises NotImplementedError for `axes`; a single gain and offset scale jointly
            // whatever the axes, and lists run along the one axis not listed (the 0.5 conversion).
            if gain.values.count <= 1 && offset.values.count <= 1 {
                return .scaleLinear(gain: .init(values: [gain.values.first ?? 1], axis: nil), offset: .init(values: [offset.values.first ?? 0], axis: nil))
            }
            let axis = try complementAxis(axes ?? "", tensorLetters: letters, count: max(gain.values.count, offset.values.count), step.name)
            return .scaleLinear(gain: .init(values: gain.values, axis: axis), offset: .init(values: offset.values, axis: axis))
        case .sigmoid:
            return .sigmoid
        case .zeroMeanUnitVariance(let mode, let axes, let mean, let std, _):
            if mode == "fixed" {
                let means = mean?.values ?? [], stds = std?.values ?? []
                guard !means.isEmpty, means.count == stds.count || stds.count == 1 || means.count == 1 else {
                    throw RuntimeError(.unsupportedStep, "\(location) 'zero_mean_unit_variance': fixed mode needs mean and std of matching length", tensor: tensor)
                }
                if means.count == 1 && stds.count == 1 {
                    return .fixedZeroMeanUnitVariance(mean: .init(values: means, axis: nil), std: .init(values: stds, axis: nil))
                }
                let axis = try complementAxis(axes, tensorLetters: letters, count: Swift.max(means.count, stds.count), step.name)
                return .fixedZeroMeanUnitVariance(mean: .init(values: means, axis: axis), std: .init(values: stds, axis: axis))
            }
            let (dataset, names) = legacyAxes(axes, mode: mode)
            return zeroMeanUnitVariance(axes: names, dataset: dataset, eps: 1e-6)
        case .scaleRange(let mode, let axes, let minPercentile, let maxPercentile, let eps, let reference):
            let (dataset, names) = legacyAxes(axes, mode: mode)
            return try scaleRange(axes: names, dataset: dataset, minPercentile: minPercentile, maxPercentile: maxPercentile, eps: eps, reference: reference)
        case .scaleMeanVariance(let mode, let reference, let axes, let eps):
            let names = axes.map { legacyAxes($0, mode: mode).axes }
            return scaleMeanVariance(reference: reference, axes: names, eps: eps)
        }
    }
}

extension ProcessingOperation {
    /// The same step with measured tensor ids replaced through `names` (0.4 names → 0.5 ids).
    func renamingMembers(_ names: [String: String]) -> ProcessingOperation {
        func rename(_ m: Measure) -> Measure {
            var m = m
            m.member = names[m.member] ?? m.member
            return m
        }
        switch self {
        case .clip(let lower, let upper):
            func bound(_ b: ClipBound?) -> ClipBound? {
                if case .measure(let m)? = b { return .measure(rename(m)) }
                return b
            }
            return .clip(lower: bound(lower), upper: bound(upper))
        case .zeroMeanUnitVariance(let mean, let std, let eps): return .zeroMeanUnitVariance(mean: rename(mean), std: rename(std), eps: eps)
        case .scaleRange(let lower, let upper, let eps): return .scaleRange(lower: rename(lower), upper: rename(upper), eps: eps)
        case .scaleMeanVariance(let a, let b, let c, let d, let eps):
            return .scaleMeanVariance(mean: rename(a), std: rename(b), referenceMean: rename(c), referenceStd: rename(d), eps: eps)
        default: return self
        }
    }
}
