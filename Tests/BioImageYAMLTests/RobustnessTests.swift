import Foundation
import Testing

@testable import BioImageYAML

/// Hostile and broken input: every case must end in a tree or a `YAMLError`, never a crash, a hang
/// or an unbounded allocation. (Typed throws make "any other error" impossible by construction.)
@Suite("Parser: robustness")
struct RobustnessTests {
    /// A description-like document that exercises every construct the parser supports.
    static let sample = """
        %YAML 1.2
        ---
        # A model description with every construct
        name: "UNet 2D \\u00e9 \\U0001F988"
        description: A long description
          that continues on the next line
        authors:
        - {name: 'O''Brien', affiliation: EMBL}
        - name: x
          orcid: 0000-0001-6562-7187
        inputs:
          - id: raw
            axes: &axes
              - type: batch
              - {type: space, id: y, size: {min: 64, step: 16}}
            data_range: [-.inf, .inf]
            preprocessing:
              - id: scale_range
                kwargs: {min_percentile: 1, max_percentile: 99.8, eps: 1e-06}
        outputs:
          - axes: *axes
            text: |-
              literal
                block
            folded: >
              folded
              text
        config: {a: [1, [2, 3], {b: c, }], 'y': yes, n: ~}
        ...

        """

    /// A deterministic generator, so a failure can be reproduced.
    struct SplitMix64: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    @Test func sampleParses() throws {
        let root = try YAMLParser().parse(Self.sample)
        #expect(root["outputs"]?[0]?["axes"] == root["inputs"]?[0]?["axes"])
        #expect(root["name"]?.string == "UNet 2D é 🦈")
    }

    @Test func everyTruncationEndsInATreeOrAnError() {
        let bytes = Array(Self.sample.utf8)
        var errors = 0
        for length in 0...bytes.count {
            do { _ = try YAMLParser().parse(Array(bytes[0..<length])) } catch { errors += 1; #expect(error.mark.isKnown) }
        }
        #expect(errors > 0)
    }

    @Test func randomByteFlipsEndInATreeOrAnError() {
        let bytes = Array(Self.sample.utf8)
        let interesting: [UInt8] = Array(" \t\n\r-?:,[]{}#&*!|>'\"%@`\\.0aé".utf8) + [0, 0x80, 0xC3, 0xFF]
        var generator = SplitMix64(state: 42)
        for _ in 0..<3000 {
            var mutated = bytes
            for _ in 0..<Int.random(in: 1...4, using: &generator) {
                let index = Int.random(in: 0..<mutated.count, using: &generator)
                switch Int.random(in: 0..<3, using: &generator) {
                case 0: mutated[index] = interesting.randomElement(using: &generator) ?? 0
                case 1: mutated.remove(at: index)
                default: mutated.insert(interesting.randomElement(using: &generator) ?? 0, at: index)
                }
            }
            do { _ = try YAMLParser().parse(mutated) } catch { #expect(!error.message.isEmpty) }
        }
    }

    @Test(arguments: [
        String(repeating: "[", count: 100_000),
        String(repeating: "{a: ", count: 100_000),
        String(repeating: "- ", count: 100_000) + "x",
        // Block mappings need one more space per level, so 3,000 levels are already 4.5 MB of text.
        (0..<3_000).map { String(repeating: " ", count: $0) + "a:\n" }.joined(),
    ])
    func deepNestingIsAnErrorNotAStackOverflow(text: String) {
        #expect(throws: YAMLError.self) { try YAMLParser().parse(text) }
        do { _ = try YAMLParser().parse(text) } catch { #expect(error.code == .nestingTooDeep) }
    }

    @Test func nestingUpToTheLimitParses() throws {
        let depth = YAMLParser.Options().maxDepth
        let text = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        #expect(try YAMLParser().parse(text).sequence?.count == 1)
    }

    @Test func billionLaughsIsRefused() throws {
        var text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...9 {
            let refs = Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ")
            text += "a\(level): &a\(level) [\(refs)]\n"
        }
        let error = try #require(throws: YAMLError.self) { try YAMLParser().parse(text) }
        #expect(error.code == .aliasExpansion)
        var small = YAMLParser.Options()
        small.maxAliasExpansion = 15
        #expect(throws: YAMLError.self) { try YAMLParser(options: small).parse("a: &a [1, 2, 3]\nb: [*a, *a, *a, *a, *a]\n") }
    }

    @Test func tenMegabyteSingleLines() throws {
        let long = String(repeating: "abcdefghij", count: 1_000_000)
        #expect(try YAMLParser().parse("key: \(long)\n")["key"]?.string?.utf8.count == 10_000_000)
        #expect(try YAMLParser().parse("key: '\(long)'\n")["key"]?.string?.utf8.count == 10_000_000)
        // An error at the end of a 10 MB line: the column is computed once, linearly.
        let error = try #require(throws: YAMLError.self) { try YAMLParser().parse("key: \"\(long)\\q\"\n") }
        #expect(error.mark.column == 10_000_007)
        #expect(error.snippet.count < 400)
        // Many small nodes on one line.
        let items = String(repeating: "1,", count: 200_000)
        #expect(try YAMLParser().parse("[\(items)]").sequence?.count == 200_000)
    }

    @Test func manyAnchorsAndLongKeys() throws {
        let text = (0..<2000).map { "k\($0): &a\($0) v\($0)\nr\($0): *a\($0)\n" }.joined()
        let root = try YAMLParser().parse(text)
        #expect(root.mapping?.count == 4000)
        #expect(root["r1999"]?.string == "v1999")
    }
}
