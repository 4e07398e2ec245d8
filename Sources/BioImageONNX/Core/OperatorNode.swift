import BioImageTensor

/// What an operator kernel sees of its graph node when it is built: the operator, its inputs and
/// outputs by name, the opset in force and the decoded attributes.
package struct OperatorNode: Sendable {
    /// The node's name, or `#<index>` when the file leaves it empty.
    package var name: String
    /// The operator type (`Conv`, `Relu`, …).
    package var opType: String
    /// The operator domain (`""` or `ai.onnx` for the standard set).
    package var domain: String
    /// Input value names; an empty string is an omitted optional input.
    package var inputs: [String]
    /// Output value names.
    package var outputs: [String]
    /// The opset version of the node's domain.
    package var opset: Int
    /// The attributes, by name.
    package var attributes: [String: AttributeValue]

    package init(name: String, opType: String, domain: String = "", inputs: [String], outputs: [String], opset: Int,
                 attributes: [String: AttributeValue] = [:]) {
        self.name = name
        self.opType = opType
        self.domain = domain
        self.inputs = inputs
        self.outputs = outputs
        self.opset = opset
        self.attributes = attributes
    }

    /// An error about this node.
    package func error(_ code: ONNXError.Code, _ message: String) -> ONNXError {
        ONNXError(code, message, node: name, opType: opType)
    }

    /// An `int` attribute, or `defaultValue` when absent.
    package func int(_ key: String, default defaultValue: Int) throws(ONNXError) -> Int {
        guard let value = attributes[key] else { return defaultValue }
        guard case .int(let int) = value else { throw error(.invalidAttribute, "attribute '\(key)' must be an int") }
        return int
    }

    /// A required `int` attribute.
    package func int(_ key: String) throws(ONNXError) -> Int {
        guard let value = attributes[key] else { throw error(.invalidAttribute, "missing attribute '\(key)'") }
        guard case .int(let int) = value else { throw error(.invalidAttribute, "attribute '\(key)' must be an int") }
        return int
    }

    /// A `float` attribute, or `defaultValue` when absent.
    package func float(_ key: String, default defaultValue: Float) throws(ONNXError) -> Float {
        guard let value = attributes[key] else { return defaultValue }
        switch value {
        case .float(let float): return float
        case .int(let int): return Float(int)
        default: throw error(.invalidAttribute, "attribute '\(key)' must be a float")
        }
    }

    /// A `string` attribute, or `defaultValue` when absent.
    package func string(_ key: String, default defaultValue: String) throws(ONNXError) -> String {
        guard let value = attributes[key] else { return defaultValue }
        guard case .string(let string) = value else { throw error(.invalidAttribute, "attribute '\(key)' must be a string") }
        return string
    }

    /// An `ints` attribute, or `nil` when absent.
    package func ints(_ key: String) throws(ONNXError) -> [Int]? {
        guard let value = attributes[key] else { return nil }
        guard case .ints(let ints) = value else { throw error(.invalidAttribute, "attribute '\(key)' must be a list of ints") }
        return ints
    }

    /// A `floats` attribute, or `nil` when absent.
    package func floats(_ key: String) throws(ONNXError) -> [Float]? {
        guard let value = attributes[key] else { return nil }
        guard case .floats(let floats) = value else { throw error(.invalidAttribute, "attribute '\(key)' must be a list of floats") }
        return floats
    }

    /// A `tensor` attribute, or `nil` when absent.
    package func tensor(_ key: String) throws(ONNXError) -> AnyTensor? {
        guard let value = attributes[key] else { return nil }
        guard case .tensor(let tensor) = value else { throw error(.invalidAttribute, "attribute '\(key)' must be a tensor") }
        return tensor
    }

    /// Throws unless every attribute is one of `known` (an unknown attribute is reported at load time).
    package func checkAttributes(_ known: Set<String>) throws(ONNXError) {
        for key in attributes.keys.sorted() where !known.contains(key) {
            throw error(.invalidAttribute, "unsupported attribute '\(key)'")
        }
    }
}

/// A decoded attribute value (`AttributeProto`), by its type.
package enum AttributeValue: Sendable, Hashable {
    case float(Float)
    case int(Int)
    case string(String)
    case tensor(AnyTensor)
    case floats([Float])
    case ints([Int])
    case strings([String])
    case tensors([AnyTensor])
    /// A subgraph (`If`, `Loop`, `Scan` bodies); none of the supported operators takes one.
    case graph
}
