import BioImageYAML
import Foundation
import Testing

@testable import BioImageSpec

/// Our verdict on every corpus file against bioimageio.spec's (`shared/corpus/verdicts.json`,
/// format-only mode): valid/invalid, and for invalid files the set of error locations.
@Suite("Spec: corpus verdicts")
struct CorpusVerdictTests {
    /// The agreement the acceptance criteria demand (this revision reaches 100% on the visible corpus).
    static let minimumVerdictAgreement = 0.99
    static let minimumLocationAgreement = 0.95

    struct Outcome {
        var valid: Bool
        var errorLocations: Set<String>
        var firstError: String
    }

    static func ours(_ url: URL) -> Outcome {
        do {
            let loaded = try DescriptionLoader().load(contentsOf: url)
            let errors = loaded.summary.errors
            return Outcome(valid: loaded.summary.status != .failed, errorLocations: Set(errors.map(\.path.description)),
                           firstError: errors.first.map(\.description) ?? "")
        } catch {
            return Outcome(valid: false, errorLocations: [""], firstError: error.diagnostic)
        }
    }

    @Test func verdictsAgreeWithTheReference() throws {
        guard let corpus = SpecTestPaths.corpus else { return }
        let verdicts = try CorpusVerdict.load(from: corpus)
        var verdictAgreements = 0
        var invalidBoth = 0
        var locationAgreements = 0
        var rows: [String] = []
        for verdict in verdicts {
            let outcome = Self.ours(corpus.appendingPathComponent(verdict.file))
            if outcome.valid == verdict.isValid {
                verdictAgreements += 1
                if !verdict.isValid {
                    invalidBoth += 1
                    if verdict.status == "error" || outcome.errorLocations == verdict.errorLocations {
                        locationAgreements += 1
                    } else {
                        rows.append("LOCS \(verdict.file)\n    ours: \(outcome.errorLocations.sorted())\n    reference: \(verdict.errorLocations.sorted())")
                    }
                }
            } else {
                rows.append("VERDICT \(verdict.file): ours \(outcome.valid ? "valid" : "invalid"), reference \(verdict.status) \(verdict.errorLocations.sorted().prefix(4))\n    \(outcome.firstError)")
            }
        }
        let verdictShare = Double(verdictAgreements) / Double(max(1, verdicts.count))
        let locationShare = Double(locationAgreements) / Double(max(1, invalidBoth))
        print("CorpusVerdictTests: verdicts agree on \(verdictAgreements)/\(verdicts.count) files (\(String(format: "%.1f", verdictShare * 100))%); error locations agree on \(locationAgreements)/\(invalidBoth) invalid files (\(String(format: "%.1f", locationShare * 100))%)")
        for row in rows { print(row) }
        #expect(verdictShare >= Self.minimumVerdictAgreement)
        #expect(locationShare >= Self.minimumLocationAgreement)
    }
}
