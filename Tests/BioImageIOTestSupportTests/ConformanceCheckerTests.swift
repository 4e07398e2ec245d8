import BioImageIOTestSupport
import BioImageRuntime
import BioImageSpec
import BioImageTensor
import Foundation
import Testing

/// The conformance kit: fixtures are found from the package source, a correct adapter conforms, a
/// wrong one fails with the disagreeing fixtures and their reports.
@Suite struct ConformanceCheckerTests {
    /// Whether the processing layer runs steps (a development build may stub it): a `binarize`
    /// postprocessing must turn 0.7 into `true`.
    static let processingIsImplemented: Bool = {
        guard let directory = ConformanceSuite.defaultDirectory,
              let model = try? PreparedModel(contentsOf: directory.appendingPathComponent("uint8_processing"), performIOChecks: false),
              let plan = try? ProcessingPlan(model: model),
              let raw = try? LabeledTensor(Tensor<UInt8>(shape: [1, 1, 1, 2], scalars: [10, 200]), axes: ["batch", "channel", "y", "x"]),
              let statistics = try? plan.inputStatistics(for: Sample(["raw": raw])),
              let mask = try? LabeledTensor(Tensor<Float>(shape: [1, 1, 1, 1], scalars: [0.7]), axes: ["batch", "channel", "y", "x"]),
              let all = try? plan.outputStatistics(for: Sample(["mask": mask]), adding: statistics),
              let processed = try? plan.postprocess(Sample(["mask": mask]), statistics: all) else { return false }
        return processed["mask"]?.dtype == .bool
    }()

    static func runnableFixtures() throws -> [ConformanceFixture] {
        let fixtures = try ConformanceSuite.fixtures()
        if processingIsImplemented { return fixtures }
        print("skipped: fixtures with processing (\(fixtures.filter(\.needsProcessing).map(\.name))): processing is a stub in this build")
        return fixtures.filter { !$0.needsProcessing }
    }

    @Test func fixturesAreFoundFromThePackageSource() throws {
        let directory = try #require(ConformanceSuite.defaultDirectory)
        #expect(directory.path.hasSuffix("Fixtures/conformance"))
        let fixtures = try ConformanceSuite.fixtures()
        #expect(fixtures.count >= 12)
        #expect(fixtures.filter { $0.referenceStatus == .failed }.count >= 2)
        for fixture in fixtures {
            #expect(FileManager.default.fileExists(atPath: fixture.url.appendingPathComponent("bioimageio.yaml").path), "\(fixture.name)")
            #expect(!fixture.function.isEmpty && !fixture.referenceDetails.isEmpty, "\(fixture.name)")
        }
        // An explicit folder works too; a wrong one is a typed failure naming it.
        #expect(try ConformanceSuite.fixtures(at: directory).map(\.name) == fixtures.map(\.name))
        #expect(throws: ConformanceFailure.self) { try ConformanceSuite.fixtures(at: URL(fileURLWithPath: "/nonexistent/conformance")) }
    }

    @Test func aCorrectAdapterConforms() throws {
        let fixtures = try Self.runnableFixtures()
        let checker = ConformanceChecker(adapter: ConformanceFunctionAdapter(fixtures: try ConformanceSuite.fixtures()), fixtures: fixtures)
        let results = try checker.results()
        #expect(results.count == fixtures.count)
        for result in results where !result.agrees {
            Issue.record("\(result.fixture.name): \(result.disagreements)\n\(result.report.text)")
        }
        try checker.check()
    }

    /// Adds 0.1 to every output of the wrapped adapter's runtime.
    struct OffByATenthAdapter: RuntimeAdapter {
        var base: ConformanceFunctionAdapter
        var name: String { "off-by-a-tenth" }
        var weightFormats: [WeightsFormat] { base.weightFormats }
        func load(_ model: PreparedModel, weights: WeightsEntry, options: RuntimeOptions) throws(RuntimeError) -> any ModelRuntime {
            Runtime(base: try base.load(model, weights: weights, options: options))
        }
        struct Runtime: ModelRuntime {
            var base: any ModelRuntime
            func run(_ inputs: [String: AnyTensor]) throws(RuntimeError) -> [String: AnyTensor] {
                try base.run(inputs).mapValues { tensor in
                    let values = tensor.converted(to: Float.self)
                    return AnyTensor((try? Tensor<Float>(shape: values.shape, scalars: values.scalars.map { $0 + 0.1 })) ?? values)
                }
            }
        }
    }

    @Test func aWrongAdapterFailsWithTheDisagreeingFixturesAndTheirReports() throws {
        let fixtures = try Self.runnableFixtures()
        let checker = ConformanceChecker(adapter: OffByATenthAdapter(base: ConformanceFunctionAdapter(fixtures: fixtures)), fixtures: fixtures)
        do {
            try checker.check()
            Issue.record("an adapter off by 0.1 passed the conformance check")
        } catch {
            let names = Set(error.results.map(\.fixture.name))
            // Every fixture the reference passes now fails the reproduction check…
            for fixture in fixtures where fixture.referenceStatus == .passed {
                #expect(names.contains(fixture.name), "\(fixture.name)")
            }
            // …while those it fails still fail the same way, so they agree.
            #expect(!names.contains("fail_perturbed") && !names.contains("fail_wrong_shape"))
            let text = error.description
            #expect(text.contains("conformance fixtures disagree with the reference (adapter 'off-by-a-tenth')"))
            #expect(text.contains("== identity: "))
            #expect(text.contains("status failed, but the reference's is passed"))
            #expect(text.contains("FAILED | Reproduce test outputs from test inputs (onnx)"))
        }
    }

    @Test func anAdapterForOtherFormatsIsRefused() throws {
        struct TorchOnly: RuntimeAdapter {
            var name: String { "torch-only" }
            var weightFormats: [WeightsFormat] { [.torchscript] }
            func load(_ model: PreparedModel, weights: WeightsEntry, options: RuntimeOptions) throws(RuntimeError) -> any ModelRuntime {
                throw RuntimeError(.loadFailed, "not implemented")
            }
        }
        do {
            try ConformanceChecker(adapter: TorchOnly()).check()
            Issue.record("an adapter with no applicable fixture passed")
        } catch {
            #expect(error.description.contains("supports none of the fixtures' weight formats"))
        }
    }
}
