/// The element-wise engine: broadcasting binary maps and unary maps over contiguous buffers,
/// in explicit `SIMD16` chunks with a scalar tail, split across cores for large tensors.
enum Elementwise {
    /// Validates that two shapes broadcast and returns the result shape.
    static func resultShape(_ a: [Int], _ b: [Int], operation: String) throws(TensorError) -> [Int] {
        a == b ? a : try Shape.broadcast(a, b, operation: operation)
    }

    /// Applies `scalar` (and `vector` on 16-lane chunks where both operands are contiguous or one
    /// is a splat) to `a` and `b` broadcast to `outShape`, which must be their valid broadcast.
    @inline(__always)
    static func binary<A: SIMDScalar, R: SIMDScalar>(
        _ a: Tensor<A>, _ b: Tensor<A>, outShape: [Int],
        scalar: (A, A) -> R, vector: (SIMD16<A>, SIMD16<A>) -> SIMD16<R>
    ) -> Tensor<R> {
        binaryRows(a, b, outShape: outShape) { pa, sa, pb, sb, out, n in
            if sa == 1 && sb == 1 {
                var i = 0
                while i + 16 <= n {
                    let r = vector(UnsafeRawPointer(pa + i).loadUnaligned(as: SIMD16<A>.self),
                                   UnsafeRawPointer(pb + i).loadUnaligned(as: SIMD16<A>.self))
                    UnsafeMutableRawPointer(out + i).storeBytes(of: r, as: SIMD16<R>.self)
                    i += 16
                }
                while i < n { out[i] = scalar(pa[i], pb[i]); i += 1 }
            } else if sa == 1 && sb == 0 {
                let y = pb.pointee, ys = SIMD16<A>(repeating: y)
                var i = 0
                while i + 16 <= n {
                    let r = vector(UnsafeRawPointer(pa + i).loadUnaligned(as: SIMD16<A>.self), ys)
                    UnsafeMutableRawPointer(out + i).storeBytes(of: r, as: SIMD16<R>.self)
                    i += 16
                }
                while i < n { out[i] = scalar(pa[i], y); i += 1 }
            } else if sa == 0 && sb == 1 {
                let x = pa.pointee, xs = SIMD16<A>(repeating: x)
                var i = 0
                while i + 16 <= n {
                    let r = vector(xs, UnsafeRawPointer(pb + i).loadUnaligned(as: SIMD16<A>.self))
                    UnsafeMutableRawPointer(out + i).storeBytes(of: r, as: SIMD16<R>.self)
                    i += 16
                }
                while i < n { out[i] = scalar(x, pb[i]); i += 1 }
            } else {
                for i in 0..<n { out[i] = scalar(pa[i * sa], pb[i * sb]) }
            }
        }
    }

    /// Applies `scalar` element-wise to broadcast operands (for results without a SIMD form, such
    /// as `Bool`).
    @inline(__always)
    static func binaryScalar<A, B, R>(_ a: Tensor<A>, _ b: Tensor<B>, outShape: [Int], _ scalar: (A, B) -> R) -> Tensor<R> {
        binaryRows(a, b, outShape: outShape) { pa, sa, pb, sb, out, n in
            if sa == 1 && sb == 1 {
                for i in 0..<n { out[i] = scalar(pa[i], pb[i]) }
            } else if sa == 1 && sb == 0 {
                let y = pb.pointee
                for i in 0..<n { out[i] = scalar(pa[i], y) }
            } else {
                for i in 0..<n { out[i] = scalar(pa[i * sa], pb[i * sb]) }
            }
        }
    }

    /// Splits the broadcast iteration into rows along the last axis and calls
    /// `row(a, strideA, b, strideB, out, length)` for each, in parallel for large results.
    @inline(__always)
    static func binaryRows<A, B, R>(
        _ a: Tensor<A>, _ b: Tensor<B>, outShape: [Int],
        _ row: (UnsafePointer<A>, Int, UnsafePointer<B>, Int, UnsafeMutablePointer<R>, Int) -> Void
    ) -> Tensor<R> {
        let count = outShape.reduce(1, *)
        // Collapse to one row when both operands are full or splats (a full operand that
        // broadcasts to `outShape` has its layout, up to leading unit axes).
        var shape = [count], sa = [1], sb = [1]
        if a.count == count && b.count == count {
            // Both operands have the result's layout: one contiguous row.
        } else if a.count == count && b.count == 1 {
            sb = [0]
        } else if a.count == 1 && b.count == count {
            sa = [0]
        } else {
            shape = outShape
            sa = Shape.broadcastStrides(a.shape, to: outShape)
            sb = Shape.broadcastStrides(b.shape, to: outShape)
        }
        let rank = shape.count
        let length = shape[rank - 1]
        let rows = length == 0 ? 0 : count / length
        return Tensor<R>(uncheckedShape: outShape, count: count) { out in
            guard count > 0, let po = out.baseAddress else { return }
            a.scalars.withUnsafeBufferPointer { ba in
                b.scalars.withUnsafeBufferPointer { bb in
                    guard let pa = ba.baseAddress, let pb = bb.baseAddress else { return }
                    let boxA = UncheckedSendable(pa), boxB = UncheckedSendable(pb), boxO = UncheckedSendable(po)
                    if rows == 1 {
                        Parallel.forEachChunk(count: length) { r in
                            row(boxA.value + r.lowerBound * sa[0], sa[0], boxB.value + r.lowerBound * sb[0], sb[0], boxO.value + r.lowerBound, r.count)
                        }
                        return
                    }
                    let chunks = count >= Parallel.minimumParallelCount ? Parallel.workerCount * 4 : 1
                    let per = (rows + chunks - 1) / chunks
                    Parallel.forEach(iterations: chunks, parallel: chunks > 1) { chunk in
                        let start = chunk * per, end = min(rows, start + per)
                        guard start < end else { return }
                        for r in start..<end {
                            var rest = r, oa = 0, ob = 0
                            var axis = rank - 2
                            while axis >= 0 {
                                let i = rest % shape[axis]
                                rest /= shape[axis]
                                oa += i * sa[axis]
                                ob += i * sb[axis]
                                axis -= 1
                            }
                            row(boxA.value + oa, sa[rank - 1], boxB.value + ob, sb[rank - 1], boxO.value + r * length, length)
                        }
                    }
                }
            }
        }
    }

    /// Applies `scalar` (and `vector` on 16-lane chunks) to every element.
    @inline(__always)
    static func map<A: SIMDScalar, R: SIMDScalar>(
        _ a: Tensor<A>, scalar: (A) -> R, vector: (SIMD16<A>) -> SIMD16<R>
    ) -> Tensor<R> {
        let count = a.count
        return Tensor<R>(uncheckedShape: a.shape, count: count) { out in
            guard count > 0, let po = out.baseAddress else { return }
            a.scalars.withUnsafeBufferPointer { ba in
                guard let pa = ba.baseAddress else { return }
                let boxA = UncheckedSendable(pa), boxO = UncheckedSendable(po)
                Parallel.forEachChunk(count: count) { r in
                    let src = boxA.value, dst = boxO.value
                    var i = r.lowerBound
                    while i + 16 <= r.upperBound {
                        let v = vector(UnsafeRawPointer(src + i).loadUnaligned(as: SIMD16<A>.self))
                        UnsafeMutableRawPointer(dst + i).storeBytes(of: v, as: SIMD16<R>.self)
                        i += 16
                    }
                    while i < r.upperBound { dst[i] = scalar(src[i]); i += 1 }
                }
            }
        }
    }

    /// Applies `scalar` to every element (no SIMD form).
    @inline(__always)
    static func mapScalar<A, R>(_ a: Tensor<A>, _ scalar: (A) -> R) -> Tensor<R> {
        let count = a.count
        return Tensor<R>(uncheckedShape: a.shape, count: count) { out in
            guard count > 0, let po = out.baseAddress else { return }
            a.scalars.withUnsafeBufferPointer { ba in
                guard let pa = ba.baseAddress else { return }
                let boxA = UncheckedSendable(pa), boxO = UncheckedSendable(po)
                Parallel.forEachChunk(count: count) { r in
                    for i in r { boxO.value[i] = scalar(boxA.value[i]) }
                }
            }
        }
    }
}
