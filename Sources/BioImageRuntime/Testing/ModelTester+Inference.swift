import BioImageSpec
import BioImageTensor

extension ModelTester {
    /// The size an output axis must have in an inference check.
    enum ExpectedSize: Hashable, CustomStringConvertible {
        /// Exactly this size.
        case exactly(Int)
        /// Known only after inference, within bounds.
        case within(DataDependentSize)

        func accepts(_ size: Int) -> Bool {
            switch self {
            case .exactly(let value): return size == value
            case .within(let range): return range.problem(withSize: size) == nil
            }
        }

        var description: String {
            switch self {
            case .exactly(let value): return "\(value)"
            case .within(let range): return "DataDependentSize(min=\(range.min), max=\(range.max.map(String.init) ?? "None"))"
            }
        }
    }

    /// The (batch size, n) cases of the inference checks, in the order they run (notes §e.5):
    /// n ∈ {0, 1, 2} when some input axis is parameterized, else {0}; batch sizes {1, 2} when every
    /// batch axis is free, the fixed ones when some are fixed, {1} without batch axis.
    static func inferenceCases(of model: ModelDescription) -> [(batchSize: Int, n: Int)] {
        let parameterized = model.inputs.contains { $0.axes.contains { if case .parameterized = $0.size { return true } else { return false } } }
        let ns = parameterized ? [0, 1, 2] : [0]
        var batchAxes: [BatchAxis] = []
        for input in model.inputs {
            for axis in input.axes { if case .batch(let batch) = axis { batchAxes.append(batch) } }
        }
        let batchSizes: [Int]
        if batchAxes.isEmpty {
            batchSizes = [1]
        } else {
            let fixed = Set(batchAxes.compactMap(\.size)).sorted()
            batchSizes = fixed.isEmpty ? [1, 2] : fixed
        }
        return batchSizes.flatMap { b in ns.map { (batchSize: b, n: $0) } }
    }

    /// The input sizes for size parameter `n` and `batchSize`, and the expected output sizes
    /// (the reference's `get_axis_sizes`), by tensor id then axis id.
    static func axisSizes(of model: ModelDescription, n: Int, batchSize: Int) throws(RuntimeError)
        -> (inputs: [String: [String: Int]], outputs: [String: [String: ExpectedSize]]) {
        var inputs: [String: [String: Int]] = [:]
        var pending: [(tensor: String, axis: Axis, reference: SizeReference)] = []
        for input in model.inputs {
            var sizes: [String: Int] = [:]
            for axis in input.axes {
                if case .batch = axis { sizes[axis.id] = batchSize; continue }
                switch axis.size {
                case .fixed(let value)?: sizes[axis.id] = value
                case .parameterized(let parameterized)?: sizes[axis.id] = parameterized.size(n: n)
                case .reference(let reference)?: pending.append((input.id, axis, reference))
                case .dataDependent?, nil:
                    throw RuntimeError(.unsupportedModel, "input axis has no size usable for inference", tensor: input.id, axis: axis.id)
                }
            }
            inputs[input.id] = sizes
        }
        // Resolve input references (possibly chained) until nothing changes.
        while !pending.isEmpty {
            let before = pending.count
            var unresolved: [(tensor: String, axis: Axis, reference: SizeReference)] = []
            for item in pending {
                if let size = try resolve(item.reference, scale: item.axis.scale, in: model, sizes: inputs) {
                    inputs[item.tensor, default: [:]][item.axis.id] = size
                } else {
                    unresolved.append(item)
                }
            }
            pending = unresolved
            if pending.count == before, let item = pending.first {
                throw RuntimeError(.unsupportedModel, "the size reference to '\(item.reference.tensorID).\(item.reference.axisID)' cannot be resolved",
                                   tensor: item.tensor, axis: item.axis.id)
            }
        }
        var outputs: [String: [String: ExpectedSize]] = [:]
        for output in model.outputs {
            var sizes: [String: ExpectedSize] = [:]
            for axis in output.axes {
                if case .batch = axis { sizes[axis.id] = .exactly(batchSize); continue }
                switch axis.size {
                case .fixed(let value)?: sizes[axis.id] = .exactly(value)
                case .dataDependent(let range)?: sizes[axis.id] = .within(range)
                case .reference(let reference)?:
                    guard let size = try resolve(reference, scale: axis.scale, in: model, sizes: inputs) else {
                        throw RuntimeError(.unsupportedModel, "the size reference to '\(reference.tensorID).\(reference.axisID)' is not an input axis",
                                           tensor: output.id, axis: axis.id)
                    }
                    sizes[axis.id] = .exactly(size)
                case .parameterized?, nil:
                    throw RuntimeError(.unsupportedModel, "output axis has no expected size", tensor: output.id, axis: axis.id)
                }
            }
            outputs[output.id] = sizes
        }
        return (inputs, outputs)
    }

    /// The size `reference` gives, once the referenced input axis is known.
    static func resolve(_ reference: SizeReference, scale: Double, in model: ModelDescription,
                        sizes: [String: [String: Int]]) throws(RuntimeError) -> Int? {
        guard let referenced = sizes[reference.tensorID]?[reference.axisID] else { return nil }
        let referenceScale = model.inputs.first { $0.id == reference.tensorID }?.axes.first { $0.id == reference.axisID }?.scale ?? 1
        return reference.size(referenceSize: referenced, referenceScale: referenceScale, scale: scale)
    }

    /// "Run <format> inference for inputs with batch_size: B and size parameter n: N", one detail per
    /// distinct set of input sizes; an error while running stops the checks with one detail
    /// "Run <format> inference for parametrized inputs", as in the reference.
    func inferenceChecks(_ model: PreparedModel, runtime: any ModelRuntime, format: WeightsFormat) -> [ModelTestDetail] {
        let loc: ModelTestDetail.Location = [.key("weights"), .key(format.rawValue)]
        var details: [ModelTestDetail] = []
        do {
            let description = model.description
            let testInputs = try Self.testInputs(of: model)
            let plan = try ProcessingPlan(model: model)
            var tested: Set<[String: [String: Int]]> = []
            for (batchSize, n) in Self.inferenceCases(of: description) {
                let (inputSizes, expected) = try Self.axisSizes(of: description, n: n, batchSize: batchSize)
                guard tested.insert(inputSizes).inserted else { continue }
                var sample = Sample()
                for (id, tensor) in testInputs.members {
                    sample[id] = try Self.resized(tensor, to: inputSizes[id] ?? [:], id: id)
                }
                let result = try PredictionPipeline(model: model, runtime: runtime, processing: plan).forward(sample)
                var error: String?
                if result.members.count != expected.count {
                    error = "Expected \(expected.count) outputs, but got \(result.members.count)"
                } else {
                    for output in description.outputs {
                        guard let exp = expected[output.id] else { continue }
                        guard let actual = result[output.id] else {
                            error = "Output tensors may not be None for test case (the runtime returned no output '\(output.id)')"
                            break
                        }
                        var diff: [(String, String)] = []
                        for (axis, size) in zip(actual.axes, actual.shape) where !(exp[axis]?.accepts(size) ?? false) {
                            diff.append((axis, "\(size)"))
                        }
                        if !diff.isEmpty {
                            let wanted = output.axes.map { ($0.id, exp[$0.id]?.description ?? "?") }
                            error = "(n=\(n)) Expected output shape \(Self.dictionary(wanted)), but got \(Self.sizes(actual)) (diff: \(Self.dictionary(diff)))"
                            break
                        }
                    }
                }
                details.append(ModelTestDetail(name: "Run \(format.rawValue) inference for inputs with batch_size: \(batchSize) and size parameter n: \(n)",
                                               loc: loc, errors: error.map { [ModelTestEntry(loc: loc, message: $0)] } ?? []))
            }
        } catch {
            details.append(ModelTestDetail(name: "Run \(format.rawValue) inference for parametrized inputs", loc: loc,
                                           errors: [ModelTestEntry(loc: loc, message: error.description)]))
        }
        return details
    }

    /// Resizes a test input to `sizes` (axis id → size): per axis a centred crop
    /// (start `(S − T) / 2`) or a symmetric pad (`d / 2` before, the rest after), as the
    /// reference's `resize_to`.
    static func resized(_ tensor: LabeledTensor, to sizes: [String: Int], id: String) throws(RuntimeError) -> LabeledTensor {
        var ranges: [Range<Int>] = []
        var widths: [(before: Int, after: Int)] = []
        var needsSlice = false, needsPad = false
        for (axis, size) in zip(tensor.axes, tensor.shape) {
            let target = sizes[axis] ?? size
            guard target > 0 else { throw RuntimeError(.invalidSize, "target size \(target) is not positive", tensor: id, axis: axis) }
            if target < size {
                let start = (size - target) / 2
                ranges.append(start..<(start + target))
                widths.append((0, 0))
                needsSlice = true
            } else {
                ranges.append(0..<size)
                let difference = target - size
                widths.append((difference / 2, difference - difference / 2))
                needsPad = needsPad || difference > 0
            }
        }
        var data = tensor.tensor
        if needsSlice {
            data = try wrap(tensor: id) { () throws(TensorError) in try data.slice(ranges) }
        }
        if needsPad {
            data = try wrap(tensor: id) { () throws(TensorError) in try data.padded(widths, mode: .symmetric) }
        }
        return try tensor.replacingData(data)
    }
}
