/// Fuses an activation that directly follows a convolution into the convolution's kernel.
///
/// CONTRACT: the graph builder calls `apply` on the nodes in topological order before building
/// kernels; values in `protectedValues` (graph outputs) must stay observable.
///
/// A `Conv` whose only output feeds exactly one `Relu`, `LeakyRelu`, `Sigmoid`, `Tanh` or
/// attribute-form `Clip` (opset < 11) — and nothing else, and is not protected — becomes one `Conv`
/// node that writes the activation's output, carrying the internal attributes
/// ``FusedActivation/nameAttribute`` and ``FusedActivation/parametersAttribute``; the Conv kernel
/// applies the activation as it stores each tile.
package enum ConvActivationFusion {
    /// Returns the nodes with fusible `Conv → activation` pairs merged.
    package static func apply(_ nodes: [OperatorNode], protectedValues: Set<String>) -> [OperatorNode] {
        var uses: [String: Int] = [:]
        var consumer: [String: Int] = [:]
        for (index, node) in nodes.enumerated() {
            for input in node.inputs where !input.isEmpty {
                uses[input, default: 0] += 1
                consumer[input] = index
            }
        }
        var result = nodes
        var removed = Set<Int>()
        for (index, node) in nodes.enumerated() {
            guard node.opType == "Conv", isStandard(node), node.outputs.count == 1,
                  node.attributes[FusedActivation.nameAttribute] == nil else { continue }
            let value = node.outputs[0]
            guard !value.isEmpty, !protectedValues.contains(value), uses[value] == 1,
                  let next = consumer[value], next > index, !removed.contains(next) else { continue }
            let activationNode = nodes[next]
            guard isStandard(activationNode), activationNode.inputs.count == 1, activationNode.outputs.count == 1,
                  let activation = activation(of: activationNode), let encoded = activation.encoded else { continue }
            var fused = node
            fused.outputs = activationNode.outputs
            fused.attributes[FusedActivation.nameAttribute] = .string(encoded.name)
            fused.attributes[FusedActivation.parametersAttribute] = .floats(encoded.parameters)
            result[index] = fused
            removed.insert(next)
        }
        return result.enumerated().filter { !removed.contains($0.offset) }.map(\.element)
    }

    private static func isStandard(_ node: OperatorNode) -> Bool {
        node.domain.isEmpty || node.domain == "ai.onnx"
    }

    /// The activation a node computes, when it can be fused (only the attributes the operator allows).
    private static func activation(of node: OperatorNode) -> FusedActivation? {
        let keys = Set(node.attributes.keys)
        switch node.opType {
        case "Relu" where keys.isEmpty:
            return .relu
        case "Sigmoid" where keys.isEmpty:
            return .sigmoid
        case "Tanh" where keys.isEmpty:
            return .tanh
        case "LeakyRelu" where keys.isSubset(of: ["alpha"]):
            guard let alpha = try? node.float("alpha", default: 0.01) else { return nil }
            return .leakyRelu(alpha: alpha)
        case "Clip" where node.opset < 11 && keys.isSubset(of: ["min", "max"]):
            guard let low = try? node.float("min", default: -Float.greatestFiniteMagnitude),
                  let high = try? node.float("max", default: Float.greatestFiniteMagnitude) else { return nil }
            return .clip(low: low, high: high)
        default:
            return nil
        }
    }
}
