@testable import BioImageONNX
import Testing

@Suite("Conv activation fusion")
struct ConvActivationFusionTests {
    private func node(_ op: String, _ inputs: [String], _ outputs: [String], opset: Int = 17,
                      _ attributes: [String: AttributeValue] = [:]) -> OperatorNode {
        OperatorNode(name: outputs[0], opType: op, inputs: inputs, outputs: outputs, opset: opset, attributes: attributes)
    }

    @Test("Conv → Relu becomes one Conv writing the Relu's output")
    func fusesRelu() {
        let nodes = [node("Conv", ["x", "w"], ["c"]), node("Relu", ["c"], ["r"]), node("MaxPool", ["r"], ["p"])]
        let fused = ConvActivationFusion.apply(nodes, protectedValues: ["p"])
        #expect(fused.map(\.opType) == ["Conv", "MaxPool"])
        #expect(fused[0].outputs == ["r"])
        #expect(fused[0].attributes["_activation"] == .string("Relu"))
    }

    @Test("LeakyRelu keeps its alpha (default 0.01) and attribute-form Clip its bounds")
    func parameters() {
        let leaky = ConvActivationFusion.apply([node("Conv", ["x", "w"], ["c"]), node("LeakyRelu", ["c"], ["r"])], protectedValues: ["r"])
        #expect(leaky.count == 1 && leaky[0].attributes["_activation_alpha"] == .floats([0.01]))
        let clip = ConvActivationFusion.apply([node("Conv", ["x", "w"], ["c"], opset: 6),
                                               node("Clip", ["c"], ["r"], opset: 6, ["min": .float(0), "max": .float(6)])],
                                              protectedValues: ["r"])
        #expect(clip.count == 1 && clip[0].attributes["_activation_alpha"] == .floats([0, 6]))
        // Clip from opset 11 takes its bounds as inputs: not fused.
        let clip11 = ConvActivationFusion.apply([node("Conv", ["x", "w"], ["c"]), node("Clip", ["c", "lo", "hi"], ["r"])],
                                                protectedValues: ["r"])
        #expect(clip11.count == 2)
    }

    @Test("never fuses a protected or shared intermediate, or a non-activation")
    func guards() {
        let protected = ConvActivationFusion.apply([node("Conv", ["x", "w"], ["c"]), node("Relu", ["c"], ["r"])], protectedValues: ["c", "r"])
        #expect(protected.count == 2)
        let shared = ConvActivationFusion.apply([node("Conv", ["x", "w"], ["c"]), node("Relu", ["c"], ["r"]),
                                                 node("Add", ["c", "r"], ["s"])], protectedValues: ["s"])
        #expect(shared.count == 3)
        let other = ConvActivationFusion.apply([node("Conv", ["x", "w"], ["c"]), node("Softplus", ["c"], ["r"])], protectedValues: ["r"])
        #expect(other.count == 2)
        let twice = ConvActivationFusion.apply([node("Conv", ["x", "w"], ["c"]), node("Relu", ["c"], ["r"]), node("Relu", ["r"], ["s"])],
                                               protectedValues: ["s"])
        #expect(twice.map(\.opType) == ["Conv", "Relu"])
    }

    @Test("the fused node builds a kernel (its internal attributes are accepted)")
    func buildsKernel() throws {
        let fused = ConvActivationFusion.apply([node("Conv", ["x", "w"], ["c"]), node("Tanh", ["c"], ["r"])], protectedValues: ["r"])
        _ = try OperatorRegistry.kernel(for: fused[0])
    }
}
