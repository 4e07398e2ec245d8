import Foundation

/// Locations of the repository's fixtures and of the shared reference material beside the checkout.
enum SpecTestPaths {
    /// The repository root, found from this file's path (`Tests/BioImageSpecTests/…`).
    static let repositoryRoot: URL = {
        var url = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url
    }()

    /// `Fixtures/spec` in the repository.
    static let fixtures = repositoryRoot.appendingPathComponent("Fixtures/spec")

    /// `../shared/corpus` beside the checkout, or `nil` (with the reason printed) when absent.
    static let corpus: URL? = {
        let url = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus")
        if FileManager.default.fileExists(atPath: url.appendingPathComponent("verdicts.json").path) { return url }
        print("skipped: ../shared/corpus is not present beside the checkout; corpus agreement tests need it")
        return nil
    }()
}
