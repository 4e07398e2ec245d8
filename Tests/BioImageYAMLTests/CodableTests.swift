import Foundation
import Testing
@testable import BioImageYAML

/// A mark for hand-built nodes (offsets are not used by the decoder).
private func at(_ line: Int, _ column: Int) -> YAMLMark { YAMLMark(offset: 0, line: line, column: column) }

/// A scalar node resolved as if written unquoted, at a mark.
private func plain(_ text: String, _ line: Int = 0, _ column: Int = 0) -> YAMLNode {
    YAMLNode.plain(text, mark: YAMLMark(offset: 0, line: line, column: column))
}

/// Runs `body` and returns the `DecodingError` it throws, or `nil`.
private func decodingError<T>(_ body: () throws -> T) -> DecodingError? {
    do {
        _ = try body()
        return nil
    } catch let error as DecodingError {
        return error
    } catch {
        return nil
    }
}

private enum Kind: String, Codable, Equatable { case image, label }

private struct Axis: Codable, Equatable {
    var id: String
    var size: Int?
    var scale: Double
}

private struct Tensor: Codable, Equatable {
    var id: String
    var kind: Kind
    var axes: [Axis]
}

private struct Model: Codable, Equatable {
    var format_version: String
    var name: String
    var inputs: [Tensor]
    var tags: [String]
    var config: [String: Int]?
    var flag: Bool
}

@Suite("YAMLDecoder: structure")
struct CodableDecoderStructureTests {
    /// The tree of
    ///
    ///     format_version: 0.4
    ///     name: net
    ///     inputs:
    ///       - id: raw
    ///         kind: image
    ///         axes:
    ///           - {id: x, size: 64, scale: 1}
    ///           - {id: y, scale: 0.5}
    ///     tags: [a, 7]
    ///     flag: true
    static let modelNode: YAMLNode = .mapping([
        "format_version": plain("0.4"),
        "name": plain("net"),
        "inputs": .sequence([
            .mapping([
                "id": plain("raw"),
                "kind": plain("image"),
                "axes": .sequence([
                    .mapping(["id": plain("x"), "size": plain("64"), "scale": plain("1")]),
                    .mapping(["id": plain("y"), "scale": plain("0.5")]),
                ]),
            ])
        ]),
        "tags": .sequence([plain("a"), plain("7")]),
        "flag": plain("true"),
    ])

    @Test func decodesNestedStructsEnumsOptionalsArrays() throws {
        let model = try YAMLDecoder().decode(Model.self, from: Self.modelNode)
        let expected = Model(
            format_version: "0.4", name: "net",
            inputs: [Tensor(id: "raw", kind: .image, axes: [
                Axis(id: "x", size: 64, scale: 1.0),
                Axis(id: "y", size: nil, scale: 0.5),
            ])],
            tags: ["a", "7"], config: nil, flag: true)
        #expect(model == expected)
    }

    @Test func stringDecodesFromAnyNonNullScalarText() throws {
        let decoder = YAMLDecoder()
        // `0.4` and `0.40` resolve to the same float, but the text is kept as written.
        #expect(try decoder.decode(String.self, from: plain("0.4")) == "0.4")
        #expect(try decoder.decode(String.self, from: plain("0.40")) == "0.40")
        #expect(try decoder.decode(String.self, from: plain("true")) == "true")
        #expect(try decoder.decode(String.self, from: plain("0x1F")) == "0x1F")
        #expect(try decoder.decode(String.self, from: .string("")) == "")
        let error = decodingError { try decoder.decode(String.self, from: plain("null", 4, 2)) }
        guard case .valueNotFound(let type, _)? = error else {
            Issue.record("expected valueNotFound, got \(String(describing: error))")
            return
        }
        #expect(ObjectIdentifier(type) == ObjectIdentifier(String.self))
        #expect(error?.yamlMark == at(4, 2))
    }

    @Test func optionalKeysMissingOrNullDecodeAsNil() throws {
        struct Holder: Decodable, Equatable { var a: Int?; var b: String?; var c: String? }
        let node: YAMLNode = .mapping(["a": plain("~"), "c": plain("")])
        // `~` and the empty plain scalar are both null; `b` is missing.
        #expect(try YAMLDecoder().decode(Holder.self, from: node) == Holder(a: nil, b: nil, c: nil))
        let quotedEmpty: YAMLNode = .mapping(["c": .string("")])
        #expect(try YAMLDecoder().decode(Holder.self, from: quotedEmpty) == Holder(a: nil, b: nil, c: ""))
    }

    @Test func allKeysFollowDocumentOrder() throws {
        struct KeyRecorder: Decodable {
            var keys: [String]
            var containsMid: Bool
            var containsAbsent: Bool
            struct AnyKey: CodingKey {
                var stringValue: String
                var intValue: Int? { nil }
                init(stringValue: String) { self.stringValue = stringValue }
                init?(intValue: Int) { nil }
            }
            init(from decoder: any Decoder) throws {
                let container = try decoder.container(keyedBy: AnyKey.self)
                keys = container.allKeys.map(\.stringValue)
                containsMid = container.contains(AnyKey(stringValue: "mid"))
                containsAbsent = container.contains(AnyKey(stringValue: "absent"))
            }
        }
        let node: YAMLNode = .mapping(["zeta": plain("1"), "alpha": plain("2"), "mid": plain("3")])
        let recorded = try YAMLDecoder().decode(KeyRecorder.self, from: node)
        #expect(recorded.keys == ["zeta", "alpha", "mid"])
        #expect(recorded.containsMid)
        #expect(!recorded.containsAbsent)
    }

    @Test func allKeysSkipKeysTheKeyTypeCannotRepresent() throws {
        struct Only: Decodable {
            var keys: [String]
            enum CodingKeys: String, CodingKey { case a, b }
            init(from decoder: any Decoder) throws {
                keys = try decoder.container(keyedBy: CodingKeys.self).allKeys.map(\.stringValue)
            }
        }
        let node: YAMLNode = .mapping(["b": plain("1"), "other": plain("2"), "a": plain("3")])
        #expect(try YAMLDecoder().decode(Only.self, from: node).keys == ["b", "a"])
    }

    @Test func dictionariesDecodeFromMappingsByKeyText() throws {
        // Keys `1`, `true`, `0.5` resolve to int, bool and float; as keys they count by their text.
        let node = YAMLNode.mapping(YAMLMapping([
            .init(key: plain("1"), value: plain("10")),
            .init(key: plain("true"), value: plain("20")),
            .init(key: plain("0.5"), value: plain("30")),
        ]))
        let byString = try YAMLDecoder().decode([String: Int].self, from: node)
        #expect(byString == ["1": 10, "true": 20, "0.5": 30])
        let intKeyed: YAMLNode = .mapping(["1": plain("a"), "22": plain("b")])
        #expect(try YAMLDecoder().decode([Int: String].self, from: intKeyed) == [1: "a", 22: "b"])
    }

    @Test func largeMappingsUseTheIndexAndKeepFirstDuplicate() throws {
        // 20 keys is above the linear-search limit, so lookups go through the index.
        var entries: [YAMLMapping.Entry] = (0..<20).map { .init(key: .string("k\($0)"), value: .int($0 * 3)) }
        entries.append(.init(key: .string("k5"), value: .int(-1)))  // a duplicate: the first wins
        let node = YAMLNode.mapping(YAMLMapping(entries))
        struct Pick: Decodable { var k5: Int; var k19: Int; var k0: Int }
        let pick = try YAMLDecoder().decode(Pick.self, from: node)
        #expect(pick.k5 == 15)
        #expect(pick.k19 == 57)
        #expect(pick.k0 == 0)
    }

    @Test func unkeyedContainerNilCountAndEnd() throws {
        struct Items: Decodable {
            var count: Int?
            var values: [Int?] = []
            var endError: DecodingError?
            init(from decoder: any Decoder) throws {
                var container = try decoder.unkeyedContainer()
                count = container.count
                while !container.isAtEnd {
                    if try container.decodeNil() { values.append(nil) } else { values.append(try container.decode(Int.self)) }
                }
                do { _ = try container.decode(Int.self) } catch let error as DecodingError { endError = error }
            }
        }
        let node = YAMLNode.sequence([plain("1"), plain("null"), plain("3")], mark: at(7, 3))
        let items = try YAMLDecoder().decode(Items.self, from: node)
        #expect(items.count == 3)
        #expect(items.values == [1, nil, 3])
        guard case .valueNotFound(_, let context)? = items.endError else {
            Issue.record("expected valueNotFound at the end")
            return
        }
        #expect(context.codingPath.map(\.intValue) == [3])
        #expect(items.endError?.yamlMark == at(7, 3))
    }

    @Test func nestedArraysAndEnumsWithPayloads() throws {
        enum Shape: Codable, Equatable { case square(side: Int), named(String) }
        // Synthesized Codable for enums with payloads: {square: {side: 2}}, {named: {_0: box}}.
        let node: YAMLNode = .mapping([
            "grid": .sequence([.sequence([plain("1"), plain("2")]), .sequence([])]),
            "shapes": .sequence([
                .mapping(["square": .mapping(["side": plain("2")])]),
                .mapping(["named": .mapping(["_0": plain("box")])]),
            ]),
        ])
        struct Holder: Codable, Equatable { var grid: [[Int]]; var shapes: [Shape] }
        let decoded = try YAMLDecoder().decode(Holder.self, from: node)
        #expect(decoded == Holder(grid: [[1, 2], []], shapes: [.square(side: 2), .named("box")]))
    }

    @Test func superDecoderAndUserInfo() throws {
        let key = try #require(CodingUserInfoKey(rawValue: "unit"))
        struct Base: Decodable { var id: String }
        struct Derived: Decodable {
            var base: Base
            var missingIsNull: Bool
            var unit: String?
            var path: String
            enum CodingKeys: String, CodingKey { case parent }
            init(from decoder: any Decoder) throws {
                let container = try decoder.container(keyedBy: CodingKeys.self)
                let parent = try container.superDecoder(forKey: .parent)
                base = try Base(from: parent)
                missingIsNull = try container.superDecoder().singleValueContainer().decodeNil()
                unit = CodingUserInfoKey(rawValue: "unit").flatMap { decoder.userInfo[$0] } as? String
                path = parent.codingPath.map(\.stringValue).joined(separator: "/")
            }
        }
        var decoder = YAMLDecoder()
        decoder.userInfo[key] = "micrometer"
        let node: YAMLNode = .mapping(["parent": .mapping(["id": plain("b")])])
        let derived = try decoder.decode(Derived.self, from: node)
        #expect(derived.base.id == "b")
        #expect(derived.missingIsNull)
        #expect(derived.unit == "micrometer")
        #expect(derived.path == "parent")
    }

    @Test func urlDecodesFromScalarText() throws {
        let url = try YAMLDecoder().decode(URL.self, from: plain("https://bioimage.io/a/b.yaml"))
        #expect(url.absoluteString == "https://bioimage.io/a/b.yaml")
        #expect(url.host == "bioimage.io")
        let error = decodingError { try YAMLDecoder().decode(URL.self, from: .sequence([])) }
        guard case .typeMismatch? = error else {
            Issue.record("expected typeMismatch")
            return
        }
    }
}

@Suite("YAMLDecoder: errors")
struct CodableDecoderErrorTests {
    /// `inputs: [{axes: [{size: 1}, {size: 2}, {size: abc}]}]` with marks as if the axes were at
    /// lines 3–5 and `abc` at line 5, column 15.
    static let node: YAMLNode = .mapping([
        "inputs": .sequence([
            .mapping([
                "axes": .sequence([
                    .mapping(["size": plain("1", 3, 15)], mark: at(3, 9)),
                    .mapping(["size": plain("2", 4, 15)], mark: at(4, 9)),
                    .mapping(["size": plain("abc", 5, 15)], mark: at(5, 9)),
                ], mark: at(3, 7)),
            ], mark: at(2, 5)),
        ], mark: at(2, 3)),
    ], mark: at(1, 1))

    struct Size: Decodable { var size: Int }
    struct Input: Decodable { var axes: [Size] }
    struct Root: Decodable { var inputs: [Input] }

    @Test func typeMismatchCarriesPathAndMark() {
        let error = decodingError { try YAMLDecoder().decode(Root.self, from: Self.node) }
        guard case .typeMismatch(let type, let context)? = error else {
            Issue.record("expected typeMismatch, got \(String(describing: error))")
            return
        }
        #expect(ObjectIdentifier(type) == ObjectIdentifier(Int.self))
        #expect(context.codingPath.map(\.stringValue) == ["inputs", "Index 0", "axes", "Index 2", "size"])
        #expect(context.codingPath.map(\.intValue) == [nil, 0, nil, 2, nil])
        #expect(error?.yamlFieldPath == "inputs.0.axes.2.size")
        #expect(error?.yamlMark == at(5, 15))
        #expect(context.debugDescription.hasPrefix("5:15: "))
        #expect(context.debugDescription.contains("string \"abc\""))
        #expect(error?.yamlError?.code == .decoding)
    }

    @Test func keyNotFoundPointsAtTheMapping() {
        struct Strict: Decodable { var inputs: [Extra] }
        struct Extra: Decodable { var id: String; var axes: [Size] }
        let error = decodingError { try YAMLDecoder().decode(Strict.self, from: Self.node) }
        guard case .keyNotFound(let key, let context)? = error else {
            Issue.record("expected keyNotFound, got \(String(describing: error))")
            return
        }
        #expect(key.stringValue == "id")
        // The context path leads to the mapping (as in JSONDecoder); the field path names the key.
        #expect(context.codingPath.map(\.stringValue) == ["inputs", "Index 0"])
        #expect(error?.yamlFieldPath == "inputs.0.id")
        #expect(error?.yamlMark == at(2, 5))
        #expect(context.debugDescription.hasPrefix("2:5: "))
    }

    @Test func wrongContainerKindsAreTypeMismatches() {
        struct WantsSequence: Decodable { var inputs: [String: Int] }
        let error = decodingError { try YAMLDecoder().decode(WantsSequence.self, from: Self.node) }
        guard case .typeMismatch(_, let context)? = error else {
            Issue.record("expected typeMismatch, got \(String(describing: error))")
            return
        }
        #expect(context.codingPath.map(\.stringValue) == ["inputs"])
        #expect(error?.yamlMark == at(2, 3))
        #expect(context.debugDescription == "2:3: Expected to decode Dictionary<String, Any> but found a sequence instead.")

        let scalarForMapping = decodingError { try YAMLDecoder().decode(Size.self, from: plain("7", 9, 1)) }
        guard case .typeMismatch? = scalarForMapping else {
            Issue.record("expected typeMismatch for a scalar where a mapping is needed")
            return
        }
        #expect(scalarForMapping?.yamlMark == at(9, 1))
        #expect(scalarForMapping?.yamlFieldPath == "")
    }

    @Test func nullForRequiredValueIsValueNotFound() {
        let node: YAMLNode = .mapping(["size": plain("null", 1, 7)], mark: at(1, 1))
        let error = decodingError { try YAMLDecoder().decode(Size.self, from: node) }
        guard case .valueNotFound(let type, let context)? = error else {
            Issue.record("expected valueNotFound, got \(String(describing: error))")
            return
        }
        #expect(ObjectIdentifier(type) == ObjectIdentifier(Int.self))
        #expect(context.codingPath.map(\.stringValue) == ["size"])
        #expect(error?.yamlMark == at(1, 7))
    }

    @Test func nodesWithoutMarksGiveNoLocationPrefix() {
        let error = decodingError { try YAMLDecoder().decode(Int.self, from: .string("x")) }
        #expect(error?.yamlMark == nil)
        guard case .typeMismatch(_, let context)? = error else {
            Issue.record("expected typeMismatch")
            return
        }
        #expect(context.debugDescription == "Expected to decode Int but found string \"x\" instead.")
    }
}
