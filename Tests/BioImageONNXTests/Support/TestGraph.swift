import BioImageTensor
import BioImageONNX

/// A small ONNX graph written in Swift and serialized with ``ProtoWriter``, for hand-written
/// graph and kernel tests.
///
/// ```swift
/// var graph = TestGraph()
/// graph.input("x", .float32, [1, 3])
/// graph.node("Relu", inputs: ["x"], outputs: ["y"])
/// graph.output("y", .float32)
/// let outputs = try graph.model().run(["x": AnyTensor(x)])
/// ```
struct TestGraph {
    /// An attribute value to write.
    enum Attribute {
        case int(Int)
        case float(Float)
        case string(String)
        case ints([Int])
        case floats([Float])
        case strings([String])
        case tensor(AnyTensor)
    }

    struct Node {
        var opType: String
        var inputs: [String]
        var outputs: [String]
        var name: String
        var domain: String
        var attributes: [(String, Attribute)]
    }

    /// A declared input or output: dtype and shape (`nil` entries are symbolic, `nil` shape is unranked).
    struct Value {
        var name: String
        var dtype: DType?
        var shape: [Int?]?
    }

    var opset = 17
    var irVersion = 8
    var extraOpsets: [(String, Int)] = []
    var inputs: [Value] = []
    var outputs: [Value] = []
    var initializers: [(String, AnyTensor)] = []
    var nodes: [Node] = []

    init(opset: Int = 17) { self.opset = opset }

    mutating func input(_ name: String, _ dtype: DType?, _ shape: [Int?]? = nil) { inputs.append(Value(name: name, dtype: dtype, shape: shape)) }
    mutating func output(_ name: String, _ dtype: DType? = nil, _ shape: [Int?]? = nil) { outputs.append(Value(name: name, dtype: dtype, shape: shape)) }
    mutating func initializer(_ name: String, _ tensor: AnyTensor) { initializers.append((name, tensor)) }
    mutating func node(_ opType: String, inputs: [String], outputs: [String], name: String = "", domain: String = "",
                       attributes: [(String, Attribute)] = []) {
        nodes.append(Node(opType: opType, inputs: inputs, outputs: outputs, name: name, domain: domain, attributes: attributes))
    }

    /// The serialized `ModelProto`.
    func serialized() -> [UInt8] {
        var model = ProtoWriter()
        model.int(1, Int64(irVersion))
        model.string(2, "TestGraph")
        model.message(8) { $0.string(1, ""); $0.int(2, Int64(opset)) }
        for (domain, version) in extraOpsets { model.message(8) { $0.string(1, domain); $0.int(2, Int64(version)) } }
        model.message(7) { graph in
            graph.string(2, "test")
            for node in nodes {
                graph.message(1) { proto in
                    for input in node.inputs { proto.string(1, input) }
                    for output in node.outputs { proto.string(2, output) }
                    if !node.name.isEmpty { proto.string(3, node.name) }
                    proto.string(4, node.opType)
                    if !node.domain.isEmpty { proto.string(7, node.domain) }
                    for (name, value) in node.attributes { proto.message(5) { Self.write(name, value, into: &$0) } }
                }
            }
            for (name, tensor) in initializers { graph.bytes(5, ProtoWriter.tensor(tensor, name: name)) }
            for input in inputs { graph.message(11) { Self.write(input, into: &$0) } }
            for output in outputs { graph.message(12) { Self.write(output, into: &$0) } }
        }
        return model.bytes
    }

    /// Loads the graph; `customOperators` run before the built-in operators.
    func model(customOperators: [String: KernelFactory] = [:]) throws(ONNXError) -> ONNXModel {
        try ONNXModel(bytes: serialized(), externalData: nil, customOperators: customOperators)
    }

    private static func write(_ value: Value, into proto: inout ProtoWriter) {
        proto.string(1, value.name)
        guard value.dtype != nil || value.shape != nil else { return }
        proto.message(2) { type in
            type.message(1) { tensor in
                if let dtype = value.dtype { tensor.int(1, Int64(ProtoWriter.onnxType(dtype))) }
                if let shape = value.shape {
                    tensor.message(2) { shapeProto in
                        for (axis, dim) in shape.enumerated() {
                            shapeProto.message(1) { if let dim { $0.int(1, Int64(dim)) } else { $0.string(2, "d\(axis)") } }
                        }
                    }
                }
            }
        }
    }

    private static func write(_ name: String, _ value: Attribute, into proto: inout ProtoWriter) {
        proto.string(1, name)
        switch value {
        case .float(let float): proto.float(2, float); proto.int(20, 1)
        case .int(let int): proto.int(3, Int64(int)); proto.int(20, 2)
        case .string(let string): proto.string(4, string); proto.int(20, 3)
        case .tensor(let tensor): proto.bytes(5, ProtoWriter.tensor(tensor)); proto.int(20, 4)
        case .floats(let floats): proto.packedFloats(7, floats); proto.int(20, 6)
        case .ints(let ints): proto.packedInts(8, ints.map { Int64($0) }); proto.int(20, 7)
        case .strings(let strings): for string in strings { proto.string(9, string) }; proto.int(20, 8)
        }
    }
}
