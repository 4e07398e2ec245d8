import BioImageTensor

/// How a reduction over a set of axes walks a tensor: `outer` blocks, each of `n` rows of `inner`
/// contiguous elements, reduced over the rows. Adjacent reduced (and kept) axes are merged, extent-1
/// axes dropped; when the reduced axes are not one contiguous group, the tensor is transposed once
/// so they come last.
struct ReductionLayout {
    /// The data in the walked layout (the input, or its transposition).
    var data: AnyTensor
    /// The product of the kept extents before the reduced group.
    var outer: Int
    /// The number of elements reduced into each result.
    var n: Int
    /// The product of the kept extents after the reduced group.
    var inner: Int
    /// The result shape (with or without the reduced axes as extent 1).
    var outShape: [Int]

    /// Plans the reduction of `data` over the resolved `axes`.
    init(_ data: AnyTensor, axes: [Int], keepDimensions: Bool, node: OperatorNode) throws(ONNXError) {
        let shape = data.shape
        let reduced = Set(axes)
        outShape = keepDimensions
            ? shape.indices.map { reduced.contains($0) ? 1 : shape[$0] }
            : shape.indices.filter { !reduced.contains($0) }.map { shape[$0] }
        // Groups of (extent, reduced) with extent-1 axes dropped and neighbours of a kind merged.
        var groups: [(extent: Int, reduced: Bool)] = []
        for axis in shape.indices where shape[axis] != 1 {
            let isReduced = reduced.contains(axis)
            if let last = groups.last, last.reduced == isReduced {
                groups[groups.count - 1].extent = last.extent * shape[axis]
            } else {
                groups.append((shape[axis], isReduced))
            }
        }
        let reducedGroups = groups.filter(\.reduced).count
        if reducedGroups <= 1 {
            var outer = 1, n = 1, inner = 1, seen = false
            for group in groups {
                if group.reduced { n = group.extent; seen = true } else if seen { inner *= group.extent } else { outer *= group.extent }
            }
            self.data = data
            self.outer = outer
            self.n = n
            self.inner = inner
            return
        }
        let kept = shape.indices.filter { !reduced.contains($0) }
        let moved = shape.indices.filter { reduced.contains($0) }
        do { self.data = try data.transposed(kept + moved) } catch { throw error.onnxError(for: node) }
        outer = kept.reduce(1) { $0 * shape[$1] }
        n = moved.reduce(1) { $0 * shape[$1] }
        inner = 1
    }

    /// Calls `body(o, columns)` for every outer block and range of inner columns, on up to
    /// `threads` threads when the work is large.
    func forEachTask(threads: Int, _ body: (Int, Range<Int>) -> Void) {
        let work = outer * n * inner
        let parallel = work >= TensorOps.parallelThreshold ? threads : 1
        let columnChunks = inner >= 256 && outer < parallel * 2 ? min(parallel * 4, inner / 64) : 1
        let per = (inner + columnChunks - 1) / columnChunks
        let inner = self.inner
        TensorOps.parallelChunks(count: outer * columnChunks, threads: parallel,
                                 grain: max(1, TensorOps.parallelThreshold / max(1, n * per))) { range in
            for task in range {
                let o = task / columnChunks, chunk = task % columnChunks
                let start = chunk * per, end = min(inner, start + per)
                if start < end { body(o, start..<end) }
            }
        }
    }
}
