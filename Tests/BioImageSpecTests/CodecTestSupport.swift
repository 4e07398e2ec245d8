import Foundation

/// Fixture locations and deterministic inputs shared by the codec tests.
enum CodecFixtures {
    /// `Fixtures/codecs` in the repository, found from this file's path.
    static let directory: URL = {
        var url = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.appendingPathComponent("Fixtures/codecs")
    }()

    /// Reads a JSON fixture as a dictionary.
    static func json(_ name: String) throws -> [String: Any] {
        let data = try Data(contentsOf: directory.appendingPathComponent(name))
        return (try JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
    }

    /// `count` bytes of SplitMix64 output started at `seed`, little-endian; the same generator as
    /// `splitmix64_bytes` in `Scripts/gen_codec_fixtures.py`.
    static func splitMix64Bytes(seed: UInt64, count: Int) -> [UInt8] {
        var state = seed
        var out = [UInt8](repeating: 0, count: count)
        var index = 0
        while index < count {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            z ^= z >> 31
            for byte in 0..<8 where index < count {
                out[index] = UInt8(truncatingIfNeeded: z >> (8 * UInt64(byte)))
                index += 1
            }
        }
        return out
    }

    /// Bytes from a hexadecimal string.
    static func bytes(hex: String) -> [UInt8] {
        let digits = Array(hex.utf8)
        var out = [UInt8]()
        var i = 0
        while i + 1 < digits.count {
            out.append(UInt8(String(decoding: digits[i...i + 1], as: UTF8.self), radix: 16) ?? 0)
            i += 2
        }
        return out
    }
}
