import BioImageTensor
import Foundation

/// Turns a decoded model into an ``ExecutionPlan``: checks the graph, sorts the nodes, evaluates
/// `Constant` nodes and nodes whose inputs are all constant, fuses activations, builds every
/// kernel (so unsupported operators fail at load) and computes when each value dies.
struct GraphBuilder {
    /// The plan and the graph's declared interface.
    struct Result {
        var plan: ExecutionPlan
        /// Inputs without an initializer (the caller must provide them).
        var inputs: [ONNXValueInfo]
        /// Inputs with an initializer default (the caller may override them).
        var optionalInputs: [ONNXValueInfo]
        var outputs: [ONNXValueInfo]
    }

    /// Operators whose result changes from run to run, never folded.
    static let nondeterministic: Set<String> = [
        "RandomNormal", "RandomUniform", "RandomNormalLike", "RandomUniformLike", "Multinomial", "Bernoulli", "Dropout",
    ]

    let model: ModelProto
    let externalData: ExternalDataSource?
    /// Kernels consulted before ``OperatorRegistry`` (by `opType`, any domain): a seam for tests and custom operators.
    var customOperators: [String: KernelFactory] = [:]

    func build() throws(ONNXError) -> Result {
        guard let graph = model.graph else { throw ONNXError(.invalidGraph, "the model has no graph") }
        guard !graph.hasSparseInitializers else { throw ONNXError(.invalidGraph, "sparse initializers are not supported") }

        // Initializers.
        var initializers: [String: AnyTensor] = [:]
        for proto in graph.initializers {
            guard !proto.name.isEmpty else { throw ONNXError(.invalidGraph, "an initializer has no name", offset: proto.offset) }
            guard initializers[proto.name] == nil else {
                throw ONNXError(.invalidGraph, "initializer '\(proto.name)' is defined twice", offset: proto.offset)
            }
            initializers[proto.name] = try proto.tensor(externalData: externalData)
        }

        // Inputs: from IR version 4 on, those with an initializer are optional overrides; before,
        // an initializer listed among the inputs is a constant (as onnxruntime treats both).
        let overridable = model.irVersion >= 4
        var defined = Set<String>()
        var requiredInputs: [ONNXValueInfo] = [], optionalInputs: [ONNXValueInfo] = []
        var runtimeInputs: [String] = [], declared = Set<String>()
        for input in graph.inputs {
            guard !input.name.isEmpty else { throw ONNXError(.invalidGraph, "a graph input has no name") }
            guard declared.insert(input.name).inserted else {
                throw ONNXError(.invalidGraph, "graph input '\(input.name)' is declared twice")
            }
            if initializers[input.name] == nil {
                requiredInputs.append(ONNXValueInfo(input))
            } else if overridable {
                optionalInputs.append(ONNXValueInfo(input))
            } else {
                continue
            }
            defined.insert(input.name)
            runtimeInputs.append(input.name)
        }
        // Constants: initializers the caller cannot override.
        var constants: [String: AnyTensor] = [:]
        for (name, value) in initializers where !defined.contains(name) {
            constants[name] = value
            defined.insert(name)
        }

        let nodes = try operatorNodes(graph)
        let sorted = try topologicallySorted(nodes, defined: defined)

        // Constant nodes become constants; the rest is fused, built and folded when possible.
        var remaining: [OperatorNode] = []
        for node in sorted {
            if node.opType == "Constant" && (node.domain.isEmpty || node.domain == "ai.onnx") {
                let value = try ConstantNode.value(of: node)
                if let output = node.outputs.first, !output.isEmpty { constants[output] = value }
            } else {
                remaining.append(node)
            }
        }
        let graphOutputs = graph.outputs.map(\.name)
        let fused = ConvActivationFusion.apply(remaining, protectedValues: Set(graphOutputs))

        var pending: [(node: OperatorNode, kernel: any OperatorKernel)] = []
        let foldContext = KernelContext(threads: ProcessInfo.processInfo.activeProcessorCount)
        for node in fused {
            let kernel: any OperatorKernel
            do {
                if let factory = customOperators[node.opType] { kernel = try factory(node) } else { kernel = try OperatorRegistry.kernel(for: node) }
            } catch { throw located(error, node) }
            let present = node.inputs.filter { !$0.isEmpty }
            let foldable = !Self.nondeterministic.contains(node.opType) && present.allSatisfy { constants[$0] != nil }
            guard foldable else { pending.append((node, kernel)); continue }
            let results: [AnyTensor]
            do { results = try kernel.run(node.inputs.map { $0.isEmpty ? nil : constants[$0] }, context: foldContext) } catch {
                throw located(error, node)
            }
            for (position, output) in node.outputs.enumerated() where !output.isEmpty {
                guard position < results.count else {
                    throw ONNXError(.invalidGraph, "the kernel returned \(results.count) outputs, output \(position) ('\(output)') is needed",
                                    node: node.name, opType: node.opType)
                }
                constants[output] = results[position]
            }
        }
        var defaults: [String: AnyTensor] = [:]
        for input in optionalInputs { defaults[input.name] = initializers[input.name] }
        let plan = try makePlan(pending: pending, constants: constants, defaults: defaults, inputs: runtimeInputs, graph: graph)
        return Result(plan: plan, inputs: requiredInputs, optionalInputs: optionalInputs, outputs: graph.outputs.map(ONNXValueInfo.init))
    }

    /// The error with the node's name and operator filled in.
    private func located(_ error: ONNXError, _ node: OperatorNode) -> ONNXError {
        var copy = error
        if copy.node == nil { copy.node = node.name }
        if copy.opType == nil { copy.opType = node.opType }
        return copy
    }

    /// Expands model-local function calls, then decodes every node's attributes and opset.
    private func operatorNodes(_ graph: GraphProto) throws(ONNXError) -> [OperatorNode] {
        let expanded = try FunctionInliner(model.functions).expand(graph.nodes)
        var nodes: [OperatorNode] = []
        nodes.reserveCapacity(expanded.count)
        for entry in expanded {
            let proto = entry.node
            let name = proto.name.isEmpty ? entry.fallbackName : proto.name
            guard !proto.opType.isEmpty else { throw ONNXError(.invalidGraph, "the node has no operator type", node: name, offset: proto.offset) }
            let domain = proto.domain == "ai.onnx" ? "" : proto.domain
            let imports = entry.opsets ?? model.opsetImports
            let imported = imports.last { ($0.domain == "ai.onnx" ? "" : $0.domain) == domain }?.version
            let opset = imported ?? (domain.isEmpty ? (imports.isEmpty ? 1 : nil) : nil)
            guard let opset else {
                throw ONNXError(.invalidGraph, "the model imports no opset for domain '\(domain.isEmpty ? "ai.onnx" : domain)'",
                                node: name, opType: proto.opType)
            }
            var attributes: [String: AttributeValue] = [:]
            for attribute in proto.attributes {
                do { attributes[attribute.name] = try attribute.value(externalData: externalData) } catch {
                    throw ONNXError(error.code, error.message, node: name, opType: proto.opType, offset: error.offset)
                }
            }
            nodes.append(OperatorNode(name: name, opType: proto.opType, domain: domain, inputs: proto.inputs,
                                      outputs: proto.outputs, opset: opset, attributes: attributes))
        }
        return nodes
    }

    /// Kahn's algorithm, keeping the file's order among ready nodes; rejects values produced twice,
    /// undefined inputs and cycles.
    private func topologicallySorted(_ nodes: [OperatorNode], defined: Set<String>) throws(ONNXError) -> [OperatorNode] {
        var producer: [String: Int] = [:]
        for (index, node) in nodes.enumerated() {
            for output in node.outputs where !output.isEmpty {
                guard !defined.contains(output), producer[output] == nil else {
                    throw ONNXError(.invalidGraph, "value '\(output)' is defined more than once", node: node.name, opType: node.opType)
                }
                producer[output] = index
            }
        }
        var consumers = [[Int]](repeating: [], count: nodes.count)
        var pendingInputs = [Int](repeating: 0, count: nodes.count)
        for (index, node) in nodes.enumerated() {
            for input in Set(node.inputs) where !input.isEmpty {
                if let source = producer[input] {
                    consumers[source].append(index)
                    pendingInputs[index] += 1
                } else if !defined.contains(input) {
                    throw ONNXError(.invalidGraph, "input '\(input)' is not a graph input, an initializer or the output of any node",
                                    node: node.name, opType: node.opType)
                }
            }
        }
        var ready = (0..<nodes.count).filter { pendingInputs[$0] == 0 }
        var order: [Int] = []
        order.reserveCapacity(nodes.count)
        var head = 0
        while head < ready.count {
            let index = ready[head]
            head += 1
            order.append(index)
            for consumer in consumers[index] {
                pendingInputs[consumer] -= 1
                if pendingInputs[consumer] == 0 { ready.append(consumer) }
            }
        }
        guard order.count == nodes.count else {
            let stuck = (0..<nodes.count).first { pendingInputs[$0] > 0 }.map { nodes[$0] }
            throw ONNXError(.invalidGraph, "the graph has a cycle (\(nodes.count - order.count) nodes wait on each other)",
                            node: stuck?.name, opType: stuck?.opType)
        }
        return order.map { nodes[$0] }
    }

    /// Numbers the values, keeps only the constants something reads, and computes each value's last use.
    private func makePlan(pending: [(node: OperatorNode, kernel: any OperatorKernel)], constants: [String: AnyTensor],
                          defaults: [String: AnyTensor], inputs graphInputs: [String], graph: GraphProto) throws(ONNXError) -> ExecutionPlan {
        var slotOf: [String: Int] = [:]
        var names: [String] = []
        func slot(_ name: String) -> Int {
            if let existing = slotOf[name] { return existing }
            slotOf[name] = names.count
            names.append(name)
            return names.count - 1
        }
        var inputSlots: [String: Int] = [:]
        for input in graphInputs { inputSlots[input] = slot(input) }
        var available = Set(graphInputs).union(constants.keys)
        var stepInputs: [[Int?]] = [], stepOutputs: [[Int?]] = []
        for (node, _) in pending {
            var inputs: [Int?] = []
            for input in node.inputs {
                if input.isEmpty { inputs.append(nil); continue }
                guard available.contains(input) else {
                    throw ONNXError(.invalidGraph, "input '\(input)' is not defined before the node", node: node.name, opType: node.opType)
                }
                inputs.append(slot(input))
            }
            stepInputs.append(inputs)
            stepOutputs.append(node.outputs.map { $0.isEmpty ? nil : slot($0) })
            for output in node.outputs where !output.isEmpty { available.insert(output) }
        }
        var outputSlots: [(name: String, slot: Int)] = []
        for output in graph.outputs {
            guard available.contains(output.name) else {
                throw ONNXError(.invalidGraph, "graph output '\(output.name)' is not produced by any node, input or initializer")
            }
            outputSlots.append((output.name, slot(output.name)))
        }
        // Last use: the last step reading a slot; values nobody reads die right after their producer.
        let protected = Set(outputSlots.map(\.slot))
        var lastUse = [Int](repeating: -1, count: names.count)
        for (index, inputs) in stepInputs.enumerated() { for case let input? in inputs { lastUse[input] = index } }
        for (index, outputs) in stepOutputs.enumerated() { for case let output? in outputs where lastUse[output] < index { lastUse[output] = index } }
        var releases = [[Int]](repeating: [], count: pending.count)
        for (slotIndex, step) in lastUse.enumerated() where step >= 0 && !protected.contains(slotIndex) {
            releases[step].append(slotIndex)
        }
        var steps: [ExecutionPlan.Step] = []
        steps.reserveCapacity(pending.count)
        for (index, (node, kernel)) in pending.enumerated() {
            steps.append(ExecutionPlan.Step(node: node.name, opType: node.opType, kernel: kernel, inputs: stepInputs[index],
                                            outputs: stepOutputs[index], release: releases[index]))
        }
        var kept: [(slot: Int, value: AnyTensor)] = []
        for (name, value) in constants {
            guard let index = slotOf[name], inputSlots[name] == nil else { continue }
            kept.append((index, value))
        }
        // Initializer defaults of overridable inputs are pre-filled; a caller's value replaces them.
        for (name, value) in defaults {
            if let index = inputSlots[name] { kept.append((index, value)) }
        }
        return ExecutionPlan(slotCount: names.count, slotNames: names, constants: kept, inputSlots: inputSlots,
                             outputSlots: outputSlots, steps: steps)
    }
}
