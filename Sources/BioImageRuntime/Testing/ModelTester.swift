import BioImageSpec
import BioImageTensor
import Foundation

/// Tests a model the way bioimageio.core's `test_model` does (notes §e.5): for each weight format,
/// the reproduction of the test outputs from the test inputs, then (format 0.5 only) inference at
/// several batch sizes and size parameters, checking the output shapes.
///
/// The result is a ``ModelTestReport``; nothing throws. A description that cannot be loaded, a
/// weight format no registered adapter can load, a runtime error — each becomes a failed detail
/// saying what and where.
///
/// ```swift
/// var registry = RuntimeRegistry()
/// registry.register(MyAdapter())
/// let tester = ModelTester(registry: registry)
/// let report = tester.test(contentsOf: URL(fileURLWithPath: "model.zip"), weightFormat: .onnx)
/// print(report.text)
/// ```
public struct ModelTester: Sendable {
    /// Which checks run.
    public struct Checks: OptionSet, Sendable, Hashable {
        /// The check's bit.
        public var rawValue: Int
        /// Creates a set from its bits.
        public init(rawValue: Int) { self.rawValue = rawValue }
        /// "Reproduce test outputs from test inputs".
        public static let reproduction = Checks(rawValue: 1)
        /// "Run … inference for inputs with batch_size … and size parameter …" (format 0.5 only).
        public static let inference = Checks(rawValue: 2)
        /// Both.
        public static let all: Checks = [.reproduction, .inference]
    }

    /// How to test.
    public struct Options: Sendable, Hashable {
        /// Where produced tensors that fail the reproduction check are saved (as
        /// `actual_output_<id>_<format>.npy`); `nil` saves nothing.
        public var artifactsDirectory: URL?
        /// The deprecated `decimal` of format 0.4 tests: atol 1.5·10^−decimal, rtol 0.
        public var decimal: Int?
        /// The checks to run.
        public var checks: Checks
        /// Options for loading runtimes.
        public var runtimeOptions: RuntimeOptions
        /// Whether loading checks every referenced file (existence, SHA-256, test tensors), as
        /// bioimageio.core's `test_model` always does. When `false` the description is validated
        /// format-only, so files of other weight formats may be missing or remote; the files the
        /// test reads (weights, test tensors) are still verified against their SHA-256.
        public var performIOChecks: Bool

        /// Creates options.
        public init(artifactsDirectory: URL? = nil, decimal: Int? = nil, checks: Checks = .all,
                    runtimeOptions: RuntimeOptions = RuntimeOptions(), performIOChecks: Bool = true) {
            self.artifactsDirectory = artifactsDirectory
            self.decimal = decimal
            self.checks = checks
            self.runtimeOptions = runtimeOptions
            self.performIOChecks = performIOChecks
        }
    }

    /// The adapters models are loaded with.
    public var registry: RuntimeRegistry
    /// How to test.
    public var options: Options

    /// Creates a tester.
    public init(registry: RuntimeRegistry, options: Options = Options()) {
        self.registry = registry
        self.options = options
    }

    /// Loads the package at `url` (a description file, folder or zip) with io checks on (unless
    /// ``Options/performIOChecks`` is off) and tests it.
    ///
    /// An unreadable or invalid description gives a `failed` report carrying the validation errors.
    public func test(contentsOf url: URL, weightFormat: WeightsFormat? = nil) -> ModelTestReport {
        let reader: ResourceReader
        do { reader = try ResourceReader(contentsOf: url) } catch {
            return ModelTestReport(source: url.path, type: "unknown", details: [
                ModelTestDetail(name: "Read the package", errors: [ModelTestEntry(loc: [], message: error.description, type: "resource")]),
            ])
        }
        return test(reader: reader, source: url.path, weightFormat: weightFormat)
    }

    /// Loads the package `reader` reads with io checks on and tests it.
    public func test(reader: ResourceReader, source: String? = nil, weightFormat: WeightsFormat? = nil) -> ModelTestReport {
        let source = source ?? reader.descriptionLocation
        do {
            let model = try PreparedModel(reader: reader, performIOChecks: options.performIOChecks)
            return test(model, weightFormat: weightFormat, source: source)
        } catch {
            var report = ModelTestReport(source: source, type: error.summary?.type ?? "unknown",
                                         formatVersion: error.summary?.formatVersion ?? "")
            if let summary = error.summary, summary.errors.isEmpty, summary.type == "model" {
                // A valid description (0.4) whose update to 0.5, which the runtime layer needs, failed.
                report.details.append(ModelTestDetail(name: "Successfully created `ModelDescr` instance."))
                report.details.append(ModelTestDetail(name: "bioimageio.spec format validation model \(summary.formatVersion)",
                                                      warnings: summary.warnings.map(ModelTestEntry.init)))
                report.details.append(ModelTestDetail(name: "Has expected resource type", loc: [.key("type")]))
                report.details.append(ModelTestDetail(name: "Update the description to format 0.5 for the runtime",
                                                      errors: [ModelTestEntry(loc: [], message: error.message, type: "error")]))
            } else if let summary = error.summary {
                var entries = summary.errors.map(ModelTestEntry.init)
                if entries.isEmpty { entries = [ModelTestEntry(loc: [], message: error.message, type: "error")] }
                report.details.append(ModelTestDetail(name: "bioimageio.spec format validation \(summary.type) \(summary.formatVersion)",
                                                      errors: entries, warnings: summary.warnings.map(ModelTestEntry.init)))
                if summary.type != "model" {
                    report.details.append(ModelTestDetail(name: "Has expected resource type", loc: [.key("type")], errors: [
                        ModelTestEntry(loc: [.key("type")], message: "Expected type model, found \(summary.type)", type: "type"),
                    ]))
                }
            } else {
                report.details.append(ModelTestDetail(name: "Load the description",
                                                      errors: [ModelTestEntry(loc: [], message: error.message, type: "error")]))
            }
            return report
        }
    }

    /// Tests an already loaded model: every present weight format in field order, or only
    /// `weightFormat`.
    public func test(_ model: PreparedModel, weightFormat: WeightsFormat? = nil, source: String? = nil) -> ModelTestReport {
        let summary = model.summary
        var report = ModelTestReport(source: source ?? model.reader.descriptionLocation, id: model.description.id,
                                     modelName: model.description.name, type: "model", formatVersion: summary.formatVersion)
        report.details.append(ModelTestDetail(name: "Successfully created `ModelDescr` instance."))
        report.details.append(ModelTestDetail(name: "bioimageio.spec format validation model \(summary.formatVersion)",
                                              errors: summary.errors.map(ModelTestEntry.init),
                                              warnings: summary.warnings.map(ModelTestEntry.init)))
        report.details.append(ModelTestDetail(name: "Has expected resource type", loc: [.key("type")]))
        let formats = weightFormat.map { [$0] } ?? model.description.weights.formats
        for format in formats {
            report.details += test(model, format: format)
        }
        return report
    }

    /// The details of one weight format.
    func test(_ model: PreparedModel, format: WeightsFormat) -> [ModelTestDetail] {
        let loc: ModelTestDetail.Location = [.key("weights"), .key(format.rawValue)]
        let reproduceName = "Reproduce test outputs from test inputs (\(format.rawValue))"
        let runInference = options.checks.contains(.inference) && !model.isLegacyFormat
        let loaded: LoadedRuntime
        do {
            loaded = try registry.load(model, weightFormat: format, options: options.runtimeOptions)
        } catch {
            let entry = ModelTestEntry(loc: loc, message: loadFailure(error, format: format))
            var details: [ModelTestDetail] = []
            if options.checks.contains(.reproduction) { details.append(ModelTestDetail(name: reproduceName, loc: loc, errors: [entry])) }
            if runInference {
                details.append(ModelTestDetail(name: "Run \(format.rawValue) inference for parametrized inputs", loc: loc, errors: [entry]))
            }
            return details
        }
        defer { loaded.runtime.release() }
        var details: [ModelTestDetail] = []
        if options.checks.contains(.reproduction) {
            details.append(reproduce(model, runtime: loaded.runtime, format: format))
        }
        if runInference {
            details += inferenceChecks(model, runtime: loaded.runtime, format: format)
        }
        return details
    }

    /// Says which format could not be loaded and why.
    func loadFailure(_ error: RuntimeError, format: WeightsFormat) -> String {
        switch error.code {
        case .noAdapter:
            return "no registered runtime adapter can load '\(format.rawValue)' weights (registered: \(registry.adapters.map(\.name)))"
        case .missingWeights: return error.message
        default: return "loading the '\(format.rawValue)' weights failed: \(error.message)"
        }
    }
}
