import Foundation
import Testing
@testable import BioImageYAML

/// `text tag` of a scalar node, or `nil` for collections and missing nodes.
private func scalarOf(_ node: YAMLNode?) -> String? {
    node?.scalar.map { "\($0.string) \($0.tag.rawValue)" }
}

@Suite("YAMLEncoder")
struct CodableEncoderTests {
    struct Axis: Codable, Equatable {
        var id: String
        var size: Int?
        var scale: Double
    }

    @Test func keysInEncodingOrderAndNilOmitted() throws {
        let node = try YAMLEncoder().encodeToNode(Axis(id: "x", size: nil, scale: 2))
        #expect(node.mapping?.stringKeys == ["id", "scale"])
        let full = try YAMLEncoder().encodeToNode(Axis(id: "y", size: 3, scale: 0.5))
        #expect(full.mapping?.stringKeys == ["id", "size", "scale"])
        #expect(scalarOf(full["size"]) == "3 int")
        #expect(scalarOf(full["scale"]) == "0.5 float")
    }

    @Test func explicitNilIsNullAndSameKeyReplacesInPlace() throws {
        struct Custom: Encodable {
            enum CodingKeys: String, CodingKey { case a, b, c }
            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(1, forKey: .a)
                try container.encodeNil(forKey: .b)
                try container.encode("first", forKey: .c)
                try container.encode(2, forKey: .a)  // replaces, stays first
            }
        }
        let node = try YAMLEncoder().encodeToNode(Custom())
        #expect(node.mapping?.stringKeys == ["a", "b", "c"])
        #expect(node["a"]?.int == 2)
        #expect(node["b"]?.isNull == true)
    }

    @Test func doublesAndNonFiniteValues() throws {
        let values: [Double] = [0.1, 1.0, -2.5, .infinity, -.infinity, .nan]
        let node = try YAMLEncoder().encodeToNode(values)
        // Python: repr(0.1) == '0.1', repr(1.0) == '1.0', repr(-2.5) == '-2.5'; YAML spells the rest.
        #expect(node.sequence?.compactMap(\.string) == ["0.1", "1.0", "-2.5", ".inf", "-.inf", ".nan"])
        #expect(node.sequence?.allSatisfy { $0.scalar?.tag == .float } == true)
    }

    @Test func floatsWidenThroughTheirShortestDecimal() throws {
        let node = try YAMLEncoder().encodeToNode([Float(0.1), Float(1.1), Float(16_777_216), -Float.infinity])
        // Double(Float(0.1)) would print as 0.10000000149011612.
        #expect(node.sequence?.compactMap(\.string) == ["0.1", "1.1", "16777216.0", "-.inf"])
        let back = try YAMLDecoder().decode([Float].self, from: node)
        #expect(back == [Float(0.1), Float(1.1), Float(16_777_216), -Float.infinity])
    }

    @Test func integersAtTheirBounds() throws {
        struct Bounds: Codable, Equatable {
            var i8 = Int8.min, i16 = Int16.max, i32 = Int32.min, i64 = Int64.min
            var u8 = UInt8.max, u16 = UInt16.max, u32 = UInt32.max, u64 = UInt64.max, u = UInt.max, i = Int.max
        }
        let node = try YAMLEncoder().encodeToNode(Bounds())
        #expect(scalarOf(node["i8"]) == "-128 int")
        #expect(scalarOf(node["i64"]) == "-9223372036854775808 int")
        #expect(scalarOf(node["u64"]) == "18446744073709551615 int")
        #expect(scalarOf(node["i"]) == "9223372036854775807 int")
        #expect(try YAMLDecoder().decode(Bounds.self, from: node) == Bounds())
    }

    @Test func stringsStayStringsAndBoolsAndURLs() throws {
        struct Mixed: Codable, Equatable { var version: String; var flag: Bool; var word: String; var url: URL }
        let url = try #require(URL(string: "https://bioimage.io/x?y=1"))
        let value = Mixed(version: "0.4", flag: false, word: "true", url: url)
        let node = try YAMLEncoder().encodeToNode(value)
        #expect(scalarOf(node["version"]) == "0.4 string")
        #expect(scalarOf(node["word"]) == "true string")
        #expect(scalarOf(node["flag"]) == "false bool")
        #expect(scalarOf(node["url"]) == "https://bioimage.io/x?y=1 string")
        #expect(try YAMLDecoder().decode(Mixed.self, from: node) == value)
    }

    @Test func roundTripOfNestedValues() throws {
        enum Shape: Codable, Equatable { case square(side: Int), named(String), none }
        struct Doc: Codable, Equatable {
            var name: String
            var axes: [Axis]
            var shapes: [Shape]
            var grid: [[Int]]
            var table: [String: [Double]]
            var maybe: [Int?]
            var nested: [String: [String: Bool]]?
        }
        let doc = Doc(
            name: "m", axes: [Axis(id: "x", size: 4, scale: 1.5), Axis(id: "c", size: nil, scale: 1)],
            shapes: [.square(side: 3), .named("n"), .none], grid: [[1, 2], [], [3]],
            table: ["b": [1, 2.5], "a": []], maybe: [1, nil, 3], nested: ["k": ["t": true]])
        let node = try YAMLEncoder().encodeToNode(doc)
        #expect(try YAMLDecoder().decode(Doc.self, from: node) == doc)
        // Optional array items encode through a single-value container: nil is written as null.
        #expect(node["maybe"]?[1]?.isNull == true)
    }

    @Test func nestedContainersAndSuperEncoders() throws {
        struct Custom: Encodable {
            enum CodingKeys: String, CodingKey { case meta, list, parent }
            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                var meta = container.nestedContainer(keyedBy: CodingKeys.self, forKey: .meta)
                try meta.encode("a", forKey: .list)
                var again = container.nestedContainer(keyedBy: CodingKeys.self, forKey: .meta)
                try again.encode("b", forKey: .parent)  // the same mapping is reused
                var list = container.nestedUnkeyedContainer(forKey: .list)
                try list.encode(1)
                var inner = list.nestedUnkeyedContainer()
                try inner.encode(true)
                let late = list.superEncoder()
                try "late".encode(to: late)
                try "parent".encode(to: container.superEncoder(forKey: .parent))
                _ = container.superEncoder()  // encodes nothing: an empty mapping, as in JSONEncoder
            }
        }
        let node = try YAMLEncoder().encodeToNode(Custom())
        #expect(node.mapping?.stringKeys == ["meta", "list", "parent", "super"])
        #expect(node["meta"]?.mapping?.stringKeys == ["list", "parent"])
        #expect(node["list"]?.sequence?.count == 3)
        #expect(node["list"]?[1]?[0]?.bool == true)
        #expect(node["list"]?[2]?.string == "late")
        #expect(node["parent"]?.string == "parent")
        #expect(node["super"]?.mapping?.isEmpty == true)
    }

    @Test func emptyValues() throws {
        struct Nothing: Encodable { func encode(to encoder: any Encoder) throws {} }
        #expect(throws: EncodingError.self) { try YAMLEncoder().encodeToNode(Nothing()) }
        // Nested, a value that encodes nothing becomes an empty mapping (JSONEncoder: `[{}]`).
        let node = try YAMLEncoder().encodeToNode([Nothing()])
        #expect(node == .sequence([.mapping([:])]))
    }

    @Test func containerMisuseIsAnErrorNotATrap() {
        struct Confused: Encodable {
            enum CodingKeys: CodingKey { case a }
            func encode(to encoder: any Encoder) throws {
                var single = encoder.singleValueContainer()
                try single.encode(1)
                var keyed = encoder.container(keyedBy: CodingKeys.self)
                try keyed.encode(2, forKey: .a)
            }
        }
        do {
            _ = try YAMLEncoder().encodeToNode(["x": Confused()])
            Issue.record("expected an EncodingError")
        } catch let error as EncodingError {
            #expect(error.yamlFieldPath == "x")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func codingPathsSeenByEncodables() throws {
        struct PathRecorder: Encodable {
            final class Log: @unchecked Sendable { var paths: [String] = [] }
            let log: Log
            func encode(to encoder: any Encoder) throws {
                log.paths.append(YAMLCodingPath.render(encoder.codingPath))
                try "v".encode(to: encoder)
            }
        }
        let log = PathRecorder.Log()
        struct Outer: Encodable { var items: [String: [PathRecorder]] }
        _ = try YAMLEncoder().encodeToNode(Outer(items: ["k": [PathRecorder(log: log), PathRecorder(log: log)]]))
        #expect(log.paths == ["items.k.0", "items.k.1"])
    }
}
