import BioImageYAML

/// The model-level rules (notes §b.4): run only when every field is valid, in order, stopping at
/// the first error; all at the root location.
enum ModelRules {
    /// M1 (alert), M3, M4, M5; `false` after the first error.
    static func check(_ model: ModelDescription, at path: FieldPath, node: YAMLNode, context: ValidationContext) -> Bool {
        if model.maintainers.isEmpty && !model.authors.contains(where: { $0.githubUser != nil }) {
            context.warning("Missing `maintainers` or any author in `authors` with a specified `github_user` name.",
                            severity: .alert, at: path, node: node)
        }
        guard ModelIOChecks.checkTestTensors(model, at: path, node: node, context: context) else { return false }
        let inputIDs = model.inputs.map(\.id)
        var missing: [String] = []
        var missingNode: YAMLNode?
        for (key, tensors) in [("inputs", model.inputs.map(\.preprocessing)), ("outputs", model.outputs.map(\.postprocessing))] {
            for (t, steps) in tensors.enumerated() {
                for step in steps {
                    guard let reference = step.referenceTensor, !inputIDs.contains(reference) else { continue }
                    missing.append(reference)
                    if missingNode == nil { missingNode = findReference(node[key]?[t], reference) }
                }
            }
        }
        if !missing.isEmpty {
            ModelSupport.valueError("`reference_tensor`s \(ModelSupport.pythonList(missing)) not found. Valid input tensor references are: \(ModelSupport.pythonSet(inputIDs)).",
                                    at: path, node: missingNode ?? node, context)
            return false
        }
        if let parent = model.parent, let id = model.id, parent.id == id {
            ModelSupport.valueError("A model description may not reference itself as parent.", at: path, node: node["parent"]?["id"] ?? node, context)
            return false
        }
        return checkToleranceOutputs(model, at: path, node: node, context: context)
    }

    /// M5: tolerance `output_ids` exist, and discrete outputs have zero tolerances.
    private static func checkToleranceOutputs(_ model: ModelDescription, at path: FieldPath, node: YAMLNode, context: ValidationContext) -> Bool {
        let prefix = "config.bioimageio.reproducibility_tolerance"
        let tolerancesNode = node["config"]?["bioimageio"]?["reproducibility_tolerance"]
        var seen: Set<String> = []
        for (index, entry) in model.config.bioimageio.reproducibilityTolerance.enumerated() {
            let ids: [String]
            switch entry.outputs {
            case .ids(let list): ids = list
            case .anyContinuous: ids = model.outputs.filter { !$0.dtype.isDiscrete }.map(\.id)
            case .anyDiscrete: ids = model.outputs.filter { $0.dtype.isDiscrete }.map(\.id)
            }
            let entryNode = tolerancesNode?[index]
            for id in ids where seen.insert(id).inserted {
                guard let output = model.outputs.first(where: { $0.id == id }) else {
                    ModelSupport.valueError("\(prefix).output_ids contains \(ModelSupport.pythonRepr(id)), which is not a valid output tensor id.",
                                            at: path, node: entryNode?["output_ids"] ?? entryNode ?? node, context)
                    return false
                }
                guard output.dtype.isDiscrete else { continue }
                for (key, value) in [("relative_tolerance", entry.relativeTolerance), ("absolute_tolerance", entry.absoluteTolerance)] where value != 0 {
                    ModelSupport.valueError("\(prefix).output_ids contains \(ModelSupport.pythonRepr(id)), which is a discrete output tensor, but \(prefix).\(key)=\(ModelSupport.pythonFloat(value)) is not 0.",
                                            at: path, node: entryNode?[key] ?? entryNode ?? node, context)
                    return false
                }
            }
        }
        return true
    }

    /// The `reference_tensor` node naming `reference` inside one tensor's processing steps.
    private static func findReference(_ tensor: YAMLNode?, _ reference: String) -> YAMLNode? {
        for key in ["preprocessing", "postprocessing"] {
            for step in tensor?[key]?.sequence ?? [] {
                if let node = step["kwargs"]?["reference_tensor"], node.string == reference { return node }
            }
        }
        return nil
    }
}
