import Dispatch
import Foundation

/// How parameters with named axes (per-channel gains, per-position statistics) line up with a
/// tensor: the tensor is walked as runs of ``runLength`` contiguous elements, and each parameter
/// advances by a fixed stride inside a run (0 when it is constant along the run).
///
/// Trailing tensor axes along which no parameter varies are merged into one run, so a per-channel
/// parameter on a `[batch, channel, y, x]` tensor gives runs of `y·x` elements with a constant
/// value; a parameter varying along the last axis gives runs of that axis' length.
struct BroadcastPlan {
    /// The number of elements per run.
    var runLength: Int
    /// Each parameter's stride inside a run.
    var runStrides: [Int]
    /// The extents of the axes iterated outside the runs.
    var outerShape: [Int]
    /// Each parameter's stride along each outer axis.
    var outerStrides: [[Int]]
    /// The number of runs.
    var runCount: Int

    /// A parameter's kept axes and shape.
    struct Grid {
        var axes: [String]
        var shape: [Int]
    }

    /// Plans the walk of a tensor with `axes` and `shape` against `parameters`.
    ///
    /// A parameter axis the tensor lacks must have size 1; a parameter's size along a tensor axis
    /// must equal the tensor's or be 1 (broadcast).
    /// - Throws: ``RuntimeError/Code/axisMismatch`` naming the axis otherwise.
    init(axes: [String], shape: [Int], parameters: [Grid], tensor: String?) throws(RuntimeError) {
        var strides: [[Int]] = []
        for grid in parameters {
            var own = [Int](repeating: 1, count: grid.shape.count)
            var step = 1
            for i in grid.shape.indices.reversed() {
                own[i] = step
                step *= grid.shape[i]
            }
            var perAxis = [Int](repeating: 0, count: axes.count)
            for (i, name) in grid.axes.enumerated() {
                guard let position = axes.firstIndex(of: name) else {
                    guard grid.shape[i] == 1 else {
                        throw RuntimeError(.axisMismatch, "a parameter or statistic runs along axis '\(name)' (size \(grid.shape[i])), which the tensor \(axes) does not have", tensor: tensor, axis: name)
                    }
                    continue
                }
                if grid.shape[i] == 1 { continue }
                guard grid.shape[i] == shape[position] else {
                    throw RuntimeError(.axisMismatch, "a parameter or statistic has \(grid.shape[i]) entries along axis '\(name)' but the tensor has size \(shape[position])", tensor: tensor, axis: name)
                }
                perAxis[position] = own[i]
            }
            strides.append(perAxis)
        }
        // Merge trailing axes along which every parameter is constant.
        var split = axes.count
        var run = 1
        while split > 0 && strides.allSatisfy({ $0[split - 1] == 0 }) {
            run *= shape[split - 1]
            split -= 1
        }
        if split == axes.count, split > 0 {
            // The last axis varies: one run per row.
            split -= 1
            run = shape[split]
            runStrides = strides.map { $0[split] }
        } else {
            runStrides = strides.map { _ in 0 }
        }
        runLength = run
        outerShape = Array(shape[..<split])
        outerStrides = strides.map { Array($0[..<split]) }
        runCount = outerShape.reduce(1, *)
    }

    /// The number of elements of the tensor.
    var count: Int { runLength * runCount }

    /// Below this many elements the walk stays on the calling thread.
    static let parallelThreshold = 1 << 18

    /// Calls `body(start, length, offsets)` for consecutive segments covering every element: a
    /// segment lies inside one run, `start` is its first element in the tensor, `offsets[k]` the
    /// index of parameter k's value at that element (it advances by ``runStrides``[k] per element).
    /// Large tensors are split into element ranges walked concurrently; `body` must only write the
    /// elements of its segment.
    func forEachSegment(_ body: @Sendable (Int, Int, UnsafeMutableBufferPointer<Int>) -> Void) {
        let total = count
        guard total > 0 else { return }
        let workers = ProcessInfo.processInfo.activeProcessorCount
        guard total >= Self.parallelThreshold, workers > 1 else {
            walk(from: 0, to: total, body)
            return
        }
        let chunks = workers * 4
        let per = ((total + chunks - 1) / chunks + 63) & ~63
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            let start = Swift.min(total, chunk * per), end = Swift.min(total, start + per)
            if start < end { walk(from: start, to: end, body) }
        }
    }

    /// Walks the elements `start..<end` segment by segment.
    private func walk(from start: Int, to end: Int, _ body: (Int, Int, UnsafeMutableBufferPointer<Int>) -> Void) {
        let rank = outerShape.count
        var run = start / runLength
        var within = start % runLength
        // The outer coordinates of the first run, and each parameter's offset there.
        var index = [Int](repeating: 0, count: rank)
        var rest = run
        for axis in stride(from: rank - 1, through: 0, by: -1) {
            index[axis] = rest % outerShape[axis]
            rest /= outerShape[axis]
        }
        var offsets = outerStrides.indices.map { k in
            (0..<rank).reduce(within * runStrides[k]) { $0 + index[$1] * outerStrides[k][$1] }
        }
        offsets.withUnsafeMutableBufferPointer { offsets in
            var position = start
            while position < end {
                let length = Swift.min(runLength - within, end - position)
                body(position, length, offsets)
                position += length
                guard position < end else { break }
                // Next run: back to its first element, then advance the outer coordinates.
                for k in offsets.indices { offsets[k] -= within * runStrides[k] }
                within = 0
                run += 1
                var axis = rank - 1
                while axis >= 0 {
                    index[axis] += 1
                    for k in offsets.indices { offsets[k] += outerStrides[k][axis] }
                    if index[axis] < outerShape[axis] { break }
                    for k in offsets.indices { offsets[k] -= outerStrides[k][axis] * outerShape[axis] }
                    index[axis] = 0
                    axis -= 1
                }
            }
        }
    }
}
