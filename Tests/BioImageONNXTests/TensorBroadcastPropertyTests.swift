import BioImageTensor
import Foundation
import Testing
@testable import BioImageONNX

/// Random shapes against a naive element-by-element reference (numpy's broadcasting and reduction
/// rules written out as index arithmetic), to exercise the axis collapsing of `BroadcastPlan` and
/// `ReductionLayout` on many layouts.
@Suite struct TensorBroadcastPropertyTests {
    typealias H = TensorOperatorHarness

    /// A small deterministic generator (64-bit LCG), so failures reproduce.
    struct Generator {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    static func strides(_ shape: [Int]) -> [Int] {
        var strides = [Int](repeating: 1, count: shape.count)
        var running = 1
        for axis in stride(from: shape.count - 1, through: 0, by: -1) {
            strides[axis] = running
            running *= shape[axis]
        }
        return strides
    }

    /// The flat index in an operand of `shape` (right-aligned, extent-1 axes stretched) of the
    /// result element at `index`.
    static func offset(_ index: [Int], in shape: [Int]) -> Int {
        let lead = index.count - shape.count
        let s = strides(shape)
        var flat = 0
        for axis in shape.indices where shape[axis] != 1 { flat += index[axis + lead] * s[axis] }
        return flat
    }

    static func indices(of shape: [Int]) -> [[Int]] {
        var all: [[Int]] = [[]]
        for extent in shape { all = all.flatMap { prefix in (0..<extent).map { prefix + [$0] } } }
        return all
    }

    @Test func broadcastingMatchesNaiveIndexing() throws {
        var rng = Generator(state: 2024)
        for _ in 0..<200 {
            let rank = 1 + rng.next(4)
            let full = (0..<rank).map { _ in 1 + rng.next(4) }
            // Each operand drops some leading axes and sets some extents to 1.
            func operand() -> [Int] {
                let drop = rng.next(rank)
                return full.dropFirst(drop).map { rng.next(3) == 0 ? 1 : $0 }
            }
            let shapeA = operand(), shapeB = operand()
            let a = (0..<shapeA.reduce(1, *)).map { Float($0) * 0.5 - 3 }
            let b = (0..<shapeB.reduce(1, *)).map { Float($0 % 7) - 2.5 }
            let outRank = max(shapeA.count, shapeB.count)
            let outShape = (0..<outRank).map { axis -> Int in
                let ea = axis >= outRank - shapeA.count ? shapeA[axis - (outRank - shapeA.count)] : 1
                let eb = axis >= outRank - shapeB.count ? shapeB[axis - (outRank - shapeB.count)] : 1
                return max(ea, eb)
            }
            let sum = try H.one("Add", [try H.floats(shapeA, a), try H.floats(shapeB, b)])
            let maximum = try H.one("Max", [try H.floats(shapeA, a), try H.floats(shapeB, b)])
            let sums = sum.converted(to: Float.self).scalars, maxima = maximum.converted(to: Float.self).scalars
            #expect(sum.shape == outShape, "\(shapeA) + \(shapeB)")
            for (flat, index) in Self.indices(of: outShape).enumerated() {
                let x = a[Self.offset(index, in: shapeA)], y = b[Self.offset(index, in: shapeB)]
                if sums[flat] != x + y || maxima[flat] != max(x, y) {
                    Issue.record("\(shapeA) op \(shapeB) at \(index): \(sums[flat]), \(maxima[flat]) vs \(x + y), \(max(x, y))")
                    break
                }
            }
        }
    }

    @Test func reductionsMatchNaiveSums() throws {
        var rng = Generator(state: 77)
        for _ in 0..<150 {
            let rank = 1 + rng.next(4)
            let shape = (0..<rank).map { _ in 1 + rng.next(4) }
            let axes = (0..<rank).filter { _ in rng.next(2) == 0 }
            let keep = rng.next(2) == 0
            let data = (0..<shape.reduce(1, *)).map { Float(($0 * 37) % 11) - 5 }
            let inputs = [try H.floats(shape, data), try H.int64s(axes.map { Int64($0) - Int64(rng.next(2) * rank) })]
            let sum = try H.one("ReduceSum", opset: 13, inputs, attributes: ["keepdims": .int(keep ? 1 : 0)])
            let minimum = try H.one("ReduceMin", opset: 18, inputs, attributes: ["keepdims": .int(keep ? 1 : 0)])
            // An empty axes list reduces every axis.
            let reduced = axes.isEmpty ? Set(0..<rank) : Set(axes)
            let keptShape = shape.indices.map { reduced.contains($0) ? 1 : shape[$0] }
            var expectedSum = [Float](repeating: 0, count: keptShape.reduce(1, *))
            var expectedMin = [Float](repeating: .infinity, count: expectedSum.count)
            for (flat, index) in Self.indices(of: shape).enumerated() {
                let target = Self.offset(index.indices.map { reduced.contains($0) ? 0 : index[$0] }, in: keptShape)
                expectedSum[target] += data[flat]
                expectedMin[target] = min(expectedMin[target], data[flat])
            }
            let outShape = keep ? keptShape : shape.indices.filter { !reduced.contains($0) }.map { shape[$0] }
            #expect(sum.shape == outShape && minimum.shape == outShape, "\(shape) axes \(axes)")
            #expect(sum.converted(to: Float.self).scalars == expectedSum, "sum \(shape) axes \(axes)")
            #expect(minimum.converted(to: Float.self).scalars == expectedMin, "min \(shape) axes \(axes)")
        }
    }
}
