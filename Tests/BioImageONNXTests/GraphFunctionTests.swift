import BioImageTensor
import Foundation
import Testing
@testable import BioImageONNX

/// Model-local functions (`ModelProto.functions`) are inlined at load.
@Suite("ONNX model-local functions")
struct GraphFunctionTests {
    @Test("nested calls, attribute references and defaults match onnxruntime")
    func fixture() throws {
        let folder = try #require(ONNXTestPaths.fixtures).appendingPathComponent("proto/models/functions")
        let model = try ONNXModel(contentsOf: folder.appendingPathComponent("model.onnx"))
        // Twice = AddLeaky ∘ AddLeaky, plus one more AddLeaky: 3 × (Add, LeakyRelu).
        #expect(model.nodeCount == 6)
        let x = try NPY.read(contentsOf: folder.appendingPathComponent("x.npy"))
        let w = try NPY.read(contentsOf: folder.appendingPathComponent("w.npy"))
        let expected = try NPY.read(contentsOf: folder.appendingPathComponent("y.npy"))
        let y = try #require(try model.run(["x": x, "w": w])["y"])
        #expect(TensorComparison.mismatch(y, expected, rtol: 1e-6, atol: 1e-7) == nil)
    }

    /// A model whose function `F` (domain `f`) calls itself.
    static func recursiveModel() -> [UInt8] {
        var model = ProtoWriter()
        model.int(1, 8)
        model.message(8) { $0.string(1, ""); $0.int(2, 17) }
        model.message(8) { $0.string(1, "f"); $0.int(2, 1) }
        model.message(7) { graph in
            graph.message(1) { node in node.string(1, "x"); node.string(2, "y"); node.string(4, "F"); node.string(7, "f") }
            graph.message(11) { $0.string(1, "x") }
            graph.message(12) { $0.string(1, "y") }
        }
        model.message(25) { function in
            function.string(1, "F")
            function.string(10, "f")
            function.string(4, "a")
            function.string(5, "b")
            function.message(7) { node in node.string(1, "a"); node.string(2, "b"); node.string(4, "F"); node.string(7, "f") }
        }
        return model.bytes
    }

    @Test("a recursive function is an invalid graph, not a hang or a crash")
    func recursion() {
        do {
            _ = try ONNXModel(data: Data(Self.recursiveModel()))
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .invalidGraph)
            #expect(error.message.contains("nest deeper"))
        }
    }

    @Test("body values get a per-call prefix, so two calls do not collide")
    func twoCalls() throws {
        var model = ProtoWriter()
        model.int(1, 8)
        model.message(8) { $0.string(1, ""); $0.int(2, 17) }
        model.message(8) { $0.string(1, "f"); $0.int(2, 1) }
        model.message(7) { graph in
            graph.message(1) { node in node.string(1, "x"); node.string(2, "m"); node.string(4, "Double"); node.string(7, "f") }
            graph.message(1) { node in node.string(1, "m"); node.string(2, "y"); node.string(4, "Double"); node.string(7, "f") }
            graph.message(11) { $0.string(1, "x") }
            graph.message(12) { $0.string(1, "y") }
        }
        model.message(25) { function in
            function.string(1, "Double")
            function.string(10, "f")
            function.string(4, "a")
            function.string(5, "b")
            // b = relu(t) with t = a + a.
            function.message(7) { node in node.string(1, "a"); node.string(1, "a"); node.string(2, "t"); node.string(4, "TAdd") }
            function.message(7) { node in node.string(1, "t"); node.string(2, "b"); node.string(4, "TRelu") }
        }
        let onnx = try ONNXModel(bytes: model.bytes, externalData: nil, customOperators: GraphTestKernels.operators)
        // relu(2·relu(2x)) for x = [1, -1, 3] → [4, 0, 12].
        let y = try onnx.run(["x": AnyTensor(Tensor<Float>([1, -1, 3]))])["y"]
        #expect(try y?.tensor(of: Float.self).scalars == [4, 0, 12])
        #expect(onnx.plan.slotNames.contains { $0.hasSuffix("/t") })
    }
}
