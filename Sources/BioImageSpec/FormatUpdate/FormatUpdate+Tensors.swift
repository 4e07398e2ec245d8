import BioImageYAML

extension FormatUpdate {
    /// A converted axis size: a fixed int, `{min, step}`, `{tensor_id, axis_id, offset}`, or a
    /// data-dependent `{min}`.
    enum Size {
        /// A fixed size.
        case fixed(Int)
        /// `min + n·step`.
        case parameterized(min: Int, step: Int)
        /// The size of another tensor's axis plus `offset`.
        case reference(tensor: String, axis: String, offset: Int)
        /// Known only after running the model (at least `min`).
        case dataDependent(min: Int)

        /// The size as written in a 0.5 description (defaults left out).
        var node: YAMLNode {
            switch self {
            case .fixed(let value): return .int(value)
            case .parameterized(let min, let step): return .mapping(["min": .int(min), "step": .int(step)])
            case .reference(let tensor, let axis, let offset):
                var node: YAMLMapping = ["tensor_id": .string(tensor), "axis_id": .string(axis)]
                if offset != 0 { node["offset"] = .int(offset) }
                return .mapping(node)
            case .dataDependent(let min):
                return .mapping(min != 1 ? ["min": .int(min)] : [:])
            }
        }
    }

    /// The 0.5 axis id of a 0.4 axis letter (`b` batch, `t` time, `i` index, `c` channel; others as is).
    static func axisID(_ letter: Character) -> String {
        switch letter {
        case "b": return "batch"
        case "t": return "time"
        case "i": return "index"
        case "c", "s": return "channel"
        default: return String(letter).lowercased()
        }
    }

    /// The axis sizes of every input (from a fixed shape or `min`) and fixed-shape output, by letter.
    static func sizeReferences(_ model: ModelDescriptionV04) -> [String: [Character: Int]] {
        var refs: [String: [Character: Int]] = [:]
        for output in model.outputs {
            if case .fixed(let sizes) = output.shape { refs[output.name] = Dictionary(zip(output.axes, sizes), uniquingKeysWith: { _, b in b }) }
        }
        for input in model.inputs {
            refs[input.name] = Dictionary(zip(input.axes, input.shape.minimum), uniquingKeysWith: { _, b in b })
        }
        return refs
    }

    /// The converted `inputs`, zipped by position with `test_inputs` and `sample_inputs`.
    static func inputNodes(_ model: ModelDescriptionV04) throws(Failure) -> [YAMLNode] {
        let samples: [String?] = model.sampleInputs.isEmpty ? Array(repeating: nil, count: model.testInputs.count) : model.sampleInputs
        var nodes: [YAMLNode] = []
        for (index, input) in model.inputs.enumerated() where index < model.testInputs.count && index < samples.count {
            let path: FieldPath = ["inputs", .index(index)]
            var node = YAMLMapping()
            try checkTensorID(input.name, path: path)
            if input.name != "input" { node["id"] = .string(input.name) }
            node["axes"] = .sequence(try axisNodes(letters: input.axes, sizes: try inputSizes(input, path: path), output: false, halo: nil,
                                                   scales: nil, path: path))
            node["test_tensor"] = fileNode(model.testInputs[index])
            if let sample = samples[index] { node["sample_tensor"] = fileNode(sample) }
            if input.dataType != "float32" { node["data"] = .mapping(["type": .string(input.dataType)]) }
            var steps: [YAMLNode] = []
            for (stepIndex, step) in input.preprocessing.enumerated() {
                steps.append(try processingNode(step, tensorAxes: input.axes, path: path.appending("preprocessing").appending(stepIndex)))
            }
            // The converter appends a cast to float32; the 0.5 validator then makes sure the
            // steps begin with a cast to the tensor's data type.
            steps.append(ensureDtype("float32"))
            if input.preprocessing.first != nil { steps.insert(ensureDtype(input.dataType), at: 0) }
            node["preprocessing"] = .sequence(steps)
            nodes.append(.mapping(node))
        }
        return nodes
    }

    /// The converted `outputs`, zipped by position with `test_outputs` and `sample_outputs`.
    static func outputNodes(_ model: ModelDescriptionV04) throws(Failure) -> [YAMLNode] {
        let refs = sizeReferences(model)
        let samples: [String?] = model.sampleOutputs.isEmpty ? Array(repeating: nil, count: model.testOutputs.count) : model.sampleOutputs
        var nodes: [YAMLNode] = []
        for (index, output) in model.outputs.enumerated() where index < model.testOutputs.count && index < samples.count {
            let path: FieldPath = ["outputs", .index(index)]
            var sizes: [Size] = []
            var scales: [Double] = []
            let letters = Array(output.axes)
            switch output.shape {
            case .fixed(let values):
                sizes = values.map { .fixed($0) }
                scales = Array(repeating: 1, count: values.count)
            case .implicit(let reference, let scale, let offset):
                for position in letters.indices {
                    guard position < scale.count, position < offset.count else { break }
                    let letter = letters[position]
                    if let factor = scale[position], factor != 0 {
                        let kind = axisKind(letter)
                        let extra = (kind == "channel" || kind == "index") ? factor * Double(refs[reference]?[letter] ?? 0) : 0
                        sizes.append(.reference(tensor: reference, axis: axisID(letter), offset: try truncated(extra + 2 * offset[position], path: path)))
                        scales.append(1 / factor)
                    } else {
                        sizes.append(.fixed(try truncated(2 * offset[position], path: path)))
                        scales.append(1)
                    }
                }
            }
            var node = YAMLMapping()
            try checkTensorID(output.name, path: path)
            if output.name != "output" { node["id"] = .string(output.name) }
            node["axes"] = .sequence(try axisNodes(letters: output.axes, sizes: sizes, output: true, halo: output.halo, scales: scales, path: path))
            node["test_tensor"] = fileNode(model.testOutputs[index])
            if let sample = samples[index] { node["sample_tensor"] = fileNode(sample) }
            if output.dataType == "bool" {
                node["data"] = .mapping(["values": .sequence([.bool(false), .bool(true)]), "type": .string("bool")])
            } else if output.dataType != "float32" {
                node["data"] = .mapping(["type": .string(output.dataType)])
            }
            var steps: [YAMLNode] = []
            for (stepIndex, step) in output.postprocessing.enumerated() {
                steps.append(try processingNode(step, tensorAxes: output.axes, path: path.appending("postprocessing").appending(stepIndex)))
            }
            if output.postprocessing.last.map({ if case .binarize = $0 { return false } else { return true } }) ?? true {
                steps.append(ensureDtype(output.dataType))
            }
            if !steps.isEmpty { node["postprocessing"] = .sequence(steps) }
            nodes.append(.mapping(node))
        }
        return nodes
    }

    /// A 0.4 tensor name must also be a 0.5 tensor id (at most 32 characters).
    static func checkTensorID(_ name: String, path: FieldPath) throws(Failure) {
        if name.unicodeScalars.count > 32 {
            throw Failure(message: "Value should have at most 32 items after validation, not \(name.unicodeScalars.count)", path: path.appending("name"))
        }
    }

    /// Python's `int(x)` for a size computed from floats; values no size can have are a failure.
    static func truncated(_ value: Double, path: FieldPath) throws(Failure) -> Int {
        guard value.isFinite, abs(value) < 1e15 else { throw Failure(message: "size \(value) out of range", path: path.appending("shape")) }
        return Int(value.rounded(.towardZero))
    }

    /// The largest channel axis converted (its channel names are listed one by one).
    static let maximumChannelCount = 1_000_000

    /// The sizes of an input's axes: fixed, or from `min`/`step` (a zero step gives a fixed size).
    static func inputSizes(_ input: InputTensorV04, path: FieldPath) throws(Failure) -> [Size] {
        switch input.shape {
        case .fixed(let values): return values.map { .fixed($0) }
        case .parameterized(let min, let step):
            return zip(min, step).map { $1 == 0 ? .fixed($0) : .parameterized(min: $0, step: $1) }
        }
    }

    /// The axis type of a 0.4 letter.
    static func axisKind(_ letter: Character) -> String {
        switch letter {
        case "b": return "batch"
        case "t": return "time"
        case "i": return "index"
        case "c": return "channel"
        default: return "space"
        }
    }

    /// The 0.5 axes of a tensor (`convert_axes` in the reference).
    static func axisNodes(letters: String, sizes: [Size], output: Bool, halo: [Int]?, scales: [Double]?, path: FieldPath) throws(Failure) -> [YAMLNode] {
        var nodes: [YAMLNode] = []
        for (position, letter) in letters.enumerated() {
            let kind = axisKind(letter)
            if kind == "batch" {
                nodes.append(.mapping(["type": .string("batch")]))
                continue
            }
            guard position < sizes.count else { break }
            var size = sizes[position]
            let scale = scales.map { position < $0.count ? $0[position] : 1 } ?? 1
            var node = YAMLMapping()
            switch kind {
            case "channel":
                let count: Int
                switch size {
                case .fixed(let value): count = value
                case .reference(_, _, let offset): count = offset
                default: throw Failure(message: "channel axis with a parameterized size", path: path.appending("axes"))
                }
                guard count <= maximumChannelCount else {
                    throw Failure(message: "channel axis of size \(count) is too large to convert", path: path.appending("axes"))
                }
                node["type"] = .string("channel")
                node["channel_names"] = .sequence((0..<max(0, count)).map { .string("channel\($0)") })
            case "index":
                if output {
                    if case .parameterized(let min, _) = size { size = .dataDependent(min: min) }
                    node["type"] = .string("index")
                    node["size"] = size.node
                } else {
                    node["size"] = size.node
                    node["type"] = .string("index")
                }
            default:
                let haloValue: Int? = {
                    guard output, let halo, position < halo.count else { return nil }
                    if kind == "time" { return halo[position] }
                    return halo[position] == 0 ? nil : halo[position]
                }()
                if let haloValue {
                    if case .fixed(let fixed) = size {
                        throw Failure(message: "output axis with halo and fixed size (here \(fixed)) not allowed", path: path.appending("halo"))
                    }
                    node["halo"] = .int(haloValue)
                }
                node["size"] = size.node
                if kind == "space", letter != "x" { node["id"] = .string(String(letter)) }
                node["type"] = .string(kind)
                if scale != 1 { node["scale"] = .float(scale) }
            }
            nodes.append(.mapping(node))
        }
        return nodes
    }

    /// `{id: ensure_dtype, kwargs: {dtype}}`.
    static func ensureDtype(_ dtype: String) -> YAMLNode {
        .mapping(["id": .string("ensure_dtype"), "kwargs": .mapping(["dtype": .string(dtype)])])
    }

    /// The tensor's axis letter left over when `axes` and `b` are removed (none or one).
    static func complementAxis(_ tensorAxes: String, _ axes: String?, path: FieldPath) throws(Failure) -> String? {
        guard let axes else { return nil }
        let complement = tensorAxes.filter { !axes.contains($0) && $0 != "b" }
        if complement.count > 1 {
            let listed = "[" + complement.map { "'\($0)'" }.joined(separator: ", ") + "]"
            throw Failure(message: "Expected none or a single complement axis, but axes '\(axes)' for tensor dims '\(tensorAxes)' leave '\(listed)'.",
                          path: path)
        }
        return complement.first.map { axisID($0) }
    }

    /// A float or list of floats as a node.
    static func numberNode(_ value: FloatOrList) -> YAMLNode {
        switch value {
        case .scalar(let x): return .float(x)
        case .list(let xs): return .sequence(xs.map { .float($0) })
        }
    }

    /// Axis letters as a list of 0.5 axis ids.
    static func axisIDs(_ letters: String) -> YAMLNode { .sequence(letters.map { .string(axisID($0)) }) }

    /// One converted processing step (`_convert_proc` in the reference), defaults left out.
    static func processingNode(_ step: ProcessingStepV04, tensorAxes: String, path: FieldPath) throws(Failure) -> YAMLNode {
        var kwargs = YAMLMapping()
        let id: String
        switch step {
        case .binarize(let threshold):
            id = "binarize"
            kwargs["threshold"] = .float(threshold)
        case .clip(let min, let max):
            id = "clip"
            kwargs["min"] = .float(min)
            kwargs["max"] = .float(max)
        case .sigmoid:
            return .mapping(["id": .string("sigmoid")])
        case .scaleLinear(let axes, let gain, let offset):
            id = "scale_linear"
            if let axis = try complementAxis(tensorAxes, axes, path: path) {
                kwargs["axis"] = .string(axis)
                if gain != .scalar(1) { kwargs["gain"] = numberNode(gain) }
                if offset != .scalar(0) { kwargs["offset"] = numberNode(offset) }
            } else {
                guard case .scalar(let g) = gain, case .scalar(let o) = offset else {
                    throw Failure(message: "Expected scalar gain and offset without a complement axis", path: path)
                }
                if g != 1 { kwargs["gain"] = .float(g) }
                if o != 0 { kwargs["offset"] = .float(o) }
            }
        case .scaleMeanVariance(_, let reference, let axes, let eps):
            id = "scale_mean_variance"
            kwargs["reference_tensor"] = .string(reference)
            if let axes { kwargs["axes"] = axisIDs(axes) }
            if eps != 1e-6 { kwargs["eps"] = .float(eps) }
        case .zeroMeanUnitVariance(let mode, let axes, let mean, let std, let eps):
            if mode == "fixed" {
                id = "fixed_zero_mean_unit_variance"
                guard let mean, let std else { throw Failure(message: "`mean` and `std` are required for `mode: fixed`.", path: path) }
                if let axis = try complementAxis(tensorAxes, axes, path: path) {
                    kwargs["mean"] = .sequence(mean.values.map { .float($0) })
                    kwargs["std"] = .sequence(std.values.map { .float($0) })
                    kwargs["axis"] = .string(axis)
                } else {
                    guard case .scalar(let m) = mean else { throw Failure(message: "Expected single float value for mean, not <list>", path: path) }
                    guard case .scalar(let s) = std else { throw Failure(message: "Expected single float value for std, not <list>", path: path) }
                    kwargs["mean"] = .float(m)
                    kwargs["std"] = .float(s)
                }
            } else {
                id = "zero_mean_unit_variance"
                let ids = (mode == "per_dataset" ? ["batch"] : []) + axes.map { axisID($0) }
                if !ids.isEmpty { kwargs["axes"] = .sequence(ids.map { .string($0) }) }
                if eps != 1e-6 { kwargs["eps"] = .float(eps) }
            }
        case .scaleRange(_, let axes, let minPercentile, let maxPercentile, let eps, _):
            id = "scale_range"
            kwargs["axes"] = axisIDs(axes)
            if minPercentile != 0 { kwargs["min_percentile"] = .float(minPercentile) }
            if maxPercentile != 100 { kwargs["max_percentile"] = .float(maxPercentile) }
            if eps != 1e-6 { kwargs["eps"] = .float(eps) }
        }
        return .mapping(["id": .string(id), "kwargs": .mapping(kwargs)])
    }
}
