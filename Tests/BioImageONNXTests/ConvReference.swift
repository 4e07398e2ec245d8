@testable import BioImageONNX
import BioImageTensor

/// Textbook loops and small helpers the convolution and matrix-product tests compare against.
enum ConvReference {
    /// A deterministic pseudo-random generator (64-bit LCG), so failures reproduce.
    struct Generator {
        var state: UInt64
        init(seed: UInt64) { state = seed &* 6364136223846793005 &+ 1442695040888963407 }
        mutating func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state >> 33
        }
        mutating func int(_ range: ClosedRange<Int>) -> Int {
            range.lowerBound + Int(next() % UInt64(range.count))
        }
        mutating func floats(_ count: Int) -> [Float] {
            (0..<count).map { _ in Float(Int(next() % 2001) - 1000) / 1000 }
        }
    }

    /// Builds the kernel for a node with the given attributes at opset 17.
    static func kernel(_ op: String, inputs: Int, attributes: [String: AttributeValue] = [:],
                       opset: Int = 17) throws -> any OperatorKernel {
        let node = OperatorNode(name: "test", opType: op, inputs: (0..<inputs).map { "in\($0)" }, outputs: ["out"],
                                opset: opset, attributes: attributes)
        return try OperatorRegistry.kernel(for: node)
    }

    /// Runs a kernel on float32 inputs and returns the first output as float32.
    static func run(_ kernel: any OperatorKernel, _ inputs: [Tensor<Float>?], threads: Int = 1) throws -> Tensor<Float> {
        let outputs = try kernel.run(inputs.map { $0.map(AnyTensor.init) }, context: KernelContext(threads: threads))
        return try outputs[0].tensor(of: Float.self)
    }

    /// `Conv` by its definition: `Y[n, m, o] = B[m] + Σ_{c, k} X[n, g·C/G + c, o·s - pb + k·d] · W[m, c, k]`
    /// (positions outside the input contribute zero), for 1 to 3 spatial axes.
    static func conv(x: Tensor<Float>, w: Tensor<Float>, bias: [Float]?, group: Int, strides: [Int], dilations: [Int],
                     padsBegin: [Int], outSpatial: [Int]) -> [Float] {
        let n = x.shape[0], c = x.shape[1], m = w.shape[0], cg = w.shape[1], mg = m / group
        let inSpatial = Array(x.shape[2...]), kernel = Array(w.shape[2...])
        let outCount = outSpatial.reduce(1, *), taps = kernel.reduce(1, *), inCount = inSpatial.reduce(1, *)
        var y = [Float](repeating: 0, count: n * m * outCount)
        for b in 0..<n {
            for oc in 0..<m {
                let g = oc / mg
                for o in 0..<outCount {
                    let oIndex = unravel(o, outSpatial)
                    var sum: Float = bias?[oc] ?? 0
                    for ic in 0..<cg {
                        for t in 0..<taps {
                            let kIndex = unravel(t, kernel)
                            var flat = 0, inside = true
                            for axis in 0..<inSpatial.count {
                                let p = oIndex[axis] * strides[axis] - padsBegin[axis] + kIndex[axis] * dilations[axis]
                                if p < 0 || p >= inSpatial[axis] { inside = false; break }
                                flat = flat * inSpatial[axis] + p
                            }
                            if !inside { continue }
                            sum += x.scalars[(b * c + g * cg + ic) * inCount + flat] * w.scalars[(oc * cg + ic) * taps + t]
                        }
                    }
                    y[(b * m + oc) * outCount + o] = sum
                }
            }
        }
        return y
    }

    /// `C = A × B` for row-major matrices by the triple loop.
    static func matmul(_ a: [Float], _ b: [Float], m: Int, k: Int, n: Int) -> [Float] {
        var c = [Float](repeating: 0, count: m * n)
        for i in 0..<m { for j in 0..<n { var s: Float = 0; for p in 0..<k { s += a[i * k + p] * b[p * n + j] }; c[i * n + j] = s } }
        return c
    }

    static func unravel(_ index: Int, _ shape: [Int]) -> [Int] {
        var rest = index
        var result = [Int](repeating: 0, count: shape.count)
        for axis in stride(from: shape.count - 1, through: 0, by: -1) {
            result[axis] = rest % shape[axis]
            rest /= shape[axis]
        }
        return result
    }

    /// Whether every element is within `atol + rtol·|expected|`.
    static func close(_ actual: [Float], _ expected: [Float], rtol: Float = 1e-4, atol: Float = 1e-5) -> Bool {
        guard actual.count == expected.count else { return false }
        for (a, e) in zip(actual, expected) where !(abs(a - e) <= atol + rtol * abs(e)) { return false }
        return true
    }
}
