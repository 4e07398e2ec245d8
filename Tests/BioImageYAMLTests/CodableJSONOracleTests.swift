import Foundation
import Testing
@testable import BioImageYAML

/// What a decode produced, comparable across decoders: the value, or the error kind with its path.
///
/// `dataCorrupted` carries no path because `JSONDecoder` reports number-range errors at the root.
private enum Outcome: Equatable, CustomStringConvertible {
    case value(String)
    case typeMismatch([String])
    case valueNotFound([String])
    case keyNotFound(String, [String])
    case dataCorrupted
    case other(String)

    init<T>(_ body: () throws -> T) {
        do {
            self = .value(String(describing: try body()))
        } catch let error as DecodingError {
            func path(_ context: DecodingError.Context) -> [String] { context.codingPath.map(\.stringValue) }
            switch error {
            case .typeMismatch(_, let context): self = .typeMismatch(path(context))
            case .valueNotFound(_, let context): self = .valueNotFound(path(context))
            case .keyNotFound(let key, let context): self = .keyNotFound(key.stringValue, path(context))
            case .dataCorrupted: self = .dataCorrupted
            @unknown default: self = .other("\(error)")
            }
        } catch {
            self = .other("\(error)")
        }
    }

    var description: String {
        switch self {
        case .value(let text): return "value \(text)"
        case .typeMismatch(let path): return "typeMismatch at \(path)"
        case .valueNotFound(let path): return "valueNotFound at \(path)"
        case .keyNotFound(let key, let path): return "keyNotFound \(key) at \(path)"
        case .dataCorrupted: return "dataCorrupted"
        case .other(let text): return "other \(text)"
        }
    }
}

/// Decodes `type` from `json` with `JSONDecoder` and from the equivalent hand-built `node` with
/// `YAMLDecoder`, and expects the same outcome.
private func expectSameOutcome<T: Decodable>(
    _ type: T.Type, json: String, node: YAMLNode, sourceLocation: SourceLocation = #_sourceLocation
) {
    let oracle = Outcome { try JSONDecoder().decode(T.self, from: Data(json.utf8)) }
    let ours = Outcome { try YAMLDecoder().decode(T.self, from: node) }
    #expect(ours == oracle, "JSON: \(json)", sourceLocation: sourceLocation)
}

private struct Point: Decodable, CustomStringConvertible {
    var x: Int
    var y: Double?
    var tag: String?
    var description: String { "Point(\(x), \(String(describing: y)), \(String(describing: tag)))" }
}

@Suite("YAMLDecoder agrees with JSONDecoder")
struct CodableJSONOracleTests {
    @Test func integralFloatsAndRanges() {
        expectSameOutcome([Int].self, json: "[1.0, 1e2, -3]", node: .sequence([.plain("1.0"), .plain("1e2"), .plain("-3")]))
        expectSameOutcome([Int].self, json: "[1.5]", node: .sequence([.plain("1.5")]))
        expectSameOutcome([UInt8].self, json: "[255, 256]", node: .sequence([.plain("255"), .plain("256")]))
        expectSameOutcome([Int8].self, json: "[-129]", node: .sequence([.plain("-129")]))
        expectSameOutcome([UInt64].self, json: "[18446744073709551615]", node: .sequence([.plain("18446744073709551615")]))
        expectSameOutcome([Float].self, json: "[1e39]", node: .sequence([.plain("1e39")]))
        expectSameOutcome([Double].self, json: "[1e400]", node: .sequence([.plain("1e400")]))
    }

    @Test func typeMismatchesAndNulls() {
        expectSameOutcome([String].self, json: "[null]", node: .sequence([.null]))
        expectSameOutcome([Int].self, json: "[\"1\"]", node: .sequence([.string("1")]))
        expectSameOutcome([Bool].self, json: "[1]", node: .sequence([.plain("1")]))
        expectSameOutcome([Double].self, json: "[true]", node: .sequence([.plain("true")]))
        expectSameOutcome([Int].self, json: "{}", node: .mapping([:]))
        expectSameOutcome(Point.self, json: "[]", node: .sequence([]))
    }

    @Test func keyedSemantics() {
        expectSameOutcome(Point.self, json: "{\"x\": 1}", node: .mapping(["x": .plain("1")]))
        expectSameOutcome(Point.self, json: "{\"x\": 1, \"y\": null, \"tag\": \"a\"}",
                          node: .mapping(["x": .plain("1"), "y": .null, "tag": .string("a")]))
        expectSameOutcome(Point.self, json: "{\"y\": 2}", node: .mapping(["y": .plain("2")]))
        expectSameOutcome(Point.self, json: "{\"x\": null}", node: .mapping(["x": .null]))
        expectSameOutcome([Point].self, json: "[{\"x\": 1}, {\"x\": {}}]",
                          node: .sequence([.mapping(["x": .plain("1")]), .mapping(["x": .mapping([:])])]))
        expectSameOutcome([String: [Point]].self, json: "{\"k\": [{\"x\": 1, \"y\": \"no\"}]}",
                          node: .mapping(["k": .sequence([.mapping(["x": .plain("1"), "y": .string("no")])])]))
        // One key per dictionary: a dictionary's description order is not stable across runs.
        expectSameOutcome([String: Int?].self, json: "{\"a\": null}", node: .mapping(["a": .null]))
        expectSameOutcome([String: Int?].self, json: "{\"b\": 2}", node: .mapping(["b": .plain("2")]))
    }

    @Test func urls() {
        expectSameOutcome([URL].self, json: "[\"https://bioimage.io/x.yaml\", \"rel/path.npy\"]",
                          node: .sequence([.string("https://bioimage.io/x.yaml"), .string("rel/path.npy")]))
        expectSameOutcome([URL].self, json: "[\"a b\"]", node: .sequence([.string("a b")]))
    }
}
