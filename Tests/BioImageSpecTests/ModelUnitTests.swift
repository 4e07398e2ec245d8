import Foundation
import Testing
import BioImageYAML
@testable import BioImageSpec

/// Hand-derived checks of the model 0.5 helpers and normalisations, each citing the notes
/// (`shared/notes/bioimageio-reference.md`) for its expected value.
@Suite("Model 0.5 sizes, normalisations and stricter rules")
struct ModelUnitTests {
    /// A minimal valid model with one input and one output, for variations.
    static func model(inputData: String = "", inputSteps: String = "[]", outputID: String = "out", outputs: String = "") -> String {
        """
        name: Tiny model
        format_version: 0.5.14
        type: model
        inputs:
        - id: raw
          axes:
          - type: channel
            channel_names: [a]
          - {type: space, id: y, size: 16}
        \(inputData)
          preprocessing: \(inputSteps)
        outputs:
        - id: \(outputID)
          axes:
          - {type: space, id: y, size: {tensor_id: raw, axis_id: y}}
        \(outputs)
        weights:
          onnx: {source: m.onnx, opset_version: 17}
        """
    }

    static func validate(_ text: String) throws -> (ModelDescription?, ValidationContext) {
        let context = ValidationContext()
        return (ModelDescription.validate(try YAMLParser().parse(text), context: context), context)
    }

    /// bioimageio.spec 0.5.14.3 accepts `zero_mean_unit_variance`, `scale_range` and `softmax` without
    /// `kwargs` (every kwarg has a default) and requires `kwargs` for the others (checked with the
    /// oracle's `validate` on a fixture whose steps were edited, 2026-11-28).
    @Test("Steps whose kwargs all have defaults may leave out kwargs")
    func stepsWithoutKwargs() throws {
        let (model, context) = try Self.validate(Self.model(inputSteps: "[{id: zero_mean_unit_variance}, {id: scale_range}, {id: softmax}]"))
        #expect(context.issues.filter(\.isError).isEmpty)
        #expect(model?.inputs[0].preprocessing.map(\.id).contains("scale_range") == true)
        for id in ["scale_linear", "clip", "binarize", "ensure_dtype", "fixed_zero_mean_unit_variance"] {
            let (rejected, rejectedContext) = try Self.validate(Self.model(inputSteps: "[{id: \(id)}]"))
            #expect(rejected == nil)
            #expect(rejectedContext.issues.contains { $0.isError && $0.path.description == "inputs.0.preprocessing.0.kwargs" })
        }
    }

    @Test("ParameterizedSize: size(n:), n(for:) and the size problems (notes §a.6)")
    func parameterizedSize() {
        let size = ParameterizedSize(min: 96, step: 16)
        #expect(size.size(n: 2) == 128)               // 96 + 16·2
        #expect(size.n(for: 96) == 0)
        #expect(size.n(for: 100) == 1)                 // ceil(4/16)
        #expect(size.n(for: 50) == -2)                 // ceil(−46/16) = ceil(−2.875)
        #expect(size.problem(withSize: 112) == nil)
        #expect(size.problem(withSize: 100) == "size 100 is not parameterized by `min + n*step` = `96 + n*16`")
        #expect(size.problem(withSize: 50) == "size 50 < 96 (minimum axis size)")
    }

    @Test("SizeReference truncates toward zero (notes §a.6, §h.7)")
    func sizeReference() {
        #expect(SizeReference(tensorID: "raw", axisID: "y", offset: 1).size(referenceSize: 512, referenceScale: 1, scale: 2) == 257)
        #expect(SizeReference(tensorID: "raw", axisID: "y", offset: -3).size(referenceSize: 5, referenceScale: 1, scale: 2) == 0) // int(−0.5)
    }

    @Test("DataDependentSize bounds (notes §a.6)")
    func dataDependent() {
        let size = DataDependentSize(min: 2, max: 9)
        #expect(size.problem(withSize: 5) == nil)
        #expect(size.problem(withSize: 1) != nil)
        #expect(size.problem(withSize: 10) != nil)
    }

    @Test("ensure_dtype insertion (T5, notes §a.4 verified examples)")
    func ensureDtypeInsertion() {
        let zmuv = ProcessingStep.zeroMeanUnitVariance(ZeroMeanUnitVarianceKwargs())
        let binarize = ProcessingStep.binarize(.threshold(0.5))
        #expect(TensorRules.normalizedPreprocessing([], dtype: .float32) == [.ensureDtype(.float32)])
        #expect(TensorRules.normalizedPreprocessing([zmuv], dtype: .float32) == [.ensureDtype(.float32), zmuv, .ensureDtype(.float32)])
        #expect(TensorRules.normalizedPreprocessing([binarize], dtype: .float32) == [.ensureDtype(.float32), binarize])
        #expect(TensorRules.normalizedPostprocessing([], dtype: .uint8) == [.ensureDtype(.uint8)])
        #expect(TensorRules.normalizedPostprocessing([.sigmoid], dtype: .float32) == [.sigmoid, .ensureDtype(.float32)])
    }

    @Test("a uint8 input with zero_mean_unit_variance gets uint8 casts around it (notes §h.2)")
    func uint8Casts() throws {
        let text = Self.model(inputData: "  data: {type: uint8}", inputSteps: "[{id: zero_mean_unit_variance, kwargs: {}}]")
        let (model, context) = try Self.validate(text)
        #expect(context.errorCount == 0, "\(context.issues)")
        #expect(model?.inputs.first?.preprocessing.map(\.id) == ["ensure_dtype", "zero_mean_unit_variance", "ensure_dtype"])
        #expect(model?.inputs.first?.preprocessing.first == .ensureDtype(.uint8))
    }

    @Test("axis ids are normalised: Y → y, C → channel (notes §a.1)")
    func axisIDNormalisation() throws {
        let text = Self.model().replacingOccurrences(of: "{type: space, id: y, size: 16}", with: "{type: space, id: Y, size: 16}")
            .replacingOccurrences(of: "- type: channel\n", with: "- type: channel\n    id: C\n")
        let (model, context) = try Self.validate(text)
        #expect(context.errorCount == 0, "\(context.issues)")
        #expect(model?.inputs.first?.axes.map(\.id) == ["channel", "y"])
    }

    @Test("stricter than the reference: an output may not reuse an input id (T1 intent, notes §b.1)")
    func duplicateAcrossInputsAndOutputs() throws {
        let text = Self.model(outputID: "raw").replacingOccurrences(of: "size: {tensor_id: raw, axis_id: y}", with: "size: 16")
        let (model, context) = try Self.validate(text)
        #expect(model == nil)
        #expect(context.issues.contains { $0.path == ["outputs"] && $0.message == "Value error, Duplicate tensor ids: ['raw']" })
    }

    @Test("stricter than the reference: two outputs may not share an id (T1 intent)")
    func duplicateOutputs() throws {
        let text = Self.model(outputs: "- id: out\n  axes:\n  - {type: space, id: y, size: 4}")
        let (model, context) = try Self.validate(text)
        #expect(model == nil)
        #expect(context.issues.contains { $0.path == ["outputs"] && $0.message.contains("Duplicate tensor ids: ['out']") })
    }

    @Test("unsupported postprocessing steps are kept with their kwargs")
    func unsupportedStepKept() throws {
        let text = Self.model(outputs: "  postprocessing:\n  - {id: cellpose_flow_dynamics, kwargs: {cellprob_threshold: 0.0, flow_threshold: 0.4, do_3D: false}}")
        let (model, context) = try Self.validate(text)
        #expect(context.errorCount == 0, "\(context.issues)")
        guard case .unsupported(let step)? = model?.outputs.first?.postprocessing.first else {
            Issue.record("expected an unsupported step")
            return
        }
        #expect(step.id == "cellpose_flow_dynamics")
        #expect(step.kwargs?.node["flow_threshold"]?.double == 0.4)
        #expect(model?.outputs.first?.postprocessing.last == .ensureDtype(.float32))
    }

    @Test("unknown config keys are kept and written back")
    func configKept() throws {
        let text = Self.model() + "\nconfig:\n  deepimagej: {pyramidal_model: false}\n  bioimageio: {funded_by: EU}"
        let (model, context) = try Self.validate(text)
        #expect(context.errorCount == 0, "\(context.issues)")
        #expect(model?.config.other.node["deepimagej"]?["pyramidal_model"]?.bool == false)
        #expect(model?.config.bioimageio.fields.node["funded_by"]?.string == "EU")
        #expect(model?.config.bioimageio.reproducibilityTolerance == BioimageioConfig.defaultTolerances)
        let written = model?.yamlNode
        #expect(written?["config"]?["deepimagej"] != nil)
    }

    @Test("bad input never crashes: every node of a corpus model replaced by odd values")
    func deepRobustness() throws {
        guard let corpus = SpecTestPaths.corpus else { return }
        let base = try YAMLParser().parse(contentsOf: corpus.appendingPathComponent("packages/spec__unet2d_nuclei_broad/bioimageio.yaml"))
        let odd: [YAMLNode] = [.null, .int(0), .float(-.infinity), .string("x"), .sequence([.null]), .mapping(["a": .null])]
        func replacing(_ node: YAMLNode, _ visit: (YAMLNode) -> Void) {
            for value in odd { visit(value) }
            switch node.content {
            case .mapping(let mapping):
                for index in mapping.entries.indices {
                    replacing(mapping.entries[index].value) { child in
                        var copy = mapping
                        copy.entries[index].value = child
                        visit(.mapping(copy))
                    }
                }
            case .sequence(let items):
                for index in items.indices {
                    replacing(items[index]) { child in
                        var copy = items
                        copy[index] = child
                        visit(.sequence(copy))
                    }
                }
            case .scalar: break
            }
        }
        var runs = 0
        replacing(base) { document in
            let context = ValidationContext()
            if ModelDescription.validate(document, context: context) == nil { #expect(context.errorCount > 0) }
            runs += 1
        }
        #expect(runs > 500)
    }

    @Test("bad input never crashes: every node of a valid file replaced by odd values")
    func robustness() throws {
        let base = try YAMLParser().parse(Self.model())
        let odd: [YAMLNode] = [.null, .int(-1), .float(.nan), .string(""), .sequence([]), .mapping([:]), .bool(true)]
        guard let entries = base.mapping?.entries else { return }
        for index in entries.indices {
            for value in odd {
                var mapping = base.mapping ?? YAMLMapping()
                mapping.entries[index].value = value
                let context = ValidationContext()
                _ = ModelDescription.validate(.mapping(mapping), context: context)
            }
        }
    }
}
