/// How a reduction over a set of axes walks a tensor: `outer` runs of `inner` contiguous elements.
struct Reduction<Scalar: TensorScalar> {
    /// The tensor with the reduced axes moved to the end (a copy only if they were not already).
    var data: Tensor<Scalar>
    /// The number of results (the product of the kept extents).
    var outer: Int
    /// The number of elements reduced into each result.
    var inner: Int
    /// The result shape without the reduced axes.
    var keptShape: [Int]
    /// The result shape with the reduced axes kept as extent 1.
    var keepdimsShape: [Int]

    /// Plans a reduction of `tensor` over `axes` (`nil`: all axes).
    init(_ tensor: Tensor<Scalar>, axes: [Int]?, operation: String) throws(TensorError) {
        let reduced = try Shape.normalize(axes: axes, rank: tensor.rank, operation: operation)
        let kept = (0..<tensor.rank).filter { !reduced.contains($0) }
        keptShape = kept.map { tensor.shape[$0] }
        keepdimsShape = tensor.shape.indices.map { reduced.contains($0) ? 1 : tensor.shape[$0] }
        outer = keptShape.reduce(1, *)
        inner = reduced.reduce(1) { $0 * tensor.shape[$1] }
        let permutation = kept + reduced
        data = permutation == Array(0..<tensor.rank) ? tensor : tensor.transposedUnchecked(permutation)
    }

    /// The result shape for `keepingDimensions`.
    func shape(keepingDimensions: Bool) -> [Int] { keepingDimensions ? keepdimsShape : keptShape }

    /// Computes `body(run, count)` for every run, in parallel when the work is large. When there are
    /// few long runs, each is split into chunks whose partial results `combine` merges in order.
    func map<R>(_ body: (UnsafePointer<Scalar>, Int) -> R, combine: (R, R) -> R) -> [R] {
        let outer = self.outer, inner = self.inner
        guard outer > 0 else { return [] }
        return data.scalars.withUnsafeBufferPointer { buffer -> [R] in
            guard let base = buffer.baseAddress else {
                // Empty runs: reduce nothing for every result.
                let empty = UnsafePointer<Scalar>(bitPattern: MemoryLayout<Scalar>.alignment)
                return (0..<outer).compactMap { _ in empty.map { body($0, 0) } }
            }
            let pointer = UncheckedSendable(base)
            let big = outer * inner >= Parallel.minimumParallelCount
            if !big || outer >= Parallel.workerCount * 4 {
                var results = [R?](repeating: nil, count: outer)
                results.withUnsafeMutableBufferPointer { out in
                    let box = UncheckedSendable(out)
                    let chunks = big ? Parallel.workerCount * 4 : 1
                    let per = (outer + chunks - 1) / chunks
                    Parallel.forEach(iterations: chunks, parallel: big) { chunk in
                        for i in (chunk * per)..<min(outer, chunk * per + per) {
                            box.value[i] = body(pointer.value + i * inner, inner)
                        }
                    }
                }
                return results.compactMap { $0 }
            }
            // Few long runs: split each run across cores.
            let pieces = Parallel.workerCount * 4
            let per = ((inner + pieces - 1) / pieces + 63) & ~63
            var results: [R] = []
            for i in 0..<outer {
                var partial = [R?](repeating: nil, count: pieces)
                partial.withUnsafeMutableBufferPointer { out in
                    let box = UncheckedSendable(out)
                    Parallel.forEach(iterations: pieces, parallel: true) { p in
                        let start = min(inner, p * per), end = min(inner, start + per)
                        box.value[p] = body(pointer.value + i * inner + start, end - start)
                    }
                }
                let values = partial.compactMap { $0 }
                if var total = values.first {
                    for v in values.dropFirst() { total = combine(total, v) }
                    results.append(total)
                }
            }
            return results
        }
    }
}

extension Reduction {
    /// Computes `body(index, run, count)` for every run without splitting runs, in parallel over
    /// runs when the work is large.
    func mapIndexed<R>(_ body: (Int, UnsafePointer<Scalar>, Int) -> R) -> [R] {
        let outer = self.outer, inner = self.inner
        guard outer > 0 else { return [] }
        return data.scalars.withUnsafeBufferPointer { buffer -> [R] in
            let base = buffer.baseAddress ?? UnsafePointer<Scalar>(bitPattern: MemoryLayout<Scalar>.alignment)
            guard let base else { return [] }
            let pointer = UncheckedSendable(base)
            var results = [R?](repeating: nil, count: outer)
            let big = outer * inner >= Parallel.minimumParallelCount
            results.withUnsafeMutableBufferPointer { out in
                let box = UncheckedSendable(out)
                let chunks = big ? Swift.min(outer, Parallel.workerCount * 4) : 1
                let per = (outer + chunks - 1) / chunks
                Parallel.forEach(iterations: chunks, parallel: big) { chunk in
                    for i in (chunk * per)..<Swift.min(outer, chunk * per + per) {
                        box.value[i] = body(i, pointer.value + i * inner, inner)
                    }
                }
            }
            return results.compactMap { $0 }
        }
    }
}
