import BioImageYAML
import Foundation
import Testing

@testable import BioImageSpec

/// One-rule mutations of a synthetic 0.4 model, validated (and, when valid, updated to 0.5) by
/// bioimageio.spec 0.5.14.3: `Fixtures/spec/model04/mutations.json`, made by
/// `Scripts/gen_spec_model04_fixtures.py`. Needs no shared folder.
@Suite("Spec: model 0.4 rules against the reference")
struct ModelV04MutationTests {
    /// One mutation and the reference's findings.
    struct Mutation: CustomTestStringConvertible, Sendable {
        var name: String
        var document: YAMLNode
        var valid: Bool
        /// `(normalised location, message)` of every error.
        var errors: [(location: String, message: String)]
        /// `(normalised location, message)` of every warning.
        var warnings: [(location: String, message: String)]
        /// The reference's update to 0.5, when the mutation is valid and its update is valid 0.5.
        var updated: JSONValue?
        /// The summary status of the reference's update (`valid-format`, `failed`), for valid mutations.
        var updatedStatus: String?

        var testDescription: String { name }
    }

    static let mutations: [Mutation] = {
        let url = SpecTestPaths.fixtures.appendingPathComponent("model04/mutations.json")
        guard let root = try? YAMLParser().parse(contentsOf: url), let items = root.sequence else { return [] }
        return items.compactMap { item in
            guard let name = item["name"]?.string, let document = item["document"], let status = item["status"]?.string else { return nil }
            let errors = (item["errors"]?.sequence ?? []).map { error in
                (CorpusVerdict.normalize(error["loc"]?.string ?? ""), error["msg"]?.string ?? "")
            }
            let warnings = (item["warnings"]?.sequence ?? []).map { warning in
                (CorpusVerdict.normalize(warning["loc"]?.string ?? ""), warning["msg"]?.string ?? "")
            }
            var updated: JSONValue?
            if item["updated_status"]?.string == "valid-format", let node = item["updated"] { updated = try? JSONValue(node) }
            return Mutation(name: name, document: document, valid: status != "failed", errors: errors, warnings: warnings, updated: updated,
                            updatedStatus: item["updated_status"]?.string)
        }
    }()

    @Test func theFixtureIsThere() {
        #expect(Self.mutations.count >= 80)
    }

    /// Mutations where we deliberately differ from the reference (see the differences list in the
    /// report): an unset `axes` of a postprocessing step is accepted (the reference rejects it
    /// with "Expected None to be a string" by reading `kwargs.get("axes", "")`).
    static let knownDifferences: Set<String> = ["postprocessing_scale_linear_without_axes"]

    @Test func knownDifferencesAreAccepted() {
        for mutation in Self.mutations where Self.knownDifferences.contains(mutation.name) {
            let context = ValidationContext()
            #expect(ModelDescriptionV04.load(mutation.document, context: context) != nil, "\(context.issues)")
            #expect(!mutation.valid)
        }
    }

    @Test(arguments: mutations.filter { !knownDifferences.contains($0.name) })
    func errorsAgree(_ mutation: Mutation) {
        let context = ValidationContext()
        let model = ModelDescriptionV04.load(mutation.document, context: context)
        let ours = context.issues.filter(\.isError)
        #expect((model != nil) == mutation.valid, "\(ours.map(\.description))")
        #expect(Set(ours.map(\.path.description)) == Set(mutation.errors.map(\.location)),
                "ours: \(ours.map(\.description)); reference: \(mutation.errors.map { "\($0.location): \($0.message)" })")
        // Every reference message is ours at the same place.
        for error in mutation.errors {
            #expect(ours.contains { $0.path.description == error.location && $0.message == error.message },
                    "missing \(error.location): \(error.message); ours: \(ours.map(\.description))")
        }
    }

    @Test(arguments: mutations.filter { $0.updated != nil })
    func updatesAgree(_ mutation: Mutation) throws {
        let context = ValidationContext()
        let updated = try #require(FormatUpdate.updateToV05(mutation.document, context: context), "\(context.issues.filter(\.isError))")
        let expected = try #require(mutation.updated)
        let diff = FormatUpdateCorpusTests.difference(try JSONValue(updated), expected)
        #expect(diff == nil, "\(diff ?? "")")
    }

    @Test(arguments: mutations.filter(\.valid))
    func warningsAgree(_ mutation: Mutation) {
        let context = ValidationContext()
        _ = ModelDescriptionV04.load(mutation.document, context: context)
        let ours = Set(context.issues.filter { !$0.isError }.map { "\($0.path): \($0.message)" })
        let theirs = Set(mutation.warnings.map { "\($0.location): \($0.message)" })
        #expect(ours == theirs, "only ours: \(ours.subtracting(theirs).sorted()); only reference: \(theirs.subtracting(ours).sorted())")
    }

    /// Updates where the reference fails for a reason of its own: an inline 0.2 dataset as
    /// `training_data` makes its 0.5 validation raise "'DatasetDescr' object has no attribute 'get'".
    static let knownUpdateDifferences: Set<String> = ["training_data_inline"]

    /// Where the reference's update is invalid as 0.5, ours is either not produced (the converter
    /// fails) or invalid as 0.5 too; where it is valid, ours validates.
    @Test(arguments: mutations.filter { $0.updatedStatus != nil && !knownUpdateDifferences.contains($0.name) })
    func updatesValidateAsV05LikeTheReferences(_ mutation: Mutation) {
        let updated = FormatUpdate.updateToV05(mutation.document)
        let referenceValid = mutation.updatedStatus == "valid-format"
        guard let updated else {
            #expect(!referenceValid)
            return
        }
        let context = ValidationContext()
        let valid = ModelDescription.validate(updated, context: context) != nil && context.errorCount == 0
        #expect(valid == referenceValid, "\(context.issues.filter(\.isError).map(\.description))")
    }
}
