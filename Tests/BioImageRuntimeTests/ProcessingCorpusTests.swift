import BioImageRuntime
import BioImageSpec
import BioImageTensor
import Foundation
import Testing

/// Every model description of the shared corpus that loads gets a ``ProcessingPlan`` (or an
/// ``RuntimeError/Code/unsupportedStep`` for Python-only steps), and the real packages' test inputs
/// preprocess to the described dtype and shape. Skipped, with a printed reason, without `../shared`.
@Suite struct ProcessingCorpusTests {
    static let corpus: URL? = {
        var url = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<6 {
            let candidate = url.appendingPathComponent("../shared/corpus").standardizedFileURL
            if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("manifest.tsv").path) { return candidate }
            url.deleteLastPathComponent()
        }
        return nil
    }()

    /// The corpus files whose manifest type is `model`.
    static let models: [String] = {
        guard let corpus, let text = try? String(contentsOf: corpus.appendingPathComponent("manifest.tsv"), encoding: .utf8) else { return [] }
        return text.split(separator: "\n").dropFirst().compactMap { line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            return fields.count > 4 && fields[4] == "model" ? String(fields[0]) : nil
        }
    }()

    @Test func everyLoadableCorpusModelGetsAPlan() throws {
        guard let corpus = Self.corpus else {
            print("ProcessingCorpusTests: ../shared/corpus not found; skipped")
            return
        }
        var planned = 0, unsupported = 0
        for file in Self.models {
            guard let model = try? PreparedModel(contentsOf: corpus.appendingPathComponent(file), performIOChecks: false) else { continue }
            do {
                let plan = try ProcessingPlan(model: model)
                planned += 1
                // 0.4 tensors end in float32; 0.5 ones in their data type unless binarize ends the list.
                for input in model.description.inputs where model.isLegacyFormat {
                    #expect(plan.stepNames[input.id]?.last == "ensure_dtype", "\(file): input '\(input.id)'")
                }
            } catch {
                #expect(error.code == .unsupportedStep, "\(file): \(error)")
                unsupported += 1
            }
        }
        #expect(planned > 50, "only \(planned) corpus models got a plan")
        print("ProcessingCorpusTests: \(planned) plans, \(unsupported) models with Python-only steps")
    }

    @Test func realPackagesPreprocessTheirTestInputs() throws {
        guard let corpus = Self.corpus else {
            print("ProcessingCorpusTests: ../shared/corpus not found; skipped")
            return
        }
        var checked = 0
        for file in Self.models where file.hasPrefix("packages/") {
            let url = corpus.appendingPathComponent(file)
            guard let model = try? PreparedModel(contentsOf: url, performIOChecks: false) else { continue }
            let folder = url.deletingLastPathComponent()
            var sample = Sample()
            for input in model.description.inputs {
                guard let source = input.testTensor?.source,
                      let tensor = try? NPY.read(contentsOf: folder.appendingPathComponent(source)) else { continue }
                sample[input.id] = try LabeledTensor(tensor, axes: input.axes.map(\.id))
            }
            guard sample.members.count == model.description.inputs.count else { continue }
            let plan = try ProcessingPlan(model: model)
            let processed = try plan.preprocess(sample, statistics: plan.inputStatistics(for: sample))
            for input in model.description.inputs {
                let tensor = try #require(processed[input.id])
                let expected: DType = model.isLegacyFormat ? .float32 : (DType(rawValue: input.dtype.rawValue) ?? .float32)
                #expect(tensor.dtype == expected, "\(file): input '\(input.id)'")
                #expect(tensor.axes == input.axes.map(\.id), "\(file): input '\(input.id)'")
            }
            checked += 1
        }
        #expect(checked >= 5, "only \(checked) packages preprocessed")
        print("ProcessingCorpusTests: preprocessed the test inputs of \(checked) packages")
    }

    struct Summary: Decodable {
        var package: String
        var input: String
        var dtype: String
        var shape: [Int]
        var sum: Double
        var sumOfSquares: Double
        var positions: [Int]
        var values: [Double]
    }

    /// Core's preprocessing of the packages' test inputs (`Fixtures/runtime/processing/real_packages.json`).
    @Test func realPackagesMatchCoreOnTheirTestInputs() throws {
        guard let corpus = Self.corpus, let folder = ProcessingFixtureTests.folder else {
            print("ProcessingCorpusTests: ../shared/corpus not found; skipped")
            return
        }
        struct File: Decodable { var inputs: [Summary] }
        let summaries = try JSONDecoder().decode(File.self, from: Data(contentsOf: folder.appendingPathComponent("real_packages.json"))).inputs
        #expect(summaries.count >= 10)
        var checked = 0
        defer { print("ProcessingCorpusTests: compared \(checked) packages with core") }
        for (package, entries) in Dictionary(grouping: summaries, by: \.package) {
            let url = corpus.appendingPathComponent(package)
            let model: PreparedModel
            do { model = try PreparedModel(contentsOf: url, performIOChecks: false) } catch {
                print("ProcessingCorpusTests: \(package) does not load (\(error)); skipped")
                continue
            }
            checked += 1
            var sample = Sample()
            for input in model.description.inputs {
                let source = try #require(input.testTensor?.source, "\(package): input '\(input.id)' has no test tensor")
                sample[input.id] = try LabeledTensor(NPY.read(contentsOf: url.deletingLastPathComponent().appendingPathComponent(source)), axes: input.axes.map(\.id))
            }
            let plan = try ProcessingPlan(model: model)
            let processed = try plan.preprocess(sample, statistics: plan.inputStatistics(for: sample))
            for entry in entries {
                let tensor = try #require(processed[entry.input], "\(package): no input '\(entry.input)'")
                #expect(tensor.dtype.rawValue == entry.dtype && tensor.shape == entry.shape, "\(package) '\(entry.input)': \(tensor)")
                let values = tensor.tensor.converted(to: Double.self).scalars
                guard values.count == entry.shape.reduce(1, *) else { continue }
                let sum = values.reduce(0, +)
                let scale = (Double(values.count) * entry.sumOfSquares).squareRoot()
                #expect(abs(sum - entry.sum) <= 1e-5 * scale + 1e-6, "\(package) '\(entry.input)': sum \(sum), core \(entry.sum)")
                let wrong = zip(entry.positions, entry.values).filter { abs(values[$0] - $1) > 1e-4 + 1e-4 * abs($1) }
                #expect(wrong.isEmpty, "\(package) '\(entry.input)': \(wrong.count) of 64 sampled values differ, e.g. \(wrong.first.map { "\(values[$0.0]) vs \($0.1)" } ?? "")")
            }
        }
    }
}
