import Foundation
@testable import BioImageSpec

/// Paths and the Python-made manifest of `Fixtures/zip` (see `Scripts/gen_zip_fixtures.py`).
enum ZipFixtures {
    /// The repository root, found from this file's path (`Tests/BioImageSpecTests/…`).
    static let repositoryRoot: URL = {
        var url = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url
    }()

    /// `Fixtures/zip`.
    static let folder = repositoryRoot.appendingPathComponent("Fixtures/zip")

    struct Entry: Decodable, Sendable {
        var name: String
        var isDirectory: Bool
        var size: Int
        var compressedSize: Int
        var method: Int
        var crc32: UInt32
        var sha256: String
    }

    struct Valid: Decodable, Sendable, CustomStringConvertible {
        var file: String
        var comment: String
        var entries: [Entry]
        var description: String { file }
    }

    struct Hostile: Decodable, Sendable, CustomStringConvertible {
        var file: String
        var code: String
        var stage: String
        var limits: [String: Double]
        var entry: String?
        var description: String { "\(file) → \(code) at \(stage)" + (limits.isEmpty ? "" : " \(limits)") }

        var zipLimits: ZipLimits {
            var result = ZipLimits()
            if let v = limits["maxEntrySize"] { result.maxEntrySize = Int(v) }
            if let v = limits["maxTotalSize"] { result.maxTotalSize = Int(v) }
            if let v = limits["maxEntries"] { result.maxEntries = Int(v) }
            if let v = limits["maxCompressionRatio"] { result.maxCompressionRatio = v }
            return result
        }
    }

    struct Manifest: Decodable, Sendable {
        var valid: [Valid]
        var hostile: [Hostile]
    }

    static let manifest: Manifest = {
        let url = folder.appendingPathComponent("manifest.json")
        guard let data = try? Data(contentsOf: url), let manifest = try? JSONDecoder().decode(Manifest.self, from: data)
        else {
            print("Fixtures/zip/manifest.json is missing or unreadable; run Scripts/gen_zip_fixtures.py generate")
            return Manifest(valid: [], hostile: [])
        }
        return manifest
    }()

    static func data(_ sub: String, _ file: String) throws -> Data {
        try Data(contentsOf: folder.appendingPathComponent(sub).appendingPathComponent(file))
    }

    /// Deterministic content for writer tests, reproduced by the Python check (`pattern` in the script):
    /// byte i = (i·131 + seed·7 + (i >> 8)) & 0xFF, or repeated words when `seed` < 0.
    static func pattern(length: Int, seed: Int) -> Data {
        if seed < 0 {
            let words: [[UInt8]] = ["alpha ", "beta ", "gamma ", "delta\n"].map { Array($0.utf8) }
            var out: [UInt8] = []
            out.reserveCapacity(length + 8)
            var i = 0
            while out.count < length {
                out += words[(i * 7 + (i >> 3)) % 4]
                i += 1
            }
            return Data(out.prefix(length))
        }
        var out = [UInt8](repeating: 0, count: length)
        for i in 0..<length { out[i] = UInt8(truncatingIfNeeded: i &* 131 &+ seed &* 7 &+ (i >> 8)) }
        return Data(out)
    }

    /// A fresh temporary folder.
    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("zip-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
