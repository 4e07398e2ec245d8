import BioImageYAML
import Foundation
import Testing

@testable import BioImageSpec

/// Model 0.3/0.4 corpus files: our verdict and error locations against bioimageio.spec's
/// (`shared/corpus/verdicts.json`, format-only mode).
@Suite("Spec: model 0.4 corpus verdicts")
struct ModelV04CorpusTests {
    /// A corpus file declared as a model of format 0.3.x or 0.4.x, with the reference's verdict.
    struct Case {
        var verdict: CorpusVerdict
        var declaredFormatVersion: String
    }

    /// The model 0.3/0.4 entries of `verdicts.json`.
    static func cases(_ corpus: URL) throws -> [Case] {
        let verdicts = Dictionary(try CorpusVerdict.load(from: corpus).map { ($0.file, $0) }, uniquingKeysWith: { a, _ in a })
        let data = try Data(contentsOf: corpus.appendingPathComponent("verdicts.json"))
        let entries = try JSONSerialization.jsonObject(with: data) as? [[String: Any]] ?? []
        return entries.compactMap { entry in
            guard entry["declared_type"] as? String == "model", let version = entry["declared_format_version"] as? String,
                  version.hasPrefix("0.3.") || version.hasPrefix("0.4."), let file = entry["file"] as? String,
                  let verdict = verdicts[file] else { return nil }
            return Case(verdict: verdict, declaredFormatVersion: version)
        }
    }

    /// Validates a corpus file as the loader does for model 0.3/0.4: upgrade, then validate.
    static func validate(_ url: URL) -> (valid: Bool, locations: Set<String>, first: String, warnings: Set<String>) {
        guard let document = try? YAMLParser().parse(contentsOf: url) else { return (false, [""], "YAML error", []) }
        let context = ValidationContext()
        _ = ModelDescriptionV04.load(document, context: context)
        let errors = context.issues.filter(\.isError)
        let warnings = Set(context.issues.filter { !$0.isError }.map(\.path.description))
        return (errors.isEmpty, Set(errors.map(\.path.description)), errors.first.map(\.description) ?? "", warnings)
    }

    @Test func verdictsAndErrorLocationsAgree() throws {
        guard let corpus = SpecTestPaths.corpus else { return }
        let cases = try Self.cases(corpus)
        var verdictAgreements = 0
        var invalidBoth = 0
        var locationAgreements = 0
        var rows: [String] = []
        var validBoth = 0
        var warningAgreements = 0
        for item in cases {
            let verdict = item.verdict
            let ours = Self.validate(corpus.appendingPathComponent(verdict.file))
            if ours.valid && verdict.isValid {
                validBoth += 1
                if ours.warnings == verdict.warningLocations {
                    warningAgreements += 1
                } else {
                    rows.append("WARNINGS \(verdict.file)\n    only ours: \(ours.warnings.subtracting(verdict.warningLocations).sorted())\n    only reference: \(verdict.warningLocations.subtracting(ours.warnings).sorted())")
                }
            }
            if ours.valid == verdict.isValid {
                verdictAgreements += 1
                if !verdict.isValid {
                    invalidBoth += 1
                    if ours.locations == verdict.errorLocations {
                        locationAgreements += 1
                    } else {
                        rows.append("LOCS \(verdict.file)\n    ours: \(ours.locations.sorted())\n    reference: \(verdict.errorLocations.sorted())")
                    }
                }
            } else {
                rows.append("VERDICT \(verdict.file): ours \(ours.valid ? "valid" : "invalid"), reference \(verdict.status) \(verdict.errorLocations.sorted().prefix(4))\n    \(ours.first)")
            }
        }
        print("ModelV04CorpusTests: \(cases.count) model 0.3/0.4 files; verdicts agree on \(verdictAgreements); error locations agree on \(locationAgreements)/\(invalidBoth) files invalid for both; warning locations agree on \(warningAgreements)/\(validBoth) files valid for both")
        for row in rows { print(row) }
        #expect(cases.count >= 170)
        #expect(Double(verdictAgreements) >= 0.99 * Double(cases.count))
        #expect(Double(locationAgreements) >= 0.95 * Double(invalidBoth))
        #expect(Double(warningAgreements) >= 0.95 * Double(validBoth))
    }
}
