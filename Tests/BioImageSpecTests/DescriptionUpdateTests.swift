import BioImageYAML
import Foundation
import Testing

@testable import BioImageSpec

@Suite("Spec: update to the latest format")
struct DescriptionUpdateTests {
    /// A 0.4 model updates to a 0.5 document that is itself valid and emits as YAML that reads back
    /// to the same tree (what `bioimageio update-format` writes).
    @Test func modelV04BecomesAValidV05Document() throws {
        let url = SpecTestPaths.repositoryRoot.appendingPathComponent("Fixtures/yaml/unet2d_nuclei_broad.bioimageio.yaml")
        let source = try YAMLParser().parse(contentsOf: url)
        // The fixture is format 0.5; a 0.5 description "updates" to its normalised 0.5 form.
        let result = DescriptionUpdate.toLatest(source)
        let updated = try #require(result.document)
        #expect(result.summary.status == .validFormat)
        #expect(updated["format_version"]?.string == "0.5.14")
        let reparsed = try YAMLParser().parse(YAMLEmitter().emit(updated))
        #expect(reparsed == updated)
        let context = ValidationContext()
        #expect(ModelDescription.validate(reparsed, context: context) != nil)
    }

    @Test func corpusModelsV04UpdateToValidV05() throws {
        guard let corpus = SpecTestPaths.corpus else { return }
        let url = corpus.appendingPathComponent("packages/spec__unet2d_nuclei_broad/v0_4_9.bioimageio.yaml")
        let result = DescriptionUpdate.toLatest(try YAMLParser().parse(contentsOf: url))
        let updated = try #require(result.document)
        #expect(updated["format_version"]?.string == "0.5.14")
        // Notes §c.3: tensor `name` becomes `id`, `test_inputs[k]` becomes `inputs[k].test_tensor`.
        #expect(updated["inputs"]?[0]?["id"]?.string == "raw")
        #expect(updated["inputs"]?[0]?["test_tensor"]?["source"]?.string == "test_input.npy")
        #expect(result.summary.errors.isEmpty)
    }

    @Test func resourcesV02UpdateTo034() throws {
        let text = """
            format_version: 0.2.2
            type: application
            name: "My: App/1"
            description: An application.
            authors: [Jane Doe]
            documentation: README.md
            """
        let result = DescriptionUpdate.toLatest(try YAMLParser().parse(text))
        let updated = try #require(result.document)
        #expect(updated["format_version"]?.string == "0.3.4")
        // Notes §c.1/§f.1: 0.2.3 removes slashes from names, 0.3 turns other disallowed characters into spaces.
        #expect(updated["name"]?.string == "My  App1")
        #expect(updated["documentation"]?["source"]?.string == "README.md")
    }

    @Test func invalidDescriptionsAreNotUpdated() throws {
        let result = DescriptionUpdate.toLatest(try YAMLParser().parse("type: model\nformat_version: 0.4.10\nname: x\n"))
        #expect(result.document == nil)
        #expect(result.summary.status == .failed)
    }
}

@Suite("Spec: batch loading")
struct BatchLoadingTests {
    /// The batch API gives, in order, exactly what loading each document alone gives.
    @Test func batchResultsEqualSingleLoads() throws {
        let documents = [
            "type: model\nformat_version: 0.4.10\nname: x\n",
            "format_version: 0.2.2\ntype: application\nname: App\ndescription: An application.\n",
            "a: [unterminated\n",
        ].map { Data($0.utf8) }
        let batch = DescriptionLoader().load(documents: documents)
        #expect(batch.count == 3)
        for (document, result) in zip(documents.prefix(2), batch.prefix(2)) {
            let single = DescriptionLoader().load(try YAMLParser().parse(document))
            #expect(try result.get().summary == single.summary)
        }
        guard case .failure(let error) = batch[2] else {
            Issue.record("expected a YAML error for the third document")
            return
        }
        #expect(error.mark.line == 1 && error.mark.column == 4)
    }
}
