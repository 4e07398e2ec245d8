import Foundation
import Testing

/// The ONNX backend node tests of the image operators, one test case each, including operators not
/// on the listed-operator list (LpPool, Celu, ThresholdedRelu, HardSwish, Softplus, Softsign, Gelu).
/// Expanded variants (`*_expanded*`) exercise other operators and are left to the conformance suite.
@Suite("ONNX image operator node tests")
struct ImageNodeTests {
    static let prefixes = [
        "test_maxpool_", "test_averagepool_", "test_globalaveragepool", "test_globalmaxpool", "test_lppool_",
        "test_batchnorm_", "test_instancenorm_", "test_relu", "test_leakyrelu", "test_elu", "test_selu", "test_celu",
        "test_thresholdedrelu", "test_prelu_", "test_sigmoid", "test_hardsigmoid", "test_hardswish", "test_tanh", "test_erf",
        "test_softplus", "test_softsign", "test_gelu_", "test_softmax_", "test_logsoftmax_", "test_clip", "test_resize_",
        "test_upsample_", "test_constant_pad", "test_edge_pad", "test_reflect_pad", "test_wrap_pad",
    ]

    /// The selected test folders (empty when the shared node tests are absent).
    static let names: [String] = {
        guard let root = ONNXTestPaths.nodeTests,
              let all = try? FileManager.default.contentsOfDirectory(atPath: root.path) else { return [] }
        return all.filter { name in !name.contains("_expanded") && prefixes.contains { name.hasPrefix($0) } }.sorted()
    }()

    @Test("node test passes (rtol 1e-3, atol 1e-7)", arguments: names)
    func nodeTest(_ name: String) {
        switch NodeTestRunner.run(named: name) {
        case .passed: break
        case .skipped(let reason): print("\(name): skipped — \(reason)")
        case .failed(let message): Issue.record("\(name): \(message)")
        }
    }

    @Test("the node tests are present or their absence is reported")
    func presence() {
        if ONNXTestPaths.nodeTests == nil {
            print("ImageNodeTests: skipped — ../shared/onnx-node-tests/node is absent")
        } else {
            #expect(Self.names.count >= 160, "found only \(Self.names.count) image node tests")
        }
    }
}
