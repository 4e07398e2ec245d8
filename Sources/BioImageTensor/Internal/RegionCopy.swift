/// Copies rectangular regions between row-major arrays, one contiguous run (memcpy) at a time.
enum RegionCopy {
    /// Copies the box `extent` starting at `srcStart` of the array `src` (shape `srcShape`) to the box
    /// starting at `dstStart` of `dst` (shape `dstShape`). Elements are `elementSize` bytes.
    static func copy(
        from src: UnsafeRawPointer, shape srcShape: [Int], start srcStart: [Int],
        to dst: UnsafeMutableRawPointer, shape dstShape: [Int], start dstStart: [Int],
        extent: [Int], elementSize: Int
    ) {
        let rank = extent.count
        guard !extent.contains(0) else { return }
        if rank == 0 {
            dst.copyMemory(from: src, byteCount: elementSize)
            return
        }
        let srcStrides = Shape.strides(srcShape), dstStrides = Shape.strides(dstShape)
        let runBytes = extent[rank - 1] * elementSize
        let outerCount = extent.dropLast().reduce(1, *)
        var index = [Int](repeating: 0, count: max(0, rank - 1))
        for _ in 0..<outerCount {
            var s = srcStart[rank - 1], d = dstStart[rank - 1]
            for axis in 0..<(rank - 1) {
                s += (srcStart[axis] + index[axis]) * srcStrides[axis]
                d += (dstStart[axis] + index[axis]) * dstStrides[axis]
            }
            (dst + d * elementSize).copyMemory(from: src + s * elementSize, byteCount: runBytes)
            var axis = rank - 2
            while axis >= 0 {
                index[axis] += 1
                if index[axis] < extent[axis] { break }
                index[axis] = 0
                axis -= 1
            }
        }
    }
}
