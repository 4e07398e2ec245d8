import BioImageSpec
import BioImageTensor
import Foundation
import Testing

@testable import BioImageRuntime

/// Tiled (block-wise) prediction with a box-filter test network of radius 2: with a halo ≥ 2 the
/// stitched output must equal the direct box filter of the whole, mirror-padded image
/// (``BoxFilterModels/expected(_:radius:pad:)``) bit for bit, whatever the block size.
@Suite("Runtime: tiled prediction")
struct TilingTests {
    typealias Output = BoxFilterModels.Output

    private func sample(_ image: Tensor<Float>) throws -> Sample {
        let axes = ["batch", "channel", "z", "y", "x"]
        return Sample(["raw": try LabeledTensor(image, axes: Array(axes.prefix(2)) + axes.suffix(image.rank - 2))])
    }

    private func float(_ sample: Sample, _ id: String) throws -> Tensor<Float> {
        try #require(sample[id]).tensor.tensor(of: Float.self)
    }

    static let blockShapes: [TilingOptions.BlockShape] = [
        .parameter(0), .parameter(1), .parameter(2), .parameter(5), .parameter(40),
        .sizes(["y": 24, "x": 40]), .sizes(["x": 32]), .tensorSizes(["raw": ["y": 56, "x": 16]]),
    ]

    @Test(arguments: blockShapes)
    func tiled2DEqualsTheWholeImageFilter(_ shape: TilingOptions.BlockShape) throws {
        // 97 × 131 is not a valid size (16 + n·8 after a halo of 4): only tiling can predict it.
        let made = BoxFilterModels.make(outputs: [Output(id: "out", kind: .same, halo: 4)])
        let image = BoxFilterModels.image([1, 1, 97, 131], seed: 11)
        let pipeline = try PredictionPipeline(model: made.model, runtime: made.runtime)
        let result = try pipeline.predict(sample(image), tiling: TilingOptions(blockShape: shape))
        #expect(result["out"]?.axes == ["batch", "channel", "y", "x"])
        #expect(try float(result, "out") == BoxFilterModels.expected(image, radius: 2))
        // Every block the network saw has a valid size.
        for blockShape in made.runtime.calls.shapes {
            #expect(blockShape[2] >= 16 && (blockShape[2] - 16) % 8 == 0 && (blockShape[3] - 16) % 8 == 0, "\(blockShape)")
        }
    }

    @Test func tiledEqualsWholeSamplePredictionForValidSizes() throws {
        let made = BoxFilterModels.make(min: 16, step: 4, outputs: [Output(id: "out", kind: .same, halo: 6)])
        let image = BoxFilterModels.image([2, 1, 60, 76], seed: 12)
        let pipeline = try PredictionPipeline(model: made.model, runtime: made.runtime)
        let whole = try pipeline.predict(sample(image))
        let tiled = try pipeline.predict(sample(image), tiling: TilingOptions(blockParameter: 3, batchSize: 1))
        #expect(try float(tiled, "out") == float(whole, "out"))
    }

    @Test(arguments: [0, 1, 3])
    func tiled3DEqualsTheWholeVolumeFilter(_ n: Int) throws {
        let made = BoxFilterModels.make(spatial: ["z", "y", "x"], min: 8, step: 4, outputs: [Output(id: "out", kind: .same, halo: 2)])
        let image = BoxFilterModels.image([1, 1, 13, 17, 19], seed: 13)
        let pipeline = try PredictionPipeline(model: made.model, runtime: made.runtime)
        let result = try pipeline.predict(sample(image), tiling: TilingOptions(blockParameter: n))
        #expect(result["out"]?.shape == [1, 1, 13, 17, 19])
        #expect(try float(result, "out") == BoxFilterModels.expected(image, radius: 2))
    }

    @Test(arguments: [TilingOptions.BlockShape.parameter(0), .parameter(2), .sizes(["x": 40])])
    func scaledOutputsAreStitched(_ shape: TilingOptions.BlockShape) throws {
        // down: scale 2 (size ⌊n/2⌋), halo 2 → input halo 4; up: scale 0.5 (size 2n), halo 8 → input halo 4.
        let made = BoxFilterModels.make(outputs: [Output(id: "down", kind: .downsampled(2), halo: 2),
                                                  Output(id: "up", kind: .upsampled(2), halo: 8)])
        let image = BoxFilterModels.image([1, 1, 45, 67], seed: 14)
        let pipeline = try PredictionPipeline(model: made.model, runtime: made.runtime)
        let result = try pipeline.predict(sample(image), tiling: TilingOptions(blockShape: shape))
        let full = BoxFilterModels.expected(image, radius: 2)
        #expect(try float(result, "down") == BoxFilterRuntime.resample(full, down: 2, up: 1))
        #expect(try float(result, "up") == BoxFilterRuntime.resample(full, down: 1, up: 2))
        #expect(result["down"]?.shape == [1, 1, 22, 33])
        #expect(result["up"]?.shape == [1, 1, 90, 134])
    }

    @Test func outputsWithoutAChannelAxisAreStitched() throws {
        let made = BoxFilterModels.make(outputs: [Output(id: "mask", kind: .withoutChannel, halo: 4)])
        let image = BoxFilterModels.image([1, 1, 53, 41], seed: 15)
        let pipeline = try PredictionPipeline(model: made.model, runtime: made.runtime)
        let result = try pipeline.predict(sample(image), tiling: TilingOptions(blockParameter: 1))
        let mask = try #require(result["mask"])
        #expect(mask.axes == ["batch", "y", "x"])
        #expect(try mask.tensor.tensor(of: Float.self) == BoxFilterModels.expected(image, radius: 2).reshaped(to: [1, 53, 41]))
    }

    @Test(arguments: [Padding.reflect, .edge, .constant(value: -1)])
    func borderBlocksUseTheInputPadMode(_ pad: Padding) throws {
        let made = BoxFilterModels.make(outputs: [Output(id: "out", kind: .same, halo: 4)], pad: pad)
        let image = BoxFilterModels.image([1, 1, 37, 29], seed: 16)
        let pipeline = try PredictionPipeline(model: made.model, runtime: made.runtime)
        let result = try pipeline.predict(sample(image), tiling: TilingOptions(blockParameter: 0))
        #expect(try float(result, "out") == BoxFilterModels.expected(image, radius: 2, pad: pad))
    }

    @Test func blockParameterZeroMeansTheMinimum() throws {
        // bioimageio.core replaces n = 0 by 10 (blocks of 96); here n = 0 gives min = 16.
        let made = BoxFilterModels.make(outputs: [Output(id: "out", kind: .same, halo: 4)])
        let pipeline = try PredictionPipeline(model: made.model, runtime: made.runtime)
        let image = BoxFilterModels.image([1, 1, 30, 30], seed: 20)
        let result = try pipeline.predict(sample(image), tiling: TilingOptions(blockParameter: 0))
        // Inner 16 − 2·4 = 8: ⌈30/8⌉² = 16 blocks of 16 × 16.
        #expect(made.runtime.calls.shapes == [[Int]](repeating: [1, 1, 16, 16], count: 16))
        #expect(try float(result, "out") == BoxFilterModels.expected(image, radius: 2))
    }

    @Test func blocksSmallerThanTheMinimumAreRefused() throws {
        let made = BoxFilterModels.make(outputs: [Output(id: "out", kind: .same, halo: 4)])
        let pipeline = try PredictionPipeline(model: made.model, runtime: made.runtime)
        let input = try sample(BoxFilterModels.image([1, 1, 64, 64]))
        let small = try #require(throws: RuntimeError.self) {
            try pipeline.predict(input, tiling: TilingOptions(blockSizes: ["x": 8]))
        }
        #expect(small.code == .invalidTiling)
        #expect(small.tensor == "raw" && small.axis == "x" && small.model == "box-filter")
        #expect(small.message.contains("block size 8 is smaller than the minimum 16"))
        let invalid = try #require(throws: RuntimeError.self) {
            try pipeline.predict(input, tiling: TilingOptions(blockSizes: ["y": 30]))
        }
        #expect(invalid.code == .invalidTiling && invalid.axis == "y")
        #expect(invalid.message.contains("valid sizes are 16 + n·8 (16, 24, 32, …)"))
        #expect(made.runtime.calls.value == 0)
    }

    @Test func blocksWithoutInnerRegionAreRefused() throws {
        // Halo 8 on each side: blocks of 16 (n = 0) keep nothing; the smallest useful block is 24.
        let made = BoxFilterModels.make(outputs: [Output(id: "out", kind: .same, halo: 8)])
        let pipeline = try PredictionPipeline(model: made.model, runtime: made.runtime)
        let error = try #require(throws: RuntimeError.self) {
            try pipeline.predict(sample(BoxFilterModels.image([1, 1, 64, 64])), tiling: TilingOptions(blockParameter: 0))
        }
        #expect(error.code == .invalidTiling && error.tensor == "raw")
        #expect(error.message.contains("no inner region after the halo of 8"))
        #expect(error.message.contains("minimum block size is 24"))
    }

    @Test func blocksLargerThanTheSampleAreCapped() throws {
        let made = BoxFilterModels.make(outputs: [Output(id: "out", kind: .same, halo: 4)])
        let image = BoxFilterModels.image([1, 1, 20, 30], seed: 17)
        let pipeline = try PredictionPipeline(model: made.model, runtime: made.runtime)
        let log = ProgressLog()
        let result = try pipeline.predict(sample(image), tiling: TilingOptions(blockParameter: 50)) { log.append($0) }
        // The smallest valid sizes covering sample + halo: 20 + 8 → 32, 30 + 8 → 40 (not 16 + 50·8).
        #expect(made.runtime.calls.shapes == [[1, 1, 32, 40]])
        #expect(log.reports == [BlockProgress(completed: 1, total: 1)])
        #expect(try float(result, "out") == BoxFilterModels.expected(image, radius: 2))
    }

    @Test func progressCountsEveryBlock() throws {
        let made = BoxFilterModels.make(outputs: [Output(id: "out", kind: .same, halo: 4)])
        let pipeline = try PredictionPipeline(model: made.model, runtime: made.runtime)
        let log = ProgressLog()
        // n = 1: blocks of 24, inner 16 → ⌈97/16⌉ · ⌈131/16⌉ = 7 · 9 = 63 blocks.
        _ = try pipeline.predict(sample(BoxFilterModels.image([1, 1, 97, 131])), tiling: TilingOptions(blockParameter: 1)) { log.append($0) }
        #expect(log.reports.count == 63)
        #expect(log.reports.map(\.completed) == Array(1...63))
        #expect(log.reports.allSatisfy { $0.total == 63 })
        #expect(made.runtime.calls.value == 63)
    }

    @Test func theBatchIsSplitIntoBlocksOfBatchSize() throws {
        // A model whose batch axis has size 1 still predicts a batch of 3, one sample per block.
        let made = BoxFilterModels.make(outputs: [Output(id: "out", kind: .same, halo: 4)], batchSize: 1)
        let image = BoxFilterModels.image([3, 1, 21, 23], seed: 18)
        let pipeline = try PredictionPipeline(model: made.model, runtime: made.runtime)
        let result = try pipeline.predict(sample(image), tiling: TilingOptions(blockParameter: 5, batchSize: 2))
        #expect(made.runtime.calls.shapes == [[1, 1, 32, 32], [1, 1, 32, 32], [1, 1, 32, 32]])
        #expect(try float(result, "out") == BoxFilterModels.expected(image, radius: 2))

        let free = BoxFilterModels.make(outputs: [Output(id: "out", kind: .same, halo: 4)])
        let freeResult = try PredictionPipeline(model: free.model, runtime: free.runtime)
            .predict(sample(image), tiling: TilingOptions(blockParameter: 5, batchSize: 2))
        // Batch blocks [0, 2) and the last shifted back to [1, 3).
        #expect(free.runtime.calls.shapes.map { $0[0] } == [2, 2])
        #expect(try float(freeResult, "out") == BoxFilterModels.expected(image, radius: 2))
    }

    @Test func tiledSampleInAnyAxisOrder() throws {
        let made = BoxFilterModels.make(outputs: [Output(id: "out", kind: .same, halo: 4)])
        let image = BoxFilterModels.image([1, 1, 33, 45], seed: 19)
        let pipeline = try PredictionPipeline(model: made.model, runtime: made.runtime)
        let xy = try image.reshaped(to: [33, 45]).transposed([1, 0])
        let result = try pipeline.predict(Sample(["raw": try LabeledTensor(xy, axes: ["x", "y"])]), tiling: TilingOptions(blockParameter: 1))
        #expect(try float(result, "out") == BoxFilterModels.expected(image, radius: 2))
    }

    @Test func unknownAxesAndBadOptionsAreRefused() throws {
        let made = BoxFilterModels.make(outputs: [Output(id: "out", kind: .same, halo: 4)])
        let pipeline = try PredictionPipeline(model: made.model, runtime: made.runtime)
        let input = try sample(BoxFilterModels.image([1, 1, 40, 40]))
        let unknown = try #require(throws: RuntimeError.self) { try pipeline.predict(input, tiling: TilingOptions(blockSizes: ["q": 32])) }
        #expect(unknown.code == .invalidTiling && unknown.axis == "q")
        let negative = try #require(throws: RuntimeError.self) { try pipeline.predict(input, tiling: TilingOptions(blockParameter: -1)) }
        #expect(negative.code == .invalidTiling)
        let batch = try #require(throws: RuntimeError.self) { try pipeline.predict(input, tiling: TilingOptions(blockParameter: 1, batchSize: 0)) }
        #expect(batch.code == .invalidTiling)
        let channel = try #require(throws: RuntimeError.self) { try pipeline.predict(input, tiling: TilingOptions(blockSizes: ["channel": 3])) }
        #expect(channel.code == .invalidTiling && channel.axis == "channel")
        let tensor = try #require(throws: RuntimeError.self) {
            try pipeline.predict(input, tiling: TilingOptions(blockShape: .tensorSizes(["mask": ["x": 32]])))
        }
        #expect(tensor.code == .invalidTiling && tensor.tensor == "mask")
    }

    @Test func axisSplitShiftsTheLastBlockBack() throws {
        // S = 10, B = 6, h = 1 → I = 4: inner [0,4) [4,8) and the last shifted to [6,10).
        let split = try #require(AxisSplit(sampleSize: 10, blockSize: 6, halo: 1))
        #expect(split.starts == [0, 4, 6])
        #expect(split.inner(2) == 6..<10)
        #expect(split.source(0) == (0..<5, 1, 0))
        #expect(split.source(2) == (5..<10, 0, 1))
        // Stride 2 (an output at half resolution): S − I = 7 is rounded up to 8.
        let aligned = try #require(AxisSplit(sampleSize: 11, blockSize: 6, halo: 1, stride: 2))
        #expect(aligned.starts == [0, 4, 8])
        #expect(aligned.source(2) == (7..<11, 0, 2))
        // One block larger than the sample: padded on the right.
        let single = try #require(AxisSplit(sampleSize: 5, blockSize: 12, halo: 2))
        #expect(single.starts == [0] && single.source(0) == (0..<5, 2, 5))
        #expect(AxisSplit(sampleSize: 5, blockSize: 4, halo: 2) == nil)
    }
}
