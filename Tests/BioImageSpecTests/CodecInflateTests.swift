import Foundation
import Testing
@testable import BioImageSpec

@Suite("Inflate")
struct CodecInflateTests {
    struct Stream: Sendable, CustomStringConvertible {
        var name: String, file: String, size: Int, sha256: String, crc32: UInt32
        var description: String { name }
    }

    struct Corrupted: Sendable, CustomStringConvertible {
        var name: String, bytes: [UInt8], code: String
        var description: String { name }
    }

    static let streams: [Stream] = (((try? CodecFixtures.json("inflate.json")) ?? [:])["streams"] as? [[String: Any]] ?? []).map {
        Stream(name: $0["name"] as? String ?? "", file: $0["file"] as? String ?? "", size: $0["size"] as? Int ?? -1,
               sha256: $0["sha256"] as? String ?? "", crc32: UInt32($0["crc32"] as? Int ?? 0))
    }

    static let corrupted: [Corrupted] = (((try? CodecFixtures.json("inflate.json")) ?? [:])["corrupted"] as? [[String: Any]] ?? []).map {
        Corrupted(name: $0["name"] as? String ?? "", bytes: CodecFixtures.bytes(hex: $0["hex"] as? String ?? ""),
                  code: $0["code"] as? String ?? "")
    }

    static func load(_ stream: Stream) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: CodecFixtures.directory.appendingPathComponent(stream.file)))
    }

    @Test("the fixture manifest lists every kind of stream")
    func manifestComplete() {
        #expect(Self.streams.count >= 37)
        #expect(Self.corrupted.count >= 20)
    }

    /// Streams from Python's zlib (all levels, strategies, window sizes, empty, one byte, stored):
    /// our output must have the size, SHA-256 and CRC-32 of zlib's input.
    @Test("inflates zlib's streams to the original", arguments: streams)
    func zlibStreams(stream: Stream) throws {
        let compressed = try Self.load(stream)
        let output = try compressed.withUnsafeBytes { try Inflate.decompress($0, limit: 1 << 30) }
        #expect(output.count == stream.size)
        #expect(SHA256.hash(data: output).hexString == stream.sha256)
        #expect(CRC32.checksum(output) == stream.crc32)
        // An exact or wrong capacity hint changes nothing.
        for hint in [stream.size, 0, 1, Int.max] {
            let again = try compressed.withUnsafeBytes { try Inflate.decompress($0, expectedSize: hint, limit: 1 << 30) }
            #expect(again == output, "hint \(hint)")
        }
    }

    @Test("rejects corrupted streams with the specific error", arguments: corrupted)
    func corruptedStreams(stream: Corrupted) {
        do {
            let output = try stream.bytes.withUnsafeBytes { try Inflate.decompress($0, limit: 1 << 24) }
            Issue.record("\(stream.name) inflated to \(output.count) bytes")
        } catch let error as CompressionError {
            #expect(error.code.rawValue == stream.code)
            #expect(error.offset != nil)
            if let offset = error.offset { #expect(offset >= 0 && offset <= stream.bytes.count * 8) }
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test("every truncation of a valid stream throws instead of crashing or returning")
    func everyTruncation() throws {
        guard let stream = Self.streams.first(where: { $0.name == "text-level6" }) else {
            Issue.record("text-level6 missing"); return
        }
        let compressed = try Self.load(stream)
        for cut in 0..<compressed.count {
            let prefix = Array(compressed[0..<cut])
            #expect(throws: CompressionError.self, "cut at \(cut)") {
                try prefix.withUnsafeBytes { try Inflate.decompress($0, limit: 1 << 24) }
            }
        }
    }

    @Test("random bit flips never crash (they inflate or throw)")
    func bitFlips() throws {
        guard let stream = Self.streams.first(where: { $0.name == "mixed64k-level6" }) else {
            Issue.record("mixed64k-level6 missing"); return
        }
        let original = try Self.load(stream)
        let noise = CodecFixtures.splitMix64Bytes(seed: 99, count: 4 * 400)
        for trial in 0..<400 {
            var damaged = original
            let r = Int(noise[4 * trial]) | Int(noise[4 * trial + 1]) << 8 | Int(noise[4 * trial + 2]) << 16
            damaged[r % damaged.count] ^= 1 << (noise[4 * trial + 3] & 7)
            _ = try? damaged.withUnsafeBytes { try Inflate.decompress($0, limit: 1 << 20) }
        }
    }

    @Test("the output limit stops a bomb with an error, whatever size is claimed")
    func outputLimit() throws {
        guard let stream = Self.streams.first(where: { $0.name == "repetitive-zeros" }) else {
            Issue.record("repetitive-zeros missing"); return
        }
        let compressed = try Self.load(stream)   // 300 000 zero bytes in a few hundred bytes
        for limit in [0, 1, 1000, 299_999] {
            #expect {
                try compressed.withUnsafeBytes { try Inflate.decompress($0, expectedSize: 1 << 62, limit: limit) }
            } throws: { error in
                (error as? CompressionError)?.code == .outputLimitExceeded
            }
        }
        let exact = try compressed.withUnsafeBytes { try Inflate.decompress($0, expectedSize: 1 << 62, limit: 300_000) }
        #expect(exact.count == 300_000)
    }

    @Test("errors describe code, message and position")
    func errorDescription() {
        let error = CompressionError(code: .distanceTooFar, message: "too far", offset: 19)
        #expect(error.description == "distance-too-far: too far (at byte 2, bit 3)")
    }
}
