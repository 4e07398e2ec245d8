import Foundation

/// Command-line options every benchmark executable receives from `Scripts/bench.sh`.
public struct BenchOptions: Sendable {
    /// Folder with the input data the area's `*_data.py` script wrote (shared with the reference side).
    public var dataDirectory: URL
    /// The `shared/` folder beside the checkout (corpus, ONNX node tests).
    public var sharedDirectory: URL

    /// Reads `--data DIR` and `--shared DIR` from the process arguments.
    public static func fromCommandLine() -> BenchOptions {
        var data = FileManager.default.currentDirectoryPath
        var shared = "../shared"
        var arguments = CommandLine.arguments.dropFirst().makeIterator()
        while let argument = arguments.next() {
            switch argument {
            case "--data": data = arguments.next() ?? data
            case "--shared": shared = arguments.next() ?? shared
            default: break
            }
        }
        return BenchOptions(
            dataDirectory: URL(fileURLWithPath: data), sharedDirectory: URL(fileURLWithPath: shared))
    }
}

/// Measures `body` the way the Python side does: a warm-up call, then the best of `repeats` runs
/// (each run may loop `inner` times; the reported time is per call).
public func measure(repeats: Int = 5, inner: Int = 1, _ body: () throws -> Void) rethrows -> Double {
    try body()
    var best = Double.infinity
    for _ in 0..<max(1, repeats) {
        let start = DispatchTime.now().uptimeNanoseconds
        for _ in 0..<max(1, inner) { try body() }
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 / Double(max(1, inner))
        best = min(best, elapsed)
    }
    return best
}

/// Prints one result row as the JSON line `Scripts/bench/merge.py` reads.
public func report(_ name: String, seconds: Double) {
    let escaped = name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    print("{\"name\": \"\(escaped)\", \"ours_s\": \(seconds)}")
}

/// Keeps a value alive so the optimiser cannot drop the work that produced it.
@inline(never)
public func blackHole<T>(_ value: T) {
    withExtendedLifetime(value) {}
}
