import BioImageRuntime

/// Why a conformance check failed: the fixtures that disagree with the reference, with our
/// reports, or why the fixtures could not be read.
public struct ConformanceFailure: Error, Sendable, CustomStringConvertible {
    /// A one-line summary.
    public var message: String
    /// The results that disagree with the reference (empty when the fixtures could not be read).
    public var results: [ConformanceResult]

    /// Creates a failure.
    public init(_ message: String, results: [ConformanceResult] = []) {
        self.message = message
        self.results = results
    }

    /// The summary, then per disagreeing fixture what differs and the full report.
    public var description: String {
        var text = message
        for result in results {
            text += "\n\n== \(result.fixture.name): \(result.fixture.summary)\n"
            text += result.disagreements.map { "   - " + $0 }.joined(separator: "\n")
            text += "\n" + result.report.text
        }
        return text
    }
}

/// The outcome of one fixture: our report and how it disagrees with the reference's.
public struct ConformanceResult: Sendable {
    /// The fixture.
    public var fixture: ConformanceFixture
    /// The model test report produced with the adapter under test.
    public var report: ModelTestReport
    /// How the report disagrees with the reference's verdict (empty: it agrees).
    public var disagreements: [String]

    /// Whether the report reproduces the reference's verdict.
    public var agrees: Bool { disagreements.isEmpty }
}
