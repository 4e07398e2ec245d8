// Swift side of `Scripts/bench.sh packages`: SHA-256, CRC-32, inflate and deflate on the inputs
// Scripts/bench/packages_data.py wrote; Scripts/bench/packages.py times hashlib and zlib on the same
// files and checks that our deflate output (written to the data folder) inflates in zlib.
//
//   bench-packages --data DIR [--shared DIR]
//   bench-packages --write-deflate-fixtures DIR   (writes Fixtures/codecs/ours/, see its README)
import BenchSupport
import BioImageSpec
import Foundation

func readBytes(_ url: URL) -> [UInt8] {
    guard let data = try? Data(contentsOf: url) else {
        FileHandle.standardError.write(Data("bench-packages: cannot read \(url.path)\n".utf8))
        exit(1)
    }
    return [UInt8](data)
}

func writeDeflateFixtures(to directory: URL) throws {
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    var inputs: [(String, [UInt8])] = [("empty", []), ("one-byte", [0x2A])]
    var text = [UInt8]()
    for i in 0..<3000 { text += Array("key_\(i % 97): value \(i * 7 % 13) # comment \(i % 5)\n".utf8) }
    inputs.append(("text", text))
    var state: UInt64 = 1
    var random = [UInt8](repeating: 0, count: 50_000)
    for i in 0..<random.count {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        random[i] = UInt8(truncatingIfNeeded: state >> 56)
    }
    inputs.append(("random", random))
    inputs.append(("runs", (0..<120_000).map { UInt8(($0 / 1000) % 3) }))
    var manifest: [[String: Any]] = []
    for (name, input) in inputs {
        for level in [0, 1, 6, 9] {
            let file = "\(name)-level\(level).deflate"
            let stream = input.withUnsafeBytes { Deflate.compress($0, level: level) }
            try Data(stream).write(to: directory.appendingPathComponent(file))
            manifest.append(["file": file, "size": input.count, "level": level,
                             "sha256": SHA256.hash(data: input).hexString])
        }
    }
    let json = try JSONSerialization.data(withJSONObject: manifest, options: [.prettyPrinted, .sortedKeys])
    try json.write(to: directory.appendingPathComponent("manifest.json"))
}

let arguments = CommandLine.arguments
if let index = arguments.firstIndex(of: "--write-deflate-fixtures"), index + 1 < arguments.count {
    do {
        try writeDeflateFixtures(to: URL(fileURLWithPath: arguments[index + 1]))
    } catch {
        FileHandle.standardError.write(Data("bench-packages: \(error)\n".utf8))
        exit(1)
    }
    exit(0)
}

let options = BenchOptions.fromCommandLine()
let mixed = readBytes(options.dataDirectory.appendingPathComponent("mixed.bin"))
let corpus = readBytes(options.dataDirectory.appendingPathComponent("corpus.bin"))
let corpusDeflated = readBytes(options.dataDirectory.appendingPathComponent("corpus.deflate"))

mixed.withUnsafeBytes { bytes in
    report("sha256", seconds: measure(repeats: 5) { blackHole(SHA256.hash(bytes: bytes)) })
    report("crc32", seconds: measure(repeats: 5) { blackHole(CRC32.checksum(bytes: bytes)) })
}

var inflated: [UInt8] = []
let inflateTime = corpusDeflated.withUnsafeBytes { bytes in
    measure(repeats: 5) {
        do {
            inflated = try Inflate.decompress(bytes, expectedSize: corpus.count, limit: 1 << 34)
        } catch {
            FileHandle.standardError.write(Data("bench-packages: inflate failed: \(error)\n".utf8))
            exit(1)
        }
    }
}
if inflated != corpus {
    FileHandle.standardError.write(Data("bench-packages: inflate does not reproduce corpus.bin\n".utf8))
    exit(1)
}
report("inflate", seconds: inflateTime)

var compressed: [UInt8] = []
let deflateTime = corpus.withUnsafeBytes { bytes in
    measure(repeats: 3) { compressed = Deflate.compress(bytes, level: 6) }
}
report("deflate level 6", seconds: deflateTime)
let ratio = Double(corpus.count) / Double(max(compressed.count, 1))
FileHandle.standardError.write(Data("ours: deflate level 6 \(corpus.count) -> \(compressed.count) bytes (ratio \(String(format: "%.4f", ratio)))\n".utf8))
do {
    try Data(compressed).write(to: options.dataDirectory.appendingPathComponent("ours-level6.deflate"))
} catch {
    FileHandle.standardError.write(Data("bench-packages: cannot write our deflate output: \(error)\n".utf8))
    exit(1)
}
