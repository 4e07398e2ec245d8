// Tensor benchmarks: the Swift side of `Scripts/bench.sh tensor`. Each row runs the operation of the
// same name in Scripts/bench/tensor.py, on the same .npy files (written by Scripts/bench/tensor_data.py).
import BenchSupport
import BioImageTensor
import Foundation

let options = BenchOptions.fromCommandLine()

func load<T: TensorScalar>(_ name: String, as type: T.Type) -> Tensor<T>? {
    let url = options.dataDirectory.appendingPathComponent(name)
    do {
        return try NPY.read(contentsOf: url).tensor(of: T.self)
    } catch {
        FileHandle.standardError.write(Data("bench-tensor: cannot load \(url.path): \(error)\n".utf8))
        return nil
    }
}

for (tag, repeats) in [("2d", 9), ("3d", 5)] {
    guard let x = load("x\(tag).npy", as: Float.self), let u = load("u\(tag).npy", as: UInt8.self) else { exit(1) }
    let spatial = Array(2..<x.rank)
    let pad = [(before: 0, after: 0), (before: 0, after: 0)] + Array(repeating: (before: 32, after: 32), count: x.rank - 2)
    var swap = Array(0..<x.rank)
    swap.swapAt(x.rank - 1, x.rank - 2)
    let gain: Float = 1.7, offset: Float = -0.3
    do {
        report("\(tag) mean+std over spatial axes", seconds: try measure(repeats: repeats) {
            blackHole(try x.meanAndStandardDeviation(alongAxes: spatial))
        })
        report("\(tag) percentile (1, 99.8) over spatial axes", seconds: try measure(repeats: repeats) {
            blackHole(try x.percentiles([1, 99.8], alongAxes: spatial))
        })
        report("\(tag) sigmoid", seconds: measure(repeats: repeats) { blackHole(x.sigmoid()) })
        report("\(tag) scale_linear a*x+b", seconds: measure(repeats: repeats) {
            blackHole(x.linearlyScaled(gain: gain, offset: offset))
        })
        report("\(tag) uint8 to float32", seconds: measure(repeats: repeats) { blackHole(u.converted(to: Float.self)) })
        report("\(tag) transpose last two axes", seconds: try measure(repeats: repeats) { blackHole(try x.transposed(swap)) })
        report("\(tag) reflect pad 32", seconds: try measure(repeats: repeats) { blackHole(try x.padded(pad, mode: .reflect)) })
    } catch {
        FileHandle.standardError.write(Data("bench-tensor: \(error)\n".utf8))
        exit(1)
    }
}
