import BioImageYAML
import Foundation
import Testing

@testable import BioImageSpec

/// Hand-written generic, dataset, application and notebook descriptions (0.2 and 0.3) in
/// `Fixtures/spec/generic/docs/`, each compared with the reference's format-only summary in
/// `Fixtures/spec/generic/docs-verdicts.json` (made by `Scripts/gen_spec_generic_fixtures.py`):
/// the same errors (location, message, type) and warnings (location, message, severity).
@Suite("Generic descriptions against the reference's summaries")
struct GenericDocsTests {
    /// One document and the reference's summary of it.
    struct Document: Sendable, CustomTestStringConvertible {
        var name: String
        var valid: Bool
        var errors: [String]
        var warnings: [String]
        var testDescription: String { name }
    }

    static let documents: [Document] = {
        let url = SpecTestPaths.fixtures.appendingPathComponent("generic/docs-verdicts.json")
        guard let data = try? Data(contentsOf: url),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: [String: Any]] else { return [] }
        return object.keys.sorted().compactMap { name in
            guard let entry = object[name] else { return nil }
            let errors = (entry["errors"] as? [[String: Any]] ?? []).map {
                "\($0["loc"] as? String ?? "") | \($0["msg"] as? String ?? "") | \($0["type"] as? String ?? "")"
            }
            let warnings = (entry["warnings"] as? [[String: Any]] ?? []).map {
                "\($0["loc"] as? String ?? "") | \($0["msg"] as? String ?? "") | \($0["severity"] as? Int ?? 0)"
            }
            return Document(name: name, valid: entry["status"] as? String == "valid-format", errors: errors, warnings: warnings)
        }
    }()

    @Test("the fixture is present") func fixturePresent() {
        #expect(Self.documents.count >= 10)
    }

    @Test(arguments: GenericDocsTests.documents)
    func agreesWithReference(_ document: Document) throws {
        let url = SpecTestPaths.fixtures.appendingPathComponent("generic/docs/\(document.name)")
        let node = try YAMLParser().parse(contentsOf: url)
        let context = ValidationContext()
        let version = node["format_version"]?.pythonString ?? ""
        let valid: Bool
        if version.hasPrefix("0.2") {
            valid = GenericDescriptionV02.validate(node, context: context) != nil
        } else {
            valid = GenericDescription.validate(node, context: context) != nil
        }
        #expect(valid == document.valid)
        let errors = context.issues.filter(\.isError).map { "\($0.path) | \($0.message) | \($0.type)" }
        let warnings = context.issues.filter { !$0.isError }.map { "\($0.path) | \($0.message) | \($0.severity.rawValue)" }
        #expect(errors.sorted() == document.errors.sorted())
        #expect(warnings.sorted() == document.warnings.sorted())
        // Every issue points at a line of the document.
        #expect(context.issues.allSatisfy { $0.mark != nil })
    }
}
