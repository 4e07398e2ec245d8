/// Reshaping, axis permutation, expanding and squeezing axes.
extension Tensor {
    /// Returns the same elements with a new shape; one extent may be `-1` and is then inferred.
    ///
    /// Complexity: O(1) beyond copying the shape (storage is shared until mutated).
    /// - Throws: ``TensorError/Code/countMismatch`` when the element counts differ or `-1` cannot
    ///   be inferred; ``TensorError/Code/invalidShape`` for other negative extents.
    public func reshaped(to newShape: [Int]) throws(TensorError) -> Tensor {
        var resolved = newShape
        let inferred = newShape.indices.filter { newShape[$0] == -1 }
        guard inferred.count <= 1 else {
            throw TensorError(.invalidShape, "reshaped(to:): only one extent of \(newShape) may be -1")
        }
        if let axis = inferred.first {
            resolved[axis] = 1
            let known = try Shape.elementCount(resolved, operation: "reshaped(to:)")
            guard known > 0, count % known == 0 else {
                throw TensorError(.countMismatch, "reshaped(to:): cannot infer -1 in \(newShape) for \(count) elements")
            }
            resolved[axis] = count / known
        }
        let newCount = try Shape.elementCount(resolved, operation: "reshaped(to:)")
        guard newCount == count else {
            throw TensorError(.countMismatch, "reshaped(to:): shape \(shape) has \(count) elements, \(newShape) has \(newCount)")
        }
        var result = self
        result.setShapeUnchecked(resolved)
        return result
    }

    /// Returns the tensor with its axes permuted: output axis `i` is input axis `permutation[i]`
    /// (numpy `transpose(a, axes)`). Negative axes count from the end.
    ///
    /// Complexity: O(count). Axes that stay adjacent are merged, and the copy runs in cache-sized
    /// 64×64 tiles split across cores, not as a per-element gather.
    /// - Throws: ``TensorError/Code/invalidAxis`` unless `permutation` is a permutation of the axes.
    public func transposed(_ permutation: [Int]) throws(TensorError) -> Tensor {
        guard permutation.count == rank else {
            throw TensorError(.invalidAxis, "transposed(_:): permutation \(permutation) has \(permutation.count) axes, the tensor has \(rank)")
        }
        // Validates the range of every axis and rejects duplicates.
        _ = try Shape.normalize(axes: permutation, rank: rank, operation: "transposed(_:)")
        let resolved = try permutation.map { (axis) throws(TensorError) -> Int in
            try Shape.normalize(axis: axis, rank: rank, operation: "transposed(_:)")
        }
        return transposedUnchecked(resolved)
    }

    /// Returns the tensor with its axes reversed (numpy `a.T`).
    public func transposed() -> Tensor {
        transposedUnchecked(Array((0..<rank).reversed()))
    }

    /// Swaps two axes (numpy `swapaxes`).
    ///
    /// - Throws: ``TensorError/Code/invalidAxis`` for an axis out of range.
    public func swappingAxes(_ a: Int, _ b: Int) throws(TensorError) -> Tensor {
        let x = try Shape.normalize(axis: a, rank: rank, operation: "swappingAxes")
        let y = try Shape.normalize(axis: b, rank: rank, operation: "swappingAxes")
        var permutation = Array(0..<rank)
        permutation.swapAt(x, y)
        return transposedUnchecked(permutation)
    }

    /// Permutes axes given a valid, normalised permutation.
    func transposedUnchecked(_ permutation: [Int]) -> Tensor {
        let outShape = permutation.map { shape[$0] }
        if permutation == Array(0..<rank) { return self }
        let count = self.count
        let size = MemoryLayout<Scalar>.stride
        return Tensor(uncheckedShape: outShape, count: count) { dst in
            scalars.withUnsafeBufferPointer { src in
                guard let s = src.baseAddress, let d = dst.baseAddress else { return }
                let rawSource = UnsafeRawPointer(s), rawTarget = UnsafeMutableRawPointer(d)
                func run<T>(_: T.Type) {
                    Transpose.permute(rawSource.assumingMemoryBound(to: T.self), rawTarget.assumingMemoryBound(to: T.self), shape: shape, permutation: permutation)
                }
                switch size {
                case 1: run(UInt8.self)
                case 2: run(UInt16.self)
                case 4: run(UInt32.self)
                default: run(UInt64.self)
                }
            }
        }
    }

    /// Inserts an axis of extent 1 at `axis` (numpy `expand_dims`); `axis` may equal the rank, and
    /// negative values count from the end of the result.
    ///
    /// - Throws: ``TensorError/Code/invalidAxis`` when `axis` is outside `-(rank+1)...rank`.
    public func expandingDimensions(at axis: Int) throws(TensorError) -> Tensor {
        let position = try Shape.normalize(axis: axis, rank: rank + 1, operation: "expandingDimensions(at:)")
        var newShape = shape
        newShape.insert(1, at: position)
        var result = self
        result.setShapeUnchecked(newShape)
        return result
    }

    /// Removes axes of extent 1: the listed ones, or all of them when `axes` is `nil`.
    ///
    /// - Throws: ``TensorError/Code/invalidAxis`` for an axis out of range or whose extent is not 1.
    public func squeezed(axes: [Int]? = nil) throws(TensorError) -> Tensor {
        let remove: Set<Int>
        if let axes {
            let resolved = try Shape.normalize(axes: axes, rank: rank, operation: "squeezed(axes:)")
            for axis in resolved where shape[axis] != 1 {
                throw TensorError(.invalidAxis, "squeezed(axes:): axis \(axis) has extent \(shape[axis]), not 1")
            }
            remove = Set(resolved)
        } else {
            remove = Set(shape.indices.filter { shape[$0] == 1 })
        }
        var result = self
        result.setShapeUnchecked(shape.indices.filter { !remove.contains($0) }.map { shape[$0] })
        return result
    }
}
