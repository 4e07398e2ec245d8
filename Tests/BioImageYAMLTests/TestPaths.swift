import Foundation

/// Where the tests find the repository, the committed fixtures and the `shared/` reference folder.
///
/// The repository root is found from this file's own path, so tests work from any working directory.
/// `shared/` (the corpus of real description files) lives beside the checkout and may be absent in a
/// fresh clone: tests that need it check ``corpusDirectory`` and skip with a printed reason.
enum TestPaths {
    /// The repository root: `Tests/BioImageYAMLTests/TestPaths.swift`, three levels up.
    static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // BioImageYAMLTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()

    /// The committed test data, `<repository root>/Fixtures`.
    static let fixturesDirectory: URL = repositoryRoot.appendingPathComponent("Fixtures", isDirectory: true)

    /// `<repository root>/../shared`, or `nil` when it does not exist.
    static let sharedDirectory: URL? = existingDirectory(
        repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared", isDirectory: true))

    /// `shared/corpus`, or `nil` when it does not exist.
    static let corpusDirectory: URL? = sharedDirectory.flatMap {
        existingDirectory($0.appendingPathComponent("corpus", isDirectory: true))
    }

    /// Why corpus tests are skipped, for the `.enabled(if:)` comment and printed messages.
    static let corpusMissingReason = "skipped: ../shared/corpus is not present beside the repository"

    /// A file under `Fixtures/`, e.g. `fixture("yaml/corpus-expected.json")`.
    static func fixture(_ relativePath: String) -> URL {
        fixturesDirectory.appendingPathComponent(relativePath)
    }

    /// `url` if it names an existing directory, else `nil`.
    private static func existingDirectory(_ url: URL) -> URL? {
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory)
        return exists && isDirectory.boolValue ? url : nil
    }
}
