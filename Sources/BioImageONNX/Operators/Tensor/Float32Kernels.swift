import BioImageTensor

/// Float32 fast paths written against the concrete `SIMD16<Float>`, whose comparisons, rounding
/// and square root lower to vector instructions. (The same code written generically over the
/// element type uses the standard library's lane-by-lane fallbacks, measured 50–100× slower.)
enum Float32Kernels {
    /// numpy `maximum`/ONNX `Max`: NaN if either operand is NaN.
    @inline(__always)
    static func maximum(_ x: SIMD16<Float>, _ y: SIMD16<Float>) -> SIMD16<Float> {
        x.replacing(with: y, where: y .> x).replacing(with: x + y, where: (x .!= x) .| (y .!= y))
    }

    /// numpy `minimum`/ONNX `Min`: NaN if either operand is NaN.
    @inline(__always)
    static func minimum(_ x: SIMD16<Float>, _ y: SIMD16<Float>) -> SIMD16<Float> {
        x.replacing(with: y, where: y .< x).replacing(with: x + y, where: (x .!= x) .| (y .!= y))
    }

    @inline(__always)
    static func maximum(_ x: Float, _ y: Float) -> Float { x.isNaN || y.isNaN ? x + y : (y > x ? y : x) }

    @inline(__always)
    static func minimum(_ x: Float, _ y: Float) -> Float { x.isNaN || y.isNaN ? x + y : (y < x ? y : x) }

    /// Element-wise `Min`/`Max` of broadcast float32 operands.
    static func extremum(
        _ a: Tensor<Float>, _ b: Tensor<Float>, isMax: Bool, plan: BroadcastPlan, threads: Int, node: OperatorNode
    ) throws(ONNXError) -> Tensor<Float> {
        try ElementwiseRows.map(a, b, plan: plan, threads: threads, node: node, to: Float.self) { pa, sa, pb, sb, o, n in
            if isMax {
                ElementwiseRows.binary(pa, sa, pb, sb, o, n, scalar: { maximum($0, $1) }, vector: { maximum($0, $1) })
            } else {
                ElementwiseRows.binary(pa, sa, pb, sb, o, n, scalar: { minimum($0, $1) }, vector: { minimum($0, $1) })
            }
        }
    }

    /// The float32 unary operations with a vector form, or `nil` for the others.
    static func unary(_ x: Tensor<Float>, _ operation: UnaryMath, threads: Int, node: OperatorNode) throws(ONNXError) -> Tensor<Float>? {
        switch operation {
        case .squareRoot:
            return try ElementwiseRows.unary(x, threads: threads, node: node, to: Float.self, scalar: { $0.squareRoot() }, vector: { $0.squareRoot() })
        case .floor:
            return try ElementwiseRows.unary(x, threads: threads, node: node, to: Float.self, scalar: { $0.rounded(.down) }, vector: { $0.rounded(.down) })
        case .ceil:
            return try ElementwiseRows.unary(x, threads: threads, node: node, to: Float.self, scalar: { $0.rounded(.up) }, vector: { $0.rounded(.up) })
        case .round:
            return try ElementwiseRows.unary(x, threads: threads, node: node, to: Float.self, scalar: { $0.rounded(.toNearestOrEven) },
                                             vector: { $0.rounded(.toNearestOrEven) })
        case .absolute:
            let mask = SIMD16<UInt32>(repeating: 0x7FFF_FFFF)
            return try ElementwiseRows.unary(x, threads: threads, node: node, to: Float.self, scalar: { $0.magnitude },
                                             vector: { unsafeBitCast(unsafeBitCast($0, to: SIMD16<UInt32>.self) & mask, to: SIMD16<Float>.self) })
        case .negate:
            return try ElementwiseRows.unary(x, threads: threads, node: node, to: Float.self, scalar: { -$0 }, vector: { -$0 })
        case .reciprocal:
            return try ElementwiseRows.unary(x, threads: threads, node: node, to: Float.self, scalar: { 1 / $0 }, vector: { SIMD16<Float>(repeating: 1) / $0 })
        case .exp, .log:
            return nil
        }
    }

    /// `ReduceMax`/`ReduceMin` of one task of a float32 reduction layout (see ``ReductionLayout``).
    @inline(__always)
    static func reduceExtremum(
        _ src: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>, _ o: Int, _ columns: Range<Int>, _ layout: ReductionLayout, isMax: Bool
    ) {
        let n = layout.n, inner = layout.inner
        let identity: Float = isMax ? -.infinity : .infinity
        if inner == 1 {
            let run = src + o * n
            var acc = SIMD16<Float>(repeating: identity)
            var i = 0
            if isMax {
                while i + 16 <= n { acc = maximum(acc, UnsafeRawPointer(run + i).loadUnaligned(as: SIMD16<Float>.self)); i += 16 }
            } else {
                while i + 16 <= n { acc = minimum(acc, UnsafeRawPointer(run + i).loadUnaligned(as: SIMD16<Float>.self)); i += 16 }
            }
            var result = identity
            for lane in 0..<16 { result = isMax ? maximum(result, acc[lane]) : minimum(result, acc[lane]) }
            while i < n { result = isMax ? maximum(result, run[i]) : minimum(result, run[i]); i += 1 }
            out[o] = result
            return
        }
        let target = out + o * inner
        for c in columns { target[c] = identity }
        for j in 0..<n {
            let row = src + (o * n + j) * inner
            var c = columns.lowerBound
            while c + 16 <= columns.upperBound {
                let t = UnsafeRawPointer(target + c).loadUnaligned(as: SIMD16<Float>.self)
                let r = UnsafeRawPointer(row + c).loadUnaligned(as: SIMD16<Float>.self)
                UnsafeMutableRawPointer(target + c).storeBytes(of: isMax ? maximum(t, r) : minimum(t, r), as: SIMD16<Float>.self)
                c += 16
            }
            while c < columns.upperBound { target[c] = isMax ? maximum(target[c], row[c]) : minimum(target[c], row[c]); c += 1 }
        }
    }
}
