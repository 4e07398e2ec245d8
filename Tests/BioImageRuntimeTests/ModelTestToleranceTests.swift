import BioImageRuntime
import BioImageSpec
import BioImageTensor
import BioImageYAML
import Foundation
import Testing

/// Tolerance selection (notes §e.5): defaults, config overrides, exact output-id matching, the 0.4
/// rules and `decimal`.
@Suite struct ModelTestToleranceTests {
    static func model(_ name: String) throws -> PreparedModel {
        try PreparedModel(contentsOf: ModelTestFixtureFile.directory.appendingPathComponent(name), performIOChecks: false)
    }

    static func tolerance(_ rtol: Double, _ atol: Double, _ mepm: Double) -> TestTolerance {
        TestTolerance(relativeTolerance: rtol, absoluteTolerance: atol, mismatchedElementsPerMillion: mepm)
    }

    @Test func defaultsByOutputKind() throws {
        // Float output "output": the default any_continuous_output entry (1e-3, 1e-3, 100).
        let affine = try Self.model("affine")
        #expect(TestTolerance.select(for: affine, outputID: "output", weightFormat: .onnx) == Self.tolerance(1e-3, 1e-3, 100))
        // Bool output "mask": any_discrete_output (0, 0, 1000). The reference would give "mask" the
        // plain default, because it tests `"mask" in "any_discrete_output"` as a substring.
        let uint8 = try Self.model("uint8_processing")
        #expect(TestTolerance.select(for: uint8, outputID: "mask", weightFormat: .onnx) == Self.tolerance(0, 0, 1000))
    }

    @Test func outputIdsMatchExactlyAndTheFirstMatchingEntryWins() throws {
        var model = try Self.model("affine")
        model.description.config.bioimageio.reproducibilityTolerance = [
            ReproducibilityTolerance(relativeTolerance: 0.01, absoluteTolerance: 0.5, mismatchedElementsPerMillion: 7, outputs: .ids(["outpu", "output_2"])),
            ReproducibilityTolerance(relativeTolerance: 0.002, absoluteTolerance: 0.2, mismatchedElementsPerMillion: 5, outputs: .ids(["output"])),
            ReproducibilityTolerance(relativeTolerance: 0.003, absoluteTolerance: 0.3, mismatchedElementsPerMillion: 6),
        ]
        #expect(TestTolerance.select(for: model, outputID: "output", weightFormat: .onnx) == Self.tolerance(0.002, 0.2, 5))
        #expect(TestTolerance.select(for: model, outputID: "output_2", weightFormat: .onnx) == Self.tolerance(0.01, 0.5, 7))
        // No listed id: the entry with empty output_ids (all outputs).
        #expect(TestTolerance.select(for: model, outputID: "other", weightFormat: .onnx) == Self.tolerance(0.003, 0.3, 6))
    }

    @Test func weightsFormatsRestrictAnEntry() throws {
        let model = try Self.model("fail_tolerance_other_format")
        // The fixture's only entry is for pytorch_state_dict: onnx gets the plain default.
        #expect(TestTolerance.select(for: model, outputID: "out", weightFormat: .onnx) == Self.tolerance(1e-3, 1e-3, 100))
        #expect(TestTolerance.select(for: model, outputID: "out", weightFormat: .pytorchStateDict) == Self.tolerance(0, 0.05, 0))
        let override = try Self.model("tolerance_override")
        #expect(TestTolerance.select(for: override, outputID: "out", weightFormat: .onnx) == Self.tolerance(0, 0.05, 0))
    }

    @Test func legacyTestKwargsApplyWhenNoEntryMatches() throws {
        var model = try Self.model("affine")
        let fields = try YAMLParser().parse("test_kwargs:\n  onnx:\n    absolute_tolerance: 0.1\n  torchscript:\n    relative_tolerance: 0.5\n")
        model.description.config.bioimageio.fields = FreeValue(fields)
        model.description.config.bioimageio.reproducibilityTolerance = []
        #expect(TestTolerance.select(for: model, outputID: "output", weightFormat: .onnx) == Self.tolerance(1e-3, 0.1, 100))
        #expect(TestTolerance.select(for: model, outputID: "output", weightFormat: .torchscript) == Self.tolerance(0.5, 1e-3, 100))
        #expect(TestTolerance.select(for: model, outputID: "output", weightFormat: .kerasHDF5) == Self.tolerance(1e-3, 1e-3, 100))
        // A matching reproducibility_tolerance entry takes precedence over test_kwargs.
        model.description.config.bioimageio.reproducibilityTolerance = [ReproducibilityTolerance(absoluteTolerance: 0.25)]
        #expect(TestTolerance.select(for: model, outputID: "output", weightFormat: .onnx) == Self.tolerance(1e-3, 0.25, 100))
    }

    @Test func formatZeroFourRulesAndDecimal() throws {
        let model = try Self.model("v04_affine")
        #expect(model.isLegacyFormat)
        #expect(TestTolerance.select(for: model, outputID: "out", weightFormat: .onnx) == Self.tolerance(1e-3, 1e-3, 0))
        // decimal 4 → atol 1.5·10⁻⁴ (Python: 1.5 * 10 ** -4 == 1.5 * 1e-4, one ulp above 1.5e-4), rtol 0,
        // no mismatch allowed.
        #expect(TestTolerance.select(for: model, outputID: "out", weightFormat: .onnx, decimal: 4) == Self.tolerance(0, 1.5 * 1e-4, 0))
        // decimal is a 0.4-only argument.
        let affine = try Self.model("affine")
        #expect(TestTolerance.select(for: affine, outputID: "output", weightFormat: .onnx, decimal: 4) == Self.tolerance(1e-3, 1e-3, 100))
    }

    @Test func decimalChangesTheVerdictOfAZeroFourModel() throws {
        let url = ModelTestFixtureFile.directory.appendingPathComponent("v04_affine")
        // A runtime off by 1e-5 (0.5x − 0.99999 instead of 0.5x − 1): within the 0.4 default atol 1e-3,
        // beyond decimal 6 (atol 1.5e-6).
        let off = ModelTestFunction(op: "affine", input: "raw", scale: 0.5, offset: -0.99999)
        let registry = RuntimeRegistry([ModelTestFunctionAdapter(functions: ["out": off])])
        let lenient = ModelTester(registry: registry).test(contentsOf: url)
        #expect(lenient.status == .passed)
        #expect(!lenient.details.contains { $0.name.hasPrefix("Run ") })   // no inference checks for 0.4
        let strict = ModelTester(registry: registry, options: ModelTester.Options(decimal: 6)).test(contentsOf: url)
        #expect(strict.status == .failed)
        #expect(strict.failedDetails.map(\.name) == ["Reproduce test outputs from test inputs (onnx)"])
        #expect(strict.failedDetails.first?.errors.first?.message.hasPrefix("Output 'out': 256 of 256 elements disagree with expected values (100.0%).") == true)
    }
}
