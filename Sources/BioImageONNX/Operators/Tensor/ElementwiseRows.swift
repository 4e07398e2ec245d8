import BioImageTensor

/// The inner loops of the element-wise kernels: one run of a broadcast result, where each operand
/// is either contiguous (stride 1) or a splat (stride 0), in `SIMD16` chunks with a scalar tail.
enum ElementwiseRows {
    /// `out[i] = op(a[i·sa], b[i·sb])` for `i < n`, vectorised when both strides are 0 or 1.
    @inline(__always)
    static func binary<T: SIMDScalar, R: SIMDScalar>(
        _ pa: UnsafePointer<T>, _ sa: Int, _ pb: UnsafePointer<T>, _ sb: Int, _ out: UnsafeMutablePointer<R>, _ n: Int,
        scalar: (T, T) -> R, vector: (SIMD16<T>, SIMD16<T>) -> SIMD16<R>
    ) {
        var i = 0
        if sa == 1 && sb == 1 {
            while i + 16 <= n {
                let r = vector(UnsafeRawPointer(pa + i).loadUnaligned(as: SIMD16<T>.self),
                               UnsafeRawPointer(pb + i).loadUnaligned(as: SIMD16<T>.self))
                UnsafeMutableRawPointer(out + i).storeBytes(of: r, as: SIMD16<R>.self)
                i += 16
            }
            while i < n { out[i] = scalar(pa[i], pb[i]); i += 1 }
        } else if sa == 1 && sb == 0 {
            let y = pb.pointee, ys = SIMD16<T>(repeating: y)
            while i + 16 <= n {
                let r = vector(UnsafeRawPointer(pa + i).loadUnaligned(as: SIMD16<T>.self), ys)
                UnsafeMutableRawPointer(out + i).storeBytes(of: r, as: SIMD16<R>.self)
                i += 16
            }
            while i < n { out[i] = scalar(pa[i], y); i += 1 }
        } else if sa == 0 && sb == 1 {
            let x = pa.pointee, xs = SIMD16<T>(repeating: x)
            while i + 16 <= n {
                let r = vector(xs, UnsafeRawPointer(pb + i).loadUnaligned(as: SIMD16<T>.self))
                UnsafeMutableRawPointer(out + i).storeBytes(of: r, as: SIMD16<R>.self)
                i += 16
            }
            while i < n { out[i] = scalar(x, pb[i]); i += 1 }
        } else {
            while i < n { out[i] = scalar(pa[i &* sa], pb[i &* sb]); i += 1 }
        }
    }

    /// `out[i] = op(a[i·sa], b[i·sb])` for `i < n`, without a vector form (mixed or `Bool` types).
    @inline(__always)
    static func binaryScalar<A, B, R>(
        _ pa: UnsafePointer<A>, _ sa: Int, _ pb: UnsafePointer<B>, _ sb: Int, _ out: UnsafeMutablePointer<R>, _ n: Int,
        _ scalar: (A, B) -> R
    ) {
        if sa == 1 && sb == 1 {
            for i in 0..<n { out[i] = scalar(pa[i], pb[i]) }
        } else if sa == 1 && sb == 0 {
            let y = pb.pointee
            for i in 0..<n { out[i] = scalar(pa[i], y) }
        } else if sa == 0 && sb == 1 {
            let x = pa.pointee
            for i in 0..<n { out[i] = scalar(x, pb[i]) }
        } else {
            for i in 0..<n { out[i] = scalar(pa[i &* sa], pb[i &* sb]) }
        }
    }

    /// Computes a broadcast binary map of `a` and `b` into a new tensor of the plan's shape.
    @inline(__always)
    static func map<A: TensorScalar, B: TensorScalar, R: TensorScalar>(
        _ a: Tensor<A>, _ b: Tensor<B>, plan: BroadcastPlan, threads: Int, node: OperatorNode, to _: R.Type,
        _ row: (UnsafePointer<A>, Int, UnsafePointer<B>, Int, UnsafeMutablePointer<R>, Int) -> Void
    ) throws(ONNXError) -> Tensor<R> {
        try TensorOps.make(R.self, shape: plan.outShape, count: plan.count, node: node) { out in
            guard plan.count > 0, let po = out.baseAddress else { return }
            a.withUnsafeBufferPointer { ba in
                b.withUnsafeBufferPointer { bb in
                    guard let pa = ba.baseAddress, let pb = bb.baseAddress else { return }
                    plan.forEachRow(pa, pb, po, threads: threads, row)
                }
            }
        }
    }

    /// Applies `scalar` (and `vector` on 16-lane chunks) to every element of `a`.
    @inline(__always)
    static func unary<T: TensorScalar & SIMDScalar, R: TensorScalar & SIMDScalar>(
        _ a: Tensor<T>, threads: Int, node: OperatorNode, to _: R.Type,
        scalar: (T) -> R, vector: (SIMD16<T>) -> SIMD16<R>
    ) throws(ONNXError) -> Tensor<R> {
        let count = a.count
        return try TensorOps.make(R.self, shape: a.shape, count: count, node: node) { out in
            guard count > 0, let po = out.baseAddress else { return }
            a.withUnsafeBufferPointer { ba in
                guard let pa = ba.baseAddress else { return }
                let src = TensorOps.Box(pa), dst = TensorOps.Box(po)
                TensorOps.parallelChunks(count: count, threads: threads) { range in
                    var i = range.lowerBound
                    while i + 16 <= range.upperBound {
                        let v = vector(UnsafeRawPointer(src.value + i).loadUnaligned(as: SIMD16<T>.self))
                        UnsafeMutableRawPointer(dst.value + i).storeBytes(of: v, as: SIMD16<R>.self)
                        i += 16
                    }
                    while i < range.upperBound { dst.value[i] = scalar(src.value[i]); i += 1 }
                }
            }
        }
    }

    /// Applies `scalar` to every element of `a` (no vector form).
    @inline(__always)
    static func unaryScalar<T: TensorScalar, R: TensorScalar>(
        _ a: Tensor<T>, threads: Int, node: OperatorNode, to _: R.Type, _ scalar: (T) -> R
    ) throws(ONNXError) -> Tensor<R> {
        let count = a.count
        return try TensorOps.make(R.self, shape: a.shape, count: count, node: node) { out in
            guard count > 0, let po = out.baseAddress else { return }
            a.withUnsafeBufferPointer { ba in
                guard let pa = ba.baseAddress else { return }
                let src = TensorOps.Box(pa), dst = TensorOps.Box(po)
                TensorOps.parallelChunks(count: count, threads: threads) { range in
                    for i in range { dst.value[i] = scalar(src.value[i]) }
                }
            }
        }
    }
}
