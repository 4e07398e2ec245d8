import BioImageYAML

/// The cross-field rules on tensors (notes §b.1, §b.2): axes, per-channel data, processing axes,
/// `ensure_dtype` insertion, unique tensor ids and axis size references.
enum TensorRules {
    /// T2 (at `…axes`) and T3, T4 (at the tensor) for one tensor; `false` after the first error.
    static func checkTensor(axes: [Axis], data: TensorDataDescription, steps: [ProcessingStep], isInput: Bool,
                            at path: FieldPath, node: YAMLNode, axesNode: YAMLNode?, context: ValidationContext) -> Bool {
        let axesPath = path.appending("axes")
        let batches = axes.filter { $0.type == "batch" }
        if batches.count > 1 {
            let reprs = batches.compactMap { axis -> String? in
                guard case .batch(let batch) = axis else { return nil }
                return "BatchAxis(id='batch', description=\(ModelSupport.pythonRepr(batch.description)), type='batch', size=\(batch.size.map(String.init) ?? "None"))"
            }
            ModelSupport.valueError("Only one batch axis (per tensor) allowed, but got [\(reprs.joined(separator: ", "))]", at: axesPath, node: axesNode, context)
            return false
        }
        var seen: Set<String> = []
        var duplicates: [String] = []
        var duplicateNode: YAMLNode?
        for (index, axis) in axes.enumerated() where !seen.insert(axis.id).inserted {
            duplicates.append(axis.id)
            if duplicateNode == nil { duplicateNode = axesNode?[index]?["id"] ?? axesNode?[index] }
        }
        if !duplicates.isEmpty {
            ModelSupport.valueError("Duplicate axis ids: \(ModelSupport.pythonSet(duplicates))", at: axesPath, node: duplicateNode ?? axesNode, context)
            return false
        }
        if case .perChannel(let list) = data {
            let types = Set(list.map(\.dataType.rawValue))
            if types.count > 1 {
                ModelSupport.valueError("Tensor data descriptions per channel need to agree in their data `type`, but found \(ModelSupport.pythonSet(types)).",
                                        at: path.appending("data"), node: node["data"] ?? node, context)
                return false
            }
            if let channel = axes.first(where: { $0.type == "channel" }), case .fixed(let size)? = channel.size, size != list.count {
                ModelSupport.valueError("Got tensor data descriptions for \(list.count) channels, but '\(channel.id)' axis has size \(size).",
                                        at: path, node: node["data"] ?? node, context)
                return false
            }
        }
        let ids = Set(axes.map(\.id) + ["batch"])
        let stepsKey = isInput ? "preprocessing" : "postprocessing"
        for (index, step) in steps.enumerated() {
            if let stepAxes = step.axes, !Set(stepAxes).isSubset(of: ids) {
                let message = isInput ? "`preprocessing.i.kwargs.axes` needs to be subset of axes ids" : "`kwargs.axes` needs to be subset of axes ids"
                let axesNode = node[stepsKey]?[index]?["kwargs"]?["axes"]
                let offender = stepAxes.firstIndex { !ids.contains($0) }.flatMap { axesNode?[$0] }
                ModelSupport.valueError(message, at: path, node: offender ?? axesNode ?? node, context)
                return false
            }
        }
        return true
    }

    /// T5 for inputs: `ensure_dtype(dtype)` first, and last unless the list ends with `ensure_dtype` or `binarize`.
    static func normalizedPreprocessing(_ steps: [ProcessingStep], dtype: DataType) -> [ProcessingStep] {
        var result = steps
        if result.first?.id != "ensure_dtype" { result.insert(.ensureDtype(dtype), at: 0) }
        if let last = result.last?.id, last != "ensure_dtype" && last != "binarize" { result.append(.ensureDtype(dtype)) }
        return result
    }

    /// T5 for outputs: `ensure_dtype(dtype)` appended unless the list ends with `ensure_dtype` or `binarize`.
    static func normalizedPostprocessing(_ steps: [ProcessingStep], dtype: DataType) -> [ProcessingStep] {
        var result = steps
        if result.isEmpty || (result.last?.id != "ensure_dtype" && result.last?.id != "binarize") { result.append(.ensureDtype(dtype)) }
        return result
    }

    /// One tensor as the reference rules see it.
    struct Tensor {
        var id: String
        var axes: [Axis]
    }

    /// T1 (outputs only; all ids across inputs and outputs, the spec's intent) then R1–R6 for every
    /// size reference of `tensors`, valid targets being the non-batch int/parameterized axes of
    /// `targets`. Stops at the first error, like the reference's field validator.
    static func checkReferences(field: String, tensors: [Tensor], targets: [Tensor], inputs: [Tensor]?,
                                fieldNode: YAMLNode?, inputsNode: YAMLNode?, context: ValidationContext) -> Bool {
        let path = FieldPath([.key(field)])
        if let inputs {
            var seen: Set<String> = []
            var duplicates: [String] = []
            var duplicateNode: YAMLNode?
            let all = inputs.enumerated().map { ($0.element.id, inputsNode?[$0.offset]?["id"]) }
                + tensors.enumerated().map { ($0.element.id, fieldNode?[$0.offset]?["id"]) }
            for (id, node) in all where !seen.insert(id).inserted {
                if !duplicates.contains(id) { duplicates.append(id) }
                if duplicateNode == nil { duplicateNode = node }
            }
            if !duplicates.isEmpty {
                ModelSupport.valueError("Duplicate tensor ids: \(ModelSupport.pythonList(duplicates))", at: path, node: duplicateNode ?? fieldNode, context)
                return false
            }
        }
        var valid: [String: [String: Axis]] = [:]
        for tensor in targets {
            for axis in tensor.axes where axis.type != "batch" {
                switch axis.size {
                case .fixed?, .parameterized?: valid[tensor.id, default: [:]][axis.id] = axis
                default: break
                }
            }
        }
        for (t, tensor) in tensors.enumerated() {
            for (a, axis) in tensor.axes.enumerated() {
                guard case .reference(let reference)? = axis.size else { continue }
                let sizeNode = fieldNode?[t]?["axes"]?[a]?["size"]
                let where_ = "\(field)[\(t)].axes[\(a)].size"
                if reference.tensorID == tensor.id && reference.axisID == axis.id {
                    ModelSupport.valueError("Self-referencing not allowed for \(where_): \(reference.pythonRepr)", at: path, node: sizeNode, context)
                    return false
                }
                guard let target = valid[reference.tensorID]?[reference.axisID] else {
                    let culprit = valid[reference.tensorID] == nil ? sizeNode?["tensor_id"] : sizeNode?["axis_id"]
                    ModelSupport.valueError("Invalid tensor axis reference at \(where_): \(reference.pythonRepr).", at: path, node: culprit ?? sizeNode, context)
                    return false
                }
                if target.unit != axis.unit {
                    ModelSupport.valueError("The units of an axis and its reference axis need to match, but '\(axis.unit ?? "None")' != '\(target.unit ?? "None")'.",
                                            at: path, node: sizeNode, context)
                    return false
                }
                if let halo = axis.halo {
                    let referenceSize: Int
                    switch target.size {
                    case .fixed(let value)?: referenceSize = value
                    case .parameterized(let size)?: referenceSize = size.min
                    default: referenceSize = 0
                    }
                    let minimum = reference.size(referenceSize: referenceSize, referenceScale: target.scale, scale: axis.scale)
                    let haloNode = fieldNode?[t]?["axes"]?[a]?["halo"]
                    if minimum - 2 * halo < 1 {
                        ModelSupport.valueError("axis \(axis.id) with minimum size \(minimum) is too small for halo \(halo).", at: path, node: haloNode, context)
                        return false
                    }
                    let inputHalo = Double(halo) * axis.scale / target.scale
                    if inputHalo.rounded() != inputHalo {
                        ModelSupport.valueError("Inferred halo for \(reference.tensorID).\(reference.axisID) is not an integer (\(ModelSupport.pythonFloat(inputHalo)) = \(tensor.id).\(axis.id).halo \(halo) * \(tensor.id).\(axis.id).scale \(ModelSupport.pythonFloat(axis.scale)) / \(reference.tensorID).\(reference.axisID).scale \(ModelSupport.pythonFloat(target.scale))).",
                                                at: path, node: haloNode, context)
                        return false
                    }
                }
            }
        }
        return true
    }
}
