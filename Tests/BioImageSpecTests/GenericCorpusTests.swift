import BioImageYAML
import Foundation
import Testing

@testable import BioImageSpec

/// The generic validators over every non-model corpus file the reference validated (dataset,
/// application, collection, workflow… at 0.2/0.3), compared with `shared/corpus/verdicts.json`:
/// the valid/invalid verdict and the set of normalised error locations.
@Suite("Generic descriptions against the corpus verdicts")
struct GenericCorpusTests {
    /// A non-model corpus entry with a string `type` and `format_version`.
    struct Entry: Sendable, CustomTestStringConvertible {
        var file: String
        var isValid: Bool
        var errorLocations: Set<String>
        /// `loc | message` of every warning.
        var warnings: Set<String>
        var testDescription: String { file }
    }

    static let entries: [Entry] = {
        guard let corpus = SpecTestPaths.corpus,
              let data = try? Data(contentsOf: corpus.appendingPathComponent("verdicts.json")),
              let list = try? JSONSerialization.jsonObject(with: data) as? [[String: Any]] else { return [] }
        return list.compactMap { item in
            guard let file = item["file"] as? String, let status = item["status"] as? String, status != "error",
                  let type = item["declared_type"] as? String, type != "model" else { return nil }
            let errors = (item["errors"] as? [[String: Any]] ?? []).compactMap { $0["loc"] as? String }
            let warnings = (item["warnings"] as? [[String: Any]] ?? []).map {
                "\(CorpusVerdict.normalize($0["loc"] as? String ?? "")) | \($0["msg"] as? String ?? "")"
            }
            return Entry(file: file, isValid: status == "valid", errorLocations: Set(errors.map(CorpusVerdict.normalize)),
                         warnings: Set(warnings))
        }
    }()

    /// Validates a document the way the loader dispatches non-model resources.
    static func validate(_ document: YAMLNode, _ context: ValidationContext) {
        let version = document["format_version"]?.pythonString ?? ""
        if version.hasPrefix("0.2.") || version == "0.2" {
            _ = GenericDescriptionV02.validate(document, context: context)
        } else {
            _ = GenericDescription.validate(document, context: context)
        }
    }

    @Test("the corpus has non-model files") func corpusPresent() throws {
        guard SpecTestPaths.corpus != nil else { return }
        #expect(Self.entries.count >= 100)
    }

    @Test("verdicts and error locations agree", arguments: GenericCorpusTests.entries)
    func agrees(_ entry: Entry) throws {
        guard let corpus = SpecTestPaths.corpus else { return }
        let document = try YAMLParser().parse(contentsOf: corpus.appendingPathComponent(entry.file))
        let context = ValidationContext()
        Self.validate(document, context)
        let errors = context.issues.filter(\.isError)
        #expect(errors.isEmpty == entry.isValid, "\(errors.map(\.description))")
        #expect(Set(errors.map(\.path.description)) == entry.errorLocations, "\(errors.map(\.description))")
        let warnings = context.issues.filter { !$0.isError }.map { "\($0.path) | \($0.message)" }
        #expect(Set(warnings) == entry.warnings)
    }

    /// Every corpus document, whatever its type, goes through both generic validators without a
    /// trap (bad input never crashes), and every issue carries a YAML position.
    @Test func neverCrashes() throws {
        guard let corpus = SpecTestPaths.corpus else { return }
        let files = FileManager.default.enumerator(at: corpus, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL }.filter { ["yaml", "yml"].contains($0.pathExtension) } ?? []
        var validated = 0
        for file in files {
            guard let document = try? YAMLParser().parse(contentsOf: file) else { continue }
            let context = ValidationContext()
            _ = GenericDescription.validate(document, context: context)
            _ = GenericDescriptionV02.validate(document, context: context)
            #expect(context.issues.allSatisfy { $0.mark != nil || $0.path == .root }, "\(file.lastPathComponent)")
            validated += 1
        }
        #expect(validated > 300)
    }

    /// The reference's verdicts of updating each non-model 0.2 corpus file to 0.3.4
    /// (`Fixtures/spec/generic/corpus-latest.json`): file, validity and error locations.
    static let updates: [(file: String, valid: Bool, errorLocations: Set<String>)] = {
        let url = SpecTestPaths.fixtures.appendingPathComponent("generic/corpus-latest.json")
        guard let data = try? Data(contentsOf: url),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: [String: Any]] else { return [] }
        return object.keys.sorted().compactMap { file in
            guard let entry = object[file] else { return nil }
            return (file, entry["status"] as? String == "valid-format", Set(entry["error_locations"] as? [String] ?? []))
        }
    }()

    /// Updating 0.2 documents to 0.3.4 (``GenericUpgrades``, then 0.3.4 validation) reaches the
    /// reference's verdict and error locations for every non-model 0.2 corpus file.
    @Test func updatesAgree() throws {
        guard let corpus = SpecTestPaths.corpus else { return }
        #expect(Self.updates.count >= 100)
        for update in Self.updates {
            let document = try YAMLParser().parse(contentsOf: corpus.appendingPathComponent(update.file))
            let context = ValidationContext()
            let valid = GenericDescription.validate(document, context: context) != nil
            let locations = Set(context.issues.filter(\.isError).map(\.path.description))
            #expect(valid == update.valid, "\(update.file)")
            #expect(locations == update.errorLocations, "\(update.file)")
        }
    }
}
