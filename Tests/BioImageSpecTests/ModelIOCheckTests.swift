import Foundation
import Testing
import BioImageTensor
import BioImageYAML
@testable import BioImageSpec

/// A file access serving made-up `.npy` arrays, PNG headers and texts as bytes, as a package would.
struct FakeModelFiles: ValidationFileAccess {
    var arrays: [String: TestArrayInfo] = [:]
    var images: [String: Data] = [:]
    var texts: [String: String] = [:]

    func exists(_ source: String) -> Bool { true }

    func contents(of source: String) throws(ResourceError) -> Data {
        if let info = arrays[source] { return Self.npy(info) }
        if let image = images[source] { return image }
        if let text = texts[source] { return Data(text.utf8) }
        return Data()   // every other file (weights, covers) exists and is empty
    }

    /// An `.npy` file of `info.shape` and `info.dtype` holding `info.minimum` everywhere but the last
    /// element, which holds `info.maximum`.
    static func npy(_ info: TestArrayInfo) -> Data {
        let count = info.shape.reduce(1, *)
        var values = [Double](repeating: info.minimum ?? 0, count: count)
        if count > 0 { values[count - 1] = info.maximum ?? 0 }
        guard let tensor = try? Tensor<Double>(shape: info.shape, scalars: values) else { return Data() }
        return NPY.encode(AnyTensor(tensor).converted(to: DType(rawValue: info.dtype) ?? .float32))
    }

    /// The first 33 bytes of a PNG (signature and IHDR) of the given size and colour type.
    static func png(width: Int, height: Int, colorType: UInt8 = 0) -> Data {
        func be32(_ value: Int) -> [UInt8] { [UInt8(value >> 24 & 0xFF), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)] }
        let bytes: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + be32(13) + Array("IHDR".utf8)
            + be32(width) + be32(height) + [8, colorType, 0, 0, 0] + [0, 0, 0, 0]
        return Data(bytes)
    }
}

/// The io checks of model 0.5 (T6, T7, M2, documentation) with the messages quoted in the notes
/// (§b.1 T6/T7, §b.4 M2, oracle.md §ii), on the nuclei-broad package (raw 1×1×512×512, output halo 32).
@Suite("Model 0.5 io checks")
struct ModelIOCheckTests {
    static func validate(_ files: FakeModelFiles) throws -> ValidationContext? {
        // The corpus package's description, committed as a fixture so these tests run without
        // ../shared. The made-up files do not have the package's digests: drop the stated sha256
        // values (hash checks are covered by ResourceReaderTests).
        let url = SpecTestPaths.repositoryRoot.appendingPathComponent("Fixtures/yaml/unet2d_nuclei_broad.bioimageio.yaml")
        let document = withoutHashes(try YAMLParser().parse(contentsOf: url))
        let context = ValidationContext(options: ValidationOptions(performIOChecks: true, fileAccess: files))
        _ = ModelDescription.validate(document, context: context)
        return context
    }

    /// `node` with every `sha256` key removed.
    static func withoutHashes(_ node: YAMLNode) -> YAMLNode {
        switch node.content {
        case .mapping(let mapping):
            return YAMLNode(.mapping(YAMLMapping(mapping.entries.filter { $0.key.string != "sha256" }
                .map { YAMLMapping.Entry(key: $0.key, value: withoutHashes($0.value)) })), mark: node.mark)
        case .sequence(let items):
            return YAMLNode(.sequence(items.map(withoutHashes)), mark: node.mark)
        case .scalar:
            return node
        }
    }

    static let goodInput = TestArrayInfo(shape: [1, 1, 512, 512], dtype: "float32", minimum: -3, maximum: 40)
    static let goodOutput = TestArrayInfo(shape: [1, 1, 512, 512], dtype: "float32", minimum: 0, maximum: 1)
    static let documentation = "# UNet\n## Validation\ntext\n"

    func files(input: TestArrayInfo = goodInput, output: TestArrayInfo = goodOutput) -> FakeModelFiles {
        FakeModelFiles(arrays: ["test_input.npy": input, "test_output.npy": output],
                       images: ["test_input.png": FakeModelFiles.png(width: 512, height: 512), "test_output.png": FakeModelFiles.png(width: 512, height: 512)],
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
        output.dtype = "float64"      // 0.05 exactly (float32 would print 0.05000000074505806)
        #expect(rootErrors(try Self.validate(files(output: output))) ==
                ["Value error, config.bioimageio.reproducibility_tolerance.absolute_tolerance=0.001 > 0.01*0.05 (1% of the maximum value of the test tensor 'probability')"])
    }

    @Test("sample tensor dimensions (T7: 2 to 4 for batch, 1 channel, y, x), read from the PNG header")
    func sampleTensor() throws {
        var access = files()
        access.images["test_input.png"] = FakeModelFiles.png(width: 512, height: 1)   // squeezes to (512,)
        let context = try Self.validate(access)
        #expect(context?.issues.first { $0.isError }?.message == "Value error, Expected sample tensor to have 2 to 4 dimensions, but found 1 (shape: (512,)).")
        #expect(context?.issues.first { $0.isError }?.path.description == "inputs.0.sample_tensor")
        access.images["test_input.png"] = FakeModelFiles.png(width: 512, height: 512, colorType: 2)   // (512, 512, 3): 3 dims pass
        #expect(try Self.validate(access)?.errorCount == 0)
    }

    @Test("a sample tensor in a format the SDK cannot read gives a warning naming it")
    func unsupportedSampleFormat() throws {
        var access = files()
        access.images["test_input.png"] = Data("GIF89a....".utf8)
        let context = try Self.validate(access)
        #expect(context?.errorCount == 0)
        #expect(context?.issues.contains { $0.path.description == "inputs.0.sample_tensor" && $0.message.contains("format is not supported") } == true)
    }

    @Test("documentation without a Validation heading warns")
    func documentationHeading() throws {
        var access = files()
        access.texts["README.md"] = "# UNet\nno such section\n"
        let context = try Self.validate(access)
        #expect(context?.issues.contains { $0.path.description == "documentation" && $0.message.hasPrefix("No '# Validation' (sub)section found in source=RelativePath('README.md')") } == true)
    }
}
