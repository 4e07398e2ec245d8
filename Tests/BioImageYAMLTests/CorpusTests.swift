import BioImageYAML
import Foundation
import Testing

/// Every real description file in `shared/corpus` must parse exactly as the reference loader
/// (bioimageio.spec 0.5.14.3: ruyaml `typ="safe"`) loads it. The expected trees were generated once
/// by `Scripts/gen_yaml_fixtures.py` into `Fixtures/yaml/corpus-expected.json`.
///
/// Without `../shared` (a fresh clone), the per-file tests have no cases and the summary test says
/// why it skipped.
@Suite("YAML corpus against the reference loader")
struct CorpusTests {
    @Test("parses like the reference loader", arguments: CorpusExpectation.corpusFileNames)
    func parsesLikeReference(file: String) throws {
        let corpus = try #require(TestPaths.corpusDirectory)
        let outcome = try #require(CorpusExpectation.shared?.files[file])
        if case .differs(let differences) = CorpusVerdict.judge(file, expected: outcome, corpus: corpus) {
            let message = "\(file):\n  " + differences.joined(separator: "\n  ")
            Issue.record(Comment(rawValue: message))
        }
    }

    @Test("summary: how many corpus files agree")
    func summary() throws {
        guard let corpus = TestPaths.corpusDirectory else {
            print("CorpusTests: \(TestPaths.corpusMissingReason)")
            return
        }
        let expectation = try #require(CorpusExpectation.shared, "Fixtures/yaml/corpus-expected.json is unreadable")
        var agreed = 0, rejected: [String] = [], differing: [String] = []
        for file in expectation.files.keys.sorted() {
            guard let outcome = expectation.files[file] else { continue }
            switch CorpusVerdict.judge(file, expected: outcome, corpus: corpus) {
            case .agreed: agreed += 1
            case .rejectedAsExpected(let errors): rejected.append("\(file): \(errors)")
            case .differs: differing.append(file)
            }
        }
        print("CorpusTests: \(expectation.files.count) files compared, \(agreed) agreed, "
            + "\(rejected.count) rejected as expected, \(differing.count) differ")
        for line in rejected { print("  rejected: \(line)") }
        for file in differing { print("  differs: \(file)") }
        #expect(agreed + rejected.count > 0)
    }
}
