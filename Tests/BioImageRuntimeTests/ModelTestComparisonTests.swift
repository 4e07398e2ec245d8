import BioImageRuntime
import BioImageSpec
import BioImageTensor
import Foundation
import Testing

/// The mismatch formula and message of the reproduction check. Expected strings come from the
/// reference's `bioimageio.core._resource_tests.evaluate_mismatched_elements` run on the same
/// arrays (its `np.int64(k)` indices written as `k`).
@Suite struct ModelTestComparisonTests {
    static func compare(_ actual: [Float], _ expected: [Float], shape: [Int], axes: [String],
                        _ tolerance: TestTolerance) throws -> OutputComparison {
        try OutputComparison(outputID: "m", axes: axes, actual: AnyTensor(Tensor<Float>(shape: shape, scalars: actual)),
                             expected: AnyTensor(Tensor<Float>(shape: shape, scalars: expected)), tolerance: tolerance)
    }

    @Test func messageAndWorstElementAsTheReference() throws {
        // |5 − 4| = 1 > 1e-3 + 1e-3·4: one of two elements (500 000 ppm, shown as 50.0%).
        let comparison = try Self.compare([0, 5], [0, 4], shape: [1, 2], axes: ["y", "x"], TestTolerance())
        #expect(comparison.mismatchedCount == 1)
        #expect(!comparison.passes)
        #expect(comparison.worstRelative.index == [0, 1])
        #expect(comparison.worstRelative.actual == 5 && comparison.worstRelative.expected == 4)
        #expect(comparison.message == "Output 'm': 1 of 2 elements disagree with expected values (50.0%). \nMax relative difference not accounted for by absolute tolerance (1.00e-03):\n2.50e-01 (= \\|5.00e+00 - 4.00e+00\\|/\\|4.00e+00 + 1e-6\\|) at {'y': 0, 'x': 1} \nMax absolute difference not accounted for by relative tolerance (1.00e-03):\n1.00e+00 (= \\|5.0000000e+00 - 4.0000000e+00\\|) at {'y': 0, 'x': 1}")
    }

    @Test func nanNeverMismatches() throws {
        // rtol 0, atol 1e-3: |2 − 2.5| mismatches, |3 − 3.0005| = 5e-4 does not, NaN never does.
        let comparison = try Self.compare([1, 2, 3, .nan], [1, 2.5, 3.0005, 1], shape: [4], axes: ["x"],
                                          TestTolerance(relativeTolerance: 0, absoluteTolerance: 1e-3, mismatchedElementsPerMillion: 0))
        #expect(comparison.mismatchedCount == 1)
        #expect(comparison.message == "Output 'm': 1 of 4 elements disagree with expected values (25.0%). \nMax relative difference not accounted for by absolute tolerance (1.00e-03):\n2.00e-01 (= \\|2.00e+00 - 2.50e+00\\|/\\|2.50e+00 + 1e-6\\|) at {'x': 1} \nMax absolute difference not accounted for by relative tolerance (0.00e+00):\n5.00e-01 (= \\|2.0000000e+00 - 2.5000000e+00\\|) at {'x': 1}")
        let allNaN = try Self.compare([.nan, .nan], [.nan, 1], shape: [2], axes: ["x"], TestTolerance(mismatchedElementsPerMillion: 0))
        #expect(allNaN.mismatchedCount == 0 && allNaN.passes)
    }

    @Test func ppmThresholdIsInclusive() throws {
        // 1 mismatch in 10 000 elements = 100 ppm: passes at 100 (fail only if ppm > allowed), fails at 99.
        var actual = [Float](repeating: 0, count: 10_000)
        actual[17] = 1
        let expected = [Float](repeating: 0, count: 10_000)
        let at100 = try Self.compare(actual, expected, shape: [10_000], axes: ["x"], TestTolerance(mismatchedElementsPerMillion: 100))
        #expect(at100.mismatchedPerMillion == 100)
        #expect(at100.passes)
        #expect(at100.message.hasPrefix("Output 'm': 1 of 10000 elements disagree with expected values (100.0 ppm). \nMax relative difference not accounted for by absolute tolerance (1.00e-03):\n1.00e+06 (= \\|1.00e+00 - 0.00e+00\\|/\\|0.00e+00 + 1e-6\\|) at {'x': 17} "))
        let at99 = try Self.compare(actual, expected, shape: [10_000], axes: ["x"], TestTolerance(mismatchedElementsPerMillion: 99))
        #expect(!at99.passes)
    }

    @Test func agreeingOutputsSayAllElementsAgree() throws {
        let comparison = try Self.compare([1, -0.5, 2], [1, -0.5, 2], shape: [3], axes: ["x"], TestTolerance())
        #expect(comparison.passes && comparison.mismatchedCount == 0)
        // No mismatch: every masked difference is 0; the relative argmax is the first element, the
        // absolute one the smallest |expected| (0 − rtol·|e| is largest there), as in NumPy.
        #expect(comparison.worstRelative.index == [0])
        #expect(comparison.worstAbsolute.index == [1])
        #expect(comparison.message.hasPrefix("Output `m`: all elements agree with expected values. \n"))
    }

    @Test func integerAndBoolTensorsAreComparedAsFloat32() throws {
        let actual = AnyTensor(try Tensor<Bool>(shape: [3], scalars: [true, false, true]))
        let expected = AnyTensor(try Tensor<UInt8>(shape: [3], scalars: [1, 0, 0]))
        let comparison = try OutputComparison(outputID: "mask", axes: ["x"], actual: actual, expected: expected,
                                              tolerance: TestTolerance(relativeTolerance: 0, absoluteTolerance: 0, mismatchedElementsPerMillion: 1000))
        #expect(comparison.mismatchedCount == 1)
        #expect(comparison.worstAbsolute.index == [2])
    }

    @Test func differentShapesThrow() throws {
        #expect(throws: RuntimeError.self) {
            try OutputComparison(outputID: "m", axes: ["x"], actual: AnyTensor(Tensor<Float>([1, 2])),
                                 expected: AnyTensor(Tensor<Float>([1, 2, 3])), tolerance: TestTolerance())
        }
    }

    @Test func reportTextAndStatus() throws {
        let loc: ModelTestDetail.Location = [.key("weights"), .key("onnx")]
        let report = ModelTestReport(source: "/m/rdf.yaml", modelName: "m", formatVersion: "0.5.14", details: [
            ModelTestDetail(name: "Has expected resource type", loc: [.key("type")]),
            ModelTestDetail(name: "Reproduce test outputs from test inputs (onnx)", loc: loc,
                            errors: [ModelTestEntry(loc: loc, message: "line one\nline two")]),
        ])
        #expect(report.status == .failed)
        #expect(report.text == """
            /m/rdf.yaml: failed ('m', format 0.5.14; 1 of 2 checks passed)
              passed | Has expected resource type [type]
              FAILED | Reproduce test outputs from test inputs (onnx) [weights.onnx]
                  error: line one
                    line two
            """)
        #expect(ModelTestReport(source: "x").status == .failed)   // no checks: not passed
    }

    @Test func inferenceCasesFollowTheBatchAndParameterRules() throws {
        func cases(_ name: String) throws -> [String] {
            let model = try PreparedModel(contentsOf: ModelTestFixtureFile.directory.appendingPathComponent(name), performIOChecks: false)
            let file = try ModelTestFixtureFile.load()
            let fixture = try #require(file.fixtures.first { $0.name == name })
            return fixture.tester().test(model).details.map(\.name).filter { $0.hasPrefix("Run ") }
        }
        // Parameterized y/x and a free batch: B ∈ {1, 2} × n ∈ {0, 1, 2}.
        #expect(try cases("affine").count == 6)
        // No batch axis, fixed sizes: one case.
        #expect(try cases("identity") == ["Run onnx inference for inputs with batch_size: 1 and size parameter n: 0"])
        // Batch fixed to 1.
        #expect(try cases("two_outputs") == ["Run onnx inference for inputs with batch_size: 1 and size parameter n: 0"])
    }
}
