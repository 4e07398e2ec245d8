@testable import BioImageONNX
import BioImageTensor
import Testing

@Suite("Gemm kernel")
struct GemmKernelTests {
    @Test("alpha, beta, transposes and a row-vector C: hand-computed")
    func handComputed() throws {
        // A' = Aᵀ with A = [[1 3] [2 4]] → A' = [[1 2] [3 4]];  B' = Bᵀ with B = [[5 7] [6 8]] → B' = [[5 6] [7 8]]
        // A'·B' = [[1·5+2·7, 1·6+2·8], [3·5+4·7, 3·6+4·8]] = [[19 22] [43 50]]
        // Y = 2·A'B' + 0.5·C with C = [10 20] broadcast over rows: [[38+5, 44+10], [86+5, 100+10]]
        let a = try Tensor<Float>(shape: [2, 2], scalars: [1, 3, 2, 4])
        let b = try Tensor<Float>(shape: [2, 2], scalars: [5, 7, 6, 8])
        let c = Tensor<Float>([10, 20])
        let kernel = try ConvReference.kernel("Gemm", inputs: 3, attributes: [
            "alpha": .float(2), "beta": .float(0.5), "transA": .int(1), "transB": .int(1)])
        let y = try ConvReference.run(kernel, [a, b, c])
        #expect(y.shape == [2, 2])
        #expect(y.scalars == [43, 54, 91, 110])
    }

    @Test("C is optional and beta = 0 ignores it")
    func optionalC() throws {
        // [[1 2]] · [[3] [4]] = [[11]]
        let a = try Tensor<Float>(shape: [1, 2], scalars: [1, 2]), b = try Tensor<Float>(shape: [2, 1], scalars: [3, 4])
        let plain = try ConvReference.run(try ConvReference.kernel("Gemm", inputs: 2), [a, b])
        #expect(plain.scalars == [11])
        let ignored = try ConvReference.run(try ConvReference.kernel("Gemm", inputs: 3, attributes: ["beta": .float(0)]),
                                            [a, b, Tensor<Float>([.nan])])
        #expect(ignored.scalars == [11])
    }

    @Test("random shapes agree with the triple loop", arguments: [(1, 1, 1), (7, 13, 33), (33, 70, 9), (64, 3, 100), (5, 129, 17)])
    func randomized(m: Int, k: Int, n: Int) throws {
        var rng = ConvReference.Generator(seed: UInt64(m * 10_000 + k * 100 + n))
        for (transA, transB) in [(0, 0), (1, 0), (0, 1), (1, 1)] {
            let a = rng.floats(m * k), b = rng.floats(k * n), c = rng.floats(n)
            // Expected: transpose by hand, triple loop, then 0.7·AB + 1.3·C.
            let aRows = transA == 1 ? (0..<(m * k)).map { a[($0 % k) * m + $0 / k] } : a
            let bRows = transB == 1 ? (0..<(k * n)).map { b[($0 % n) * k + $0 / n] } : b
            let product = ConvReference.matmul(aRows, bRows, m: m, k: k, n: n)
            let expected = (0..<(m * n)).map { 0.7 * product[$0] + 1.3 * c[$0 % n] }
            let kernel = try ConvReference.kernel("Gemm", inputs: 3, attributes: [
                "alpha": .float(0.7), "beta": .float(1.3), "transA": .int(transA), "transB": .int(transB)])
            let y = try ConvReference.run(kernel, [
                try Tensor(shape: transA == 1 ? [k, m] : [m, k], scalars: a),
                try Tensor(shape: transB == 1 ? [n, k] : [k, n], scalars: b), try Tensor(shape: [1, n], scalars: c)], threads: 2)
            let agrees = ConvReference.close(y.scalars, expected)
            #expect(agrees, "transA \(transA) transB \(transB)")
        }
    }

    @Test("bad attributes and shapes throw")
    func errors() throws {
        #expect(throws: ONNXError.self) { try ConvReference.kernel("Gemm", inputs: 2, attributes: ["transA": .int(2)]) }
        #expect(throws: ONNXError.self) { try ConvReference.kernel("Gemm", inputs: 2, attributes: ["broadcast": .int(1)]) }
        let kernel = try ConvReference.kernel("Gemm", inputs: 3)
        let a = try Tensor<Float>(repeating: 1, shape: [2, 3]), b = try Tensor<Float>(repeating: 1, shape: [3, 4])
        #expect(throws: ONNXError.self) { try ConvReference.run(kernel, [a, b, try Tensor<Float>(repeating: 1, shape: [3, 4])]) }
        #expect(throws: ONNXError.self) { try ConvReference.run(kernel, [a, a]) }
    }

    @Test("integer Gemm uses whole-number alpha and beta")
    func integers() throws {
        // 3 · ([[1 2]] · [[3] [4]]) + 1 · [[5]] = 3·11 + 5 = 38
        let kernel = try ConvReference.kernel("Gemm", inputs: 3, attributes: ["alpha": .float(3)])
        let y = try kernel.run([AnyTensor(try Tensor<Int32>(shape: [1, 2], scalars: [1, 2])),
                                AnyTensor(try Tensor<Int32>(shape: [2, 1], scalars: [3, 4])),
                                AnyTensor(try Tensor<Int32>(shape: [1, 1], scalars: [5]))], context: KernelContext(threads: 1))[0]
        #expect(try y.tensor(of: Int32.self).scalars == [38])
    }

    @Test("every micro-kernel variant computes the textbook tile", arguments: MicroKernel.allCases)
    func microKernels(kernel: MicroKernel) {
        // T[r][j] = Σ_k A[r][k] · B[k·stride + j] for a 37-step product, B rows 40 floats apart.
        let depth = 37, stride = 40, rows = kernel.rows, width = kernel.width
        var rng = ConvReference.Generator(seed: 5)
        let a = rng.floats(rows * depth), b = rng.floats(depth * stride + width)
        var expected = [Float](repeating: 0, count: rows * width)
        for r in 0..<rows { for j in 0..<width { for k in 0..<depth { expected[r * width + j] += a[r * depth + k] * b[k * stride + j] } } }
        let packed = UnsafeMutableRawPointer.allocate(byteCount: PackedPanels.size(kernel, rowCount: rows, depth: depth) * 4, alignment: 64)
            .bindMemory(to: Float.self, capacity: PackedPanels.size(kernel, rowCount: rows, depth: depth))
        defer { packed.deallocate() }
        var tile = [Float](repeating: .nan, count: rows * width)
        let offsets = (0..<depth).map { $0 * stride }
        a.withUnsafeBufferPointer { a in
            PackedPanels.pack(kernel, rowCount: rows, depth: depth, source: a.baseAddress!, rowStride: depth, columnStride: 1, into: packed)
        }
        b.withUnsafeBufferPointer { b in
            offsets.withUnsafeBufferPointer { offsets in
                tile.withUnsafeMutableBufferPointer { tile in
                    kernel.run(count: depth, a: packed, b: b.baseAddress!, offsets: offsets.baseAddress!, tile: tile.baseAddress!)
                }
            }
        }
        let agrees = ConvReference.close(tile, expected, rtol: 1e-5, atol: 1e-5)
        #expect(agrees, "\(kernel)")
    }
}
