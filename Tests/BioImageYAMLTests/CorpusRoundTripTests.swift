import BioImageYAML
import Foundation
import Testing

/// Every corpus file we parse must come back unchanged through ``YAMLEmitter``:
/// `parse(emit(tree)) == tree` (equality ignores marks and scalar styles).
@Suite("YAML corpus round trip through the emitter")
struct CorpusRoundTripTests {
    @Test("emitting and re-parsing gives the same tree", arguments: CorpusExpectation.corpusFileNames)
    func roundTrips(file: String) throws {
        let corpus = try #require(TestPaths.corpusDirectory)
        // Files we cannot parse are reported by CorpusTests; nothing to round-trip here.
        guard let tree = try? YAMLParser().parse(contentsOf: corpus.appendingPathComponent(file)) else { return }
        let text = try YAMLEmitter().emit(tree)
        let reparsed: YAMLNode
        do {
            reparsed = try YAMLParser().parse(text)
        } catch {
            Issue.record("\(file): our emitted YAML does not parse: \(error)")
            return
        }
        if reparsed != tree {
            let difference = CorpusComparison.firstDifference(reparsed, tree) ?? "?"
            Issue.record("\(file): re-parsed tree differs (re-parsed ≠ original): \(difference)")
        }
    }
}
