/// Slicing, cropping, concatenation and stacking.
extension Tensor {
    /// Returns the sub-tensor selected by one range per axis (numpy `a[r0, r1, …]` with unit steps).
    ///
    /// Axes beyond `ranges.count` are taken whole. Complexity: O(result count), copied in
    /// contiguous runs.
    /// - Throws: ``TensorError/Code/outOfBounds`` when a range leaves its axis, or more ranges than
    ///   axes are given.
    public func slice(_ ranges: [Range<Int>]) throws(TensorError) -> Tensor {
        guard ranges.count <= rank else {
            throw TensorError(.outOfBounds, "slice(_:): \(ranges.count) ranges for a rank-\(rank) tensor")
        }
        var start = [Int](repeating: 0, count: rank)
        var extent = shape
        for (axis, range) in ranges.enumerated() {
            guard range.lowerBound >= 0, range.upperBound <= shape[axis] else {
                throw TensorError(.outOfBounds, "slice(_:): range \(range) is outside axis \(axis) of extent \(shape[axis])")
            }
            start[axis] = range.lowerBound
            extent[axis] = range.count
        }
        return region(start: start, extent: extent)
    }

    /// Removes `widths[i].before` leading and `widths[i].after` trailing elements along each axis
    /// (the inverse of ``padded(_:mode:)``); missing trailing axes are not cropped.
    ///
    /// - Throws: ``TensorError/Code/outOfBounds`` for a negative width, widths that remove more
    ///   than the axis holds, or more widths than axes.
    public func cropped(_ widths: [(before: Int, after: Int)]) throws(TensorError) -> Tensor {
        guard widths.count <= rank else {
            throw TensorError(.outOfBounds, "cropped(_:): \(widths.count) widths for a rank-\(rank) tensor")
        }
        var start = [Int](repeating: 0, count: rank)
        var extent = shape
        for (axis, width) in widths.enumerated() {
            guard width.before >= 0, width.after >= 0, width.before <= shape[axis] - width.after else {
                throw TensorError(.outOfBounds, "cropped(_:): widths (\(width.before), \(width.after)) do not fit axis \(axis) of extent \(shape[axis])")
            }
            start[axis] = width.before
            extent[axis] = shape[axis] - width.before - width.after
        }
        return region(start: start, extent: extent)
    }

    /// Copies the box `start ..< start + extent` (already validated).
    func region(start: [Int], extent: [Int]) -> Tensor {
        if start.allSatisfy({ $0 == 0 }) && extent == shape { return self }
        let count = extent.reduce(1, *)
        return Tensor(uncheckedShape: extent, count: count) { dst in
            scalars.withUnsafeBufferPointer { src in
                guard let s = src.baseAddress, let d = dst.baseAddress else { return }
                RegionCopy.copy(from: s, shape: shape, start: start, to: d, shape: extent,
                                start: [Int](repeating: 0, count: extent.count), extent: extent,
                                elementSize: MemoryLayout<Scalar>.stride)
            }
        }
    }

    /// Joins tensors along an existing axis (numpy `concatenate`).
    ///
    /// Complexity: O(total count), copied in contiguous blocks.
    /// - Throws: ``TensorError/Code/invalidArgument`` for an empty list,
    ///   ``TensorError/Code/shapeMismatch`` when ranks or the other extents differ,
    ///   ``TensorError/Code/invalidAxis`` for a bad axis.
    public static func concatenated(_ tensors: [Tensor], alongAxis axis: Int) throws(TensorError) -> Tensor {
        guard let first = tensors.first else {
            throw TensorError(.invalidArgument, "concatenated(_:alongAxis:): no tensors to join")
        }
        guard first.rank > 0 else {
            throw TensorError(.invalidAxis, "concatenated(_:alongAxis:): rank-0 tensors have no axis to join along")
        }
        let a = try Shape.normalize(axis: axis, rank: first.rank, operation: "concatenated(_:alongAxis:)")
        var total = 0
        for (i, t) in tensors.enumerated() {
            var expected = first.shape, actual = t.shape
            if actual.count == expected.count {
                expected[a] = 0
                actual[a] = 0
            }
            guard expected == actual else {
                throw TensorError(.shapeMismatch, "concatenated(_:alongAxis:): tensor \(i) has shape \(t.shape), incompatible with \(first.shape) along axis \(a)")
            }
            total += t.shape[a]
        }
        var outShape = first.shape
        outShape[a] = total
        let count = try Shape.elementCount(outShape, operation: "concatenated(_:alongAxis:)")
        let outer = first.shape[..<a].reduce(1, *)
        let size = MemoryLayout<Scalar>.stride
        return Tensor(uncheckedShape: outShape, count: count) { dst in
            guard let d = dst.baseAddress, count > 0 else { return }
            let raw = UnsafeMutableRawPointer(d)
            let outBlock = count / Swift.max(outer, 1) * size
            var offset = 0
            for t in tensors {
                let block = t.shape[a...].reduce(1, *) * size
                t.scalars.withUnsafeBytes { src in
                    guard let s = src.baseAddress, block > 0 else { return }
                    for o in 0..<outer {
                        (raw + o * outBlock + offset).copyMemory(from: s + o * block, byteCount: block)
                    }
                }
                offset += block
            }
        }
    }

    /// Joins tensors of equal shape along a new axis (numpy `stack`).
    ///
    /// - Throws: ``TensorError/Code/shapeMismatch`` when the shapes differ, plus the errors of
    ///   ``concatenated(_:alongAxis:)``.
    public static func stacked(_ tensors: [Tensor], alongAxis axis: Int) throws(TensorError) -> Tensor {
        guard let first = tensors.first else {
            throw TensorError(.invalidArgument, "stacked(_:alongAxis:): no tensors to stack")
        }
        for (i, t) in tensors.enumerated() where t.shape != first.shape {
            throw TensorError(.shapeMismatch, "stacked(_:alongAxis:): tensor \(i) has shape \(t.shape), expected \(first.shape)")
        }
        let expanded = try tensors.map { (t) throws(TensorError) -> Tensor in try t.expandingDimensions(at: axis) }
        return try concatenated(expanded, alongAxis: axis < 0 ? axis + first.rank + 1 : axis)
    }
}
