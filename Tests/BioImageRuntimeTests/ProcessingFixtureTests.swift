import BioImageRuntime
import BioImageSpec
import BioImageTensor
import Foundation
import Testing

/// Runs every case of `Fixtures/runtime/processing` (made by `Scripts/gen_processing_fixtures.py`
/// with bioimageio.core 0.11.0): the case's description is loaded, a ``ProcessingPlan`` built, and
/// each sample's raw inputs and raw outputs processed in order with one plan (so running dataset
/// statistics carry over), then compared with core's results.
@Suite struct ProcessingFixtureTests {
    struct Index: Decodable {
        var cases: [Case]
    }

    struct Case: Decodable, CustomTestStringConvertible, Sendable {
        var name: String
        var description: String
        var origin: String
        var note: String
        var samples: [SampleFiles]
        var testDescription: String { name }
    }

    struct TensorFile: Decodable, Sendable {
        var file: String
        var axes: [String]
    }

    struct SampleFiles: Decodable, Sendable {
        var inputs: [String: TensorFile]
        var outputs: [String: TensorFile]
        var expectedInputs: [String: String]
        var expectedOutputs: [String: String]
    }

    static let folder: URL? = {
        var url = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<6 {
            let fixtures = url.appendingPathComponent("Fixtures")
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path),
               FileManager.default.fileExists(atPath: fixtures.path) {
                return fixtures.appendingPathComponent("runtime/processing")
            }
            url.deleteLastPathComponent()
        }
        return nil
    }()

    static let cases: [Case] = {
        guard let folder, let data = try? Data(contentsOf: folder.appendingPathComponent("index.json")),
              let index = try? JSONDecoder().decode(Index.self, from: data) else { return [] }
        return index.cases
    }()

    @Test func fixturesArePresent() {
        #expect(Self.cases.count >= 50, "Fixtures/runtime/processing/index.json is missing or short")
    }

    @Test(arguments: cases)
    func matchesBioimageioCore(_ fixture: Case) throws {
        let folder = try #require(Self.folder)
        let model = try PreparedModel(contentsOf: folder.appendingPathComponent(fixture.description), performIOChecks: false)
        let plan = try ProcessingPlan(model: model)
        for (k, files) in fixture.samples.enumerated() {
            let inputs = try Self.sample(files.inputs, folder)
            let statistics = try plan.inputStatistics(for: inputs)
            let processed = try plan.preprocess(inputs, statistics: statistics)
            for (id, file) in files.expectedInputs {
                let expected = try NPY.read(contentsOf: folder.appendingPathComponent("data/" + file))
                let actual = try #require(processed[id], "sample \(k): no preprocessed '\(id)'")
                Self.compare(actual.tensor, expected, "\(fixture.name) sample \(k) input '\(id)'")
            }
            let raw = try Self.sample(files.outputs, folder)
            let all = try plan.outputStatistics(for: raw, adding: statistics)
            let outputs = try plan.postprocess(raw, statistics: all)
            for (id, file) in files.expectedOutputs {
                let expected = try NPY.read(contentsOf: folder.appendingPathComponent("data/" + file))
                let actual = try #require(outputs[id], "sample \(k): no postprocessed '\(id)'")
                Self.compare(actual.tensor, expected, "\(fixture.name) sample \(k) output '\(id)'")
            }
        }
    }

    static func sample(_ files: [String: TensorFile], _ folder: URL) throws -> Sample {
        var sample = Sample()
        for (id, file) in files {
            sample[id] = try LabeledTensor(NPY.read(contentsOf: folder.appendingPathComponent("data/" + file.file)), axes: file.axes)
        }
        return sample
    }

    /// Same dtype and shape; floats within 2e-5 relative + 2e-5 absolute (NaN matches NaN),
    /// integers and booleans exactly.
    static func compare(_ actual: AnyTensor, _ expected: AnyTensor, _ label: String) {
        #expect(actual.dtype == expected.dtype, "\(label): dtype \(actual.dtype), expected \(expected.dtype)")
        #expect(actual.shape == expected.shape, "\(label): shape \(actual.shape), expected \(expected.shape)")
        guard actual.shape == expected.shape else { return }
        let a = actual.converted(to: Double.self).scalars, e = expected.converted(to: Double.self).scalars
        var worst = 0.0, mismatches = 0
        let exact = !expected.dtype.isFloatingPoint
        for (x, y) in zip(a, e) {
            if x.isNaN && y.isNaN { continue }
            let error = abs(x - y)
            if exact ? x != y : !(error <= 2e-5 + 2e-5 * abs(y)) { mismatches += 1 }
            if !(error <= worst) { worst = error }
        }
        #expect(mismatches == 0, "\(label): \(mismatches) of \(a.count) elements differ (max |Δ| \(worst))")
    }
}
