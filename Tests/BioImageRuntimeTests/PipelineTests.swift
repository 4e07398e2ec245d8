import BioImageSpec
import BioImageTensor
import Foundation
import Testing

@testable import BioImageRuntime

/// Whole-sample prediction and `forward` with a box-filter test network; expected values from the
/// direct box-filter formula in ``BoxFilterModels/expected(_:radius:pad:)``.
@Suite("Runtime: prediction pipeline")
struct PipelineTests {
    static let same = [BoxFilterModels.Output(id: "out", kind: .same, halo: 4)]

    private func pipeline(_ made: (model: PreparedModel, runtime: BoxFilterRuntime)) throws -> PredictionPipeline {
        try PredictionPipeline(model: made.model, runtime: made.runtime)
    }

    @Test func wholeSamplePadsByTheHaloAndCropsTheOutput() throws {
        // 96 + 2·4 = 104 = 16 + 11·8 and 128 + 8 = 136 = 16 + 15·8: valid after padding.
        let made = BoxFilterModels.make(outputs: Self.same)
        let image = BoxFilterModels.image([1, 1, 96, 128])
        let result = try pipeline(made).predict(Sample(["raw": try LabeledTensor(image, axes: ["batch", "channel", "y", "x"])]))
        let output = try #require(result["out"])
        #expect(output.axes == ["batch", "channel", "y", "x"])
        #expect(output.shape == [1, 1, 96, 128])
        // The runtime saw the padded input.
        #expect(made.runtime.calls.shapes == [[1, 1, 104, 136]])
        #expect(try output.tensor.tensor(of: Float.self) == BoxFilterModels.expected(image, radius: 2))
    }

    @Test(arguments: [Padding.symmetric, .reflect, .edge, .constant(value: 0.25)])
    func wholeSampleUsesTheInputPadMode(_ pad: Padding) throws {
        let made = BoxFilterModels.make(outputs: Self.same, pad: pad)
        let image = BoxFilterModels.image([1, 1, 24, 40], seed: 3)
        let result = try pipeline(made).predict(Sample(["raw": try LabeledTensor(image, axes: ["batch", "channel", "y", "x"])]))
        #expect(try result["out"]?.tensor.tensor(of: Float.self) == BoxFilterModels.expected(image, radius: 2, pad: pad))
    }

    @Test func axesAreMatchedByIDAndMissingSizeOneAxesInserted() throws {
        let made = BoxFilterModels.make(outputs: Self.same)
        let image = BoxFilterModels.image([1, 1, 32, 48], seed: 5)
        // The same data handed over as (x, y), without batch and channel.
        let transposedData = try image.reshaped(to: [32, 48]).transposed([1, 0])
        let result = try pipeline(made).predict(Sample(["raw": try LabeledTensor(transposedData, axes: ["x", "y"])]))
        let output = try #require(result["out"])
        #expect(output.axes == ["batch", "channel", "y", "x"])
        #expect(try output.tensor.tensor(of: Float.self) == BoxFilterModels.expected(image, radius: 2))
    }

    @Test func invalidSizeNamesModelTensorAxisAndValidSizes() throws {
        let made = BoxFilterModels.make(outputs: Self.same)
        let image = BoxFilterModels.image([1, 1, 100, 128])
        let sample = Sample(["raw": try LabeledTensor(image, axes: ["batch", "channel", "y", "x"])])
        let error = try #require(throws: RuntimeError.self) { try pipeline(made).predict(sample) }
        #expect(error.code == .invalidSize)
        #expect(error.model == "box-filter")
        #expect(error.tensor == "raw")
        #expect(error.axis == "y")
        // 16 + n·8 after padding by 4 on each side: the sample takes 8 + n·8; 100 lies between 96 and 104.
        #expect(error.message.contains("size 100 is not valid; valid sizes are 8 + n·8 (8, 16, …, 96, 104, …)"))
        #expect(error.message.contains("16 + n·8"))
        #expect(made.runtime.calls.value == 0)
    }

    @Test func channelAndBatchRulesAreChecked() throws {
        let made = BoxFilterModels.make(outputs: Self.same, batchSize: 1)
        let channels = Sample(["raw": try LabeledTensor(BoxFilterModels.image([1, 2, 24, 24]), axes: ["batch", "channel", "y", "x"])])
        let channelError = try #require(throws: RuntimeError.self) { try pipeline(made).predict(channels) }
        #expect(channelError.code == .invalidSize)
        #expect(channelError.axis == "channel")
        #expect(channelError.message.contains("1 channel"))
        let batch = Sample(["raw": try LabeledTensor(BoxFilterModels.image([3, 1, 24, 24]), axes: ["batch", "channel", "y", "x"])])
        let batchError = try #require(throws: RuntimeError.self) { try pipeline(made).predict(batch) }
        #expect(batchError.code == .invalidSize)
        #expect(batchError.axis == "batch")
        #expect(batchError.message.contains("batch axis has size 1"))
    }

    @Test func missingInputAndUnknownAxisAreReported() throws {
        let made = BoxFilterModels.make(outputs: Self.same)
        let missing = try #require(throws: RuntimeError.self) { try pipeline(made).predict(Sample()) }
        #expect(missing.code == .missingTensor)
        #expect(missing.tensor == "raw")
        let extraAxis = Sample(["raw": try LabeledTensor(BoxFilterModels.image([2, 24, 24]), axes: ["t", "y", "x"])])
        let axisError = try #require(throws: RuntimeError.self) { try pipeline(made).predict(extraAxis) }
        #expect(axisError.code == .axisMismatch)
        #expect(axisError.tensor == "raw")
        #expect(axisError.message.contains("'t'"))
    }

    @Test func forwardRunsWithoutPaddingOrCropping() throws {
        // Zero-padded "same" convolution on the unpadded input: the box filter with constant 0.
        let made = BoxFilterModels.make(outputs: Self.same)
        let image = BoxFilterModels.image([1, 1, 24, 32], seed: 9)
        let result = try pipeline(made).forward(Sample(["raw": try LabeledTensor(image, axes: ["batch", "channel", "y", "x"])]))
        #expect(made.runtime.calls.shapes == [[1, 1, 24, 32]])
        #expect(try result["out"]?.tensor.tensor(of: Float.self) == BoxFilterModels.expected(image, radius: 2, pad: .constant(value: 0)))
    }

    @Test func missingOutputsFailPredictButNotForward() throws {
        var made = BoxFilterModels.make(outputs: [BoxFilterModels.Output(id: "out", kind: .same, halo: 4),
                                                  BoxFilterModels.Output(id: "extra", kind: .same, halo: 4)])
        made.runtime.outputs["extra"] = nil
        let pipeline = try PredictionPipeline(model: made.model, runtime: made.runtime)
        let sample = Sample(["raw": try LabeledTensor(BoxFilterModels.image([1, 1, 24, 24]), axes: ["batch", "channel", "y", "x"])])
        #expect(try pipeline.forward(sample).ids == ["out"])
        let error = try #require(throws: RuntimeError.self) { try pipeline.predict(sample) }
        #expect(error.code == .executionFailed && error.tensor == "extra")
    }

    @Test func wholeSampleReportsOneBlockOfProgress() throws {
        let made = BoxFilterModels.make(outputs: Self.same)
        let seen = ProgressLog()
        _ = try pipeline(made).predict(Sample(["raw": try LabeledTensor(BoxFilterModels.image([1, 1, 24, 24]), axes: ["batch", "channel", "y", "x"])])) { seen.append($0) }
        #expect(seen.reports == [BlockProgress(completed: 1, total: 1)])
    }

    @Test func legacyModelsGetNoHaloAndRefuseTiling() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pipe-v04-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.legacyYAML.write(to: folder.appendingPathComponent("rdf.yaml"), atomically: true, encoding: .utf8)
        let model = try PreparedModel(contentsOf: folder.appendingPathComponent("rdf.yaml"), performIOChecks: false)
        #expect(model.isLegacyFormat)
        let runtime = BoxFilterRuntime(input: "raw", outputs: ["out": .same])
        let pipeline = try PredictionPipeline(model: model, runtime: runtime)
        let image = BoxFilterModels.image([1, 1, 32, 32], seed: 4)
        let sample = Sample(["raw": try LabeledTensor(image, axes: ["batch", "channel", "y", "x"])])
        // No halo padding: the network sees 32 × 32 although the output has halo 8.
        let result = try pipeline.predict(sample)
        #expect(runtime.calls.shapes == [[1, 1, 32, 32]])
        #expect(result["out"]?.shape == [1, 1, 32, 32])
        let error = try #require(throws: RuntimeError.self) { try pipeline.predict(sample, tiling: TilingOptions(blockParameter: 1)) }
        #expect(error.code == .invalidTiling)
        #expect(error.message.contains("0.4"))
    }

    static let legacyYAML = """
        format_version: 0.4.10
        type: model
        name: legacy box
        description: a box filter
        authors: [{name: Test}]
        cite: [{text: none, doi: 10.1000/xyz}]
        license: MIT
        documentation: README.md
        timestamp: 2024-01-01T00:00:00
        test_inputs: [in.npy]
        test_outputs: [out.npy]
        inputs:
          - name: raw
            axes: bcyx
            data_type: float32
            shape: {min: [1, 1, 32, 32], step: [0, 0, 8, 8]}
        outputs:
          - name: out
            axes: bcyx
            data_type: float32
            halo: [0, 0, 8, 8]
            shape: {reference_tensor: raw, scale: [1, 1, 1, 1], offset: [0, 0, 0, 0]}
        weights:
          onnx:
            source: box.onnx
            opset_version: 17

        """
}

/// Collects progress reports from any thread.
final class ProgressLog: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [BlockProgress] = []
    func append(_ report: BlockProgress) { lock.lock(); stored.append(report); lock.unlock() }
    var reports: [BlockProgress] { lock.lock(); defer { lock.unlock() }; return stored }
}
