import BioImageTensor
import BioImageYAML
import Foundation

/// The model checks that read referenced files (notes §b.1 T6/T7, §b.4 M2, §a.2 documentation),
/// run only with ``ValidationOptions/performIOChecks`` and a ``ValidationFileAccess``; array
/// shapes, image dimensions and text are derived here from the file bytes.
///
/// The shape rules themselves are pure functions of the array shapes, so they are usable (and
/// tested) without any file.
enum ModelIOChecks {
    /// The file access when io checks are on.
    static func access(_ context: ValidationContext) -> (any ValidationFileAccess)? {
        guard context.options.performIOChecks else { return nil }
        return context.options.fileAccess
    }

    /// Shape, dtype and value range of the `.npy` array at `source`, or `nil` when it cannot be
    /// read or decoded (an unreadable file is reported by the file-reference check itself).
    static func arrayInfo(of source: String, _ access: any ValidationFileAccess) -> TestArrayInfo? {
        guard let data = try? access.contents(of: source), let tensor = try? NPY.decode(data) else { return nil }
        var low = Double.infinity, high = -Double.infinity
        tensor.converted(to: Double.self).withUnsafeBufferPointer { values in
            for value in values where !value.isNaN {
                low = Swift.min(low, value)
                high = Swift.max(high, value)
            }
        }
        return TestArrayInfo(shape: tensor.shape, dtype: tensor.dtype.rawValue,
                             minimum: low.isFinite || low == -.infinity ? low : nil, maximum: high.isFinite || high == .infinity ? high : nil)
    }

    /// The UTF-8 text at `source`, or `nil`.
    static func text(of source: String, _ access: any ValidationFileAccess) -> String? {
        guard let data = try? access.contents(of: source) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    /// The documentation warning: no `#…Validation` heading (W30 at `documentation`).
    static func checkDocumentation(_ file: FileDescription, at path: FieldPath, node: YAMLNode?, context: ValidationContext) {
        guard let access = access(context), let text = text(of: file.source, access) else { return }
        let hasHeading = text.split(separator: "\n", omittingEmptySubsequences: false).contains { line in
            guard let hash = line.firstIndex(of: "#") else { return false }
            let rest = line[hash...]
            return rest.contains("Validation") || rest.contains("validation")
        }
        if !hasHeading {
            let sha = file.sha256.map { " sha256=\(ModelSupport.pythonRepr($0))" } ?? " sha256=None"
            context.warning("No '# Validation' (sub)section found in source=RelativePath(\(ModelSupport.pythonRepr(file.source)))\(sha).", at: path, node: node)
        }
    }

    /// M2: the test tensors against the described axes and dtypes (T6), then the tolerance sanity
    /// check; errors at the root. `false` after the first error.
    static func checkTestTensors(_ model: ModelDescription, at path: FieldPath, node: YAMLNode, context: ValidationContext) -> Bool {
        guard let access = access(context) else { return true }
        var arrays: [String: TestArrayInfo] = [:]
        for input in model.inputs { if let file = input.testTensor, let info = arrayInfo(of: file.source, access) { arrays[input.id] = info } }
        for output in model.outputs { if let file = output.testTensor, let info = arrayInfo(of: file.source, access) { arrays[output.id] = info } }
        let tensors = model.inputs.map { ("inputs", $0.id, $0.axes, $0.dtype) } + model.outputs.map { ("outputs", $0.id, $0.axes, $0.dtype) }
        let problem = testTensorProblem(tensors: tensors.map { TensorShapeRule(field: $0.0, id: $0.1, axes: $0.2, dtype: $0.3) }, arrays: arrays)
            ?? toleranceProblem(model, arrays: arrays)
        if let problem {
            ModelSupport.valueError(problem, at: path, node: node, context)
            return false
        }
        return true
    }

    /// One tensor as the test-tensor rule sees it.
    struct TensorShapeRule {
        var field: String
        var id: String
        var axes: [Axis]
        var dtype: DataType
    }

    /// The first T6 problem of the given test arrays, or `nil`.
    static func testTensorProblem(tensors: [TensorShapeRule], arrays: [String: TestArrayInfo]) -> String? {
        let halos = totalHalos(tensors)
        let sizes: [String: [String: (size: Int, axis: Axis)]] = Dictionary(uniqueKeysWithValues: tensors.compactMap { tensor in
            guard let array = arrays[tensor.id], array.shape.count == tensor.axes.count else { return nil }
            return (tensor.id, Dictionary(zip(tensor.axes, array.shape).map { ($0.0.id, (size: $0.1, axis: $0.0)) }, uniquingKeysWith: { a, _ in a }))
        })
        for tensor in tensors {
            guard let array = arrays[tensor.id] else { continue }
            let label = "\(tensor.field)[\(tensor.id)]"
            if array.shape.count != tensor.axes.count {
                return "\(label) Dimension mismatch: array shape \(pythonTuple(array.shape)) (#\(array.shape.count)) incompatible with \(tensor.axes.count) axes."
            }
            let floats: Set<String> = ["float32", "float64", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64"]
            let dtypeOK = tensor.dtype == .float32 || tensor.dtype == .float64 ? floats.contains(array.dtype) : array.dtype == tensor.dtype.rawValue
            if !dtypeOK {
                return "test_tensor data type '\(array.dtype)' does not match described \(label).dtype '\(tensor.dtype.rawValue)'"
            }
            if let low = array.minimum, let high = array.maximum, low > -1e-4 && high < 1e-4 {
                return "Output values are too small for reliable testing. Values <-1e5 or >=1e5 must be present in test_tensor"
            }
            for (axis, actual) in zip(tensor.axes, array.shape) {
                let halo = halos["\(tensor.id).\(axis.id)"] ?? 0
                let candidates = tensor.field == "inputs" ? [actual, actual + halo] : [actual, max(0, actual - halo)]
                let shown = "{" + Array(Set(candidates)).sorted().map(String.init).joined(separator: ", ") + "}"
                switch axis.size {
                case .fixed(let expected)?:
                    if !candidates.contains(expected) {
                        return "\(label).axes[\(axis.id)]: test_tensor axis has incompatible size \(shown) (with or without padding input halo), expected \(expected)"
                    }
                case .parameterized(let size)?:
                    let problems = candidates.map { size.problem(withSize: $0) }
                    if !problems.contains(where: { $0 == nil }), let last = problems.last ?? nil {
                        return "\(label).axes[\(axis.id)]: \(last)"
                    }
                case .dataDependent(let size)?:
                    let problems = candidates.map { size.problem(withSize: $0) }
                    if !problems.contains(where: { $0 == nil }), let last = problems.last ?? nil {
                        return "\(label).axes[\(axis.id)]: \(last)"
                    }
                case .reference(let reference)?:
                    guard let referenced = sizes[reference.tensorID] else {
                        return "\(label).axes[\(axis.id)].size.tensor_id: Unknown tensor reference '\(reference.tensorID)', available: \(ModelSupport.pythonList(Array(sizes.keys).sorted()))"
                    }
                    guard let target = referenced[reference.axisID] else {
                        return "\(label).axes[\(axis.id)].size.axis_id: Unknown tensor axis reference '\(reference.tensorID).\(reference.axisID)'"
                    }
                    let expected = Double(target.size) * target.axis.scale / axis.scale + Double(reference.offset)
                    if !candidates.contains(where: { Double($0) == expected }) {
                        return "\(label).test_tensor: axis '\(axis.id)' of size \(shown) invalid for referenced size \(target.size); expected \(ModelSupport.pythonFloat(expected))"
                    }
                case nil:
                    break
                }
            }
        }
        return nil
    }

    /// `get_halos`: the total (both sides) halo per `tensor.axis`: outputs crop 2·h, the
    /// referenced input axis pads 2·int(h / out.scale · ref.scale).
    static func totalHalos(_ tensors: [TensorShapeRule]) -> [String: Int] {
        var result: [String: Int] = [:]
        let scales = Dictionary(tensors.flatMap { t in t.axes.map { ("\(t.id).\($0.id)", $0.scale) } }, uniquingKeysWith: { a, _ in a })
        for tensor in tensors where tensor.field == "outputs" {
            for axis in tensor.axes {
                guard let halo = axis.halo, case .reference(let reference)? = axis.size else { continue }
                result["\(tensor.id).\(axis.id)"] = 2 * halo
                let key = "\(reference.tensorID).\(reference.axisID)"
                let refScale = scales[key] ?? 1
                result[key] = 2 * Int((Double(halo) / axis.scale * refScale).rounded(.towardZero))
            }
        }
        return result
    }

    /// The tolerance sanity check of M2: `absolute_tolerance ≤ 1%` of each output's maximum.
    static func toleranceProblem(_ model: ModelDescription, arrays: [String: TestArrayInfo]) -> String? {
        for output in model.outputs {
            guard let array = arrays[output.id], let maximum = array.maximum else { continue }
            let entry = model.config.bioimageio.reproducibilityTolerance.first { entry in
                switch entry.outputs {
                case .ids(let ids): return ids.isEmpty || ids.contains(output.id)
                case .anyContinuous: return !output.dtype.isDiscrete
                case .anyDiscrete: return output.dtype.isDiscrete
                }
            }
            if let entry, entry.absoluteTolerance > 0.01 * maximum {
                return "config.bioimageio.reproducibility_tolerance.absolute_tolerance=\(ModelSupport.pythonFloat(entry.absoluteTolerance)) > 0.01*\(ModelSupport.pythonFloat(maximum)) (1% of the maximum value of the test tensor '\(output.id)')"
            }
        }
        return nil
    }

    /// T7: the allowed number of dimensions of a squeezed sample image.
    static func sampleDimensionBounds(_ axes: [Axis]) -> ClosedRange<Int> {
        var optional = 0
        for axis in axes {
            switch (axis.type, axis.size) {
            case ("batch", _): optional += 1
            case (_, .fixed(1)?): optional += 1
            case (_, .parameterized(let size)?) where size.min == 1: optional += 1
            case (_, .dataDependent(let size)?) where size.min == 1: optional += 1
            case (_, .reference(let reference)?) where reference.offset < 2: optional += 1
            default: break
            }
        }
        return max(0, axes.count - optional)...axes.count
    }

    /// T7 for every tensor with a sample tensor; errors at `…sample_tensor`.
    static func checkSampleTensors(_ model: ModelDescription, node: YAMLNode, context: ValidationContext) -> Bool {
        guard let access = access(context) else { return true }
        let tensors = model.inputs.enumerated().map { ("inputs", $0.offset, $0.element.axes, $0.element.sampleTensor) }
            + model.outputs.enumerated().map { ("outputs", $0.offset, $0.element.axes, $0.element.sampleTensor) }
        var ok = true
        for (field, index, axes, file) in tensors {
            guard let file, let data = try? access.contents(of: file.source) else { continue }
            let samplePath: FieldPath = [.key(field), .index(index), .key("sample_tensor")]
            let shape: [Int]
            do throws(ImageHeader.Failure) {
                shape = try ImageHeader.read(data).squeezedShape
            } catch {
                let reason: String
                switch error {
                case .unsupportedFormat: reason = "its format is not supported (the SDK reads PNG and TIFF headers)"
                case .damaged(let what): reason = "its header could not be read (\(what))"
                }
                context.warning("Sample tensor \(ModelSupport.pythonRepr(file.source)) was not checked: \(reason).",
                                at: samplePath, node: node[field]?[index]?["sample_tensor"])
                continue
            }
            let bounds = sampleDimensionBounds(axes)
            if !bounds.contains(shape.count) {
                ModelSupport.valueError("Expected sample tensor to have \(bounds.lowerBound) to \(bounds.upperBound) dimensions, but found \(shape.count) (shape: \(pythonTuple(shape))).",
                                        at: samplePath, node: node[field]?[index]?["sample_tensor"], context)
                ok = false
            }
        }
        return ok
    }

    /// Python's tuple repr: `(1, 512, 512)`, `(5,)`.
    static func pythonTuple(_ values: [Int]) -> String {
        values.count == 1 ? "(\(values[0]),)" : "(" + values.map(String.init).joined(separator: ", ") + ")"
    }
}
