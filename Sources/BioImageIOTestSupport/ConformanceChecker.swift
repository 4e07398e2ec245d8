import BioImageRuntime
import BioImageSpec
import Foundation

/// Checks a runtime adapter against the conformance fixtures, for adapter authors' own tests:
/// every fixture whose weight format the adapter claims goes through the model test, and the
/// verdict must be the reference's (pass where it passed, fail where it failed, same checks).
///
/// ```swift
/// import BioImageIOTestSupport
/// import Testing
///
/// @Test func myAdapterConforms() throws {
///     try ConformanceChecker(adapter: MyCoreMLAdapter()).check()
/// }
/// ```
public struct ConformanceChecker: Sendable {
    /// The adapter under test.
    public var adapter: any RuntimeAdapter
    /// The fixtures to run (default: all of ``ConformanceSuite/fixtures(at:)``).
    public var fixtures: [ConformanceFixture]?
    /// Where the fixtures are, when ``fixtures`` is `nil` (default: ``ConformanceSuite/defaultDirectory``).
    public var fixturesDirectory: URL?
    /// Options for the model tests (e.g. an artifacts directory for mismatching tensors).
    public var options: ModelTester.Options

    /// Creates a checker for `adapter`.
    public init(adapter: any RuntimeAdapter, fixtures: [ConformanceFixture]? = nil, fixturesDirectory: URL? = nil,
                options: ModelTester.Options = ModelTester.Options()) {
        self.adapter = adapter
        self.fixtures = fixtures
        self.fixturesDirectory = fixturesDirectory
        self.options = options
    }

    /// Runs every fixture whose weight format the adapter supports; returns one result each.
    /// - Throws: ``ConformanceFailure`` when the fixtures cannot be read or none applies.
    public func results() throws(ConformanceFailure) -> [ConformanceResult] {
        let all: [ConformanceFixture]
        if let fixtures { all = fixtures } else { all = try ConformanceSuite.fixtures(at: fixturesDirectory) }
        let applicable = all.filter { adapter.weightFormats.contains($0.weightFormat) }
        guard !applicable.isEmpty else {
            throw ConformanceFailure("adapter '\(adapter.name)' supports none of the fixtures' weight formats "
                                     + "\(Set(all.map(\.weightFormat.rawValue)).sorted()) (it claims \(adapter.weightFormats.map(\.rawValue)))")
        }
        let tester = ModelTester(registry: RuntimeRegistry([adapter]), options: options)
        return applicable.map { fixture in
            let report = tester.test(contentsOf: fixture.url, weightFormat: fixture.weightFormat)
            return ConformanceResult(fixture: fixture, report: report, disagreements: fixture.disagreements(with: report))
        }
    }

    /// Passes when every applicable fixture reproduces the reference's verdict.
    /// - Throws: ``ConformanceFailure`` listing each disagreeing fixture with its report.
    public func check() throws(ConformanceFailure) {
        let results = try results()
        let failing = results.filter { !$0.agrees }
        guard failing.isEmpty else {
            throw ConformanceFailure("\(failing.count) of \(results.count) conformance fixtures disagree with the reference "
                                     + "(adapter '\(adapter.name)'): \(failing.map(\.fixture.name).joined(separator: ", "))",
                                     results: failing)
        }
    }
}
