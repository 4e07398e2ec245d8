import Foundation
import Testing
import BioImageYAML
@testable import BioImageSpec

/// A file access serving made-up array shapes, image shapes and texts.
struct FakeModelFiles: ModelFileAccess {
    var arrays: [String: TestArrayInfo] = [:]
    var images: [String: [Int]] = [:]
    var texts: [String: String] = [:]

    func exists(_ source: String) -> Bool { true }
    func sha256(of source: String) -> String? { nil }
    func arrayInfo(of source: String) -> TestArrayInfo? { arrays[source] }
    func squeezedImageShape(of source: String) -> [Int]? { images[source] }
    func text(of source: String) -> String? { texts[source] }
}

/// The io checks of model 0.5 (T6, T7, M2, documentation) with the messages quoted in the notes
/// (§b.1 T6/T7, §b.4 M2, oracle.md §ii), on the nuclei-broad package (raw 1×1×512×512, output halo 32).
@Suite("Model 0.5 io checks")
struct ModelIOCheckTests {
    static func validate(_ files: FakeModelFiles) throws -> ValidationContext? {
        guard let corpus = SpecTestPaths.corpus else { return nil }
        let document = try YAMLParser().parse(contentsOf: corpus.appendingPathComponent("packages/spec__unet2d_nuclei_broad/bioimageio.yaml"))
        let context = ValidationContext(options: ValidationOptions(performIOChecks: true, fileAccess: files))
        _ = ModelDescription.validate(document, context: context)
        return context
    }

    static let goodInput = TestArrayInfo(shape: [1, 1, 512, 512], dtype: "float32", minimum: -3, maximum: 40)
    static let goodOutput = TestArrayInfo(shape: [1, 1, 512, 512], dtype: "float32", minimum: 0, maximum: 1)
    static let documentation = "# UNet\n## Validation\ntext\n"

    func files(input: TestArrayInfo = goodInput, output: TestArrayInfo = goodOutput) -> FakeModelFiles {
        FakeModelFiles(arrays: ["test_input.npy": input, "test_output.npy": output],
                       images: ["test_input.png": [512, 512], "test_output.png": [512, 512]],
                       texts: ["README.md": Self.documentation])
    }

    func rootErrors(_ context: ValidationContext?) -> [String] {
        context?.issues.filter { $0.isError && $0.path == .root }.map(\.message) ?? []
    }

    @Test("matching test tensors pass")
    func passes() throws {
        guard let context = try Self.validate(files()) else { return }
        #expect(context.errorCount == 0, "\(context.issues)")
    }

    @Test("an input 2·halo smaller passes; 256 does not (T6.4, notes' example message)")
    func inputHalo() throws {
        var small = Self.goodInput
        small.shape = [1, 1, 448, 512]
        #expect(rootErrors(try Self.validate(files(input: small))).isEmpty)
        small.shape = [1, 1, 256, 512]
        #expect(rootErrors(try Self.validate(files(input: small))) ==
                ["Value error, inputs[raw].axes[y]: test_tensor axis has incompatible size {256, 320} (with or without padding input halo), expected 512"])
    }

    @Test("dimension and dtype mismatches (T6.1, T6.2)")
    func dimensionAndDtype() throws {
        var array = Self.goodInput
        array.shape = [1, 512, 512]
        #expect(rootErrors(try Self.validate(files(input: array))) ==
                ["Value error, inputs[raw] Dimension mismatch: array shape (1, 512, 512) (#3) incompatible with 4 axes."])
        array = Self.goodInput
        array.dtype = "float16"
        #expect(rootErrors(try Self.validate(files(input: array))) ==
                ["Value error, test_tensor data type 'float16' does not match described inputs[raw].dtype 'float32'"])
        array.dtype = "uint8"   // ints are accepted for float descriptions
        #expect(rootErrors(try Self.validate(files(input: array))).isEmpty)
    }

    @Test("an output reference mismatch (T6.4, notes' example message)")
    func outputReference() throws {
        var output = Self.goodOutput
        output.shape = [1, 1, 448, 512]   // 448 ≠ 512 and 448 − 64 = 384 ≠ 512
        #expect(rootErrors(try Self.validate(files(output: output))) ==
                ["Value error, outputs[probability].test_tensor: axis 'y' of size {384, 448} invalid for referenced size 512; expected 512.0"])
        output.shape = [1, 1, 576, 512]   // 2·halo larger passes
        #expect(rootErrors(try Self.validate(files(output: output))).isEmpty)
    }

    @Test("all-tiny test tensors and the tolerance sanity check (T6.3, M2)")
    func tinyAndTolerance() throws {
        var output = Self.goodOutput
        output.maximum = 5e-5
        output.minimum = 0
        #expect(rootErrors(try Self.validate(files(output: output))) ==
                ["Value error, Output values are too small for reliable testing. Values <-1e5 or >=1e5 must be present in test_tensor"])
        output.maximum = 0.05         // default atol 1e-3 > 0.01 · 0.05
        #expect(rootErrors(try Self.validate(files(output: output))) ==
                ["Value error, config.bioimageio.reproducibility_tolerance.absolute_tolerance=0.001 > 0.01*0.05 (1% of the maximum value of the test tensor 'probability')"])
    }

    @Test("sample tensor dimensions (T7: 2 to 4 for batch, 1 channel, y, x)")
    func sampleTensor() throws {
        var access = files()
        access.images["test_input.png"] = [2, 3, 4, 5, 6]
        let context = try Self.validate(access)
        #expect(context?.issues.first { $0.isError }?.message == "Value error, Expected sample tensor to have 2 to 4 dimensions, but found 5 (shape: (2, 3, 4, 5, 6)).")
        #expect(context?.issues.first { $0.isError }?.path.description == "inputs.0.sample_tensor")
    }

    @Test("documentation without a Validation heading warns")
    func documentationHeading() throws {
        var access = files()
        access.texts["README.md"] = "# UNet\nno such section\n"
        let context = try Self.validate(access)
        #expect(context?.issues.contains { $0.path.description == "documentation" && $0.message.hasPrefix("No '# Validation' (sub)section found in source=RelativePath('README.md')") } == true)
    }
}
