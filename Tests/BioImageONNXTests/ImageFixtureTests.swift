import Foundation
import Testing

/// The random one-node image-operator models of `Fixtures/onnx-image` (outputs from onnxruntime,
/// confirmed by the ONNX reference implementation where it runs the node), one test case each.
@Suite("ONNX image operator random fixtures")
struct ImageFixtureTests {
    static let folder = ONNXTestPaths.repositoryRoot?.appendingPathComponent("Fixtures/onnx-image")

    static let names: [String] = {
        guard let folder, let all = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return [] }
        return all.filter { !$0.contains(".") }.sorted()
    }()

    @Test("random fixture matches onnxruntime (rtol 1e-3, atol 1e-6)", arguments: names)
    func fixture(_ name: String) {
        guard let folder = Self.folder else { return }
        let test = NodeTestRunner.Case(name: name, directory: folder.appendingPathComponent(name), operators: [])
        switch NodeTestRunner.run(test, rtol: 1e-3, atol: 1e-6) {
        case .passed: break
        case .skipped(let reason): Issue.record("\(name): skipped — \(reason)")
        case .failed(let message): Issue.record("\(name): \(message)")
        }
    }

    @Test("the fixtures are present")
    func presence() {
        #expect(Self.names.count == 102, "found \(Self.names.count) fixture cases")
    }
}
