import Foundation
import Testing
import BioImageYAML
@testable import BioImageSpec

/// ResourceReader: description discovery (notes §g.1), reference resolution (§g.2), hash checks
/// against Python's hashlib (Fixtures/packages/manifest.json), and the corpus packages opened from
/// their folders, from zips our ZipWriter makes and from the Python-made zips when generated.
@Suite("Resource reader")
struct ResourceReaderTests {
    @Test("description discovery: priority, alphabetical order, suffix names, no folder match")
    func discovery() {
        #expect(ResourceReader.findDescriptionName(in: ["a.bioimageio.yaml", "rdf.yaml"]) == "rdf.yaml")
        #expect(ResourceReader.findDescriptionName(in: ["z.bioimageio.yaml", "b.bioimageio.yaml", "bioimageio.yaml"]) == "b.bioimageio.yaml")
        #expect(ResourceReader.findDescriptionName(in: ["UNet2DNucleiBroad.model.yaml", "weights.onnx"]) == "UNet2DNucleiBroad.model.yaml")
        #expect(ResourceReader.findDescriptionName(in: ["sub/x.rdf.yaml", "model.yaml"]) == "sub/x.rdf.yaml")
        #expect(ResourceReader.findDescriptionName(in: ["sub/rdf.yaml", "readme.md"]) == nil)
    }

    @Test("URL roots: folder of the description, query kept, Zenodo /content rule (notes §g.2)")
    func urlJoin() {
        let plain = URL(string: "https://example.org/models/a/rdf.yaml?download=1")
        #expect(plain.flatMap { ResourceReader.join(root: $0, relative: "w/weights.onnx") }?.absoluteString == "https://example.org/models/a/w/weights.onnx?download=1")
        let zenodo = URL(string: "https://zenodo.org/api/records/123/files/rdf.yaml/content")
        #expect(zenodo.flatMap { ResourceReader.join(root: $0, relative: "weights.onnx") }?.absoluteString == "https://zenodo.org/api/records/123/files/weights.onnx/content")
        #expect(zenodo.map(ResourceReader.remoteFileName) == "rdf.yaml")
    }

    @Test("a remote description: references fetched through the fetcher, verified; offline names the URL")
    func remote() throws {
        let rdf = Data("type: model\nformat_version: 0.5.4\ntest:\n  source: data/t.npy\n  sha256: \(SHA256.hash(data: Data("abc".utf8)).hexString)\n".utf8)
        let fetcher = MockFetcher(["https://h.org/m/rdf.yaml": rdf, "https://h.org/m/data/t.npy": Data("abc".utf8)])
        let reader = try ResourceReader(contentsOf: #require(URL(string: "https://h.org/m/rdf.yaml")), fetcher: fetcher)
        #expect(reader.descriptionName == "rdf.yaml")
        #expect(try reader.verifyReferencedFiles().allVerified)
        #expect(fetcher.requests == 2)
        let offline = ResourceReader(root: .remote(try #require(URL(string: "https://h.org/m/rdf.yaml"))), descriptionName: "rdf.yaml")
        #expect(throws: ResourceError.self) { try offline.descriptionData() }
        do { _ = try offline.contents(of: "data/t.npy") } catch {
            #expect(error.code == .offline)
            #expect(error.message.contains("https://h.org/m/data/t.npy"))
        }
    }

    @Test("fetch cache: downloaded once, reused offline, keyed by sha256, digest verified")
    func cache() throws {
        let folder = try PackageFixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let payload = Data("weights".utf8)
        let digest = SHA256.hash(data: payload).hexString
        let url = try #require(URL(string: "https://h.org/w.onnx"))
        let upstream = MockFetcher([url.absoluteString: payload])
        let cache = FetchCache(directory: folder)
        let fetcher = CachingFetcher(upstream: upstream, cache: cache)
        #expect(try fetcher.fetch(url, sha256: digest) == payload)
        #expect(try fetcher.fetch(url, sha256: digest) == payload)
        #expect(upstream.requests == 1)
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("sha256/\(digest)").path))
        // Offline afterwards: the cache alone serves it.
        #expect(try CachingFetcher(upstream: OfflineFetcher(), cache: cache).fetch(url, sha256: digest) == payload)
        // A wrong expected digest is a mismatch naming both digests.
        let wrong = String(repeating: "0", count: 64)
        do { _ = try CachingFetcher(upstream: upstream, cache: FetchCache(directory: folder.appendingPathComponent("b"))).fetch(url, sha256: wrong); Issue.record("no error") } catch {
            #expect(error.code == .hashMismatch)
            #expect(error.expectedSHA256 == wrong && error.actualSHA256 == digest)
        }
    }

    @Test("zip references: ./ stripped, .. rejected, missing member named")
    func zipResolution() throws {
        var writer = ZipWriter()
        try writer.add(name: "rdf.yaml", data: Data("type: model\n".utf8))
        try writer.add(name: "w.onnx", data: Data([1, 2, 3]))
        let reader = try ResourceReader(zipData: writer.archiveData(), name: "p.zip")
        #expect(try reader.contents(of: "./w.onnx") == Data([1, 2, 3]))
        #expect(reader.exists("w.onnx") && !reader.exists("x.onnx"))
        #expect(throws: ResourceError.self) { try reader.contents(of: "../w.onnx") }
        do { _ = try reader.contents(of: "x.onnx") } catch { #expect(error.message == "p.zip/x.onnx does not point to an existing file") }
        do { _ = try ResourceReader(zipData: ZipWriter().archiveData(), name: "e.zip") } catch { #expect(error.code == .noDescription && error.message == "No rdf.yaml found in []") }
    }

    /// The references' verdicts of one reader must equal Python's.
    static func expectMatchesPython(_ reader: ResourceReader, _ package: PackageFixtures.Package, _ label: String) throws {
        #expect(reader.descriptionName == package.rdf, "\(label)")
        let report = try reader.verifyReferencedFiles()
        let expected: [String: FileCheckReport.Status] = ["ok": .verified, "mismatch": .mismatch, "missing": .missing, "remote": .notFetched]
        #expect(report.entries.map(\.source) == package.references.map(\.source), "\(label)")
        for (entry, python) in zip(report.entries, package.references) {
            #expect(entry.status == expected[python.status], "\(label) \(entry.path)")
            if python.status == "mismatch" {
                #expect(entry.actualSHA256 == python.actual && entry.expectedSHA256 == python.sha256)
                #expect(entry.message?.contains("Expected \(python.sha256), got \(python.actual ?? "")") == true)
            }
        }
    }

    @Test("every corpus package opens from its folder and from zips; hashes agree with hashlib", arguments: PackageFixtures.packages)
    func corpusPackage(_ package: PackageFixtures.Package) throws {
        guard let folder = PackageFixtures.folder(package.name) else { return }
        try Self.expectMatchesPython(try ResourceReader(folder: folder), package, "folder")
        try Self.expectMatchesPython(try ResourceReader(zipData: PackageFixtures.zipFolder(folder), name: "\(package.name).zip"), package, "ZipWriter zip")
        if let zip = PackageFixtures.generatedZip("zipfile", package.name) {
            try Self.expectMatchesPython(try ResourceReader(contentsOf: zip), package, "Python zipfile zip")
        }
        if let zip = PackageFixtures.generatedZip("reference", package.name) {
            // The reference's package (when it would not package otherwise: io checks off and one
            // weights format kept): no mismatch; files missing from the source package (0.4
            // architecture files) stay missing.
            let reader = try ResourceReader(contentsOf: zip)
            let report = try reader.verifyReferencedFiles()
            #expect(report.mismatches.isEmpty)
            #expect(report.entries.contains { $0.status == .verified })
        }
    }

    @Test("the corpus has mismatching hashes; each is reported naming both digests")
    func corpusMismatches() {
        let mismatches = PackageFixtures.packages.flatMap { p in p.references.filter { $0.status == "mismatch" }.map { (p.name, $0.source) } }
        #expect(mismatches.map(\.0) == ["tiktorch__unet2d_onnx", "tiktorch__unet2d_torchscript"])
    }

    @Test("validation with io checks through the reader: SHA256 mismatch message as the reference's")
    func validationHashMismatch() throws {
        guard let source = PackageFixtures.folder("spec__unet2d_nuclei_broad") else { return }
        let folder = try PackageFixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in ["README.md", "cover0.png", "test_input.npy", "test_input.png", "test_output.npy", "test_output.png", "weights.onnx", "weights.pt"] {
            try FileManager.default.copyItem(at: source.appendingPathComponent(name), to: folder.appendingPathComponent(name))
        }
        // The package without its remote pytorch_state_dict weights, and one stated digest changed.
        var text = try String(contentsOf: source.appendingPathComponent("bioimageio.yaml"), encoding: .utf8)
        let good = "92768a2e0f2643c80b57afa5494019a5aafe5b0d92fe36ae740763adf3594a57"
        text = text.replacingOccurrences(of: good, with: "'" + String(repeating: "1", count: 64) + "'")
        let document = try YAMLParser().parse(text)
        var weights = try #require(document["weights"]?.mapping)
        weights.entries.removeAll { $0.key.string == "pytorch_state_dict" }
        weights.entries = weights.entries.map { entry in
            var value = entry.value
            if var m = value.mapping { m.entries.removeAll { $0.key.string == "parent" }; value = .mapping(m) }
            return YAMLMapping.Entry(key: entry.key, value: value)
        }
        var root = try #require(document.mapping)
        if let index = root.entry(forKey: "weights") { root.entries[index].value = .mapping(weights) }
        try YAMLEmitter().emit(.mapping(root)).write(to: folder.appendingPathComponent("bioimageio.yaml"), atomically: true, encoding: .utf8)

        let reader = try ResourceReader(folder: folder)
        let loaded = try DescriptionLoader(options: ValidationOptions(performIOChecks: true)).load(package: reader)
        let errors = loaded.summary.issues.filter(\.isError)
        // bioimageio.spec 0.5.14.3 on the same edit (oracle, --io): this error at inputs.0.test_tensor.
        #expect(errors.first?.path.description == "inputs.0.test_tensor")
        #expect(errors.first?.message == "Value error, SHA256 mismatch for \(folder.appendingPathComponent("test_input.npy").path). Expected \(String(repeating: "1", count: 64)), got \(good).")
    }
}
