import BioImageTensor
import Foundation
import Testing
@testable import BioImageONNX

@Suite struct TensorReductionTests {
    typealias H = TensorOperatorHarness

    /// x[i, j, k] = 100·i + 10·j + k for shape [2, 3, 4].
    func makeCube() throws -> AnyTensor {
        var scalars: [Float] = []
        for i in 0..<2 { for j in 0..<3 { for k in 0..<4 { scalars.append(Float(100 * i + 10 * j + k)) } } }
        return try H.floats([2, 3, 4], scalars)
    }

    @Test func axesAttributeAndInputByOpset() throws {
        // Sum over axis 1: 10·(0+1+2) + 3·(100·i + k) → [[30, 33, 36, 39], [330, 333, 336, 339]]
        let expected: [Double] = [30, 33, 36, 39, 330, 333, 336, 339]
        let old = try H.one("ReduceSum", opset: 11, [try makeCube()], attributes: ["axes": .ints([1]), "keepdims": .int(0)])
        #expect(old.shape == [2, 4] && H.values(old) == expected)
        let new = try H.one("ReduceSum", opset: 13, [try makeCube(), try H.int64s([-2])])
        #expect(new.shape == [2, 1, 4] && H.values(new) == expected)
        // ReduceMean takes the axes as an input only from opset 18.
        #expect(H.values(try H.one("ReduceMean", opset: 17, [try makeCube()], attributes: ["axes": .ints([1])])) == expected.map { $0 / 3 })
        #expect(H.values(try H.one("ReduceMean", opset: 18, [try makeCube(), try H.int64s([1])])) == expected.map { $0 / 3 })
        #expect(throws: ONNXError.self) { try H.one("ReduceMean", opset: 18, [try makeCube()], attributes: ["axes": .ints([1])]) }
    }

    @Test func nonAdjacentAxesAndEmptyAxes() throws {
        // Max over axes 0 and 2: max over i and k of 100i + 10j + k = 100 + 10j + 3 → [103, 113, 123]
        #expect(H.values(try H.one("ReduceMax", opset: 18, [try makeCube(), try H.int64s([0, 2])], attributes: ["keepdims": .int(0)])) == [103, 113, 123])
        // Min over all axes (no axes input) = 0; with noop_with_empty_axes the input is returned.
        #expect(H.values(try H.one("ReduceMin", opset: 18, [try makeCube()])) == [0])
        #expect(try H.one("ReduceSum", opset: 13, [try makeCube(), try H.int64s([])], attributes: ["noop_with_empty_axes": .int(1)]).shape == [2, 3, 4])
    }

    @Test func emptyReductionsGiveTheIdentity() throws {
        let empty = try H.floats([2, 0], [])
        #expect(H.values(try H.one("ReduceSum", opset: 13, [empty, try H.int64s([1])])) == [0, 0])
        #expect(H.values(try H.one("ReduceMax", opset: 18, [empty, try H.int64s([1])])) == [-.infinity, -.infinity])
        #expect(H.values(try H.one("ReduceMin", opset: 18, [AnyTensor(try Tensor<Int32>(shape: [0], scalars: []))])) == [Double(Int32.max)])
    }

    @Test func longSumIsAccurate() throws {
        // Σ_{i<n} i = n(n−1)/2 exactly representable in Double; float32 accumulation alone would be off.
        let n = 300_000
        let x = AnyTensor(Tensor<Float>((0..<n).map { Float($0) }))
        let total = H.values(try H.one("ReduceSum", opset: 13, [x], threads: 2))[0]
        #expect(abs(total - Double(n) * Double(n - 1) / 2) <= Double(n) * Double(n) * 1e-7)
        // Mean over the channel axis of [1, 3, 64·64] (strided rows): (0 + 1 + 2)·s/3 with planes scaled.
        var planes = [Float](repeating: 0, count: 3 * 4096)
        for i in planes.indices { planes[i] = Float(i / 4096) + Float(i % 4096) / 4096 }
        let mean = try H.one("ReduceMean", opset: 18, [try H.floats([1, 3, 4096], planes), try H.int64s([1])], threads: 2)
        let m = H.values(mean)
        #expect(mean.shape == [1, 1, 4096])
        #expect((0..<4096).allSatisfy { abs(m[$0] - (1 + Double($0) / 4096)) < 1e-6 })
    }

    @Test func integerAndBoolReductions() throws {
        let x = AnyTensor(try Tensor<Int32>(shape: [2, 2], scalars: [1, -7, 4, 5]))
        // Integer mean truncates: (1 − 7) / 2 = −3, (4 + 5) / 2 = 4
        #expect(H.values(try H.one("ReduceMean", opset: 18, [x, try H.int64s([1])], attributes: ["keepdims": .int(0)])) == [-3, 4])
        let b = AnyTensor(try Tensor<Bool>(shape: [2, 2], scalars: [true, false, false, false]))
        #expect(try H.one("ReduceMax", opset: 18, [b, try H.int64s([1])]).converted(to: Bool.self).scalars == [true, false])
        #expect(try H.one("ReduceMin", opset: 18, [b, try H.int64s([1])]).converted(to: Bool.self).scalars == [false, false])
    }

    @Test func argMaxTiesAndLastIndex() throws {
        let x = try H.floats([2, 3], [1, 5, 5, 2, 2, 0])
        #expect(H.values(try H.one("ArgMax", [x], attributes: ["axis": .int(1)])) == [1, 0])
        #expect(H.values(try H.one("ArgMax", [x], attributes: ["axis": .int(1), "select_last_index": .int(1)])) == [2, 1])
        let y = try H.one("ArgMax", [x], attributes: ["axis": .int(0), "keepdims": .int(0)])
        #expect(y.dtype == .int64 && y.shape == [3] && H.values(y) == [1, 0, 0])
        #expect(H.values(try H.one("ArgMin", [x], attributes: ["axis": .int(-1)])) == [0, 2])
        #expect(throws: ONNXError.self) { try H.one("ArgMax", opset: 11, [x], attributes: ["select_last_index": .int(1)]) }
    }

    @Test func normReductions() throws {
        let x = try H.floats([2, 2], [-1, 2, 3, -4])
        let axes = try H.int64s([1])
        // Prod: −1·2 = −2, 3·−4 = −12; SumSquare: 1 + 4 = 5, 9 + 16 = 25; L1: 3, 7; L2: √5, 5
        #expect(H.values(try H.one("ReduceProd", opset: 18, [x, axes])) == [-2, -12])
        #expect(H.values(try H.one("ReduceSumSquare", opset: 18, [x, axes])) == [5, 25])
        #expect(H.values(try H.one("ReduceL1", opset: 18, [x, axes])) == [3, 7])
        let l2 = H.values(try H.one("ReduceL2", opset: 13, [x], attributes: ["axes": .ints([1])]))
        #expect(abs(l2[0] - 5.0.squareRoot()) < 1e-6 && l2[1] == 5)
        // log(e^1000 + e^1000) = 1000 + ln 2 without overflowing; log(e^0 + e^0) = ln 2
        let lse = H.values(try H.one("ReduceLogSumExp", opset: 18, [try H.floats([2, 2], [1000, 1000, 0, 0]), axes]))
        #expect(abs(lse[0] - (1000 + log(2.0))) < 1e-3 && abs(lse[1] - log(2.0)) < 1e-6)
        // Integer products wrap like numpy: 100·100 in int8 = 10000 mod 256 = 16
        #expect(H.values(try H.one("ReduceProd", opset: 18, [AnyTensor(Tensor<Int8>([100, 100]))])) == [16])
        // Empty: product 1, log-sum-exp −∞
        let empty = try H.floats([0], [])
        #expect(H.values(try H.one("ReduceProd", opset: 18, [empty])) == [1])
        #expect(H.values(try H.one("ReduceLogSumExp", opset: 18, [empty])) == [-.infinity])
    }
}
