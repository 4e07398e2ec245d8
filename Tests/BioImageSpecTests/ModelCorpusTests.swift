import Foundation
import Testing
import BioImageYAML
@testable import BioImageSpec

/// Model 0.5 validation against the reference's verdicts on the shared corpus and the oracle
/// examples (`shared/corpus/verdicts.json`, `notes/oracle.md` §iii).
@Suite("Model 0.5 corpus agreement")
struct ModelCorpusTests {
    /// The corpus entries that declare a model of format 0.5.x.
    static func modelEntries() -> [(file: String, verdict: CorpusVerdict, declared: String)] {
        guard let corpus = SpecTestPaths.corpus,
              let data = try? Data(contentsOf: corpus.appendingPathComponent("verdicts.json")),
              let raw = try? JSONSerialization.jsonObject(with: data) as? [[String: Any]],
              let verdicts = try? CorpusVerdict.load(from: corpus) else { return [] }
        var result: [(String, CorpusVerdict, String)] = []
        for (entry, verdict) in zip(raw, verdicts) {
            guard entry["declared_type"] as? String == "model",
                  let declared = entry["declared_format_version"] as? String, declared.hasPrefix("0.5") else { continue }
            result.append((verdict.file, verdict, declared))
        }
        return result
    }

    /// Validates one file as model 0.5.
    static func validate(_ url: URL) throws -> (ModelDescription?, ValidationContext) {
        let document = try YAMLParser().parse(contentsOf: url)
        let context = ValidationContext()
        return (ModelDescription.validate(document, at: .root, context: context), context)
    }

    @Test("every corpus model 0.5 file: verdict, error locations and warning locations agree")
    func corpusAgreement() throws {
        guard let corpus = SpecTestPaths.corpus else { return }
        let entries = Self.modelEntries()
        #expect(entries.count == 14)
        var verdictAgree = 0, errorsAgree = 0, warningsAgree = 0, invalid = 0
        for entry in entries {
            let (model, context) = try Self.validate(corpus.appendingPathComponent(entry.file))
            let errors = Set(context.issues.filter(\.isError).map(\.path.description))
            let warnings = Set(context.issues.filter { !$0.isError }.map(\.path.description))
            #expect((model != nil) == entry.verdict.isValid, "\(entry.file): verdict")
            #expect(errors == entry.verdict.errorLocations, "\(entry.file): errors \(context.issues.filter(\.isError))")
            #expect(warnings == entry.verdict.warningLocations, "\(entry.file): warnings \(context.issues.filter { !$0.isError })")
            if (model != nil) == entry.verdict.isValid { verdictAgree += 1 }
            if !entry.verdict.isValid {
                invalid += 1
                if errors == entry.verdict.errorLocations { errorsAgree += 1 }
            }
            if warnings == entry.verdict.warningLocations { warningsAgree += 1 }
        }
        print("model 0.5 corpus: verdict \(verdictAgree)/\(entries.count), error locs \(errorsAgree)/\(invalid), warning locs \(warningsAgree)/\(entries.count)")
    }

    @Test("the reference's error messages on the invalid corpus model 0.5 files are ours too")
    func corpusMessages() throws {
        guard let corpus = SpecTestPaths.corpus,
              let data = try? Data(contentsOf: corpus.appendingPathComponent("verdicts.json")),
              let raw = try JSONSerialization.jsonObject(with: data) as? [[String: Any]] else { return }
        var compared = 0
        for entry in raw where entry["declared_type"] as? String == "model" && (entry["declared_format_version"] as? String)?.hasPrefix("0.5") == true {
            guard let file = entry["file"] as? String, let errors = entry["errors"] as? [[String: Any]], !errors.isEmpty else { continue }
            let (_, context) = try Self.validate(corpus.appendingPathComponent(file))
            for error in errors {
                guard let loc = error["loc"] as? String, let msg = error["msg"] as? String else { continue }
                let location = CorpusVerdict.normalize(loc)
                let ours = context.issues.filter { $0.isError && $0.path.description == location }.map { ModelMutation.canonical($0.message) }
                #expect(ours.contains(ModelMutation.canonical(msg)), "\(file) \(location): expected \(msg); got \(ours)")
                compared += 1
            }
        }
        print("model 0.5 corpus: \(compared) reference error messages compared")
    }

    @Test("bad_pkg example: the errors listed in oracle.md §iii")
    func badPackage() throws {
        guard let corpus = SpecTestPaths.corpus else { return }
        let url = corpus.deletingLastPathComponent().appendingPathComponent("notes/oracle/examples/bad_pkg.rdf.yaml")
        let (model, context) = try Self.validate(url)
        #expect(model == nil)
        // oracle.md §iii, normalised locations of `bioimageio_oracle.py validate bad_pkg/rdf.yaml`.
        let expected: Set<String> = ["name", "license", "inputs.0.axes.2.size", "inputs.0.axes.2.size.step",
                                     "inputs.0.axes.2.size.tensor_id", "inputs.0.axes.2.size.axis_id",
                                     "inputs.0.axes.2.size.min", "outputs", "weights.onnx.opset_version"]
        #expect(Set(context.issues.filter(\.isError).map(\.path.description)) == expected)
        #expect(context.issues.filter { !$0.isError }.map(\.path.description) == ["documentation"])
        let name = context.issues.first { $0.path.description == "name" }
        #expect(name?.message == "Value should have at least 5 items after validation, not 4")
        #expect(name?.mark?.line == 1)
        let opset = context.issues.first { $0.path.description == "weights.onnx.opset_version" }
        #expect(opset?.message == "Input should be greater than or equal to 7")
        #expect(context.issues.contains { $0.path.description == "outputs" && $0.message.hasPrefix("Value error, Invalid tensor axis reference at outputs[0].axes[2].size") })
    }

    @Test("oracle example packages are valid")
    func validExamples() throws {
        guard let corpus = SpecTestPaths.corpus else { return }
        let folder = corpus.deletingLastPathComponent().appendingPathComponent("notes/oracle/examples")
        for name in ["onnx_pkg", "tile_pkg", "post_pkg"] {
            let (model, context) = try Self.validate(folder.appendingPathComponent("\(name).rdf.yaml"))
            #expect(model != nil, "\(name): \(context.issues.filter(\.isError))")
        }
    }
}
