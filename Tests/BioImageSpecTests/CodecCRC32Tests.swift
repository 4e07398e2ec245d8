import Foundation
import Testing
@testable import BioImageSpec

@Suite("CRC-32")
struct CodecCRC32Tests {
    @Test("check value of \"123456789\" (0xCBF43926, the zip/PNG CRC catalogue entry)")
    func checkValue() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(CRC32.checksum([UInt8]()) == 0)
    }

    @Test("agrees with zlib.crc32 on SplitMix64 inputs, whole and streamed")
    func zlibValues() throws {
        let cases = try CodecFixtures.json("hashes.json")["cases"] as? [[String: Any]] ?? []
        #expect(cases.count > 250)
        for entry in cases {
            let seed = entry["seed"] as? Int ?? -1
            let length = entry["length"] as? Int ?? -1
            let expected = UInt32(entry["crc32"] as? Int ?? -1)
            let data = CodecFixtures.splitMix64Bytes(seed: UInt64(seed), count: length)
            #expect(CRC32.checksum(data) == expected, "length \(length)")
            var crc = CRC32()
            let cut = length / 3
            data[0..<cut].withUnsafeBytes { crc.update(bytes: $0) }
            data[cut...].withUnsafeBytes { crc.update(bytes: $0) }
            #expect(crc.value == expected, "streamed, length \(length)")
        }
    }
}
