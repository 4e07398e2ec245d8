import Foundation
import Testing
@testable import BioImageYAML

@Suite("YAMLEncoder to YAML text")
struct CodableTextRoundTripTests {
    struct Axis: Codable, Equatable { var id: String; var size: Int?; var scale: Float }
    struct Doc: Codable, Equatable {
        var format_version: String
        var names: [String]
        var axes: [Axis]
        var threshold: Double
        var limits: [Double]
        var enabled: Bool
        var config: [String: [String: Int]]
    }

    static let doc = Doc(
        format_version: "0.4",
        names: ["true", "null", "", "a: b", "- x", "# c", "multi\nline", "0x1F", "~"],
        axes: [Axis(id: "x", size: 64, scale: 0.1), Axis(id: "c", size: nil, scale: 1)],
        threshold: 0.5, limits: [.infinity, -.infinity, 1e-7, 12345678.9],
        enabled: false, config: ["b": ["k": -3]])

    @Test func roundTripThroughText() throws {
        let text = try YAMLEncoder().encode(Self.doc)
        let back = try YAMLDecoder().decode(Doc.self, from: text)
        #expect(back == Self.doc)
    }

    @Test func stringsThatLookLikeOtherTypesStayStrings() throws {
        let text = try YAMLEncoder().encode(Self.doc)
        let tree = try YAMLParser().parse(text)
        #expect(tree["format_version"]?.scalar?.tag == .string)
        #expect(tree["names"]?.sequence?.allSatisfy { $0.scalar?.tag == .string } == true)
        #expect(tree["enabled"]?.scalar?.tag == .bool)
        #expect(tree["threshold"]?.scalar?.tag == .float)
        // Float(0.1) is written with its shortest spelling, not as Double(Float(0.1)).
        #expect(tree["axes"]?[0]?["scale"]?.string == "0.1")
        // The nil size is omitted, not written as null.
        #expect(tree["axes"]?[1]?.mapping?.stringKeys == ["id", "scale"])
        #expect(tree.mapping?.stringKeys == ["format_version", "names", "axes", "threshold", "limits", "enabled", "config"])
    }

    @Test func encodingNothingIsAnError() {
        struct Nothing: Encodable { func encode(to encoder: any Encoder) throws {} }
        #expect(throws: EncodingError.self) { _ = try YAMLEncoder().encode(Nothing()) }
    }
}
