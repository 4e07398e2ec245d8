/// Expands nodes that call model-local functions (`ModelProto.functions`) into the functions'
/// bodies, recursively, so the rest of the builder only sees standard operators.
///
/// Body values are renamed with a per-call prefix (`<caller>/<n>/<value>`); formal inputs and
/// outputs become the caller's values; attributes with `ref_attr_name` take the caller's attribute
/// of that name, else the function's default, else are dropped. Body nodes use the function's own
/// opset imports when it declares them.
struct FunctionInliner {
    /// A node to build, with the opset imports that apply to it (`nil`: the model's) and the name it
    /// gets when its own is empty.
    struct Expanded {
        var node: NodeProto
        var opsets: [ModelProto.OperatorSetID]?
        var fallbackName: String
    }

    private struct Key: Hashable {
        var domain: String
        var name: String
        var overload: String
    }

    /// How deeply calls may nest (a recursive function is an error, not a hang).
    static let maxDepth = 32
    /// How many nodes expansion may produce.
    static let maxNodes = 1_000_000

    private let functions: [Key: FunctionProto]

    init(_ functions: [FunctionProto]) {
        var table: [Key: FunctionProto] = [:]
        for function in functions {
            table[Key(domain: Self.normalized(function.domain), name: function.name, overload: function.overload)] = function
        }
        self.functions = table
    }

    private static func normalized(_ domain: String) -> String { domain == "ai.onnx" ? "" : domain }

    /// The graph's nodes with every function call expanded.
    func expand(_ nodes: [NodeProto]) throws(ONNXError) -> [Expanded] {
        var result: [Expanded] = []
        result.reserveCapacity(nodes.count)
        if functions.isEmpty {
            for (index, node) in nodes.enumerated() { result.append(Expanded(node: node, opsets: nil, fallbackName: "#\(index)")) }
            return result
        }
        var counter = 0
        for (index, node) in nodes.enumerated() {
            try expand(node, fallbackName: "#\(index)", opsets: nil, depth: 0, into: &result, counter: &counter)
        }
        return result
    }

    private func expand(_ node: NodeProto, fallbackName: String, opsets: [ModelProto.OperatorSetID]?, depth: Int,
                        into result: inout [Expanded], counter: inout Int) throws(ONNXError) {
        let key = Key(domain: Self.normalized(node.domain), name: node.opType, overload: node.overload)
        guard let function = functions[key] else {
            result.append(Expanded(node: node, opsets: opsets, fallbackName: fallbackName))
            guard result.count <= Self.maxNodes else {
                throw ONNXError(.limitExceeded, "expanding model-local functions produces more than \(Self.maxNodes) nodes")
            }
            return
        }
        guard depth < Self.maxDepth else {
            throw ONNXError(.invalidGraph, "calls of function '\(function.name)' nest deeper than \(Self.maxDepth) levels (a recursive function?)",
                            node: node.name.isEmpty ? fallbackName : node.name, opType: node.opType)
        }
        counter += 1
        let prefix = "\(node.name.isEmpty ? fallbackName : node.name)/\(counter)/"
        var rename: [String: String] = [:]
        for (position, formal) in function.inputs.enumerated() where !formal.isEmpty {
            rename[formal] = position < node.inputs.count ? node.inputs[position] : ""
        }
        for (position, formal) in function.outputs.enumerated() where !formal.isEmpty {
            let actual = position < node.outputs.count ? node.outputs[position] : ""
            rename[formal] = actual.isEmpty ? prefix + formal : actual
        }
        var callerAttributes: [String: AttributeProto] = [:]
        for attribute in node.attributes { callerAttributes[attribute.name] = attribute }
        var defaults: [String: AttributeProto] = [:]
        for attribute in function.attributeDefaults { defaults[attribute.name] = attribute }
        let bodyOpsets = function.opsetImports.isEmpty ? opsets : function.opsetImports
        for (index, inner) in function.nodes.enumerated() {
            var copy = inner
            copy.name = prefix + (inner.name.isEmpty ? "#\(index)" : inner.name)
            copy.inputs = inner.inputs.map { $0.isEmpty ? "" : rename[$0] ?? prefix + $0 }
            copy.outputs = inner.outputs.map { $0.isEmpty ? "" : rename[$0] ?? prefix + $0 }
            copy.attributes = inner.attributes.compactMap { attribute -> AttributeProto? in
                guard !attribute.refAttrName.isEmpty else { return attribute }
                guard var bound = callerAttributes[attribute.refAttrName] ?? defaults[attribute.refAttrName] else { return nil }
                bound.name = attribute.name
                bound.refAttrName = ""
                return bound
            }
            try expand(copy, fallbackName: copy.name, opsets: bodyOpsets, depth: depth + 1, into: &result, counter: &counter)
        }
    }
}
