// The Swift side of the `yaml` benchmark (run it through `Scripts/bench.sh yaml`).
//
// The file set is the one Scripts/bench/yaml.py times: every corpus file under shared/corpus/rdf and
// shared/corpus/packages that the reference loader (ruyaml, as bioimageio.spec uses it) loads. That
// set is read from Fixtures/yaml/corpus-expected.json (entries with a "value"). The files are read
// into memory once; the row times parsing all of them from UTF-8 bytes.
import BenchSupport
import BioImageYAML
import Foundation

/// The repository root: Benchmarks/Sources/YAMLBenchmarks/main.swift, four levels up.
let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The corpus paths (relative to shared/corpus) the reference loads, from the committed fixture.
func referenceLoadedFiles() throws -> [String] {
    let url = repositoryRoot.appendingPathComponent("Fixtures/yaml/corpus-expected.json")
    let json = try JSONSerialization.jsonObject(with: Data(contentsOf: url))
    guard let files = (json as? [String: Any])?["files"] as? [String: Any] else { return [] }
    return files.compactMap { name, outcome in
        let loaded = (outcome as? [String: Any])?["value"] != nil
        let inScope = name.hasPrefix("rdf/") || name.hasPrefix("packages/")
        return loaded && inScope ? name : nil
    }.sorted()
}

let options = BenchOptions.fromCommandLine()
let corpus = options.sharedDirectory.appendingPathComponent("corpus")
do {
    let texts = try referenceLoadedFiles().map { try [UInt8](Data(contentsOf: corpus.appendingPathComponent($0))) }
    FileHandle.standardError.write(
        Data("bench-yaml: \(texts.count) corpus files, \(texts.reduce(0) { $0 + $1.count }) bytes\n".utf8))
    let parser = YAMLParser()
    let seconds = try measure {
        for text in texts { blackHole(try parser.parse(text)) }
    }
    report("parse corpus", seconds: seconds)
} catch {
    FileHandle.standardError.write(Data("bench-yaml: \(error)\n".utf8))
    exit(1)
}
