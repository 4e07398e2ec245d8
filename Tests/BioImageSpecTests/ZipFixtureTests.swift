import Foundation
import Testing
@testable import BioImageSpec

/// Reads the archives Python's `zipfile` wrote and compares with what `zipfile` read from them.
@Suite struct ZipFixtureTests {
    @Test(arguments: ZipFixtures.manifest.valid)
    func readsValidArchive(_ fixture: ZipFixtures.Valid) throws {
        let archive = try ZipArchive(contentsOf: ZipFixtures.folder.appendingPathComponent("valid/\(fixture.file)"))
        #expect(archive.entries.map(\.name) == fixture.entries.map(\.name))
        #expect(archive.comment == fixture.comment)
        for expected in fixture.entries {
            let entry = try #require(archive.entry(named: expected.name))
            #expect(entry.isDirectory == expected.isDirectory)
            #expect(entry.uncompressedSize == expected.size)
            #expect(entry.compressedSize == expected.compressedSize)
            #expect(Int(entry.method) == expected.method)
            #expect(entry.crc32 == expected.crc32)
            let body = try archive.contents(of: entry)
            #expect(SHA256.hash(data: body).hexString == expected.sha256, "\(expected.name)")
        }
    }

    @Test func manifestIsPresent() {
        #expect(ZipFixtures.manifest.valid.count >= 10)
        #expect(ZipFixtures.manifest.hostile.count >= 30)
    }

    @Test(arguments: ZipFixtures.manifest.hostile)
    func rejectsHostileArchive(_ fixture: ZipFixtures.Hostile) throws {
        let data = try ZipFixtures.data("hostile", fixture.file)
        let expected = ZipError.Code(rawValue: fixture.code)
        if fixture.stage == "open" {
            let error = #expect(throws: ZipError.self) { try ZipArchive(data: data, limits: fixture.zipLimits) }
            #expect(error?.code == expected, "\(error.map { String(describing: $0) } ?? "no error")")
        } else {
            let archive = try ZipArchive(data: data, limits: fixture.zipLimits)
            let entry = try #require(archive.entry(named: fixture.entry ?? ""))
            let error = #expect(throws: ZipError.self) { try archive.contents(of: entry) }
            #expect(error?.code == expected, "\(error.map { String(describing: $0) } ?? "no error")")
            // Extraction stops at the bad entry, and never writes outside the target.
            let target = try ZipFixtures.temporaryFolder()
            defer { try? FileManager.default.removeItem(at: target) }
            #expect(throws: ZipError.self) { try archive.extract(to: target.appendingPathComponent("out")) }
            let outside = try FileManager.default.contentsOfDirectory(atPath: target.path)
            #expect(outside.allSatisfy { $0 == "out" })
        }
    }

    @Test func unsupportedMethodErrorNamesTheMethod() throws {
        for (file, number, name) in [("method-bzip2.zip", 12, "bzip2"), ("method-lzma.zip", 14, "lzma"), ("method-zstd.zip", 93, "zstd")] {
            let archive = try ZipArchive(data: ZipFixtures.data("hostile", file))
            let entry = try #require(archive.entries.first)
            let error = #expect(throws: ZipError.self) { try archive.contents(of: entry) }
            #expect(error?.message.contains("method \(number) (\(name))") == true, "\(error?.message ?? "")")
        }
    }

    @Test func hostileNamesFailAtOpenSoNothingCanBeExtracted() throws {
        let target = try ZipFixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: target) }
        let nameCases = ZipFixtures.manifest.hostile.filter {
            ["path-traversal", "absolute-path", "drive-letter-path", "invalid-entry-name"].contains($0.code)
        }
        #expect(nameCases.count >= 10)
        for fixture in nameCases {
            // There is no archive value to extract from: opening already fails.
            #expect(throws: ZipError.self) { try ZipArchive(data: ZipFixtures.data("hostile", fixture.file)) }
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: target.path).isEmpty)
    }

    @Test func extractsValidArchiveInsideTarget() throws {
        let target = try ZipFixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: target) }
        let archive = try ZipArchive(data: ZipFixtures.data("valid", "directories.zip"))
        let written = try archive.extract(to: target.appendingPathComponent("pkg"))
        #expect(written.count == 2)
        let nested = target.appendingPathComponent("pkg/dir/sub/file.txt")
        #expect(try Data(contentsOf: nested) == Data("nested file\n".utf8))
        var isDirectory: ObjCBool = false
        #expect(FileManager.default.fileExists(atPath: target.appendingPathComponent("pkg/other").path, isDirectory: &isDirectory))
        #expect(isDirectory.boolValue)
    }

    @Test func forgedHugeSizeNeverAllocatesIt() throws {
        // 10 bytes of deflate data declared as 4 GiB − 2: refused at open by the ratio limit; with the
        // ratio limit lifted, reading stops at the real end of the stream with a size mismatch.
        let data = try ZipFixtures.data("hostile", "forged-size-huge.zip")
        var limits = ZipLimits()
        limits.maxCompressionRatio = .infinity
        let archive = try ZipArchive(data: data, limits: limits)
        let entry = try #require(archive.entries.first)
        #expect(entry.uncompressedSize == 0xFFFF_FFFE)
        let error = #expect(throws: ZipError.self) { try archive.contents(of: entry) }
        #expect(error?.code == .sizeMismatch)
    }

    @Test func mutatedArchivesNeverCrash() throws {
        // Flip, truncate and splice bytes of valid archives: every outcome is success or a ZipError.
        var generator = ZipMutationRandom(seed: 0x5EED)
        for file in ["deflate-level6.zip", "zip64-end-record.zip", "data-descriptor.zip", "directories.zip"] {
            let original = [UInt8](try ZipFixtures.data("valid", file))
            for round in 0..<150 {
                var bytes = original
                switch round % 3 {
                case 0:
                    for _ in 0..<(1 + Int(generator.next() % 4)) {
                        bytes[Int(generator.next() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: generator.next())
                    }
                case 1:
                    bytes.removeLast(Int(generator.next() % UInt64(bytes.count)))
                default:
                    let at = Int(generator.next() % UInt64(max(bytes.count - 4, 1)))
                    let value = [UInt32(0xFFFF_FFFF), 0x7FFF_FFFF, 0, 0x0001_0000][Int(generator.next() % 4)]
                    for k in 0..<4 where at + k < bytes.count { bytes[at + k] = UInt8(truncatingIfNeeded: value >> (8 * UInt32(k))) }
                }
                guard let archive = try? ZipArchive(data: Data(bytes)) else { continue }
                for entry in archive.entries { _ = try? archive.contents(of: entry) }
            }
        }
    }
}

/// A small deterministic generator for the mutation test.
struct ZipMutationRandom {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
