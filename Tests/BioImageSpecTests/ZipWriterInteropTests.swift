import Foundation
import Testing
@testable import BioImageSpec

/// Archives written by `ZipWriter` for Python's `zipfile` to verify.
///
/// With `ZIP_WRITER_CHECK_DIR=DIR swift test --filter ZipWriterInteropTests` the archives and a JSON
/// sidecar each (entry names, content recipes, SHA-256) are written to `DIR`; then
/// `python3 Scripts/gen_zip_fixtures.py check DIR` reads them with `zipfile`, regenerates every entry
/// from its recipe, and records the verdict in `Fixtures/zip/writer-check.json`, which this suite checks.
@Suite struct ZipWriterInteropTests {
    struct Item: Codable, Sendable {
        var name: String
        var length: Int
        var seed: Int
        var method: Int
        var sha256: String?
    }

    struct Case: Codable, Sendable, CustomStringConvertible {
        var archive: String
        var level: Int?  // nil: stored
        var zip64: Bool
        var zip64Threshold: Int?
        var comment: String
        var entries: [Item]
        var description: String { archive }
    }

    struct CheckResult: Decodable {
        var archive: String
        var ok: Bool
        var sha256: String?
    }

    struct CheckFile: Decodable {
        var allOK: Bool
        var results: [CheckResult]
    }

    static let items: [Item] = [
        Item(name: "rdf.yaml", length: 6000, seed: -1, method: 0),
        Item(name: "weights/model.bin", length: 50_000, seed: 11, method: 0),
        Item(name: "test_input.npy", length: 1, seed: 5, method: 0),
        Item(name: "empty.txt", length: 0, seed: 0, method: 0),
        Item(name: "données/µ-ß.txt", length: 300, seed: -1, method: 0),
        Item(name: "docs/", length: 0, seed: 0, method: 0),
    ]

    static let cases: [Case] = [
        Case(archive: "writer-stored.zip", level: nil, zip64: false, comment: "", entries: items),
        Case(archive: "writer-deflate-0.zip", level: 0, zip64: false, comment: "", entries: items),
        Case(archive: "writer-deflate-1.zip", level: 1, zip64: false, comment: "", entries: items),
        Case(archive: "writer-deflate-6.zip", level: 6, zip64: false, comment: "bioimage.io", entries: items),
        Case(archive: "writer-deflate-9.zip", level: 9, zip64: false, comment: "", entries: items),
        Case(archive: "writer-zip64-forced.zip", level: 1, zip64: true, comment: "", entries: items),
        Case(archive: "writer-zip64-threshold.zip", level: nil, zip64: false, zip64Threshold: 1000, comment: "", entries: items),
        // More than 65 535 entries: the entry count needs the zip64 end record.
        Case(
            archive: "writer-65537-entries.zip", level: nil, zip64: false, comment: "",
            entries: (0..<65_537).map { Item(name: "e/\($0)", length: $0 % 3, seed: $0, method: 0) }),
    ]

    /// Builds the archive for `spec`, returning it and the entries with methods and digests filled in.
    static func build(_ spec: Case) throws -> (Data, [Item]) {
        var writer = ZipWriter()
        writer.forceZip64 = spec.zip64
        writer.comment = spec.comment
        if let threshold = spec.zip64Threshold { writer.zip64Threshold = threshold }
        var items: [Item] = []
        for var item in spec.entries {
            let body = ZipFixtures.pattern(length: item.length, seed: item.seed)
            if item.name.hasSuffix("/") {
                try writer.addDirectory(name: item.name)
                item.method = 0
            } else if let level = spec.level {
                try writer.add(name: item.name, data: body, method: .deflated(level: level))
                item.method = 8
            } else {
                try writer.add(name: item.name, data: body, method: .stored)
                item.method = 0
            }
            item.sha256 = SHA256.hash(data: body).hexString
            items.append(item)
        }
        return (writer.archiveData(), items)
    }

    @Test(arguments: cases)
    func writesArchiveThatReadsBack(_ spec: Case) throws {
        let (data, items) = try Self.build(spec)
        let archive = try ZipArchive(data: data)
        #expect(archive.entries.map(\.name) == items.map(\.name))
        for item in items.count > 1000 ? Array(items.suffix(10)) : items {
            #expect(try archive.contents(named: item.name) == ZipFixtures.pattern(length: item.length, seed: item.seed))
        }
        if let folder = ProcessInfo.processInfo.environment["ZIP_WRITER_CHECK_DIR"] {
            let dir = URL(fileURLWithPath: folder)
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            try data.write(to: dir.appendingPathComponent(spec.archive))
            var sidecar = spec
            sidecar.entries = items
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try encoder.encode(sidecar).write(to: dir.appendingPathComponent(spec.archive + ".json"))
        }
    }

    @Test func pythonZipfileAcceptedEveryWrittenArchive() throws {
        let url = ZipFixtures.folder.appendingPathComponent("writer-check.json")
        let check = try JSONDecoder().decode(CheckFile.self, from: Data(contentsOf: url))
        #expect(check.allOK)
        let results = Dictionary(check.results.map { ($0.archive, $0) }, uniquingKeysWith: { a, _ in a })
        for spec in Self.cases {
            let result = try #require(results[spec.archive], "re-run the check: \(spec.archive) is not in writer-check.json")
            #expect(result.ok, "\(spec.archive)")
            // Stored archives do not depend on the deflate encoder's choices: the bytes Python checked are ours.
            // (The 65 537-entry archive is rebuilt only by `writesArchiveThatReadsBack`, to keep the suite fast.)
            if spec.level == nil, spec.entries.count < 1000, let digest = result.sha256 {
                let (data, _) = try Self.build(spec)
                #expect(SHA256.hash(data: data).hexString == digest, "\(spec.archive) changed since the Python check")
            }
        }
    }
}
