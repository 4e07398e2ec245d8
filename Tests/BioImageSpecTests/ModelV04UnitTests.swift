import BioImageYAML
import Foundation
import Testing

@testable import BioImageSpec

/// Properties of the 0.4 descriptor and the update that do not need the reference: Codable round
/// trips, emitting the update as YAML, and robustness against junk in every field.
@Suite("Spec: model 0.4 descriptor and update")
struct ModelV04UnitTests {
    /// The synthetic example (the `valid` mutation of the fixture).
    static var example: YAMLNode? { ModelV04MutationTests.mutations.first { $0.name == "valid" }?.document }

    @Test func descriptorRoundTripsThroughJSON() throws {
        let document = try #require(Self.example)
        let context = ValidationContext()
        let model = try #require(ModelDescriptionV04.load(document, context: context))
        let data = try JSONEncoder().encode(model)
        let decoded = try JSONDecoder().decode(ModelDescriptionV04.self, from: data)
        #expect(decoded == model)
        // Hand-checked against the example: bcyx with min [1, 2, 64, 64] and step [0, 0, 16, 16].
        #expect(model.inputs[0].shape == .parameterized(min: [1, 2, 64, 64], step: [0, 0, 16, 16]))
        #expect(model.weights.orderedEntries.map(\.format) == ["keras_hdf5", "onnx", "pytorch_state_dict", "tensorflow_saved_model_bundle", "torchscript"])
    }

    @Test func updateEmitsAsYAMLAndReadsBackUnchanged() throws {
        let document = try #require(Self.example)
        let updated = try #require(FormatUpdate.updateToV05(document))
        let text = try YAMLEmitter().emit(updated)
        #expect(text.contains("format_version: 0.5.14"))
        let reread = try YAMLParser().parse(text)
        #expect(try JSONValue(reread) == JSONValue(updated))
    }

    /// `update_format` of the synthetic example, as the reference writes the file
    /// (`synth_v04.converted.yaml`, copied from `shared/notes/oracle/examples`).
    @Test func updateOfTheSyntheticExampleIsByteIdenticalToTheReferenceFile() throws {
        let folder = SpecTestPaths.fixtures.appendingPathComponent("model04")
        let source = try YAMLParser().parse(contentsOf: folder.appendingPathComponent("synth_v04.yaml"))
        let expected = try String(contentsOf: folder.appendingPathComponent("synth_v04.converted.yaml"), encoding: .utf8)
        let updated = try #require(FormatUpdate.updateToV05(source))
        var options = YAMLEmitter.Options()
        options.versionDirective = true
        #expect(try YAMLEmitter(options: options).emit(updated) == expected)
    }

    @Test func otherDocumentsAreLeftAlone() throws {
        let generic = try YAMLParser().parse("type: dataset\nformat_version: 0.2.4\nname: x\n")
        #expect(FormatUpdate.updateToV05(generic) == generic)
        let upgraded = ModelUpgrades.upgradeToV04(try YAMLParser().parse("type: model\nformat_version: 0.5.3\nname: x\n"))
        #expect(upgraded["format_version"]?.string == "0.5.3")
    }

    /// Values of every YAML kind, including ones no field accepts.
    static let junk: [YAMLNode] = [
        .null, .int(-1), .int(0), .int(Int.max), .float(1e300), .float(.infinity), .bool(true), .string(""), .string("b::c"), .string("http://"),
        .sequence([]), .sequence([.null, .int(3)]), .mapping([:]), .mapping(["name": .sequence([])]),
    ]

    @Test func junkInAnyFieldNeverCrashes() throws {
        let document = try #require(Self.example)
        func walk(_ node: YAMLNode, _ replace: (YAMLNode) -> Void, depth: Int) {
            for value in Self.junk { replace(value) }
            guard depth < 4 else { return }
            switch node.content {
            case .mapping(let mapping):
                for index in mapping.entries.indices {
                    walk(mapping.entries[index].value, { newValue in
                        var copy = mapping
                        copy.entries[index].value = newValue
                        replace(.mapping(copy))
                    }, depth: depth + 1)
                }
            case .sequence(let items):
                for index in items.indices {
                    walk(items[index], { newValue in
                        var copy = items
                        copy[index] = newValue
                        replace(.sequence(copy))
                    }, depth: depth + 1)
                }
            case .scalar:
                break
            }
        }
        var runs = 0
        walk(document, { mutated in
            runs += 1
            let context = ValidationContext()
            _ = ModelDescriptionV04.load(mutated, context: context)
            _ = FormatUpdate.updateToV05(mutated)
        }, depth: 0)
        #expect(runs > 1000)
    }
}
