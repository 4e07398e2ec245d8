import BioImageYAML
import Foundation
import Testing

@testable import BioImageSpec

/// Our 0.4 → 0.5 update of every valid 0.3/0.4 corpus model against bioimageio.spec's
/// `update_format` output (`Fixtures/spec/model04/updated.json`, made by
/// `Scripts/gen_spec_model04_fixtures.py`), compared as JSON trees.
@Suite("Spec: 0.4 → 0.5 format update")
struct FormatUpdateCorpusTests {
    /// One expected update: the source file, the reference's summary status of the updated
    /// description, and the updated description.
    struct Expected {
        var source: String
        var status: String
        var updated: JSONValue
    }

    /// Reads the fixture (JSON is YAML, so our parser keeps its key order).
    static func expectations() throws -> [Expected] {
        let url = SpecTestPaths.fixtures.appendingPathComponent("model04/updated.json")
        let root = try JSONValue(try YAMLParser().parse(contentsOf: url))
        guard case .object(let entries) = root else { return [] }
        return entries.compactMap { entry in
            guard case .object(let fields) = entry.value,
                  let status = fields.first(where: { $0.key == "status" })?.value,
                  let updated = fields.first(where: { $0.key == "updated" })?.value,
                  case .string(let statusText) = status else { return nil }
            return Expected(source: entry.key, status: statusText, updated: updated)
        }
    }

    /// The first difference between two JSON trees (`nil` when equal). Numbers compare by value
    /// (Python writes `1.0` where we may write `1`); object keys must also be in the same order.
    static func difference(_ ours: JSONValue, _ theirs: JSONValue, at path: String = "") -> String? {
        func number(_ value: JSONValue) -> Double? {
            switch value {
            case .int(let x): return Double(x)
            case .double(let x): return x
            default: return nil
            }
        }
        if let a = number(ours), let b = number(theirs) { return a == b ? nil : "\(path): \(a) ≠ \(b)" }
        switch (ours, theirs) {
        case (.array(let a), .array(let b)):
            if a.count != b.count { return "\(path): \(a.count) items ≠ \(b.count) items" }
            for (index, pair) in zip(a, b).enumerated() {
                if let diff = difference(pair.0, pair.1, at: "\(path).\(index)") { return diff }
            }
            return nil
        case (.object(let a), .object(let b)):
            let keysA = a.map(\.key)
            let keysB = b.map(\.key)
            if Set(keysA) != Set(keysB) {
                return "\(path): keys only ours \(Set(keysA).subtracting(keysB).sorted()), only reference \(Set(keysB).subtracting(keysA).sorted())"
            }
            for entry in b {
                if let mine = a.first(where: { $0.key == entry.key }), let diff = difference(mine.value, entry.value, at: "\(path).\(entry.key)") {
                    return diff
                }
            }
            if keysA != keysB { return "\(path): key order \(keysA) ≠ \(keysB)" }
            return nil
        default:
            return ours == theirs ? nil : "\(path): \(ours.serialized(indent: nil).prefix(120)) ≠ \(theirs.serialized(indent: nil).prefix(120))"
        }
    }

    @Test func updatesAgreeWithTheReference() throws {
        guard let corpus = SpecTestPaths.corpus else { return }
        let shared = corpus.deletingLastPathComponent()
        let expected = try Self.expectations()
        var matches = 0
        var validMatches = 0
        var validCount = 0
        var rows: [String] = []
        for item in expected {
            let url = item.source.hasPrefix("notes/") ? shared.appendingPathComponent(item.source) : corpus.appendingPathComponent(item.source)
            let context = ValidationContext()
            let document = try YAMLParser().parse(contentsOf: url)
            let valid = item.status == "valid-format"
            if valid { validCount += 1 }
            guard let updated = FormatUpdate.updateToV05(document, context: context) else {
                rows.append("NOT UPDATED \(item.source): \(context.issues.filter(\.isError).first.map(\.description) ?? "")")
                continue
            }
            if let diff = Self.difference(try JSONValue(updated), item.updated) {
                rows.append("\(valid ? "DIFF" : "DIFF (reference output invalid as 0.5)") \(item.source)\n    \(diff)")
            } else {
                matches += 1
                if valid { validMatches += 1 }
            }
        }
        print("FormatUpdateCorpusTests: \(matches)/\(expected.count) updates equal the reference's; \(validMatches)/\(validCount) of those whose update the reference accepts as 0.5")
        for row in rows { print(row) }
        #expect(expected.count >= 120)
        #expect(validMatches == validCount)
    }

    @Test func updatesValidateAsV05LikeTheReferenceSays() throws {
        guard let corpus = SpecTestPaths.corpus else { return }
        let shared = corpus.deletingLastPathComponent()
        var agreements = 0
        var considered = 0
        var rows: [String] = []
        for item in try Self.expectations() {
            let url = item.source.hasPrefix("notes/") ? shared.appendingPathComponent(item.source) : corpus.appendingPathComponent(item.source)
            guard let updated = FormatUpdate.updateToV05(try YAMLParser().parse(contentsOf: url)) else { continue }
            considered += 1
            let context = ValidationContext()
            let valid = ModelDescription.validate(updated, context: context) != nil && context.errorCount == 0
            if valid == (item.status == "valid-format") {
                agreements += 1
            } else {
                rows.append("\(item.source): ours \(valid ? "valid" : "invalid"), reference \(item.status): \(context.issues.filter(\.isError).prefix(3).map(\.description))")
            }
        }
        print("FormatUpdateCorpusTests: the 0.5 verdict on our updates agrees with the reference's for \(agreements)/\(considered)")
        for row in rows { print(row) }
        #expect(agreements == considered)
    }
}
