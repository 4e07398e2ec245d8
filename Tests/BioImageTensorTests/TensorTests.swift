import BioImageTensor
import Foundation
import Testing

@Suite("Tensor basics")
struct TensorTests {
    @Test("construction checks the element count and the shape")
    func construction() throws {
        let t = try Tensor<Float>(shape: [2, 3], scalars: [0, 1, 2, 3, 4, 5])
        #expect(t.count == 6 && t.rank == 2 && t.strides == [3, 1])
        #expect(t[1, 2] == 5)
        #expect(try t.element(at: [1, 0]) == 3)
        #expect(throws: TensorError.self) { try t.element(at: [2, 0]) }
        #expect(throws: TensorError.self) { try Tensor<Float>(shape: [2, 2], scalars: [1, 2, 3]) }
        #expect(throws: TensorError.self) { try Tensor<Float>(repeating: 0, shape: [-1, 2]) }
        #expect(throws: TensorError.self) { try Tensor<UInt8>(repeating: 0, shape: [Int.max, 3]) }
        let scalar = Tensor<Double>(4)
        #expect(scalar.shape == [] && scalar.count == 1)
        let empty = try Tensor<Int32>(repeating: 1, shape: [3, 0])
        #expect(empty.isEmpty && empty.strides == [1, 1])
    }

    @Test("copies are independent (copy-on-write value semantics)")
    func valueSemantics() throws {
        var a = try Tensor<Int16>(shape: [2], scalars: [1, 2])
        let b = a
        a[0] = 9
        #expect(a.scalars == [9, 2])
        #expect(b.scalars == [1, 2])
        a.withUnsafeMutableBufferPointer { $0[1] = 7 }
        #expect(a.scalars == [9, 7] && b.scalars == [1, 2])
    }

    @Test("AnyTensor gives back the typed tensor only for its own dtype")
    func anyTensor() throws {
        let any = AnyTensor(Tensor<UInt8>([1, 2, 250]))
        #expect(any.dtype == .uint8 && any.shape == [3])
        #expect(try any.tensor(of: UInt8.self).scalars == [1, 2, 250])
        #expect { try any.tensor(of: Float.self) } throws: { ($0 as? TensorError)?.code == .dtypeMismatch }
        #expect(any.converted(to: Float.self).scalars == [1, 2, 250])
        #expect(any.converted(to: .int8) == AnyTensor(Tensor<Int8>([1, 2, -6])))  // 250 wraps to -6
        #expect(DType(rawValue: "float32") == .float32 && DType.float16.byteCount == 2)
    }

    @Test("conversion never traps and documents out-of-range results")
    func conversions() {
        let x = Tensor<Double>([.nan, .infinity, -.infinity, 300.7, -1.5, 1e30, -0.9])
        // astype: truncate toward zero, then wrap modulo 256; NaN, ±inf and ≥ 2^64 give 0.
        #expect(x.converted(to: UInt8.self).scalars == [0, 0, 0, 44, 255, 0, 0])
        // clamping: saturate, NaN → 0.
        #expect(x.clampingConverted(to: UInt8.self).scalars == [0, 255, 0, 255, 0, 255, 0])
        #expect(x.clampingConverted(to: Int64.self).scalars == [0, .max, .min, 300, -1, .max, 0])
        #expect(x.converted(to: Bool.self).scalars == [true, true, true, true, true, true, true])
        #expect(Tensor<Int32>([Int32.min, -1]).converted(to: UInt16.self).scalars == [0, 65535])
    }

    @Test("reshape infers -1 and rejects wrong counts")
    func reshape() throws {
        let t = try Tensor<Float>(repeating: 1, shape: [2, 3, 4])
        #expect(try t.reshaped(to: [6, -1]).shape == [6, 4])
        #expect(throws: TensorError.self) { try t.reshaped(to: [5, -1]) }
        #expect(throws: TensorError.self) { try t.reshaped(to: [-1, -1]) }
        #expect(throws: TensorError.self) { try t.reshaped(to: [7]) }
        #expect(try t.expandingDimensions(at: -1).shape == [2, 3, 4, 1])
        #expect(try t.expandingDimensions(at: 0).squeezed().shape == [2, 3, 4])
        #expect(throws: TensorError.self) { try t.squeezed(axes: [0]) }
    }

    @Test("shape errors name the problem")
    func shapeErrors() throws {
        let a = try Tensor<Float>(repeating: 1, shape: [2, 3])
        let b = try Tensor<Float>(repeating: 1, shape: [4])
        #expect { try a + b } throws: { ($0 as? TensorError)?.code == .shapeMismatch }
        #expect { try a.sum(alongAxes: [2]) } throws: { ($0 as? TensorError)?.code == .invalidAxis }
        #expect { try a.sum(alongAxes: [1, -1]) } throws: { ($0 as? TensorError)?.code == .invalidAxis }
        #expect { try a.transposed([0, 0]) } throws: { ($0 as? TensorError)?.code == .invalidAxis }
        #expect { try a.slice([0..<3]) } throws: { ($0 as? TensorError)?.code == .outOfBounds }
        #expect { try a.quantiles([1.5]) } throws: { ($0 as? TensorError)?.code == .invalidArgument }
        #expect { try a.percentiles([-1]) } throws: { ($0 as? TensorError)?.code == .invalidArgument }
        let empty = try Tensor<Float>(repeating: 0, shape: [0, 3])
        #expect { try empty.quantiles([0.5]) } throws: { ($0 as? TensorError)?.code == .emptyReduction }
        #expect { try empty.max() } throws: { ($0 as? TensorError)?.code == .emptyReduction }
        #expect { try empty.padded([(1, 1)], mode: .reflect) } throws: { ($0 as? TensorError)?.code == .invalidArgument }
        #expect { try Tensor<Float>.concatenated([], alongAxis: 0) } throws: { ($0 as? TensorError)?.code == .invalidArgument }
    }

    /// Worked examples from bioimage.io core's `tests/test_proc_ops.py` (shared/notes §d.1).
    @Test("processing-step examples from the bioimage.io reference")
    func referenceExamples() throws {
        let x = try Tensor<Double>(shape: [3, 3], scalars: (0..<9).map(Double.init))
        // zero_mean_unit_variance over all of arange(9): mean 4, population std √(60/9).
        let (mean, std) = try x.meanAndStandardDeviation()
        let z = (x - mean.scalars[0]) / (std.scalars[0] + 1e-6)
        let firstRow = [-1.54919274, -1.16189455, -0.77459637]
        for (value, expected) in zip(z.scalars.prefix(3), firstRow) { #expect(abs(value - expected) < 1e-6) }
        // clip 3…5 on arange(9).
        #expect(Tensor<Double>((0..<9).map(Double.init)).clipped(low: 3, high: 5).scalars == [3, 3, 3, 3, 4, 5, 5, 5, 5])
        // binarize at 14 on arange(30): 0 up to 14, 1 from 15.
        let binary = Tensor<Float>((0..<30).map(Float.init)) .> 14
        #expect(binary.scalars == (0..<30).map { $0 >= 15 })
        // scale_linear with gain [1,2,3] and offset [1,2,42] along the last axis of arange(6) (1,2,3).
        let y = try Tensor<Double>(shape: [1, 2, 3], scalars: (0..<6).map(Double.init))
        let gain = try Tensor<Double>(shape: [3], scalars: [1, 2, 3]), offset = try Tensor<Double>(shape: [3], scalars: [1, 2, 42])
        #expect(try (y * gain + offset).scalars == [1, 4, 48, 4, 10, 57])
        // softmax over one channel gives 1.
        #expect(try Tensor<Float>(repeating: 3, shape: [1, 1, 4]).softmax(alongAxis: 1).scalars == [1, 1, 1, 1])
    }

    @Test("Float exp stays within 2 ulp of the C library over its whole range")
    func fastExpAccuracy() {
        var values: [Float] = []
        var v: Float = -103.9
        while v < 88.7 { values.append(v); v += 0.0137 }
        values += [0, -0, 1e-8, -1e-8, 88.72, -87.33]
        let ours = Tensor<Float>(values).exp().scalars
        var worst: Float = 0
        for (x, e) in zip(values, ours) {
            let reference = Foundation.exp(x)
            guard reference.isNormal else { continue }
            worst = Swift.max(worst, (e - reference).magnitude / reference.ulp)
        }
        #expect(worst <= 2, "max error \(worst) ulp")
        #expect(Tensor<Float>([.nan, .infinity, -.infinity, 100, -200]).exp().scalars.map { $0.isNaN ? -1 : $0 } == [-1, .infinity, 0, .infinity, 0])
    }
}

/// Sizes above the multi-core threshold, against values known in closed form.
@Suite("large tensors (parallel paths)")
struct ParallelPathTests {
    static let n = 1 << 18

    @Test("sum, mean and variance of 0..<n")
    func moments() throws {
        let x = Tensor<Float>((0..<Self.n).map { Float($0) })
        let n = Double(Self.n)
        // Σk = n(n−1)/2; mean (n−1)/2; population variance (n²−1)/12.
        #expect(try x.sum().scalars[0] == Float(n * (n - 1) / 2))
        #expect(try x.mean().scalars[0] == Float((n - 1) / 2))
        #expect(try abs(Double(x.variance().scalars[0]) - (n * n - 1) / 12) / ((n * n - 1) / 12) < 1e-6)
        #expect(try x.max().scalars[0] == Float(n - 1))
        #expect(try x.argmax().scalars[0] == Int64(n - 1))
    }

    @Test("quantiles of a shuffled 0..<n are (n−1)·q exactly")
    func quantiles() throws {
        var generator = SystemRandomNumberGenerator()
        let values = (0..<Self.n).map { Double($0) }.shuffled(using: &generator)
        let x = try Tensor<Double>(shape: [1, 1, 512, 512], scalars: values)
        let q = try x.quantiles([0, 0.01, 0.5, 0.998, 1], alongAxes: [2, 3])
        let m = Double(Self.n - 1)
        #expect(q.shape == [5, 1, 1])
        #expect(q.scalars == [0, m * 0.01, m * 0.5, m * 0.998, m])
        let constant = try Tensor<Float>(repeating: 2.5, shape: [Self.n]).quantiles([0.3, 0.9])
        #expect(constant.scalars == [2.5, 2.5])
    }

    @Test("transpose of the last two axes puts element (i, j) at (j, i)")
    func transpose() throws {
        let rows = 300, cols = 1000
        let x = try Tensor<Int32>(shape: [1, rows, cols], scalars: (0..<(rows * cols)).map { Int32($0) })
        let t = try x.transposed([0, 2, 1])
        #expect(t.shape == [1, cols, rows])
        var ok = true
        for j in stride(from: 0, to: cols, by: 37) {
            for i in stride(from: 0, to: rows, by: 13) where t[0, j, i] != Int32(i * cols + j) { ok = false }
        }
        #expect(ok)
        #expect(try t.transposed([0, 2, 1]) == x)
    }

    @Test("reflect padding by 32 mirrors without repeating the edge")
    func reflectPad() throws {
        let side = 512
        let x = try Tensor<Float>(shape: [side, side], scalars: (0..<(side * side)).map { Float($0) })
        let p = try x.padded([(32, 32), (32, 32)], mode: .reflect)
        #expect(p.shape == [side + 64, side + 64])
        // Output (0, 0) is input (32, 32); output (1, 40) is input (31, 8).
        #expect(p[0, 0] == Float(32 * side + 32))
        #expect(p[1, 40] == Float(31 * side + 8))
        #expect(try p.cropped([(32, 32), (32, 32)]) == x)
    }

    @Test("element-wise operators agree with scalar arithmetic")
    func elementwise() throws {
        let x = Tensor<Float>((0..<Self.n).map { Float($0 % 1000) / 100 - 5 })
        let y = x.linearlyScaled(gain: 2, offset: 0.5)
        let s = x.sigmoid()
        let u = Tensor<UInt8>((0..<Self.n).map { UInt8($0 % 256) }).converted(to: Float.self)
        for i in stride(from: 0, to: Self.n, by: 997) {
            #expect(y.scalars[i] == x.scalars[i] * 2 + 0.5)
            #expect(abs(s.scalars[i] - 1 / (1 + Foundation.exp(-x.scalars[i]))) <= 2e-7)
            #expect(u.scalars[i] == Float(i % 256))
        }
    }
}

@Suite("shape and reduction edge cases")
struct EdgeCaseTests {
    @Test("concatenate and stack reject mismatched shapes")
    func joinErrors() throws {
        let a = try Tensor<Float>(repeating: 1, shape: [2, 3]), b = try Tensor<Float>(repeating: 2, shape: [2, 4])
        #expect(try Tensor.concatenated([a, b], alongAxis: 1).shape == [2, 7])
        #expect { try Tensor.concatenated([a, b], alongAxis: 0) } throws: { ($0 as? TensorError)?.code == .shapeMismatch }
        #expect { try Tensor.stacked([a, b], alongAxis: 0) } throws: { ($0 as? TensorError)?.code == .shapeMismatch }
        #expect { try Tensor.concatenated([a, Tensor<Float>([1])], alongAxis: 0) } throws: { ($0 as? TensorError)?.code == .shapeMismatch }
        #expect(try Tensor.stacked([a, a], alongAxis: -1).shape == [2, 3, 2])
    }

    @Test("NaN propagates through softmax, min, max and quantiles")
    func nanPropagation() throws {
        let x = try Tensor<Float>(shape: [2, 3], scalars: [1, .nan, 2, 3, 4, 5])
        let s = try x.softmax(alongAxis: 1)
        #expect(s.scalars[0].isNaN && s.scalars[2].isNaN)
        // Hand-computed: softmax([3, 4, 5]) = e^(k−5) / (e^−2 + e^−1 + 1).
        let denominator = Foundation.exp(-2.0) + Foundation.exp(-1.0) + 1
        #expect(abs(Double(s.scalars[5]) - 1 / denominator) < 1e-7)
        #expect(try x.max(alongAxes: [1]).scalars[0].isNaN)
        #expect(try x.min(alongAxes: [1]).scalars[1] == 3)
        let q = try x.quantiles([0.5], alongAxes: [1])
        #expect(q.scalars[0].isNaN && q.scalars[1] == 4)
        let skipped = try x.quantiles([0.5], alongAxes: [1], ignoringNaN: true)
        #expect(skipped.scalars == [1.5, 4])  // median of [1, 2] is 1.5
    }

    @Test("inverted-CDF quantiles pick an observation")
    func invertedCDF() throws {
        // n = 4: q·n − 1 = 0.4 → ⌈⌉ = 1 → v[1]; q = 0.5 → 1.0 exactly → v[1]; q = 0.51 → v[2].
        let x = Tensor<Int32>([40, 10, 30, 20])
        let q = try x.quantiles([0.35, 0.5, 0.51, 0, 1], method: .invertedCDF)
        #expect(q.scalars == [20, 20, 30, 10, 40])
    }

    @Test("select broadcasts condition and values")
    func select() throws {
        let condition = Tensor<Bool>([true, false, true])
        let picked = try Tensor.select(condition, Tensor<Int16>([1, 2, 3]), Tensor<Int16>(0))
        #expect(picked.scalars == [1, 0, 3])
        #expect(try Tensor<UInt8>(5).broadcasted(to: [2, 2]).scalars == [5, 5, 5, 5])
        #expect(throws: TensorError.self) { try Tensor<UInt8>([1, 2]).broadcasted(to: [3]) }
    }

    @Test("tolerance report counts mismatches and largest errors")
    func differenceReport() throws {
        let actual = Tensor<Double>([1, 2.001, 3, .nan])
        let expected = Tensor<Double>([1, 2, 3.1, .nan])
        let report = try actual.difference(from: expected, absoluteTolerance: 1e-3, relativeTolerance: 1e-3)
        // 2.001 vs 2: |d| = 0.001 ≤ 1e-3 + 2e-3 → close. 3 vs 3.1: 0.1 > 0.0041 → mismatch. NaN vs NaN → mismatch.
        #expect(report.mismatchCount == 2)
        #expect(abs(report.maxAbsoluteError - 0.1) < 1e-12)
        #expect(abs(report.maxRelativeError - 0.1 / 3.1) < 1e-12)
        #expect(try actual.isClose(to: expected, equalNaN: true).scalars == [true, false, false, true])
    }
}
