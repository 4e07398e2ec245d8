// ONNX benchmarks: the Swift side of `Scripts/bench.sh onnx`. Each row runs the model of the same
// name in Scripts/bench/onnx.py (onnxruntime) on the same input (written by Scripts/bench/onnx_data.py):
// the bioimage.io nuclei UNet at 512² and 1024², its largest Conv+Relu layers alone, and a 1024³
// MatMul, with 1 and 2 threads.
//
// Every configuration runs in a fresh child process (this executable with `--row N`) so the
// "[peak MB]" row is that configuration's own peak resident memory (VmHWM, in MB, printed in the
// seconds field: lower is better, so the printed ratio reads like a speedup).
import BenchSupport
import BioImageONNX
import BioImageTensor
import Foundation

struct Configuration {
    var name: String
    var model: String
    var input: String
    var threads: Int
    var repeats: Int
}

var configurations: [Configuration] = []
for threads in [1, 2] {
    configurations.append(.init(name: "unet 512x512 \(threads) thread(s)", model: "unet.onnx", input: "unet_512.npy", threads: threads, repeats: 5))
    configurations.append(.init(name: "unet 1024x1024 \(threads) thread(s)", model: "unet.onnx", input: "unet_1024.npy", threads: threads, repeats: 3))
    for (cin, cout) in [(16, 16), (32, 16), (64, 32)] {
        configurations.append(.init(name: "conv3x3+relu \(cin)->\(cout) 512x512 \(threads) thread(s)", model: "conv_\(cin)_\(cout).onnx",
                                    input: "conv_\(cin).npy", threads: threads, repeats: 5))
    }
    configurations.append(.init(name: "matmul 1024^3 \(threads) thread(s)", model: "matmul.onnx", input: "matmul_a.npy", threads: threads, repeats: 5))
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("bench-onnx: \(message)\n".utf8))
    exit(1)
}

/// The peak resident set of this process in megabytes (`VmHWM` in /proc/self/status).
func peakMegabytes() -> Double {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return .nan }
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        let fields = line.split(separator: " ", omittingEmptySubsequences: true)
        if fields.count >= 2, let kilobytes = Double(fields[1]) { return kilobytes / 1024 }
    }
    return .nan
}

func runRow(_ configuration: Configuration, options: BenchOptions) {
    let directory = options.dataDirectory
    do {
        let model = try ONNXModel(contentsOf: directory.appendingPathComponent(configuration.model))
        let input = try NPY.read(contentsOf: directory.appendingPathComponent(configuration.input))
        guard let name = model.inputs.first?.name else { fail("\(configuration.model) has no inputs") }
        let seconds = try measure(repeats: configuration.repeats) {
            blackHole(try model.run([name: input], threads: configuration.threads))
        }
        report(configuration.name, seconds: seconds)
        report("\(configuration.name) [peak MB]", seconds: peakMegabytes())
    } catch {
        fail("\(configuration.name): \(error)")
    }
}

let options = BenchOptions.fromCommandLine()
let arguments = CommandLine.arguments
if let flag = arguments.firstIndex(of: "--row"), flag + 1 < arguments.count, let index = Int(arguments[flag + 1]),
   configurations.indices.contains(index) {
    runRow(configurations[index], options: options)
} else {
    for index in configurations.indices {
        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/proc/self/exe")
        child.arguments = Array(arguments.dropFirst()) + ["--row", String(index)]
        let pipe = Pipe()
        child.standardOutput = pipe
        do { try child.run() } catch { fail("cannot start a child for \(configurations[index].name): \(error)") }
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        child.waitUntilExit()
        FileHandle.standardOutput.write(output)
        if child.terminationStatus != 0 {
            FileHandle.standardError.write(Data("bench-onnx: \(configurations[index].name) failed (status \(child.terminationStatus))\n".utf8))
        }
    }
}
