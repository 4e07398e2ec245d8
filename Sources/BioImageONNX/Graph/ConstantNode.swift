import BioImageTensor

/// Evaluates a `Constant` node at load time (every opset: `value` since 1, `value_float(s)`,
/// `value_int(s)` and `value_string(s)` since 12, `sparse_value` since 11).
enum ConstantNode {
    /// The node's value.
    /// - Throws: ``ONNXError/Code/invalidAttribute`` unless exactly one supported value attribute is set.
    static func value(of node: OperatorNode) throws(ONNXError) -> AnyTensor {
        try node.checkAttributes(["value", "value_float", "value_floats", "value_int", "value_ints", "value_string",
                                  "value_strings", "sparse_value"])
        guard node.attributes.count == 1, let (key, value) = node.attributes.first else {
            throw node.error(.invalidAttribute, "needs exactly one value attribute, has \(node.attributes.keys.sorted())")
        }
        switch (key, value) {
        case ("value", .tensor(let tensor)): return tensor
        case ("value_float", .float(let float)): return AnyTensor(Tensor<Float>(float))
        case ("value_float", .int(let int)): return AnyTensor(Tensor<Float>(Float(int)))
        case ("value_floats", .floats(let floats)): return AnyTensor(Tensor<Float>(floats))
        case ("value_floats", .ints(let ints)): return AnyTensor(Tensor<Float>(ints.map { Float($0) }))
        case ("value_int", .int(let int)): return AnyTensor(Tensor<Int64>(Int64(int)))
        case ("value_ints", .ints(let ints)): return AnyTensor(Tensor<Int64>(ints.map { Int64($0) }))
        case ("value_string", _), ("value_strings", _):
            throw node.error(.unsupportedDType, "string constants are not supported")
        case ("sparse_value", _):
            throw node.error(.invalidAttribute, "sparse constants are not supported")
        default:
            throw node.error(.invalidAttribute, "attribute '\(key)' has the wrong type")
        }
    }
}
