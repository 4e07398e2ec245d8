import BioImageYAML
import Foundation
import Testing

/// The corpus checker must catch what it is meant to catch: these cases feed it known differences.
/// Expected timestamp values were printed by Python with ruyaml 0.91.0 (`YAML(typ="safe").load`).
@Suite("Corpus checker")
struct CorpusComparisonTests {
    @Test("timestamps normalise as ruyaml builds them", arguments: [
        ("2019-12-11", "2019-12-11"),
        ("2019-12-11T12:22:32Z", "2019-12-11T12:22:32"),
        ("2001-12-14t21:59:43.10-05:00", "2001-12-15T02:59:43.100000"),
        ("2019-12-11 12:22:32.1234567 +01:30", "2019-12-11T10:52:32.123457"),
        ("2019-1-1 1:00:00", "2019-01-01T01:00:00"),
        ("2021-02-17T10:13:32.618903", "2021-02-17T10:13:32.618903"),
        ("2020-12-31T23:30:00-01:00", "2021-01-01T00:30:00"),
        ("2020-03-01T00:10:00+01", "2020-02-29T23:10:00"),
    ])
    func timestamp(text: String, isoFormat: String) {
        #expect(CorpusTimestamp.isTimestamp(text))
        #expect(CorpusTimestamp.normalizedISOFormat(text) == isoFormat)
    }

    @Test("strings that are not timestamps to ruyaml", arguments: ["2019-1-1", "2019-12-11T12:22", "12:30", "2019-12-11x"])
    func notTimestamp(text: String) {
        #expect(!CorpusTimestamp.isTimestamp(text))
    }

    @Test("equal trees agree")
    func agreement() {
        let ours: YAMLNode = .mapping([
            "a": .plain("1"), "b": .plain("-.inf"), "c": .sequence([.plain("~"), .plain("true"), .string("x")]),
            "d": .plain("2019-12-11T12:22:32Z"),
        ])
        let expected: ExpectedNode = .mapping([
            (.string("a"), .int("1")), (.string("b"), .float("-inf")),
            (.string("c"), .sequence([.null, .bool(true), .string("x")])), (.string("d"), .date("2019-12-11T12:22:32")),
        ])
        #expect(CorpusComparison.differences(ours: ours, expected: expected).isEmpty)
    }

    @Test("differences are found, with their path")
    func differences() {
        let ours: YAMLNode = .mapping([
            "inputs": .sequence([.mapping(["size": .plain("0.1"), "id": .string("y")])]),
            "when": YAMLNode(.scalar(YAMLScalar(string: "2019-12-11", style: .doubleQuoted, tag: .string))),
        ])
        let expected: ExpectedNode = .mapping([
            (.string("inputs"), .sequence([.mapping([(.string("size"), .float("0.2")), (.string("id"), .bool(true))])])),
            (.string("when"), .date("2019-12-11")),
        ])
        let found = CorpusComparison.differences(ours: ours, expected: expected)
        #expect(found.count == 3)
        #expect(found.contains { $0.hasPrefix("inputs.0.size:") })
        #expect(found.contains { $0.hasPrefix("inputs.0.id:") })
        // A quoted (non-plain) "2019-12-11" is a string to ruyaml, not a date.
        #expect(found.contains { $0.hasPrefix("when:") })
    }

    @Test("key order and integer size matter")
    func keyOrderAndIntegers() {
        let ours: YAMLNode = .mapping(["b": .plain("1"), "a": .plain("123456789012345678901234567890")])
        let swapped: ExpectedNode = .mapping([(.string("a"), .int("123456789012345678901234567890")), (.string("b"), .int("1"))])
        #expect(!CorpusComparison.differences(ours: ours, expected: swapped).isEmpty)
        let inOrder: ExpectedNode = .mapping([(.string("b"), .int("1")), (.string("a"), .int("123456789012345678901234567890"))])
        #expect(CorpusComparison.differences(ours: ours, expected: inOrder).isEmpty)
    }

    @Test("the fixture encoding decodes, including a document that is null")
    func fixtureEncoding() throws {
        let json = #"""
            {"value":{"map":[[{"str":"k"},{"seq":[null,{"bool":false},{"int":"-7"},{"float":"nan"},{"date":"2019-12-11"}]}]]}}
            """#
        let outcome = try JSONDecoder().decode(ExpectedOutcome.self, from: Data(json.utf8))
        let ours = try YAMLParser().parse("k: [~, false, -7, .nan, 2019-12-11]")
        #expect(CorpusComparison.differences(ours: ours, expected: try #require(outcome.value)).isEmpty)

        let empty = try JSONDecoder().decode(ExpectedOutcome.self, from: Data(#"{"value":null}"#.utf8))
        #expect(empty.value.map { "\($0)" } == "null")
        let rejected = try JSONDecoder().decode(
            ExpectedOutcome.self, from: Data(#"{"error":{"type":"ScannerError","problem":"p","line":2,"column":5}}"#.utf8))
        #expect(rejected.value == nil && rejected.error?.line == 2 && rejected.error?.contextLine == nil)
    }
}
