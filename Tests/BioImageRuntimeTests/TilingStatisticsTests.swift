import BioImageSpec
import BioImageTensor
import Foundation
import Testing

@testable import BioImageRuntime

/// Tiled prediction with statistics-dependent processing (needs the real ``ProcessingPlan``):
/// input statistics come from the whole unpadded sample, once; postprocessing that needs output
/// statistics runs on the stitched raw output. Expected values: mean and population standard
/// deviation computed here in Double, then the box filter formula.
@Suite("Runtime: tiling with statistics")
struct TilingStatisticsTests {
    typealias Output = BoxFilterModels.Output

    /// `(x − mean) / (std + eps)` over the whole tensor (one batch, one channel).
    static func normalized(_ x: Tensor<Float>, eps: Double = 1e-6) -> Tensor<Float> {
        let values = x.scalars.map(Double.init)
        let mean = values.reduce(0, +) / Double(values.count)
        let std = (values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(values.count)).squareRoot()
        let scalars = values.map { Float(($0 - mean) / (std + eps)) }
        return (try? Tensor(shape: x.shape, scalars: scalars)) ?? x
    }

    static func maximumDifference(_ a: Tensor<Float>, _ b: Tensor<Float>) -> Float {
        guard a.shape == b.shape else { return .infinity }
        return zip(a.scalars, b.scalars).map { abs($0 - $1) }.max() ?? 0
    }

    @Test func inputStatisticsComeFromTheWholeUnpaddedSample() throws {
        var made = BoxFilterModels.make(outputs: [Output(id: "out", kind: .same, halo: 4)])
        made.model.description.inputs[0].preprocessing = [.zeroMeanUnitVariance(ZeroMeanUnitVarianceKwargs(axes: ["y", "x"]))]
        let pipeline = try PredictionPipeline(model: made.model, runtime: made.runtime)
        let image = BoxFilterModels.image([1, 1, 45, 59], seed: 31)
        let sample = Sample(["raw": try LabeledTensor(image, axes: ["batch", "channel", "y", "x"])])
        let result = try pipeline.predict(sample, tiling: TilingOptions(blockParameter: 1))
        let actual = try #require(result["out"]).tensor.tensor(of: Float.self)
        let expected = BoxFilterModels.expected(Self.normalized(image), radius: 2)
        #expect(Self.maximumDifference(actual, expected) <= 1e-4)
    }

    @Test func outputStatisticsAreComputedOnTheStitchedOutput() throws {
        var made = BoxFilterModels.make(outputs: [Output(id: "out", kind: .same, halo: 4)])
        made.model.description.outputs[0].postprocessing = [.zeroMeanUnitVariance(ZeroMeanUnitVarianceKwargs(axes: ["y", "x"]))]
        let pipeline = try PredictionPipeline(model: made.model, runtime: made.runtime)
        #expect(pipeline.processing.postprocessingNeedsOutputStatistics)
        let image = BoxFilterModels.image([1, 1, 45, 59], seed: 32)
        let sample = Sample(["raw": try LabeledTensor(image, axes: ["batch", "channel", "y", "x"])])
        let result = try pipeline.predict(sample, tiling: TilingOptions(blockParameter: 1))
        let actual = try #require(result["out"]).tensor.tensor(of: Float.self)
        let expected = Self.normalized(BoxFilterModels.expected(image, radius: 2))
        #expect(Self.maximumDifference(actual, expected) <= 1e-4)
    }
}
