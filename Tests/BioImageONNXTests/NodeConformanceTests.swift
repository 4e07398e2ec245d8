import Foundation
import Testing

/// The ONNX backend node tests of every listed operator (see `Support/NodeTestRunner.swift`).
///
/// Select a subset with `ONNX_NODE_TESTS=Conv,Relu` (operator names) or test-name prefixes
/// (`ONNX_NODE_TESTS=test_conv_`). Tests in `Support/NodeTestSkipList.swift` are skipped with
/// their reason; every other selected test must pass.
@Suite("ONNX node conformance")
struct NodeConformanceTests {
    @Test("listed-operator node tests pass (rtol 1e-3, atol 1e-7)")
    func listedOperatorNodeTests() throws {
        guard let root = ONNXTestPaths.nodeTests else {
            print("NodeConformanceTests: skipped — ../shared/onnx-node-tests/node is absent")
            return
        }
        let cases = NodeTestRunner.selectedCases(in: root)
        var passed = 0
        var failures: [(String, String)] = []
        var skipped: [(String, String)] = []
        var unexpectedPasses: [String] = []
        let start = Date()
        for test in cases {
            let skipReason = NodeTestSkipList.reason(for: test.name)
            switch NodeTestRunner.run(test) {
            case .passed:
                passed += 1
                if skipReason != nil { unexpectedPasses.append(test.name) }
            case .skipped(let reason):
                skipped.append((test.name, reason))
            case .failed(let message):
                if let skipReason { skipped.append((test.name, skipReason)) } else { failures.append((test.name, message)) }
            }
        }
        let seconds = Date().timeIntervalSince(start)
        var report = "ONNX node tests: \(cases.count) selected, \(passed) passed, \(failures.count) failed, \(skipped.count) skipped"
        report += String(format: " (%.1f s)", seconds)
        for (name, message) in failures { report += "\n  FAIL \(name): \(message)" }
        let reasons = Dictionary(grouping: skipped, by: \.1)
        for (reason, tests) in reasons.sorted(by: { $0.key < $1.key }) { report += "\n  SKIP \(tests.count)× \(reason)" }
        for name in unexpectedPasses { report += "\n  NOTE \(name) passes although it is in the skip list" }
        print(report)
        let failureCount = failures.count
        #expect(failureCount == 0, "node tests failed: \(failures.prefix(20).map(\.0).joined(separator: ", "))\(failureCount > 20 ? ", …" : "")")
    }
}
