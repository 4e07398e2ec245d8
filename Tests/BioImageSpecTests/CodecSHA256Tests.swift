import Foundation
import Testing
@testable import BioImageSpec

@Suite("SHA-256")
struct CodecSHA256Tests {
    /// FIPS 180-2 appendix B examples (the NIST short and long messages).
    @Test("NIST examples", arguments: [
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        ("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
         "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"),
    ])
    func nistExamples(message: String, expected: String) {
        #expect(SHA256.hash(data: Array(message.utf8)).hexString == expected)
    }

    @Test("one million 'a' (FIPS 180-2 B.3), fed in uneven chunks")
    func millionA() {
        let chunk = [UInt8](repeating: UInt8(ascii: "a"), count: 1000)
        var hasher = SHA256()
        var fed = 0
        var size = 1
        while fed < 1_000_000 {
            let n = min(size, 1_000_000 - fed, chunk.count)
            hasher.update(data: chunk[0..<n])
            fed += n
            size = size % 997 + 13
        }
        #expect(hasher.finalize().hexString == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test("agrees with hashlib on SplitMix64 inputs of many lengths")
    func hashlibDigests() throws {
        let cases = try CodecFixtures.json("hashes.json")["cases"] as? [[String: Any]] ?? []
        #expect(cases.count > 250)
        for entry in cases {
            let seed = entry["seed"] as? Int ?? -1
            let length = entry["length"] as? Int ?? -1
            let expected = entry["sha256"] as? String ?? ""
            let data = CodecFixtures.splitMix64Bytes(seed: UInt64(seed), count: length)
            #expect(SHA256.hash(data: data).hexString == expected, "length \(length)")
            if length > 1000 {
                // Streaming in pieces that straddle block boundaries gives the same digest.
                var hasher = SHA256()
                var offset = 0
                var step = 1
                while offset < length {
                    let end = min(length, offset + step)
                    data[offset..<end].withUnsafeBytes { hasher.update(bytes: $0) }
                    offset = end
                    step = (step * 7 + 5) % 70_001
                }
                #expect(hasher.finalize().hexString == expected, "streamed, length \(length)")
            }
        }
    }

    @Test("finalize leaves the hasher usable; digests compare and print as hex")
    func digestValue() throws {
        var hasher = SHA256()
        hasher.update(data: Array("ab".utf8))
        _ = hasher.finalize()
        hasher.update(data: Array("c".utf8))
        let digest = hasher.finalize()
        #expect(digest.description == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(digest.bytes.count == 32)
        #expect(SHA256Digest(hexString: digest.hexString.uppercased()) == digest)
        #expect(SHA256Digest(hexString: "xyz") == nil)
        #expect(SHA256.hash(data: Data("abc".utf8)) == digest)
    }
}
