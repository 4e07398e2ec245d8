import BioImageRuntime
import BioImageSpec
import BioImageTensor
import Foundation
import Testing
@testable import BioImageONNX

/// `ONNXRuntimeAdapter` on real packages: the external-data fixture package (expected output by
/// numpy, the package tested by bioimageio.core with onnxruntime when generated) and the corpus's
/// `unet2d_nuclei_broad` (expected output: the package's own test tensor).
@Suite("ONNX runtime adapter")
struct AdapterTests {
    static func fixturePackage() throws -> URL {
        try #require(ONNXTestPaths.fixtures).appendingPathComponent("proto/models/external")
    }

    @Test("the standard registry loads onnx weights with external data and binds tensors by position")
    func externalDataPackage() throws {
        let folder = try Self.fixturePackage()
        let model = try PreparedModel(contentsOf: folder)
        let loaded = try RuntimeRegistry.standard.load(model)
        #expect(loaded.adapterName == "bioimageio-onnx")
        #expect(loaded.weightFormat == .onnx)
        let x = try NPY.read(contentsOf: folder.appendingPathComponent("x.npy"))
        let expected = try NPY.read(contentsOf: folder.appendingPathComponent("y.npy"))
        // Description ids are raw/out, the graph's x/y.
        let outputs = try loaded.runtime.run(["raw": x])
        #expect(Array(outputs.keys) == ["out"])
        #expect(TensorComparison.mismatch(try #require(outputs["out"]), expected) == nil)
    }

    @Test("run errors name the tensor: missing, wrong dtype, wrong fixed size")
    func runErrors() throws {
        let model = try PreparedModel(contentsOf: try Self.fixturePackage())
        let runtime = try ONNXRuntimeAdapter().load(model, weights: try #require(model.description.weights[.onnx]),
                                                    options: RuntimeOptions(threads: 1))
        func error(_ inputs: [String: AnyTensor]) -> RuntimeError? {
            do { _ = try runtime.run(inputs); return nil } catch { return error }
        }
        let missing = error([:])
        #expect(missing?.code == .missingTensor)
        #expect(missing?.tensor == "raw")
        let wrongType = error(["raw": AnyTensor(try Tensor<Double>(repeating: 0, shape: [1, 2, 3, 4]))])
        #expect(wrongType?.code == .invalidDType)
        let wrongSize = error(["raw": AnyTensor(try Tensor<Float>(repeating: 0, shape: [1, 2, 3, 5]))])
        #expect(wrongSize?.code == .invalidSize)
        #expect(wrongSize?.tensor == "raw")
        #expect(error(["raw": AnyTensor(try Tensor<Float>(repeating: 0, shape: [2, 2, 3, 4]))]) == nil)   // batch is free
    }

    @Test("a corrupted weights file fails to load with the adapter's error")
    func badWeights() throws {
        let model = try PreparedModel(contentsOf: try Self.fixturePackage())
        var entry = try #require(model.description.weights[.onnx])
        entry.sha256 = String(repeating: "0", count: 64)
        #expect(throws: RuntimeError.self) { try ONNXRuntimeAdapter().load(model, weights: entry, options: RuntimeOptions()) }
    }

    @Test("unet2d_nuclei_broad reproduces its test output")
    func unet2dNucleiBroad() throws {
        guard let packages = ONNXTestPaths.corpusPackages else {
            print("AdapterTests: skipped — ../shared/corpus/packages is absent")
            return
        }
        #if DEBUG
        // A 512×512 U-Net forward pass takes minutes in a debug build: opt in with ONNX_SLOW_TESTS=1.
        guard ProcessInfo.processInfo.environment["ONNX_SLOW_TESTS"] == "1" else {
            print("AdapterTests: unet2d_nuclei_broad skipped in debug builds (set ONNX_SLOW_TESTS=1, or test with -c release)")
            return
        }
        #endif
        let folder = packages.appendingPathComponent("spec__unet2d_nuclei_broad")
        let model: PreparedModel
        // No IO checks: the corpus copy lacks the pytorch architecture file `unet2d.py` (the onnx
        // weights are still hash-checked by the adapter).
        do { model = try PreparedModel(contentsOf: folder, performIOChecks: false) } catch {
            Issue.record("\(error): \(error.summary?.errors.map(\.description) ?? [])")
            return
        }
        let loaded = try RuntimeRegistry.standard.load(model, weightFormat: .onnx)
        let raw = try NPY.read(contentsOf: folder.appendingPathComponent("test_input.npy")).converted(to: Float.self)
        // Preprocessing by hand (zero_mean_unit_variance over x, y; eps 1e-6): (v - mean) / (std + eps),
        // population std, as bioimageio.core computes it.
        let values = raw.scalars.map(Double.init)
        let mean = values.reduce(0, +) / Double(values.count)
        let std = (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)).squareRoot()
        let normalized = try Tensor<Float>(shape: raw.shape, scalars: values.map { Float(($0 - mean) / (std + 1e-6)) })
        let start = Date()
        let outputs = try loaded.runtime.run(["raw": AnyTensor(normalized)])
        print(String(format: "unet2d_nuclei_broad: 512×512 forward pass in %.2f s (debug build)", Date().timeIntervalSince(start)))
        let expected = try NPY.read(contentsOf: folder.appendingPathComponent("test_output.npy"))
        // The description's postprocessing is a sigmoid (the network returns logits): 1 / (1 + e^-v).
        let logits = try #require(outputs["probability"]).converted(to: Float.self)
        let probability = try Tensor<Float>(shape: logits.shape, scalars: logits.scalars.map { 1 / (1 + exp(-$0)) })
        #expect(TensorComparison.mismatch(AnyTensor(probability), expected.converted(to: .float32), rtol: 1e-3, atol: 1e-4) == nil)
    }
}
