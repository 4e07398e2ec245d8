import Foundation

/// Where the repository and the shared reference material are, found from this file's path.
enum ONNXTestPaths {
    /// The repository root: the first folder above this file holding `Package.swift` and `Fixtures`.
    static let repositoryRoot: URL? = {
        var url = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent()
        let files = FileManager.default
        while url.path != "/" {
            if files.fileExists(atPath: url.appendingPathComponent("Package.swift").path),
               files.fileExists(atPath: url.appendingPathComponent("Fixtures").path) {
                return url
            }
            url.deleteLastPathComponent()
        }
        return nil
    }()

    /// `Fixtures/onnx` in the repository.
    static var fixtures: URL? { repositoryRoot?.appendingPathComponent("Fixtures/onnx") }

    /// The shared reference folder (a sibling of the repository named `shared`), when present.
    static let shared: URL? = {
        guard let root = repositoryRoot else { return nil }
        let url = root.deletingLastPathComponent().appendingPathComponent("shared")
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }()

    /// The ONNX backend node tests, when present.
    static var nodeTests: URL? {
        guard let url = shared?.appendingPathComponent("onnx-node-tests/node"),
              FileManager.default.fileExists(atPath: url.path) else { return nil }
        return url
    }

    /// The corpus packages, when present.
    static var corpusPackages: URL? {
        guard let url = shared?.appendingPathComponent("corpus/packages"),
              FileManager.default.fileExists(atPath: url.path) else { return nil }
        return url
    }
}
