@testable import BioImageONNX
import BioImageTensor
import Testing

@Suite("MatMul kernel")
struct MatMulKernelTests {
    @Test("2×3 · 3×2: hand-computed")
    func handComputed() throws {
        // [[1 2 3] [4 5 6]] · [[7 8] [9 10] [11 12]]
        // = [[1·7+2·9+3·11, 1·8+2·10+3·12], [4·7+5·9+6·11, 4·8+5·10+6·12]] = [[58 64] [139 154]]
        let a = try Tensor<Float>(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
        let b = try Tensor<Float>(shape: [3, 2], scalars: [7, 8, 9, 10, 11, 12])
        let c = try ConvReference.run(try ConvReference.kernel("MatMul", inputs: 2), [a, b])
        #expect(c.shape == [2, 2])
        #expect(c.scalars == [58, 64, 139, 154])
    }

    @Test("1-D operands are promoted and their axis removed")
    func promotion() throws {
        // [1 2 3] · [[1 0] [0 1] [1 1]] = [1+3, 2+3] = [4 5];  [[1 0 1] [0 1 1]] · [1 2 3] = [4 5];  [1 2 3]·[4 5 6] = 32
        let v = Tensor<Float>([1, 2, 3])
        let m = try Tensor<Float>(shape: [3, 2], scalars: [1, 0, 0, 1, 1, 1])
        let mt = try Tensor<Float>(shape: [2, 3], scalars: [1, 0, 1, 0, 1, 1])
        let kernel = try ConvReference.kernel("MatMul", inputs: 2)
        let left = try ConvReference.run(kernel, [v, m]), right = try ConvReference.run(kernel, [mt, v])
        let dot = try ConvReference.run(kernel, [v, Tensor<Float>([4, 5, 6])])
        #expect(left.shape == [2] && left.scalars == [4, 5])
        #expect(right.shape == [2] && right.scalars == [4, 5])
        #expect(dot.shape == [] && dot.scalars == [32])
    }

    @Test("batch axes broadcast like numpy and agree with the triple loop", arguments: [
        ([2, 1, 5, 7], [3, 7, 9]), ([4, 33, 17], [17, 40]), ([1, 70], [70, 1]), ([3, 9, 64], [1, 64, 31]), ([13, 8], [8, 100]),
        ([5, 20], [20, 1024]),  // rows of B 4 KiB apart: restaged with a staggered pitch
    ])
    func broadcast(aShape: [Int], bShape: [Int]) throws {
        var rng = ConvReference.Generator(seed: UInt64(aShape.reduce(0, +) * 31 + bShape.reduce(0, +)))
        let a = try Tensor<Float>(shape: aShape, scalars: rng.floats(aShape.reduce(1, *)))
        let b = try Tensor<Float>(shape: bShape, scalars: rng.floats(bShape.reduce(1, *)))
        let c = try ConvReference.run(try ConvReference.kernel("MatMul", inputs: 2), [a, b], threads: 2)
        // Expected: broadcast the batch axes by hand and multiply each pair with the triple loop.
        let m = aShape[aShape.count - 2], k = aShape[aShape.count - 1], n = bShape[bShape.count - 1]
        let aBatch = Array(aShape.dropLast(2)), bBatch = Array(bShape.dropLast(2))
        let rank = max(aBatch.count, bBatch.count)
        let ap = [Int](repeating: 1, count: rank - aBatch.count) + aBatch, bp = [Int](repeating: 1, count: rank - bBatch.count) + bBatch
        let batch = zip(ap, bp).map { max($0, $1) }
        var expected: [Float] = []
        for index in 0..<batch.reduce(1, *) {
            let position = ConvReference.unravel(index, batch)
            var ai = 0, bi = 0
            for axis in 0..<rank {
                ai = ai * ap[axis] + (ap[axis] == 1 ? 0 : position[axis])
                bi = bi * bp[axis] + (bp[axis] == 1 ? 0 : position[axis])
            }
            expected += ConvReference.matmul(Array(a.scalars[(ai * m * k)..<((ai + 1) * m * k)]),
                                             Array(b.scalars[(bi * k * n)..<((bi + 1) * k * n)]), m: m, k: k, n: n)
        }
        #expect(c.shape == batch + [m, n])
        let agrees = ConvReference.close(c.scalars, expected)
        #expect(agrees)
    }

    @Test("integer MatMul wraps and float64 stays exact")
    func otherDTypes() throws {
        let kernel = try ConvReference.kernel("MatMul", inputs: 2)
        let a = try Tensor<Int64>(shape: [1, 2], scalars: [Int64.max, 2])
        let b = try Tensor<Int64>(shape: [2, 1], scalars: [2, 3])
        // Int64.max · 2 wraps to -2; -2 + 6 = 4.
        let c = try kernel.run([AnyTensor(a), AnyTensor(b)], context: KernelContext(threads: 1))[0]
        #expect(try c.tensor(of: Int64.self).scalars == [4])
        let d = try Tensor<Double>(shape: [1, 2], scalars: [0.1, 0.2])
        let e = try Tensor<Double>(shape: [2, 1], scalars: [3, 4])
        let f = try kernel.run([AnyTensor(d), AnyTensor(e)], context: KernelContext(threads: 1))[0]
        #expect(try f.tensor(of: Double.self).scalars == [0.1 * 3 + 0.2 * 4])
    }

    @Test("mismatched inner dimensions throw shape-mismatch")
    func mismatch() throws {
        let kernel = try ConvReference.kernel("MatMul", inputs: 2)
        let a = try Tensor<Float>(repeating: 1, shape: [2, 3]), b = try Tensor<Float>(repeating: 1, shape: [4, 2])
        #expect(throws: ONNXError.self) { try ConvReference.run(kernel, [a, b]) }
        let c = try Tensor<Float>(repeating: 1, shape: [2, 2, 3]), d = try Tensor<Float>(repeating: 1, shape: [3, 3, 2])
        #expect(throws: ONNXError.self) { try ConvReference.run(kernel, [c, d]) }
    }
}
