import BioImageRuntime
import BioImageSpec
import BioImageTensor
import Foundation
import Testing

/// The worked examples of notes §d.1 (from bioimageio.core's `tests/test_proc_ops.py`) and the
/// rules of single steps, through ``ProcessingStep/applied(to:id:isInput:statistics:)``.
@Suite struct ProcessingStepTests {
    static func doubles(_ tensor: LabeledTensor) -> [Double] { tensor.tensor.converted(to: Double.self).scalars }

    static func close(_ a: [Double], _ b: [Double], _ tolerance: Double) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= tolerance }
    }

    @Test func zeroMeanUnitVarianceOfArange9() throws {
        // mean 4, population std √(60/9) = 2.5819889: (0 − 4)/2.5819889 = −1.54919274, …
        let x = try LabeledTensor(Tensor<Double>(shape: [3, 3], scalars: (0..<9).map(Double.init)), axes: ["y", "x"])
        for kwargs in [ZeroMeanUnitVarianceKwargs(axes: ["y", "x"]), ZeroMeanUnitVarianceKwargs()] {
            let y = Self.doubles(try ProcessingStep.zeroMeanUnitVariance(kwargs).applied(to: x))
            #expect(Self.close(Array(y.prefix(3)), [-1.54919274, -1.16189455, -0.77459637], 1e-6))
        }
    }

    @Test func fixedZeroMeanUnitVarianceAlongChannel() throws {
        // arange(9) as (batch 1, channel 3, x 3); mean [3, 4, 5], std 2.44948974 per channel.
        let x = try LabeledTensor(Tensor<Double>(shape: [1, 3, 3], scalars: (0..<9).map(Double.init)), axes: ["batch", "channel", "x"])
        let step = ProcessingStep.fixedZeroMeanUnitVariance(.alongAxis(mean: [3, 4, 5], std: [2.44948974, 2.44948974, 2.44948974], axis: "channel"))
        let y = try step.applied(to: x)
        #expect(y.dtype == .float64)
        #expect(Self.close(Self.doubles(y), [-1.2247, -0.8165, -0.4082, -0.4082, 0, 0.4082, 0.4082, 0.8165, 1.2247], 1e-4))
    }

    @Test func scaleLinearAlongChannelLastAxis() throws {
        // arange(6) as (x 1, y 2, channel 3); gain [1, 2, 3], offset [1, 2, 42] → [[1, 4, 48], [4, 10, 57]].
        let x = try LabeledTensor(Tensor<Float>(shape: [1, 2, 3], scalars: (0..<6).map(Float.init)), axes: ["x", "y", "channel"])
        let y = try ProcessingStep.scaleLinear(ScaleLinearKwargs(axis: "channel", gain: [1, 2, 3], offset: [1, 2, 42])).applied(to: x)
        #expect(y.dtype == .float64)  // per-axis parameters are float64 arrays in the reference
        #expect(Self.doubles(y) == [1, 4, 48, 4, 10, 57])
    }

    @Test func scalarScaleLinearKeepsFloat32() throws {
        let x = try LabeledTensor(Tensor<Float>(shape: [2], scalars: [1, 2]), axes: ["x"])
        let y = try ProcessingStep.scaleLinear(ScaleLinearKwargs(gain: [0.5], offset: [1])).applied(to: x)
        #expect(y.dtype == .float32)
        #expect(Self.doubles(y) == [1.5, 2])
        let u = try LabeledTensor(Tensor<UInt8>(shape: [2], scalars: [1, 2]), axes: ["x"])
        #expect(try ProcessingStep.scaleLinear(ScaleLinearKwargs(gain: [0.5], offset: [1])).applied(to: u).dtype == .float64)
    }

    @Test func clipArange9() throws {
        let x = try LabeledTensor(Tensor<Float>(shape: [9], scalars: (0..<9).map(Float.init)), axes: ["x"])
        let y = try ProcessingStep.clip(ClipKwargs(min: 3, max: 5)).applied(to: x)
        #expect(Self.doubles(y) == [3, 3, 3, 3, 4, 5, 5, 5, 5])
    }

    @Test func clipFixedKeepsNaNButPercentileBoundsReplaceIt() throws {
        let x = try LabeledTensor(Tensor<Float>(shape: [5], scalars: [1, .nan, 3, 4, 5]), axes: ["x"])
        let fixed = Self.doubles(try ProcessingStep.clip(ClipKwargs(min: 2, max: 4)).applied(to: x))
        #expect(fixed[0] == 2 && fixed[1].isNaN && fixed[4] == 4)
        // Sample mode, inverted CDF over the 4 non-NaN values [1, 3, 4, 5]: q = 0.25 → v[⌈1⌉ − 1] = 1.
        let percentile = Self.doubles(try ProcessingStep.clip(ClipKwargs(minPercentile: 25, axes: ["x"])).applied(to: x))
        #expect(percentile == [1, 1, 3, 4, 5])
    }

    @Test func binarizeArange30() throws {
        let x = try LabeledTensor(Tensor<Float>(shape: [30], scalars: (0..<30).map(Float.init)), axes: ["x"])
        let y = try ProcessingStep.binarize(.threshold(14)).applied(to: x)
        #expect(y.dtype == .bool)
        #expect(try y.tensor.tensor(of: Bool.self).scalars == (0..<30).map { $0 > 14 })
    }

    @Test func binarizeAlongAnAxisThatIsNotLast() throws {
        // (channel 2, x 3): thresholds [1, 10] per channel (the spec's intent, not core's last-axis bug).
        let x = try LabeledTensor(Tensor<Float>(shape: [2, 3], scalars: [0, 2, 4, 5, 11, 20]), axes: ["channel", "x"])
        let y = try ProcessingStep.binarize(.alongAxis(threshold: [1, 10], axis: "channel")).applied(to: x)
        #expect(try y.tensor.tensor(of: Bool.self).scalars == [false, true, true, false, true, true])
    }

    @Test func ensureDtypeTruncatesTowardZero() throws {
        let x = try LabeledTensor(Tensor<Float>(shape: [4], scalars: [-1.7, -0.2, 2.9, 7.5]), axes: ["x"])
        #expect(Self.doubles(try ProcessingStep.ensureDtype(.int16).applied(to: x)) == [-1, 0, 2, 7])
        #expect(Self.doubles(try ProcessingStep.ensureDtype(.bool).applied(to: x)) == [1, 1, 1, 1])
    }

    @Test func softmaxAlongChannel() throws {
        // (channel 2, x 2): softmax([0, ln 3]) = [0.25, 0.75] in column 0; equal values give 0.5.
        let x = try LabeledTensor(Tensor<Float>(shape: [2, 2], scalars: [0, 1, Float(Foundation.log(3.0)), 1]), axes: ["channel", "x"])
        let y = Self.doubles(try ProcessingStep.softmax(axis: "channel").applied(to: x))
        #expect(Self.close(y, [0.25, 0.5, 0.75, 0.5], 1e-6))
        #expect(throws: RuntimeError.self) { try ProcessingStep.softmax(axis: "channel").applied(to: LabeledTensor(Tensor<Float>([1]), axes: ["x"])) }
    }

    @Test func scaleRangeUsesLinearPercentilesAndEps() throws {
        // x = 0…10: p10 = 1, p90 = 9 (linear); (x − 1)/(8 + 0.5).
        let x = try LabeledTensor(Tensor<Double>(shape: [11], scalars: (0...10).map(Double.init)), axes: ["x"])
        let y = Self.doubles(try ProcessingStep.scaleRange(ScaleRangeKwargs(axes: ["x"], minPercentile: 10, maxPercentile: 90, eps: 0.5)).applied(to: x))
        #expect(Self.close(y, (0...10).map { (Double($0) - 1) / 8.5 }, 1e-12))
    }

    @Test func largeTensorsSplitAcrossCoresKeepParametersInPlace() throws {
        // 2·3·256·300 ones (above the parallel threshold): gain along x = x index, along channel = c + 1,
        // so element (b, c, y, x) becomes x, then (c + 1)·x + 0.5 after a second step.
        let shape = [2, 3, 256, 300]
        let ones = try LabeledTensor(Tensor<Float>(repeating: 1, shape: shape), axes: ["batch", "channel", "y", "x"])
        let alongX = try ProcessingStep.scaleLinear(ScaleLinearKwargs(axis: "x", gain: (0..<300).map(Double.init), offset: [0])).applied(to: ones)
        let both = try ProcessingStep.scaleLinear(ScaleLinearKwargs(axis: "channel", gain: [1, 2, 3], offset: [0.5, 0.5, 0.5])).applied(to: alongX)
        let values = Self.doubles(both)
        var wrong = 0
        for (i, v) in values.enumerated() {
            let x = i % 300, c = (i / (300 * 256)) % 3
            if v != Double(c + 1) * Double(x) + 0.5 { wrong += 1 }
        }
        #expect(wrong == 0)
    }

    @Test func perAxisParameterAlongAMissingAxisIsRejected() throws {
        let x = try LabeledTensor(Tensor<Float>(shape: [2], scalars: [1, 2]), axes: ["x"])
        #expect(throws: RuntimeError.self) {
            try ProcessingStep.scaleLinear(ScaleLinearKwargs(axis: "channel", gain: [1, 2], offset: [0, 0])).applied(to: x)
        }
    }

    @Test func unsupportedStepsAreRejectedAtPlanTime() throws {
        let yaml = """
        format_version: 0.5.4
        type: model
        name: stardist fixture
        description: d
        authors: [{name: A}]
        cite: [{text: c, doi: 10.1234/abcd}]
        license: MIT
        documentation: README.md
        inputs:
        - id: raw
          axes: [{type: batch}, {type: space, id: y, size: 8}, {type: space, id: x, size: 8}]
        outputs:
        - id: labels
          axes: [{type: batch}, {type: space, id: y, size: 8}, {type: space, id: x, size: 8}]
          postprocessing:
          - id: sigmoid
          - id: stardist_postprocessing
            kwargs: {prob_threshold: 0.5, nms_threshold: 0.4, n_rays: 32, grid: [1, 1], b: 2}
        weights:
          onnx: {source: weights.onnx, sha256: \(String(repeating: "ab", count: 32)), opset_version: 15}
        """
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("proc-unsupported-\(UUID().uuidString).rdf.yaml")
        try yaml.write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        let model: PreparedModel
        do { model = try PreparedModel(contentsOf: url, performIOChecks: false) } catch {
            Issue.record("\(error): \(error.summary?.errors.map(\.description) ?? [])")
            return
        }
        do {
            _ = try ProcessingPlan(model: model)
            Issue.record("expected an unsupported-step error")
        } catch {
            #expect(error.code == .unsupportedStep)
            #expect(error.tensor == "labels")
            #expect(error.description.contains("output 'labels': postprocessing step 1 'stardist_postprocessing' cannot run in Swift (it needs the Python package stardist)"))
        }
    }
}
