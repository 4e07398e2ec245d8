import Foundation
import Testing
import BioImageYAML
@testable import BioImageSpec

/// One mutated model description and what the reference says of it
/// (`Fixtures/spec/model05/mutations`, made by `Scripts/gen_spec_model05_fixtures.py`).
struct ModelMutation: Sendable, CustomStringConvertible {
    /// A location and a message.
    struct Pair: Sendable, Hashable {
        var location: String
        var message: String
    }

    var name: String
    var yaml: URL
    var errorLocations: Set<String>
    /// The reference's errors as (location, message) pairs; messages cut at 400 characters.
    var errorMessages: [Pair]
    /// The reference's warnings as (location, "severity message") pairs.
    var warningMessages: [Pair]
    var warningLocations: Set<String>
    var mutatedPath: String
    var mutatedLine: Int
    var mutatedColumn: Int
    /// The reference's status: `failed` or `valid-format`.
    var status: String

    var description: String { name }

    /// A message with the items of every `{…}` (a Python set, printed in hash order) sorted.
    static func canonical(_ message: String) -> String {
        var result = ""
        var set: String?
        for character in message {
            if character == "{" && set == nil {
                set = ""
            } else if character == "}", let items = set {
                result += "{" + items.components(separatedBy: ", ").sorted().joined(separator: ", ") + "}"
                set = nil
            } else if set != nil {
                set?.append(character)
            } else {
                result.append(character)
            }
        }
        return result + (set.map { "{" + $0 } ?? "")
    }

    static let folder = SpecTestPaths.fixtures.appendingPathComponent("model05/mutations")

    static func all() -> [ModelMutation] {
        guard let data = try? Data(contentsOf: folder.appendingPathComponent("index.json")),
              let names = try? JSONSerialization.jsonObject(with: data) as? [String] else { return [] }
        return names.compactMap { name in
            guard let data = try? Data(contentsOf: folder.appendingPathComponent("\(name).expected.json")),
                  let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
                  let errors = object["errors"] as? [[String: Any]], let warnings = object["warnings"] as? [[String: Any]],
                  let mutated = object["mutated"] as? [String: Any] else { return nil }
            return ModelMutation(name: name, yaml: folder.appendingPathComponent("\(name).yaml"),
                                 errorLocations: Set(errors.compactMap { $0["loc"] as? String }),
                                 errorMessages: errors.compactMap { error in
                                     guard let loc = error["loc"] as? String, let msg = error["msg"] as? String else { return nil }
                                     return Pair(location: loc, message: msg)
                                 },
                                 warningMessages: warnings.compactMap { warning in
                                     guard let loc = warning["loc"] as? String, let msg = warning["msg"] as? String,
                                           let severity = warning["severity"] as? Int else { return nil }
                                     return Pair(location: loc, message: "\(severity) \(msg)")
                                 },
                                 warningLocations: Set(warnings.compactMap { $0["loc"] as? String }),
                                 mutatedPath: mutated["path"] as? String ?? "",
                                 mutatedLine: mutated["line"] as? Int ?? 0, mutatedColumn: mutated["column"] as? Int ?? 0,
                                 status: object["status"] as? String ?? "")
        }
    }
}

@Suite("Model 0.5 mutations agree with the reference")
struct ModelMutationTests {
    /// Reference warnings we deliberately do not reproduce, by mutation (listed in the report's
    /// differences): an inline dataset 0.3 as `training_data` makes the reference's warning pass
    /// also try the dataset 0.2 member, which adds "future format_version '0.3.4' treated as '0.2.4'".
    static let ignoredWarnings: [String: Set<String>] = ["training_data_inline_dataset": ["training_data"]]

    @Test("the fixture set is present")
    func fixturesPresent() {
        #expect(ModelMutation.all().count >= 15)
    }

    @Test("error and warning locations, and the error points at the mutated node", arguments: ModelMutation.all())
    func mutation(_ mutation: ModelMutation) throws {
        let document = try YAMLParser().parse(contentsOf: mutation.yaml)
        let context = ValidationContext()
        let model = ModelDescription.validate(document, at: .root, context: context)
        let errors = context.issues.filter(\.isError)
        #expect((model == nil) == (mutation.status == "failed"))
        #expect(Set(errors.map(\.path.description)) == mutation.errorLocations, "\(errors)")
        let ignored = Self.ignoredWarnings[mutation.name] ?? []
        #expect(Set(context.issues.filter { !$0.isError }.map(\.path.description)) == mutation.warningLocations.subtracting(ignored))
        // Every reference error has one of ours at its location with the same message (long
        // messages, such as the licence list, compared on their first 400 characters).
        for expected in mutation.errorMessages {
            let ours = errors.filter { $0.path.description == expected.location }.map { ModelMutation.canonical(String($0.message.prefix(400))) }
            #expect(ours.contains(ModelMutation.canonical(expected.message)), "\(expected.location): expected \(expected.message); got \(ours)")
        }
        for expected in mutation.warningMessages where !ignored.contains(expected.location) {
            let ours = context.issues.filter { !$0.isError && $0.path.description == expected.location }.map { "\($0.severity.rawValue) \($0.message)" }
            #expect(ours.contains(expected.message), "\(expected.location): expected \(expected.message); got \(ours)")
        }
        // The mutated node's line:column was computed by ruyaml, independently of our parser.
        guard mutation.status == "failed" else { return }
        #expect(errors.contains { $0.mark?.line == mutation.mutatedLine && $0.mark?.column == mutation.mutatedColumn },
                "expected an error at \(mutation.mutatedLine):\(mutation.mutatedColumn) (\(mutation.mutatedPath)); got \(errors.map { "\($0.mark?.description ?? "-") \($0.path)" })")
    }
}
