import BioImageTensor
import Dispatch

/// How two operands broadcast (numpy multidirectional broadcasting), with the result's axes
/// collapsed: result axes of extent 1 are dropped and neighbouring axes on which both operands
/// behave alike (both full, or one stretched) are merged. `[N, C, H, W] + [1, C, 1, 1]` becomes
/// `[N, C, H·W] + [1, C, 1]`: rows of `H·W` contiguous elements against one splat each.
struct BroadcastPlan: Sendable {
    /// The full (uncollapsed) result shape.
    var outShape: [Int]
    /// The collapsed result shape (rank ≥ 1).
    var shape: [Int]
    /// The first operand's collapsed shape (each extent equals `shape`'s or is 1).
    var shapeA: [Int]
    /// The second operand's collapsed shape.
    var shapeB: [Int]
    /// The number of result elements.
    var count: Int

    /// Plans the broadcast of shapes `a` and `b`.
    /// - Throws: ``ONNXError/Code/shapeMismatch`` naming both shapes when they do not broadcast.
    init(_ a: [Int], _ b: [Int], node: OperatorNode) throws(ONNXError) {
        let rank = max(a.count, b.count)
        let pa = [Int](repeating: 1, count: rank - a.count) + a
        let pb = [Int](repeating: 1, count: rank - b.count) + b
        var out = [Int](repeating: 1, count: rank)
        for i in 0..<rank {
            if pa[i] == pb[i] || pb[i] == 1 {
                out[i] = pa[i]
            } else if pa[i] == 1 {
                out[i] = pb[i]
            } else {
                throw node.error(.shapeMismatch, "shapes \(a) and \(b) cannot be broadcast together (axis \(i): \(pa[i]) vs \(pb[i]))")
            }
        }
        outShape = out
        count = try TensorOps.count(out, node: node)
        var shape: [Int] = [], sa: [Int] = [], sb: [Int] = []
        var lastKind = -1
        for i in 0..<rank where out[i] != 1 {
            let kind = (pa[i] == out[i] ? 1 : 0) | (pb[i] == out[i] ? 2 : 0)
            if kind == lastKind, let last = shape.last {
                shape[shape.count - 1] = last * out[i]
                sa[sa.count - 1] = kind & 1 != 0 ? shape[shape.count - 1] : 1
                sb[sb.count - 1] = kind & 2 != 0 ? shape[shape.count - 1] : 1
            } else {
                shape.append(out[i])
                sa.append(kind & 1 != 0 ? out[i] : 1)
                sb.append(kind & 2 != 0 ? out[i] : 1)
                lastKind = kind
            }
        }
        if shape.isEmpty { shape = [1]; sa = [1]; sb = [1] }
        self.shape = shape
        shapeA = sa
        shapeB = sb
    }

    /// Row-major element strides of an operand's collapsed shape inside the collapsed result
    /// (0 on stretched axes).
    static func strides(_ operand: [Int], in shape: [Int]) -> [Int] {
        var strides = [Int](repeating: 0, count: shape.count)
        var running = 1
        for axis in stride(from: shape.count - 1, through: 0, by: -1) {
            strides[axis] = operand[axis] == 1 && shape[axis] != 1 ? 0 : running
            running *= max(operand[axis], 1)
        }
        return strides
    }

    /// Calls `row(a, strideA, b, strideB, out, length)` for every run of the result along its last
    /// collapsed axis (stride 0 means a splat), in parallel for large results.
    @inline(__always)
    func forEachRow<A, B, R>(
        _ a: UnsafePointer<A>, _ b: UnsafePointer<B>, _ out: UnsafeMutablePointer<R>, threads: Int,
        _ row: (UnsafePointer<A>, Int, UnsafePointer<B>, Int, UnsafeMutablePointer<R>, Int) -> Void
    ) {
        guard count > 0 else { return }
        let stridesA = Self.strides(shapeA, in: shape), stridesB = Self.strides(shapeB, in: shape)
        let rank = shape.count
        let length = shape[rank - 1]
        let rows = count / length
        let sa = stridesA[rank - 1], sb = stridesB[rank - 1]
        let shape = self.shape
        let boxA = TensorOps.Box(a), boxB = TensorOps.Box(b), boxO = TensorOps.Box(out)
        if rows == 1 {
            TensorOps.parallelChunks(count: length, threads: threads) { range in
                row(boxA.value + range.lowerBound * sa, sa, boxB.value + range.lowerBound * sb, sb,
                    boxO.value + range.lowerBound, range.count)
            }
            return
        }
        let rowsPerChunk = max(1, TensorOps.parallelThreshold / max(length, 1))
        TensorOps.parallelChunks(count: rows, threads: count >= TensorOps.parallelThreshold ? threads : 1, grain: rowsPerChunk) { range in
            for r in range {
                var rest = r, oa = 0, ob = 0
                var axis = rank - 2
                while axis >= 0 {
                    let i = rest % shape[axis]
                    rest /= shape[axis]
                    oa += i * stridesA[axis]
                    ob += i * stridesB[axis]
                    axis -= 1
                }
                row(boxA.value + oa, sa, boxB.value + ob, sb, boxO.value + r * length, length)
            }
        }
    }
}

extension TensorOps {
    /// Below this many elements a kernel runs on the calling thread.
    static let parallelThreshold = 1 << 15

    /// Carries a pointer or closure into `concurrentPerform`; kernels hand each worker a disjoint range.
    struct Box<Value>: @unchecked Sendable {
        var value: Value
        init(_ value: Value) { self.value = value }
    }

    /// Calls `body` on disjoint ranges covering `0..<count`, on up to `threads` threads when
    /// `count` is large (at least `grain` items per range).
    static func parallelChunks(count: Int, threads: Int, grain: Int = parallelThreshold, _ body: (Range<Int>) -> Void) {
        guard count > 0 else { return }
        let chunks = min(max(1, threads) * 4, max(1, count / max(grain, 1)))
        if chunks <= 1 || threads <= 1 {
            body(0..<count)
            return
        }
        let per = (count + chunks - 1) / chunks
        withoutActuallyEscaping(body) { body in
            let box = Box(body)
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                let start = chunk * per, end = min(count, start + per)
                if start < end { box.value(start..<end) }
            }
        }
    }
}
