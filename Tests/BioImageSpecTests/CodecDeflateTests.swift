import Foundation
import Testing
@testable import BioImageSpec

@Suite("Deflate")
struct CodecDeflateTests {
    /// Inputs of the kinds packages hold: empty, tiny, text, runs, random (incompressible), mixed.
    static let inputs: [(String, [UInt8])] = {
        var list: [(String, [UInt8])] = [
            ("empty", []), ("one byte", [42]), ("two bytes", [1, 1]), ("abc", Array("abc".utf8)),
            ("zeros 100k", [UInt8](repeating: 0, count: 100_000)),
            ("pattern", Array(String(repeating: "ab", count: 40_000).utf8)),
            ("random 70k", CodecFixtures.splitMix64Bytes(seed: 3, count: 70_000)),
        ]
        // Text: the zlib fixture's YAML input, inflated by the (separately tested) inflater.
        if let data = try? Data(contentsOf: CodecFixtures.directory.appendingPathComponent("inflate/text-level9.deflate")),
           let text = try? [UInt8](data).withUnsafeBytes({ try Inflate.decompress($0, limit: 1 << 24) }) {
            list.append(("yaml text", text))
            list.append(("text x40", Array([[UInt8]](repeating: text, count: 40).joined())))
        }
        // Mixed: text, random and small-integer records interleaved.
        var mixed = [UInt8]()
        let noise = CodecFixtures.splitMix64Bytes(seed: 8, count: 200_000)
        var k = 0
        while mixed.count < 200_000 {
            switch k % 3 {
            case 0: mixed += Array("layer_\(k).weight: shape [\(k % 64), 3, 3]\n".utf8)
            case 1: mixed += noise[(k * 31) % 190_000..<((k * 31) % 190_000 + Int(noise[k % 1000]) % 64)]
            default: mixed += (0..<32).map { UInt8(truncatingIfNeeded: ($0 * k) % 7) }
            }
            k += 1
        }
        list.append(("mixed 200k", mixed))
        return list
    }()

    @Test("every level round-trips through our inflater", arguments: 0...9)
    func roundTrip(level: Int) throws {
        for (name, input) in Self.inputs {
            let compressed = input.withUnsafeBytes { Deflate.compress($0, level: level) }
            let output = try compressed.withUnsafeBytes { try Inflate.decompress($0, limit: input.count) }
            #expect(output == input, "\(name) at level \(level)")
            if level == 0 {
                #expect(compressed.count <= input.count + 5 * (input.count / 65535 + 1) + 2)
            }
            if name == "zeros 100k" && level > 0 { #expect(compressed.count < 1000) }
            if name == "random 70k" { #expect(compressed.count <= 70_000 + 5 * 8, "stored fallback") }
        }
    }

    @Test("higher levels do not compress text worse than level 1")
    func levelsOrder() throws {
        guard let text = Self.inputs.first(where: { $0.0 == "text x40" })?.1 else { return }
        let sizes = (1...9).map { level in text.withUnsafeBytes { Deflate.compress($0, level: level).count } }
        #expect(sizes[8] <= sizes[0])
        #expect(sizes[5] < text.count / 10)
    }

    /// Streams our deflate wrote earlier, checked with Python's zlib by Scripts/gen_codec_fixtures.py
    /// (see Fixtures/codecs/README.md): our inflater must agree on them too.
    @Test("our committed streams (verified by zlib) inflate to their recorded digest")
    func committedStreams() throws {
        let url = CodecFixtures.directory.appendingPathComponent("ours/manifest.json")
        let entries = (try JSONSerialization.jsonObject(with: Data(contentsOf: url))) as? [[String: Any]] ?? []
        #expect(entries.count >= 10)
        for entry in entries {
            let file = entry["file"] as? String ?? ""
            let stream = [UInt8](try Data(contentsOf: CodecFixtures.directory.appendingPathComponent("ours/" + file)))
            let output = try stream.withUnsafeBytes { try Inflate.decompress($0, limit: 1 << 26) }
            #expect(output.count == entry["size"] as? Int, "\(file)")
            #expect(SHA256.hash(data: output).hexString == entry["sha256"] as? String, "\(file)")
        }
    }
}
