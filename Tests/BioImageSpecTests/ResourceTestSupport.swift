import Foundation
@testable import BioImageSpec

/// The package fixtures (Fixtures/packages/manifest.json, made by Scripts/gen_package_fixtures.py
/// from Python's hashlib and zipfile and the reference's save_bioimageio_package) and helpers.
enum PackageFixtures {
    /// One corpus package as the manifest records it.
    struct Package: Sendable, CustomStringConvertible {
        var name: String
        var rdf: String
        /// File name → SHA-256 (hashlib).
        var files: [String: String]
        /// The `{source, sha256}` references with Python's verdict: ok, mismatch, missing, remote.
        var references: [(path: String, source: String, sha256: String, actual: String?, status: String)]
        var description: String { name }
    }

    /// The manifest's packages (empty when the manifest is missing).
    static let packages: [Package] = {
        let url = SpecTestPaths.repositoryRoot.appendingPathComponent("Fixtures/packages/manifest.json")
        guard let data = try? Data(contentsOf: url),
              let list = (try? JSONSerialization.jsonObject(with: data)) as? [[String: Any]] else { return [] }
        return list.compactMap { item in
            guard let name = item["name"] as? String, let rdf = item["rdf"] as? String,
                  let files = item["files"] as? [String: String], let refs = item["references"] as? [[String: Any]] else { return nil }
            return Package(name: name, rdf: rdf, files: files, references: refs.map {
                (($0["path"] as? String) ?? "", ($0["source"] as? String) ?? "", ($0["sha256"] as? String) ?? "",
                 $0["actual"] as? String, ($0["status"] as? String) ?? "")
            })
        }
    }()

    /// `../shared/corpus/packages/<name>`, or `nil` when the shared corpus is absent.
    static func folder(_ name: String) -> URL? {
        SpecTestPaths.corpus?.appendingPathComponent("packages").appendingPathComponent(name)
    }

    /// A Python-made zip under `.build/package-fixtures/<kind>/<name>.zip`, when it was generated.
    static func generatedZip(_ kind: String, _ name: String) -> URL? {
        let url = SpecTestPaths.repositoryRoot.appendingPathComponent(".build/package-fixtures/\(kind)/\(name).zip")
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }

    /// Zips every regular file of `folder` with our ZipWriter (deflate level 1).
    static func zipFolder(_ folder: URL) throws -> Data {
        var writer = ZipWriter()
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() {
            let url = folder.appendingPathComponent(name)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            try writer.add(name: name, data: try Data(contentsOf: url), method: .deflated(level: 1))
        }
        return writer.archiveData()
    }

    /// A fresh temporary folder.
    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("bioimageio-resources-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// A fetcher serving fixed bytes per URL and counting requests.
final class MockFetcher: ResourceFetcher, @unchecked Sendable {
    let files: [String: Data]
    private let lock = NSLock()
    private var requestCount = 0
    init(_ files: [String: Data]) { self.files = files }
    var requests: Int { lock.lock(); defer { lock.unlock() }; return requestCount }

    func fetch(_ url: URL, sha256: String?) throws(ResourceError) -> Data {
        lock.lock(); requestCount += 1; lock.unlock()
        guard let data = files[url.absoluteString] else {
            throw ResourceError(code: .fetchFailed, message: "Cannot fetch \(url.absoluteString): HTTP status 404", source: url.absoluteString)
        }
        return data
    }
}
