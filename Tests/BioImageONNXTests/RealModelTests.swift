import BioImageONNX
import BioImageRuntime
import BioImageSpec
import BioImageTensor
import Foundation
import Testing

/// The real-model acceptance: the nuclei U-Net package passes `bioimageio test` with our
/// runtime, and both corpus U-Nets agree with onnxruntime (raw outputs from
/// `Scripts/gen_real_model_outputs.py`) to ≤ 1e-4 absolute.
///
/// A 512×512 U-Net takes minutes in a debug build, so the forward passes run in release builds
/// (`swift test -c release --filter RealModelTests`, which `.ci/run` does) or with ONNX_SLOW_TESTS=1.
@Suite struct RealModelTests {
    static var fixtures: URL? { ONNXTestPaths.repositoryRoot?.appendingPathComponent("Fixtures/models") }

    static func runsSlowTests(_ name: String) -> Bool {
        #if DEBUG
        guard ProcessInfo.processInfo.environment["ONNX_SLOW_TESTS"] == "1" else {
            print("RealModelTests: \(name) skipped in debug builds (run with -c release or ONNX_SLOW_TESTS=1)")
            return false
        }
        #endif
        return true
    }

    /// zero_mean_unit_variance over all of a (1, 1, y, x) tensor, population std, eps on std —
    /// written out independently of the processing module.
    static func normalized(_ tensor: AnyTensor) throws -> Tensor<Float> {
        let values = tensor.converted(to: Double.self).scalars
        let mean = values.reduce(0, +) / Double(values.count)
        let std = (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)).squareRoot()
        return try Tensor(shape: tensor.shape, scalars: values.map { Float(($0 - mean) / (std + 1e-6)) })
    }

    static func maxAbsoluteDifference(_ a: Tensor<Float>, _ b: Tensor<Float>) -> Float {
        zip(a.scalars, b.scalars).reduce(0) { max($0, abs($1.0 - $1.1)) }
    }

    @Test("bioimageio test passes on the nuclei U-Net package in Fixtures/models")
    func nucleiFixturePasses() throws {
        guard Self.runsSlowTests("nucleiFixturePasses"), let fixtures = Self.fixtures else { return }
        let report = ModelTester(registry: .standard).test(contentsOf: fixtures.appendingPathComponent("unet2d_nuclei_broad"))
        #expect(report.status == .passed, "\(report.text)")
        #expect(report.details.contains { $0.name == "Reproduce test outputs from test inputs (onnx)" && $0.status == .passed })
    }

    @Test("the corpus nuclei package: format-only load passes; with file checks the missing unet2d.py is named")
    func corpusNucleiPackage() throws {
        guard let packages = ONNXTestPaths.corpusPackages else {
            print("RealModelTests: skipped — ../shared/corpus/packages is absent")
            return
        }
        let folder = packages.appendingPathComponent("spec__unet2d_nuclei_broad")
        // The corpus deliberately leaves out the PyTorch architecture file, so io checks fail (the
        // reference, offline, cannot even start: it downloads the remote state dict first).
        let strict = ModelTester(registry: .standard).test(contentsOf: folder, weightFormat: .onnx)
        #expect(strict.status == .failed)
        #expect(strict.text.contains("unet2d.py does not point to an existing file"))
        guard Self.runsSlowTests("corpusNucleiPackage") else { return }
        let lenient = ModelTester(registry: .standard, options: ModelTester.Options(performIOChecks: false))
            .test(contentsOf: folder, weightFormat: .onnx)
        #expect(lenient.status == .passed, "\(lenient.text)")
    }

    @Test("the tiktorch U-Net description is invalid, as bioimageio.spec says (no `type`)")
    func tiktorchDescriptionIsInvalid() throws {
        guard let packages = ONNXTestPaths.corpusPackages else { return }
        let report = ModelTester(registry: .standard).test(contentsOf: packages.appendingPathComponent("tiktorch__unet2d_onnx"))
        #expect(report.status == .failed)
        #expect(report.text.contains("Missing field 'type'"))
    }

    @Test("both corpus U-Nets agree with onnxruntime to ≤ 1e-4", arguments: ["spec__unet2d_nuclei_broad", "tiktorch__unet2d_onnx"])
    func agreesWithOnnxruntime(_ package: String) throws {
        guard let packages = ONNXTestPaths.corpusPackages, let fixtures = Self.fixtures else {
            print("RealModelTests: skipped — ../shared/corpus/packages is absent")
            return
        }
        guard Self.runsSlowTests("agreesWithOnnxruntime(\(package))") else { return }
        let folder = packages.appendingPathComponent(package)
        let model = try ONNXModel(contentsOf: folder.appendingPathComponent("weights.onnx"))
        let input = try Self.normalized(try NPY.read(contentsOf: folder.appendingPathComponent("test_input.npy")))
        let name = try #require(model.inputs.first?.name)
        let outputs = try model.run([name: AnyTensor(input)])
        let outputName = try #require(model.outputs.first?.name)
        let ours = try #require(outputs[outputName]).converted(to: Float.self)
        let expected = try NPY.read(contentsOf: fixtures.appendingPathComponent("reference-outputs/\(package).npy")).converted(to: Float.self)
        #expect(ours.shape == expected.shape)
        let difference = Self.maxAbsoluteDifference(ours, expected)
        print("RealModelTests: \(package) max |ours − onnxruntime| = \(difference)")
        #expect(difference <= 1e-4)
    }
}
