import BioImageTensor
import Foundation
import Testing
@testable import BioImageONNX

/// Graph building and execution with test kernels (`GraphTestKernels`); expected values computed
/// by hand in the comments.
@Suite("ONNX graph and executor")
struct GraphTests {
    static func floats(_ values: [Float], _ shape: [Int]) throws -> AnyTensor { AnyTensor(try Tensor(shape: shape, scalars: values)) }

    /// y = relu(x + c) * d with c an initializer and d a Constant node.
    static func chain() -> TestGraph {
        var graph = TestGraph()
        graph.input("x", .float32, [nil, 3])
        graph.initializer("c", AnyTensor(Tensor<Float>([1, -1, 0])))
        graph.node("Constant", inputs: [], outputs: ["d"], attributes: [("value_floats", .floats([2, 3, 4]))])
        // Listed out of order on purpose: the builder sorts topologically.
        graph.node("TMul", inputs: ["r", "d"], outputs: ["y"], name: "mul")
        graph.node("TRelu", inputs: ["s"], outputs: ["r"], name: "relu")
        graph.node("TAdd", inputs: ["x", "c"], outputs: ["s"], name: "add")
        graph.output("y", .float32, [nil, 3])
        return graph
    }

    @Test("nodes run in topological order; initializers and Constant nodes feed them")
    func runsChain() throws {
        let model = try Self.chain().model(customOperators: GraphTestKernels.operators)
        #expect(model.inputs.map(\.name) == ["x"])
        #expect(model.inputs[0].shape == [.symbolic("d0"), .fixed(3)])
        #expect(model.outputs.map(\.name) == ["y"])
        // x = [[1, 2, 3], [-5, 0.5, -1]]: x + c = [[2, 1, 3], [-4, -0.5, -1]] → relu → [[2, 1, 3], [0, 0, 0]]
        // → * [2, 3, 4] = [[4, 3, 12], [0, 0, 0]].
        let y = try model.run(["x": try Self.floats([1, 2, 3, -5, 0.5, -1], [2, 3])], threads: 1)["y"]
        #expect(try y?.tensor(of: Float.self).scalars == [4, 3, 12, 0, 0, 0])
        // Dynamic batch: the same model runs on one row.
        let one = try model.run(["x": try Self.floats([0, 0, 0], [1, 3])])["y"]
        #expect(try one?.tensor(of: Float.self).scalars == [2, 0, 0])
    }

    @Test("nodes whose inputs are all constant are folded at load")
    func folding() throws {
        var graph = TestGraph()
        graph.input("x", .float32, [3])
        graph.initializer("a", AnyTensor(Tensor<Float>([1, 2, 3])))
        graph.node("Constant", inputs: [], outputs: ["b"], attributes: [("value", .tensor(AnyTensor(Tensor<Float>([10, 20, 30]))))])
        graph.node("TAdd", inputs: ["a", "b"], outputs: ["ab"])      // constant: [11, 22, 33]
        graph.node("TRelu", inputs: ["ab"], outputs: ["r"])          // constant
        graph.node("TAdd", inputs: ["x", "r"], outputs: ["y"])       // the only step left
        graph.output("y")
        graph.output("r")                                              // a folded value can be an output
        let model = try graph.model(customOperators: GraphTestKernels.operators)
        #expect(model.nodeCount == 1)
        let outputs = try model.run(["x": AnyTensor(Tensor<Float>([1, 1, 1]))])
        #expect(try outputs["y"]?.tensor(of: Float.self).scalars == [12, 23, 34])
        #expect(try outputs["r"]?.tensor(of: Float.self).scalars == [11, 22, 33])
        // Only the constant the remaining step reads is kept ('a', 'b', 'ab' are dropped).
        #expect(model.plan.constants.count == 1)
    }

    @Test("each intermediate is released after its last use; graph outputs never are")
    func liveness() throws {
        let model = try Self.chain().model(customOperators: GraphTestKernels.operators)
        let plan = model.plan
        let names = plan.slotNames
        let released = plan.steps.map { $0.release.map { names[$0] }.sorted() }
        // Order after sorting: add (x, c → s), relu (s → r), mul (r, d → y).
        #expect(plan.steps.map(\.node) == ["add", "relu", "mul"])
        #expect(released == [["c", "x"], ["s"], ["d", "r"]])
    }

    @Test("an initializer listed as a graph input is an overridable default")
    func defaults() throws {
        var graph = TestGraph()
        graph.input("x", .float32, [2])
        graph.input("w", .float32, [2])
        graph.initializer("w", AnyTensor(Tensor<Float>([100, 200])))
        graph.node("TAdd", inputs: ["x", "w"], outputs: ["y"])
        graph.output("y")
        let model = try graph.model(customOperators: GraphTestKernels.operators)
        #expect(model.inputs.map(\.name) == ["x"])
        #expect(model.optionalInputs.map(\.name) == ["w"])
        #expect(model.nodeCount == 1)   // not folded: w may change
        let x = AnyTensor(Tensor<Float>([1, 2]))
        #expect(try model.run(["x": x])["y"]?.tensor(of: Float.self).scalars == [101, 202])
        #expect(try model.run(["x": x, "w": AnyTensor(Tensor<Float>([0, 1]))])["y"]?.tensor(of: Float.self).scalars == [1, 3])
    }

    @Test("before IR version 4 an initializer listed as an input is a constant (folded, not overridable)")
    func oldIRInitializerInputs() throws {
        var graph = TestGraph()
        graph.irVersion = 3
        graph.input("x", .float32, [2])
        graph.input("w", .float32, [2])
        graph.initializer("w", AnyTensor(Tensor<Float>([100, 200])))
        graph.node("TRelu", inputs: ["w"], outputs: ["rw"])   // folded: w is constant
        graph.node("TAdd", inputs: ["x", "rw"], outputs: ["y"])
        graph.output("y")
        let model = try graph.model(customOperators: GraphTestKernels.operators)
        #expect(model.inputs.map(\.name) == ["x"])
        #expect(model.optionalInputs.isEmpty)
        #expect(model.nodeCount == 1)
        #expect(try model.run(["x": AnyTensor(Tensor<Float>([1, 2]))])["y"]?.tensor(of: Float.self).scalars == [101, 202])
    }

    @Test("the fixture model with an initializer default, read from onnx's serialization")
    func defaultsFixture() throws {
        let url = try #require(ONNXTestPaths.fixtures).appendingPathComponent("proto/models/defaults.onnx")
        let model = try ONNXModel(bytes: [UInt8](try Data(contentsOf: url)), externalData: nil, customOperators: GraphTestKernels.operators)
        #expect(model.inputs.map(\.name) == ["x"])
        #expect(model.optionalInputs.map(\.name) == ["w"])
        #expect(model.inputs[0].shape == [.symbolic("batch"), .fixed(2), .fixed(3), .fixed(4)])
        #expect(model.opsetVersion == 17)
        #expect(model.irVersion == 8)
    }

    @Test("an ints attribute as onnx writes it (unpacked) decodes to the list")
    func unpackedIntsAttribute() throws {
        let url = try #require(ONNXTestPaths.fixtures).appendingPathComponent("proto/models/attribute_ints.onnx")
        let proto = try ModelProto(serialized: [UInt8](try Data(contentsOf: url)))
        let attribute = try #require(proto.graph?.nodes.first?.attributes.first)
        #expect(attribute.name == "perm")
        #expect(try attribute.value(externalData: nil) == .ints([0, 2, 1]))
    }

    @Test("external data: weights read from the model's folder match numpy")
    func externalFixture() throws {
        let folder = try #require(ONNXTestPaths.fixtures).appendingPathComponent("proto/models/external")
        let data = try Data(contentsOf: folder.appendingPathComponent("model.onnx"))
        let model = try ONNXModel(bytes: [UInt8](data), externalData: .directory(folder), customOperators: GraphTestKernels.operators)
        let x = try NPY.read(contentsOf: folder.appendingPathComponent("x.npy"))
        let expected = try NPY.read(contentsOf: folder.appendingPathComponent("y.npy"))
        let y = try #require(try model.run(["x": x])["y"])
        #expect(TensorComparison.mismatch(y, expected) == nil)
        // The same through in-memory files, and an error without any source.
        let weights = try Data(contentsOf: folder.appendingPathComponent("weights.data"))
        let inMemory = try ONNXModel(bytes: [UInt8](data), externalData: .files(["weights.data": weights]), customOperators: GraphTestKernels.operators)
        #expect(TensorComparison.mismatch(try #require(try inMemory.run(["x": x])["y"]), expected) == nil)
        #expect(throws: ONNXError.self) {
            try ONNXModel(bytes: [UInt8](data), externalData: nil, customOperators: GraphTestKernels.operators)
        }
    }

    @Test("inputs are checked by name, dtype, rank and fixed size")
    func inputChecks() throws {
        let model = try Self.chain().model(customOperators: GraphTestKernels.operators)
        let good = try Self.floats([1, 2, 3], [1, 3])
        func code(_ inputs: [String: AnyTensor]) -> ONNXError.Code? {
            do { _ = try model.run(inputs); return nil } catch { return error.code }
        }
        #expect(code([:]) == .invalidInput)                                                   // missing
        #expect(code(["x": good, "z": good]) == .invalidInput)                                // unknown name
        #expect(code(["x": AnyTensor(Tensor<Double>([1, 2, 3]).converted(to: Double.self))]) == .invalidInput)  // rank 1, float64
        #expect(code(["x": good.converted(to: .float64)]) == .invalidInput)                  // dtype
        #expect(code(["x": try Self.floats([1, 2, 3, 4], [1, 4])]) == .invalidInput)          // fixed size 3
        #expect(code(["x": good]) == nil)
    }

    @Test("graph errors: cycle, undefined value, duplicate output, unsupported operator, bad attribute")
    func graphErrors() throws {
        func loadError(_ build: (inout TestGraph) -> Void) -> ONNXError? {
            var graph = TestGraph()
            graph.input("x", .float32)
            graph.output("y")
            build(&graph)
            do { _ = try graph.model(customOperators: GraphTestKernels.operators); return nil } catch { return error }
        }
        let cycle = loadError {
            $0.node("TRelu", inputs: ["b"], outputs: ["a"], name: "n1")
            $0.node("TRelu", inputs: ["a"], outputs: ["b"], name: "n2")
            $0.node("TRelu", inputs: ["b"], outputs: ["y"], name: "n3")
        }
        #expect(cycle?.code == .invalidGraph)
        #expect(cycle?.message.contains("cycle") == true)
        let undefined = loadError { $0.node("TRelu", inputs: ["nowhere"], outputs: ["y"], name: "r") }
        #expect(undefined?.code == .invalidGraph)
        #expect(undefined?.node == "r")
        #expect(undefined?.message.contains("nowhere") == true)
        let duplicate = loadError {
            $0.node("TRelu", inputs: ["x"], outputs: ["y"])
            $0.node("TRelu", inputs: ["x"], outputs: ["y"])
        }
        #expect(duplicate?.code == .invalidGraph)
        let unsupported = loadError { $0.node("NoSuchOp", inputs: ["x"], outputs: ["y"], name: "mystery") }
        #expect(unsupported?.code == .unsupportedOperator)
        #expect(unsupported?.node == "mystery")
        #expect(unsupported?.opType == "NoSuchOp")
        let custom = loadError {
            $0.extraOpsets = [("com.example", 1)]
            $0.node("TRelu", inputs: ["x"], outputs: ["y"], domain: "com.example")
        }
        #expect(custom == nil)   // custom operators match any domain
        let attribute = loadError { $0.node("TNoAttributes", inputs: ["x"], outputs: ["y"], name: "n", attributes: [("alpha", .float(1))]) }
        #expect(attribute?.code == .invalidAttribute)
        #expect(attribute?.node == "n")
        let missingOutput = loadError { $0.node("TRelu", inputs: ["x"], outputs: ["z"]) }
        #expect(missingOutput?.code == .invalidGraph)
        let constant = loadError { $0.node("Constant", inputs: [], outputs: ["y"], attributes: [("value_int", .int(1)), ("value_float", .float(1))]) }
        #expect(constant?.code == .invalidAttribute)
        var noOpset = TestGraph(opset: 13)
        noOpset.input("x", .float32)
        noOpset.output("y")
        noOpset.node("Foo", inputs: ["x"], outputs: ["y"], domain: "com.unknown")
        #expect(throws: ONNXError.self) { try noOpset.model() }
    }

    @Test("kernel errors at run time name the node; folding errors surface at load")
    func kernelErrors() throws {
        var graph = TestGraph()
        graph.input("x", .float32)
        graph.node("TFail", inputs: ["x"], outputs: ["y"], name: "boom")
        graph.output("y")
        let model = try graph.model(customOperators: GraphTestKernels.operators)
        do {
            _ = try model.run(["x": AnyTensor(Tensor<Float>([1]))])
            Issue.record("expected an error")
        } catch {
            #expect(error.node == "boom")
            #expect(error.opType == "TFail")
            #expect(error.description.hasPrefix("node 'boom' (TFail): "))
        }
        var folded = TestGraph()
        folded.initializer("c", AnyTensor(Tensor<Float>([1])))
        folded.node("TFail", inputs: ["c"], outputs: ["y"], name: "early")
        folded.output("y")
        #expect(throws: ONNXError.self) { try folded.model(customOperators: GraphTestKernels.operators) }
    }

    @Test("Constant node variants of every opset")
    func constants() throws {
        let cases: [(TestGraph.Attribute, String, AnyTensor)] = [
            (.float(1.5), "value_float", AnyTensor(Tensor<Float>(1.5))),
            (.floats([1, 2]), "value_floats", AnyTensor(Tensor<Float>([1, 2]))),
            (.int(-3), "value_int", AnyTensor(Tensor<Int64>(-3))),
            (.ints([4, 5]), "value_ints", AnyTensor(Tensor<Int64>([4, 5]))),
            (.tensor(AnyTensor(Tensor<Int32>([7]))), "value", AnyTensor(Tensor<Int32>([7]))),
        ]
        for (attribute, key, expected) in cases {
            var graph = TestGraph()
            graph.node("Constant", inputs: [], outputs: ["y"], attributes: [(key, attribute)])
            graph.output("y")
            let model = try graph.model()
            #expect(model.nodeCount == 0)
            #expect(try model.run([:])["y"] == expected, "\(key)")
        }
    }

    @Test("omitted optional inputs reach the kernel as nil; a graph input can be an output")
    func optionalInputsAndPassThrough() throws {
        var graph = TestGraph()
        graph.input("x", .float32)
        graph.node("TCount", inputs: ["x", "", "x"], outputs: ["n"])
        graph.output("n")
        graph.output("x")
        let model = try graph.model(customOperators: GraphTestKernels.operators)
        let x = AnyTensor(Tensor<Float>([1, 2]))
        let outputs = try model.run(["x": x])
        #expect(try outputs["n"]?.tensor(of: Int64.self).scalars == [2])
        #expect(outputs["x"] == x)
    }

    @Test("a profiled run returns the same outputs and one timing per remaining node")
    func profiledRun() throws {
        let model = try Self.chain().model(customOperators: GraphTestKernels.operators)
        let x = try Self.floats([1, 2, 3], [1, 3])
        let (outputs, steps) = try model.profile(["x": x], threads: 1)
        #expect(outputs == (try model.run(["x": x], threads: 1)))
        #expect(steps.map(\.opType) == ["TAdd", "TRelu", "TMul"])
        #expect(steps.allSatisfy { $0.seconds >= 0 })
    }

    @Test("one model runs concurrently from several threads")
    func concurrentRuns() throws {
        let model = try Self.chain().model(customOperators: GraphTestKernels.operators)
        let results = GraphTestResults()
        DispatchQueue.concurrentPerform(iterations: 8) { k in
            let x = try? Self.floats([Float(k), 0, 0], [1, 3])
            let y = x.flatMap { try? model.run(["x": $0], threads: 1)["y"] }
            results.set(k, y.flatMap { try? $0.tensor(of: Float.self).scalars.first })
        }
        // relu(k + 1) * 2
        for k in 0..<8 { #expect(results.get(k) == Float(k + 1) * 2) }
    }
}

/// A lock-protected dictionary for the concurrency test.
final class GraphTestResults: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Int: Float] = [:]
    func set(_ key: Int, _ value: Float?) { lock.lock(); values[key] = value; lock.unlock() }
    func get(_ key: Int) -> Float? { lock.lock(); defer { lock.unlock() }; return values[key] }
}
