import Foundation
import Testing
@testable import BioImageSpec

/// Writes archives with `ZipWriter` and reads them back with `ZipArchive`.
@Suite struct ZipWriterTests {
    static let contents: [(String, Data)] = [
        ("rdf.yaml", ZipFixtures.pattern(length: 5000, seed: -1)),
        ("weights/model.bin", ZipFixtures.pattern(length: 70_000, seed: 3)),
        ("empty.txt", Data()),
        ("données/ß.txt", Data("unicode name".utf8)),
    ]

    @Test(arguments: [ZipWriter.Method.stored, .deflated(level: 0), .deflated(level: 1), .deflated(level: 6), .deflated(level: 9)])
    func roundTrips(_ method: ZipWriter.Method) throws {
        var writer = ZipWriter()
        writer.comment = "written by ZipWriterTests"
        for (name, data) in Self.contents { try writer.add(name: name, data: data, method: method) }
        try writer.addDirectory(name: "folder")
        let archive = try ZipArchive(data: writer.archiveData())
        #expect(archive.entries.map(\.name) == Self.contents.map(\.0) + ["folder/"])
        #expect(archive.comment == "written by ZipWriterTests")
        for (name, data) in Self.contents {
            #expect(try archive.contents(named: name) == data, "\(name)")
            #expect(archive.entry(named: name)?.crc32 == CRC32.checksum(data))
        }
        #expect(archive.entry(named: "folder/")?.isDirectory == true)
        #expect(archive.entry(named: "données/ß.txt").map { $0.flags & (1 << 11) != 0 } == true)
        #expect(archive.entry(named: "rdf.yaml").map { $0.flags & (1 << 11) == 0 } == true)
    }

    @Test func forcedZip64RoundTrips() throws {
        var writer = ZipWriter()
        writer.forceZip64 = true
        for (name, data) in Self.contents { try writer.add(name: name, data: data, method: .deflated(level: 1)) }
        let bytes = [UInt8](writer.archiveData())
        // A zip64 end record and locator precede the classic end record.
        let eocd = bytes.count - 22
        #expect(Array(bytes[(eocd - 20)..<(eocd - 16)]) == [0x50, 0x4B, 0x06, 0x07])
        #expect(Array(bytes[(eocd - 76)..<(eocd - 72)]) == [0x50, 0x4B, 0x06, 0x06])
        let archive = try ZipArchive(data: Data(bytes))
        for (name, data) in Self.contents { #expect(try archive.contents(named: name) == data) }
    }

    @Test func lowThresholdExercisesZip64SizesAndOffsets() throws {
        // Simulates ≥ 4 GiB sizes and offsets: every size and offset ≥ 100 bytes takes the zip64 path.
        var writer = ZipWriter()
        writer.zip64Threshold = 100
        for (name, data) in Self.contents { try writer.add(name: name, data: data, method: .stored) }
        let data = writer.archiveData()
        let archive = try ZipArchive(data: data)
        #expect(archive.entries.map(\.localHeaderOffset) == writer.entries.map(\.localHeaderOffset))
        #expect(archive.entries.last.map { $0.localHeaderOffset > 100 } == true)
        for (name, body) in Self.contents { #expect(try archive.contents(named: name) == body) }
    }

    @Test func forgedZip64SizesAreReadAndChecked() throws {
        // A zip64 central record claiming 5 GiB: parsed exactly, refused by the limits, and with the limits
        // lifted the stored data (6 bytes) is reported as a size mismatch, never allocated.
        var writer = ZipWriter()
        writer.forceZip64 = true
        try writer.add(name: "big.bin", data: Data("abcdef".utf8), method: .stored)
        var bytes = [UInt8](writer.archiveData())
        let central = try #require(Self.find([0x50, 0x4B, 0x01, 0x02], in: bytes))
        let extra = central + 46 + "big.bin".utf8.count
        let fake: UInt64 = 5 << 30
        for k in 0..<8 { bytes[extra + 4 + k] = UInt8(truncatingIfNeeded: fake >> (8 * UInt64(k))) }
        let error = #expect(throws: ZipError.self) { try ZipArchive(data: Data(bytes)) }
        #expect(error?.code == .compressionRatioExceeded)
        var limits = ZipLimits()
        limits.maxEntrySize = 4 << 30
        #expect((#expect(throws: ZipError.self) { try ZipArchive(data: Data(bytes), limits: limits) })?.code == .entryTooLarge)
        let archive = try ZipArchive(data: Data(bytes), limits: .unlimited)
        #expect(archive.entries.first?.uncompressedSize == 5 << 30)
        let readError = #expect(throws: ZipError.self) { try archive.contents(named: "big.bin") }
        #expect(readError?.code == .sizeMismatch)
    }

    @Test func moreThan65535EntriesUseZip64EndRecord() throws {
        var writer = ZipWriter()
        for i in 0..<65_537 { try writer.add(name: "e/\(i)", data: Data(), method: .stored) }
        let data = writer.archiveData()
        let archive = try ZipArchive(data: data)
        #expect(archive.entries.count == 65_537)
        #expect(archive.entries.last?.name == "e/65536")
        var limits = ZipLimits()
        limits.maxEntries = 65_536
        #expect((#expect(throws: ZipError.self) { try ZipArchive(data: data, limits: limits) })?.code == .tooManyEntries)
    }

    @Test func isDeterministicWithFixedTimestamp() throws {
        func build() throws -> Data {
            var writer = ZipWriter()
            for (name, data) in Self.contents { try writer.add(name: name, data: data) }
            return writer.archiveData()
        }
        #expect(try build() == build())
        var writer = ZipWriter()
        writer.modification = ZipDOSDateTime(year: 2024, month: 5, day: 17, hour: 12, minute: 30, second: 42)
        try writer.add(name: "a", data: Data("x".utf8))
        let entry = try #require(try ZipArchive(data: writer.archiveData()).entries.first)
        let m = entry.modification
        #expect(m.year == 2024 && m.month == 5 && m.day == 17)
        #expect(m.hour == 12 && m.minute == 30 && m.second == 42)
        // 1715949042 s after the Unix epoch is 2024-05-17 12:30:42 UTC (Python's datetime.fromtimestamp).
        #expect(ZipDOSDateTime(Date(timeIntervalSince1970: 1_715_949_042)) == writer.modification)
        // The fixtures' entries carry (2024, 5, 17, 12, 30, 42) as written by Python's zipfile.
        let fixture = try ZipArchive(data: ZipFixtures.data("valid", "stored.zip"))
        #expect(fixture.entries.allSatisfy { $0.modification == writer.modification })
    }

    @Test func rejectsUnsafeAndDuplicateNames() throws {
        var writer = ZipWriter()
        let cases: [(String, ZipError.Code)] = [
            ("../x", .pathTraversal), ("a/../../x", .pathTraversal), ("a\\..\\..\\x", .pathTraversal),
            ("/abs", .absolutePath), ("\\abs", .absolutePath), ("C:/x", .driveLetterPath), ("d:\\x", .driveLetterPath),
            ("", .invalidEntryName), ("a\u{0}b", .invalidEntryName),
        ]
        for (name, code) in cases {
            let error = #expect(throws: ZipError.self) { try writer.add(name: name, data: Data()) }
            #expect(error?.code == code, "\(name.debugDescription)")
        }
        try writer.add(name: "a.txt", data: Data())
        #expect((#expect(throws: ZipError.self) { try writer.add(name: "a.txt", data: Data()) })?.code == .duplicateEntryName)
        #expect((#expect(throws: ZipError.self) { try writer.add(name: "d/", data: Data("x".utf8)) })?.code == .invalidArgument)
        // Names that merely contain dots are fine.
        try writer.add(name: "..hidden/...x", data: Data())
        try writer.add(name: "a..b/c.", data: Data())
        #expect(writer.entries.count == 3)
    }

    @Test func writeIsAtomic() throws {
        let folder = try ZipFixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("package.zip")
        var writer = ZipWriter()
        try writer.add(name: "one.txt", data: Data("one".utf8))
        try writer.write(to: url)
        #expect(try ZipArchive(contentsOf: url).entries.map(\.name) == ["one.txt"])
        try writer.add(name: "two.txt", data: Data("two".utf8))
        try writer.write(to: url)  // replaces the existing file
        #expect(try ZipArchive(contentsOf: url).entries.map(\.name) == ["one.txt", "two.txt"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["package.zip"])
        // A failing write (the folder does not exist) leaves nothing behind.
        let missing = folder.appendingPathComponent("no/such/folder/p.zip")
        #expect((#expect(throws: ZipError.self) { try writer.write(to: missing) })?.code == .ioFailure)
        // Writing over a directory fails and leaves the directory and no temporary file.
        let directory = folder.appendingPathComponent("taken.zip")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: false)
        #expect(throws: ZipError.self) { try writer.write(to: directory) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["package.zip", "taken.zip"])
    }

    static func find(_ pattern: [UInt8], in bytes: [UInt8]) -> Int? {
        guard bytes.count >= pattern.count else { return nil }
        return (0...(bytes.count - pattern.count)).first { bytes[$0..<($0 + pattern.count)].elementsEqual(pattern) }
    }
}
