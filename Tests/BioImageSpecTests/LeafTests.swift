import BioImageYAML
import Foundation
import Testing

@testable import BioImageSpec

/// The shared leaf types and nodes against the reference: every case of
/// `Fixtures/spec/generic/leaf-cases.json` (made by `Scripts/gen_spec_generic_fixtures.py` with
/// bioimageio.spec 0.5.14.3) must give the reference's verdict, errors and (for leaves) value.
@Suite("Leaf types against the reference")
struct LeafTests {
    /// One fixture case.
    struct Case: Sendable, CustomTestStringConvertible {
        var kind: String
        var yaml: String
        var value: String?
        var errors: [Expected]
        var testDescription: String { "\(kind): \(yaml)" }
    }

    /// One expected error (location normalised, relative to the value).
    struct Expected: Sendable, Hashable {
        var loc: String
        var msg: String
        var type: String
    }

    static let cases: [Case] = {
        let url = SpecTestPaths.fixtures.appendingPathComponent("generic/leaf-cases.json")
        guard let data = try? Data(contentsOf: url),
              let entries = try? JSONSerialization.jsonObject(with: data) as? [[String: Any]] else { return [] }
        return entries.compactMap { entry in
            guard let kind = entry["kind"] as? String, let yaml = entry["yaml"] as? String else { return nil }
            let errors = (entry["errors"] as? [[String: Any]] ?? []).map {
                Expected(loc: $0["loc"] as? String ?? "", msg: $0["msg"] as? String ?? "", type: $0["type"] as? String ?? "")
            }
            return Case(kind: kind, yaml: yaml, value: entry["value"] as? String, errors: errors)
        }
    }()

    /// Runs our validator for `kind`; returns the value as text for leaves (nil for nodes).
    static func run(_ kind: String, _ node: YAMLNode, _ context: ValidationContext) -> (valid: Bool, text: String?) {
        let path: FieldPath = ["v"]
        func leaf(_ value: String?) -> (Bool, String?) { (value != nil, value) }
        func some(_ value: Any?) -> (Bool, String?) { (value != nil, nil) }
        switch kind {
        case "identifier": return leaf(Leaf.identifier(node, at: path, context))
        case "tensor_id": return leaf(Leaf.tensorID(node, at: path, context))
        case "axis_id": return leaf(Leaf.axisID(node, at: path, context))
        case "resource_id": return leaf(Leaf.resourceID(node, at: path, context))
        case "resource_id_legacy": return leaf(Leaf.resourceID(node, at: path, lowercasing: true, context))
        case "version": return leaf(Leaf.version(node, at: path, context))
        case "datetime": return leaf(Leaf.datetime(node, at: path, context))
        case "sha256": return leaf(Leaf.sha256(node, at: path, context))
        case "http_url": return leaf(Leaf.httpURL(node, at: path, context))
        case "file_source": return leaf(Leaf.fileSource(node, at: path, context))
        case "orcid": return leaf(Leaf.orcid(node, at: path, context))
        case "doi": return leaf(Leaf.doi(node, at: path, context))
        case "si_unit": return leaf(Leaf.siUnit(node, at: path, context))
        case "license":
            let value = Leaf.license(node, at: path, context)
            return (value != nil, node.mapping == nil ? value : nil)
        case "cover":
            return some(Leaf.fileDescription(node, at: path, packaged: true, suffixes: [".gif", ".jpeg", ".jpg", ".png", ".svg"],
                                             caseSensitiveSuffix: false, context))
        case "documentation":
            return some(Leaf.fileDescription(node, at: path, packaged: true, suffixes: [".md"], caseSensitiveSuffix: true, context))
        case "author": return some(Author.validate(node, at: path, generation: .current, context: context))
        case "author_legacy": return some(Author.validate(node, at: path, generation: .legacy, context: context))
        case "maintainer": return some(Maintainer.validate(node, at: path, generation: .current, context: context))
        case "cite": return some(CiteEntry.validate(node, at: path, generation: .current, context: context))
        case "cite_legacy": return some(CiteEntry.validate(node, at: path, generation: .legacy, context: context))
        case "uploader": return some(Uploader.validate(node, at: path, context: context))
        case "badge": return some(Badge.validate(node, at: path, context: context))
        case "linked": return some(LinkedResource.validate(node, at: path, generation: .current, context: context))
        case "linked_legacy": return some(LinkedResource.validate(node, at: path, generation: .legacy, context: context))
        default: return (false, "unknown kind \(kind)")
        }
    }

    @Test("the fixture is present") func fixturePresent() {
        #expect(Self.cases.count > 100)
    }

    @Test(arguments: LeafTests.cases)
    func agreesWithReference(_ testCase: Case) throws {
        let node = try #require(try YAMLParser().parse("v: \(testCase.yaml)\n")["v"])
        let context = ValidationContext()
        let (valid, text) = Self.run(testCase.kind, node, context)
        #expect(valid == testCase.errors.isEmpty)
        let ours = context.issues.filter(\.isError).map {
            Expected(loc: $0.path.components.dropFirst().map(\.description).joined(separator: "."), msg: $0.message, type: $0.type)
        }
        #expect(ours.sorted { "\($0)" < "\($1)" } == testCase.errors.sorted { "\($0)" < "\($1)" })
        if let expected = testCase.value, let text {
            #expect(text == expected)
        }
    }
}
