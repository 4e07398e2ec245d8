import BioImageRuntime
import BioImageSpec
import BioImageTensor
import Dispatch
import Testing

/// The statistics engine against hand computations (notes §d.0).
@Suite struct StatisticsTests {
    static func sample(_ values: [Double], id: String = "raw") throws -> Sample {
        Sample([id: try LabeledTensor(Tensor<Double>(shape: [values.count], scalars: values), axes: ["x"])])
    }

    @Test func welfordMergeEqualsThePooledMoments() throws {
        // [1, 2, 3, 4] then [10, 20]: pooled mean 40/6, variance 530/6 − (40/6)² = 43.8888…
        let statistics = DatasetStatistics()
        let mean = Measure(.dataset, .mean, of: "raw", over: nil), variance = Measure(.dataset, .variance, of: "raw", over: nil)
        let std = Measure(.dataset, .standardDeviation, of: "raw", over: nil)
        let first = try statistics.update(with: Self.sample([1, 2, 3, 4]), measures: [mean, variance, std])
        #expect(first[mean]?.scalar == 2.5 && first[variance]?.scalar == 1.25)
        let second = try statistics.update(with: Self.sample([10, 20]), measures: [mean, variance, std])
        let pooled = 530.0 / 6 - (40.0 / 6) * (40.0 / 6)
        #expect(abs((second[mean]?.scalar ?? 0) - 40.0 / 6) < 1e-12)
        #expect(abs((second[variance]?.scalar ?? 0) - pooled) < 1e-12)
        #expect(abs((second[std]?.scalar ?? 0) - pooled.squareRoot()) < 1e-12)
        #expect(second[mean]?.dtype == .float64)
        #expect(statistics.sampleCount == 2)
    }

    @Test func datasetQuantilesAreAWeightedRunningAverage() throws {
        // medians 2 (n 5) and 15 (n 2): (5·2 + 2·15)/7 = 40/7.
        let statistics = DatasetStatistics()
        let median = Measure(.dataset, .quantile(0.5, method: .linear), of: "raw", over: nil)
        _ = try statistics.update(with: Self.sample([0, 1, 2, 3, 4]), measures: [median])
        let values = try statistics.update(with: Self.sample([10, 20]), measures: [median])
        #expect(abs((values[median]?.scalar ?? 0) - 40.0 / 7) < 1e-12)
    }

    @Test func fixedValuesAreNeverUpdated() throws {
        let mean = Measure(.dataset, .mean, of: "raw", over: nil)
        let statistics = DatasetStatistics(fixed: MeasureValues([mean: MeasureValue(100)]))
        let values = try statistics.update(with: Self.sample([1, 2, 3]), measures: [mean])
        #expect(values[mean]?.scalar == 100)
        #expect(statistics.values()[mean]?.scalar == 100)
    }

    @Test func concurrentUpdatesAreSerialised() throws {
        let statistics = DatasetStatistics()
        let mean = Measure(.dataset, .mean, of: "raw", over: nil)
        let sample = try Self.sample([1, 3])
        DispatchQueue.concurrentPerform(iterations: 16) { _ in _ = try? statistics.update(with: sample, measures: [mean]) }
        #expect(statistics.sampleCount == 16)
        #expect(statistics.values()[mean]?.scalar == 2)
    }

    @Test func sampleQuantileMethods() throws {
        // 1…10: inverted CDF q 0.1 → v[⌈1⌉−1] = 1, q 0.15 → v[⌈1.5⌉−1] = 2; linear q 0.15 → h = 1.35 → 2.35.
        let tensor = try LabeledTensor(Tensor<Double>(shape: [10], scalars: (1...10).map(Double.init)), axes: ["x"])
        let inverted = try StatisticsCalculator.quantiles(of: tensor, over: ["x"], qs: [0.1, 0.15], method: .invertedCDF)
        #expect(inverted.map(\.scalar) == [1, 2])
        let linear = try StatisticsCalculator.quantiles(of: tensor, over: nil, qs: [0.15], method: .linear)
        #expect(abs((linear[0].scalar ?? 0) - 2.35) < 1e-12)
    }

    @Test func sampleMeanSkipsNaNAndStdPropagatesIt() throws {
        let tensor = try LabeledTensor(Tensor<Float>(shape: [3], scalars: [1, .nan, 3]), axes: ["x"])
        let (mean, _, std) = try StatisticsCalculator.sampleMoments(of: tensor, over: ["x"])
        #expect(mean.scalar == 2 && mean.dtype == .float32)
        #expect(std.scalar?.isNaN == true)
    }

    @Test func reductionKeepsTheOtherAxesByName() throws {
        // (channel 2, x 3): per-channel means [1, 4]; population std √(2/3) each.
        let tensor = try LabeledTensor(Tensor<Double>(shape: [2, 3], scalars: [0, 1, 2, 3, 4, 5]), axes: ["channel", "x"])
        let (mean, variance, _) = try StatisticsCalculator.sampleMoments(of: tensor, over: ["x", "batch"])
        #expect(mean.axes == ["channel"] && mean.shape == [2] && mean.values == [1, 4])
        #expect(variance.values.allSatisfy { abs($0 - 2.0 / 3) < 1e-12 })
        let moved = try MeasureValue(axes: ["a", "b"], shape: [2, 3], values: [0, 1, 2, 3, 4, 5]).aligned(to: ["b", "a"])
        #expect(moved.shape == [3, 2] && moved.values == [0, 3, 1, 4, 2, 5])
    }

    @Test func runningStatisticsFollowSamplesInAnyAxisOrder() throws {
        // Per-channel dataset means over [batch, x]: the second sample arrives as (x, channel).
        let statistics = DatasetStatistics()
        let mean = Measure(.dataset, .mean, of: "raw", over: ["batch", "x"])
        let a = Sample(["raw": try LabeledTensor(Tensor<Double>(shape: [2, 2], scalars: [0, 2, 10, 20]), axes: ["channel", "x"])])
        let b = Sample(["raw": try LabeledTensor(Tensor<Double>(shape: [2, 2], scalars: [4, 30, 6, 40]), axes: ["x", "channel"])])
        _ = try statistics.update(with: a, measures: [mean])
        let values = try statistics.update(with: b, measures: [mean])
        // channel 0: (0 + 2 + 4 + 6)/4 = 3; channel 1: (10 + 20 + 30 + 40)/4 = 25.
        #expect(values[mean]?.axes == ["channel"] && values[mean]?.values == [3, 25])
    }

    @Test func givenDatasetStatisticsBroadcastByAxisName() throws {
        // zero_mean_unit_variance over [batch, x] with fixed per-channel mean [10, 20] and std [2, 4]:
        // element (x, channel) → (v − mean[c]) / (std[c] + 1e-6); the tensor arrives as (x, channel).
        let x = try LabeledTensor(Tensor<Double>(shape: [2, 2], scalars: [12, 28, 8, 16]), axes: ["x", "channel"])
        let mean = Measure(.dataset, .mean, of: "raw", over: ["batch", "x"]), std = Measure(.dataset, .standardDeviation, of: "raw", over: ["batch", "x"])
        let given = MeasureValues([mean: try MeasureValue(axes: ["channel"], shape: [2], values: [10, 20]),
                                   std: try MeasureValue(axes: ["channel"], shape: [2], values: [2, 4])])
        let y = try ProcessingStep.zeroMeanUnitVariance(ZeroMeanUnitVarianceKwargs(axes: ["batch", "x"])).applied(to: x, id: "raw", statistics: given)
        let expected = [2 / (2 + 1e-6), 8 / (4 + 1e-6), -2 / (2 + 1e-6), -4 / (4 + 1e-6)]
        #expect(zip(y.tensor.converted(to: Double.self).scalars, expected).allSatisfy { abs($0 - $1) < 1e-12 })
    }
}
