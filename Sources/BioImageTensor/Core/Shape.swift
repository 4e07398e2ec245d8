/// Shape arithmetic shared by the tensor operations (element counts, strides, axis checks).
enum Shape {
    /// The number of elements of `shape`, or an error for a negative extent or `Int` overflow.
    static func elementCount(_ shape: [Int], operation: String = "shape") throws(TensorError) -> Int {
        var count = 1
        for (axis, extent) in shape.enumerated() {
            guard extent >= 0 else {
                throw TensorError(.invalidShape, "\(operation): extent \(extent) of axis \(axis) in \(shape) is negative")
            }
            let (product, overflow) = count.multipliedReportingOverflow(by: extent)
            guard !overflow else {
                throw TensorError(.invalidShape, "\(operation): the element count of \(shape) overflows Int")
            }
            count = product
        }
        return count
    }

    /// Row-major strides in elements (the last axis has stride 1).
    static func strides(_ shape: [Int]) -> [Int] {
        var strides = [Int](repeating: 1, count: shape.count)
        var running = 1
        for axis in stride(from: shape.count - 1, through: 0, by: -1) {
            strides[axis] = running
            running &*= max(shape[axis], 1)
        }
        return strides
    }

    /// Resolves a possibly negative axis (`-1` is the last) against `rank`.
    static func normalize(axis: Int, rank: Int, operation: String) throws(TensorError) -> Int {
        let resolved = axis < 0 ? axis + rank : axis
        guard resolved >= 0, resolved < rank else {
            throw TensorError(.invalidAxis, "\(operation): axis \(axis) is out of range for rank \(rank)")
        }
        return resolved
    }

    /// Resolves a set of axes; `nil` means every axis. Duplicates are an error. Returns them sorted.
    static func normalize(axes: [Int]?, rank: Int, operation: String) throws(TensorError) -> [Int] {
        guard let axes else { return Array(0..<rank) }
        var seen = [Bool](repeating: false, count: rank)
        var result: [Int] = []
        for axis in axes {
            let resolved = try normalize(axis: axis, rank: rank, operation: operation)
            guard !seen[resolved] else {
                throw TensorError(.invalidAxis, "\(operation): axis \(axis) is listed twice in \(axes)")
            }
            seen[resolved] = true
            result.append(resolved)
        }
        return result.sorted()
    }

    /// The numpy broadcast of two shapes (aligned at the trailing axis).
    static func broadcast(_ a: [Int], _ b: [Int], operation: String) throws(TensorError) -> [Int] {
        let rank = max(a.count, b.count)
        var result = [Int](repeating: 1, count: rank)
        for i in 0..<rank {
            let x = i < rank - a.count ? 1 : a[i - (rank - a.count)]
            let y = i < rank - b.count ? 1 : b[i - (rank - b.count)]
            if x == y || y == 1 {
                result[i] = x
            } else if x == 1 {
                result[i] = y
            } else {
                throw TensorError(.shapeMismatch, "\(operation): shapes \(a) and \(b) cannot be broadcast together (axis \(i): \(x) vs \(y))")
            }
        }
        return result
    }

    /// Strides of `shape` viewed inside the broadcast shape `target`: 0 on broadcast axes.
    static func broadcastStrides(_ shape: [Int], to target: [Int]) -> [Int] {
        let own = strides(shape)
        let offset = target.count - shape.count
        var result = [Int](repeating: 0, count: target.count)
        for i in 0..<shape.count where shape[i] != 1 || target[i + offset] == 1 {
            result[i + offset] = shape[i] == 1 ? 0 : own[i]
        }
        return result
    }
}
