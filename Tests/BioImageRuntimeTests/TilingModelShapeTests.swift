import BioImageSpec
import BioImageTensor
import Foundation
import Testing

@testable import BioImageRuntime

/// Tiling of less common model shapes: several inputs with referenced sizes, and outputs that
/// cannot be stitched.
@Suite("Runtime: tiling model shapes")
struct TilingModelShapeTests {
    typealias Output = BoxFilterModels.Output

    /// The box model plus a second input `mask` whose y and x sizes reference `raw`.
    private func twoInputs() -> (model: PreparedModel, runtime: BoxFilterRuntime) {
        var made = BoxFilterModels.make(outputs: [Output(id: "out", kind: .same, halo: 4)])
        let mask = InputTensorDescription(id: "mask", axes: [
            .batch(BatchAxis()),
            .space(SpaceTimeAxis(size: .reference(SizeReference(tensorID: "raw", axisID: "y")), id: "y")),
            .space(SpaceTimeAxis(size: .reference(SizeReference(tensorID: "raw", axisID: "x")), id: "x")),
        ])
        made.model.description.inputs.append(mask)
        return made
    }

    @Test func referencedInputsAreSplitAlongTheSameGrid() throws {
        let made = twoInputs()
        let pipeline = try PredictionPipeline(model: made.model, runtime: made.runtime)
        let image = BoxFilterModels.image([1, 1, 41, 35], seed: 21)
        var sample = Sample(["raw": try LabeledTensor(image, axes: ["batch", "channel", "y", "x"])])
        sample["mask"] = try LabeledTensor(BoxFilterModels.image([41, 35], seed: 22), axes: ["y", "x"])
        let log = ProgressLog()
        let result = try pipeline.predict(sample, tiling: TilingOptions(blockParameter: 1)) { log.append($0) }
        // Blocks of 24, inner 16: ⌈41/16⌉ · ⌈35/16⌉ = 3 · 3 for both inputs.
        #expect(log.reports.count == 9)
        #expect(try result["out"]?.tensor.tensor(of: Float.self) == BoxFilterModels.expected(image, radius: 2))
    }

    @Test func aReferencedSizeMustMatch() throws {
        let made = twoInputs()
        let pipeline = try PredictionPipeline(model: made.model, runtime: made.runtime)
        var sample = Sample(["raw": try LabeledTensor(BoxFilterModels.image([1, 1, 40, 32]), axes: ["batch", "channel", "y", "x"])])
        sample["mask"] = try LabeledTensor(BoxFilterModels.image([40, 30]), axes: ["y", "x"])
        let error = try #require(throws: RuntimeError.self) { try pipeline.predict(sample, tiling: TilingOptions(blockParameter: 1)) }
        #expect(error.code == .invalidSize && error.tensor == "mask" && error.axis == "x")
        #expect(error.message.contains("it must be 32"))
    }

    @Test func haloIsKeyedByTheReferencedInputAxis() throws {
        // Output axes named "row" and "column" reference raw's y and x (core 0.11.0 would look for
        // input axes "row" and "column" and lose the halo).
        var made = BoxFilterModels.make(outputs: [Output(id: "out", kind: .same, halo: 4)])
        made.model.description.outputs[0].axes = [
            .batch(BatchAxis()), .channel(ChannelAxis(channelNames: ["c0"])),
            .space(SpaceTimeAxis(halo: 4, size: .reference(SizeReference(tensorID: "raw", axisID: "y")), id: "row")),
            .space(SpaceTimeAxis(halo: 4, size: .reference(SizeReference(tensorID: "raw", axisID: "x")), id: "column")),
        ]
        let pipeline = try PredictionPipeline(model: made.model, runtime: made.runtime)
        #expect(pipeline.inputHalo(tensor: "raw", axis: "y") == 4 && pipeline.inputHalo(tensor: "raw", axis: "x") == 4)
        let image = BoxFilterModels.image([1, 1, 29, 43], seed: 23)
        let sample = Sample(["raw": try LabeledTensor(image, axes: ["batch", "channel", "y", "x"])])
        let result = try pipeline.predict(sample, tiling: TilingOptions(blockParameter: 1))
        #expect(result["out"]?.axes == ["batch", "channel", "row", "column"])
        #expect(try result["out"]?.tensor.tensor(of: Float.self) == BoxFilterModels.expected(image, radius: 2))
    }

    @Test func fixedSizeAxesAreTiledWithBlocksOfThatSize() throws {
        var made = BoxFilterModels.make(outputs: [Output(id: "out", kind: .same, halo: 4)])
        made.model.description.inputs[0].axes[3] = .space(SpaceTimeAxis(size: .fixed(32), id: "x"))
        let pipeline = try PredictionPipeline(model: made.model, runtime: made.runtime)
        // Whole-sample: 24 + 2·4 = 32 is the only valid width.
        let wrong = Sample(["raw": try LabeledTensor(BoxFilterModels.image([1, 1, 24, 70]), axes: ["batch", "channel", "y", "x"])])
        let error = try #require(throws: RuntimeError.self) { try pipeline.predict(wrong) }
        #expect(error.code == .invalidSize && error.axis == "x")
        #expect(error.message.contains("the valid size is 24"))
        // Tiled: blocks of 32 (inner 24) along x: ⌈70/24⌉ = 3; y (24 + 8 = 32) in one block.
        let image = BoxFilterModels.image([1, 1, 24, 70], seed: 24)
        let result = try pipeline.predict(Sample(["raw": try LabeledTensor(image, axes: ["batch", "channel", "y", "x"])]),
                                          tiling: TilingOptions(blockSizes: ["x": 32]))
        #expect(made.runtime.calls.shapes == [[Int]](repeating: [1, 1, 32, 32], count: 3))
        #expect(try result["out"]?.tensor.tensor(of: Float.self) == BoxFilterModels.expected(image, radius: 2))
        let mismatch = try #require(throws: RuntimeError.self) {
            try pipeline.predict(Sample(["raw": try LabeledTensor(image, axes: ["batch", "channel", "y", "x"])]),
                                 tiling: TilingOptions(blockSizes: ["x": 40]))
        }
        #expect(mismatch.code == .invalidTiling && mismatch.axis == "x" && mismatch.message.contains("fixed size 32"))
    }

    @Test func dataDependentOutputsAreNotStitched() throws {
        var made = BoxFilterModels.make(outputs: [Output(id: "out", kind: .same, halo: 4)])
        made.model.description.outputs.append(OutputTensorDescription(id: "count", axes: [
            .batch(BatchAxis()), .index(IndexAxis(size: .dataDependent(DataDependentSize()))),
        ]))
        let pipeline = try PredictionPipeline(model: made.model, runtime: made.runtime)
        let sample = Sample(["raw": try LabeledTensor(BoxFilterModels.image([1, 1, 40, 40]), axes: ["batch", "channel", "y", "x"])])
        let error = try #require(throws: RuntimeError.self) { try pipeline.predict(sample, tiling: TilingOptions(blockParameter: 1)) }
        #expect(error.code == .invalidTiling && error.tensor == "count" && error.axis == "index")
        #expect(error.message.contains("data-dependent"))
        #expect(made.runtime.calls.value == 0)
    }

    @Test func sizeOffsetsAreRefusedAlongSplitAxes() throws {
        var made = BoxFilterModels.make(outputs: [Output(id: "out", kind: .same, halo: 4)])
        made.model.description.outputs.append(OutputTensorDescription(id: "shifted", axes: [
            .batch(BatchAxis()),
            .space(SpaceTimeAxis(size: .reference(SizeReference(tensorID: "raw", axisID: "x", offset: 2)), id: "x")),
        ]))
        let pipeline = try PredictionPipeline(model: made.model, runtime: made.runtime)
        let sample = Sample(["raw": try LabeledTensor(BoxFilterModels.image([1, 1, 40, 40]), axes: ["batch", "channel", "y", "x"])])
        let error = try #require(throws: RuntimeError.self) { try pipeline.predict(sample, tiling: TilingOptions(blockParameter: 1)) }
        #expect(error.code == .invalidTiling && error.tensor == "shifted" && error.axis == "x")
        #expect(error.message.contains("offset 2"))
    }

    @Test func fractionalHalosAreRefusedAtSetUp() throws {
        // An output halo of 3 at scale 0.5 is 3 · 0.5 / 1 = 1.5 input pixels.
        let made = BoxFilterModels.make(outputs: [Output(id: "up", kind: .upsampled(2), halo: 3)])
        let error = try #require(throws: RuntimeError.self) { try PredictionPipeline(model: made.model, runtime: made.runtime) }
        #expect(error.code == .unsupportedModel && error.tensor == "up" && error.model == "box-filter")
        #expect(error.message.contains("1.5"))
    }
}
