import BioImageYAML

extension ModelDescriptionV04 {
    /// The model-level rules of format 0.4, in the reference's order; the first failure is
    /// recorded at the model's path and stops the rest (notes §c.2 "0.4 validation rules").
    func checkModelRules(at path: FieldPath, node: YAMLNode, _ context: ValidationContext) -> Bool {
        func fail(_ message: String) -> Bool {
            context.valueError(message, at: path, node: node)
            return false
        }
        // Tensor names unique across inputs and outputs.
        let allNames = inputs.map(\.name) + outputs.map(\.name)
        if Set(allNames).count != allNames.count { return fail("Duplicate tensor descriptor names across inputs/outputs") }

        // Implicit output shapes: dimensions match the reference; the minimal output exceeds the halo.
        for output in outputs {
            if case .implicit(let reference, let scale, _) = output.shape {
                guard let referenced = dimensionCount(of: reference) else {
                    return fail("Referenced tensor '\(reference)' of output '\(output.name)' does not exist.")
                }
                let counted = scale.filter { $0 != nil }.count
                if referenced != counted {
                    let note = scale.contains(where: { $0 == nil })
                        ? " Note that expanded dimensions (`scale`: null) are not counted for \(output.name)'sdimensionality here." : ""
                    return fail("Referenced tensor '\(reference)' with \(referenced) dimensions does not match output tensor '\(output.name)' with \(counted) dimensions.\(note)")
                }
            }
            guard let minimum = minimumShape(ofOutput: output.name, depth: 0) else {
                return fail("Output '\(output.name)' has a circular or missing shape reference.")
            }
            let halo = (output.halo?.isEmpty == false ? output.halo : nil) ?? Array(repeating: 0, count: minimum.count)
            if zip(minimum, halo).contains(where: { Double($0) - 2 * Double($1) < 1 }) {
                let haloText = output.halo?.isEmpty == false ? " for halo \(pythonList(halo))" : ""
                return fail("Minimal shape \(pythonList(minimum)) of output \(output.name) is too small\(haloText).")
            }
        }

        // Processing reference tensors: inputs may only reference other inputs; outputs only inputs.
        let inputNames = Set(inputs.map(\.name))
        for input in inputs {
            for step in input.preprocessing {
                guard case .some(let reference) = step.referenceTensor, let reference else { continue }
                if !inputNames.contains(reference) { return fail("'\(reference)' not found in inputs") }
                if reference == input.name { return fail("invalid self reference for preprocessing of tensor \(input.name)") }
            }
        }
        for output in outputs {
            for step in output.postprocessing {
                guard case .some(let reference) = step.referenceTensor, let reference else { continue }
                if !inputNames.contains(reference) { return fail("\(reference) not found in inputs") }
            }
        }
        return true
    }

    /// The number of dimensions of the tensor `name` (`nil` when there is no such tensor).
    func dimensionCount(of name: String) -> Int? {
        if let input = inputs.first(where: { $0.name == name }) { return input.shape.count }
        if let output = outputs.first(where: { $0.name == name }) { return output.shape.count }
        return nil
    }

    /// The smallest shape of a tensor: a fixed shape, an input's `min`, or an implicit output shape
    /// computed from its reference's minimum (`int(ref·scale + 2·offset)`, new axes from `2·offset`).
    func minimumShape(of name: String, depth: Int) -> [Int]? {
        if let input = inputs.first(where: { $0.name == name }) { return input.shape.minimum }
        return minimumShape(ofOutput: name, depth: depth)
    }

    func minimumShape(ofOutput name: String, depth: Int) -> [Int]? {
        guard depth < 64, let output = outputs.first(where: { $0.name == name }) else { return nil }
        switch output.shape {
        case .fixed(let sizes):
            return sizes
        case .implicit(let reference, let scale, let offset):
            guard var referenceShape = minimumShape(of: reference, depth: depth + 1) else { return nil }
            var factors = scale.map { $0 ?? 0 }
            if scale.contains(where: { $0 == nil }) {
                let expanded = scale.indices.filter { scale[$0] == nil }
                var adjusted: [Int] = []
                for index in scale.indices {
                    if expanded.contains(index) {
                        adjusted.append(1)
                    } else {
                        let referenceIndex = index - expanded.filter { $0 < index }.count
                        guard referenceIndex < referenceShape.count else { return nil }
                        adjusted.append(referenceShape[referenceIndex])
                    }
                }
                referenceShape = adjusted
                factors = scale.map { $0 ?? 0 }
            }
            return zip(zip(referenceShape, factors), offset).map { pair, off in
                let value = Double(pair.0) * pair.1 + 2 * off
                guard value.isFinite, abs(value) < 9e18 else { return 0 }
                return Int(value.rounded(.towardZero))
            }
        }
    }

    /// Python's repr of a list of ints.
    func pythonList(_ values: [Int]) -> String { "[" + values.map(String.init).joined(separator: ", ") + "]" }
}

/// A custom run mode of a 0.4 model (`{name, kwargs}`).
public struct RunModeV04: Sendable, Hashable, Codable {
    /// The run mode's name (`deepimagej` is the only known one).
    public var name: String
    /// Its keyword arguments, as written.
    public var kwargs: FreeValue?

    /// Validates `run_mode`; an unknown name is a warning.
    static func validate(_ node: YAMLNode, at path: FieldPath, context: ValidationContext) -> RunModeV04? {
        guard var reader = MappingReader(node, at: path, typeName: "RunMode", context: context) else { return nil }
        let name = reader.required("name") { value, valuePath -> String? in
            guard let text = Lax.string(value, at: valuePath, context) else { return nil }
            if text != "deepimagej" { context.warning("Unknown run mode '\(text)'.", at: valuePath, node: value) }
            return text
        }
        let kwargs = ModelV04Support.freeMapping(&reader, "kwargs", context)
        reader.rejectUnknownKeys()
        guard reader.isValid, let name else { return nil }
        return RunModeV04(name: name, kwargs: kwargs)
    }
}
