import BenchSupport
import BioImageSpec
import BioImageYAML
import Foundation

// Validates every corpus description that the reference can read (format only), from the file
// bytes to the validation summary, as `Scripts/bench/spec.py` does with bioimageio.spec.

let options = BenchOptions.fromCommandLine()
let corpus = options.sharedDirectory.appendingPathComponent("corpus")
let listURL = options.dataDirectory.appendingPathComponent("files.txt")
guard let list = try? String(contentsOf: listURL, encoding: .utf8) else {
    FileHandle.standardError.write(Data("bench-spec: \(listURL.path) missing (written by Scripts/bench/spec_data.py)\n".utf8))
    exit(1)
}
let files = list.split(separator: "\n").map { corpus.appendingPathComponent(String($0)) }
let contents = files.compactMap { try? Data(contentsOf: $0) }
FileHandle.standardError.write(Data("bench-spec: \(contents.count) corpus files\n".utf8))

let loader = DescriptionLoader()
// One thread, file after file, as the reference works.
let sequential = measure(repeats: 5) {
    var invalid = 0
    for data in contents {
        guard let document = try? YAMLParser().parse(data) else { invalid += 1; continue }
        if loader.load(document).summary.status == .failed { invalid += 1 }
    }
    blackHole(invalid)
}
report("validate corpus (1 thread)", seconds: sequential)
// The batch API a collection tool would use: the same work spread across the cores.
let batch = measure(repeats: 5) { blackHole(loader.load(documents: contents).count) }
report("validate corpus", seconds: batch)
