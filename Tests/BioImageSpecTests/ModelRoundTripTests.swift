import Foundation
import Testing
import BioImageYAML
@testable import BioImageSpec

/// Writing a valid model 0.5 description back to YAML and reading it again gives an equal
/// descriptor, and no field of the original is lost.
@Suite("Model 0.5 round trip")
struct ModelRoundTripTests {
    /// The valid model 0.5 files: the corpus entries the reference accepts plus the oracle examples.
    static func files() -> [URL] {
        guard let corpus = SpecTestPaths.corpus else { return [] }
        var urls = ModelCorpusTests.modelEntries().filter(\.verdict.isValid).map { corpus.appendingPathComponent($0.file) }
        let examples = corpus.deletingLastPathComponent().appendingPathComponent("notes/oracle/examples")
        urls += ["onnx_pkg", "tile_pkg", "post_pkg"].map { examples.appendingPathComponent("\($0).rdf.yaml") }
        return urls + mutationVariants()
    }

    /// The mutation fixtures the reference accepts (committed, so these run without `../shared`).
    static func mutationVariants() -> [URL] {
        ModelMutation.all().filter { $0.status != "failed" }.map(\.yaml)
    }

    @Test("write, re-read and re-validate gives an equal descriptor")
    func roundTrip() throws {
        let files = Self.files().isEmpty ? Self.mutationVariants() : Self.files()
        guard !files.isEmpty else { return }
        for url in files {
            let document = try YAMLParser().parse(contentsOf: url)
            let context = ValidationContext()
            guard let model = ModelDescription.validate(document, context: context) else {
                Issue.record("\(url.lastPathComponent) did not validate: \(context.issues.filter(\.isError))")
                continue
            }
            let text = try model.yamlText()
            let reread = try YAMLParser().parse(text)
            let again = ValidationContext()
            let copy = ModelDescription.validate(reread, context: again)
            #expect(again.issues.filter(\.isError).isEmpty, "\(url.lastPathComponent): \(again.issues.filter(\.isError))")
            #expect(copy == model, "\(url.lastPathComponent)")
            // Every top-level key of the original survives (format_version is rewritten to 0.5.14).
            let written = Set(reread.mapping?.stringKeys.compactMap { $0 } ?? [])
            // (A legacy `version_number` is moved into `version`, as the reference does.)
            for key in document.mapping?.stringKeys.compactMap({ $0 }) ?? [] where !written.contains(key) && key != "version_number" {
                Issue.record("\(url.lastPathComponent): key \(key) was dropped")
            }
            // And it survives Codable (JSON) as well.
            let json = try JSONEncoder().encode(model)
            #expect(try JSONDecoder().decode(ModelDescription.self, from: json) == model)
        }
    }
}
