import BioImageIOTestSupport
import BioImageONNX
import BioImageRuntime
import Testing

/// The built-in pure-Swift ONNX interpreter, run through the conformance kit exactly as a
/// third-party adapter would be: every fixture must get the reference's verdict (onnxruntime's).
@Suite struct ONNXConformanceTests {
    @Test func theBuiltInONNXAdapterConforms() throws {
        try ConformanceChecker(adapter: ONNXRuntimeAdapter()).check()
    }

    @Test func theStandardRegistryLoadsTheFixturesWithTheInterpreter() throws {
        let fixture = try #require(try ConformanceSuite.fixtures().first { $0.name == "box5x5" })
        let report = ModelTester(registry: .standard).test(contentsOf: fixture.url)
        #expect(report.status == .passed, "\(report.text)")
    }
}
