/// Cache-blocked permutation of the axes of a row-major array, on raw element bit patterns.
enum Transpose {
    /// Side of the square tiles copied at once: 64×64 elements (16 KB of 4-byte elements, source and target) stay in L1; measured faster than 32 and 128.
    static let tile = 64

    /// Writes into `dst` the array `src` of shape `shape` with its axes permuted by `permutation`
    /// (output axis i is source axis `permutation[i]`). `T` is an integer type of the element size.
    @_specialize(where T == UInt8)
    @_specialize(where T == UInt16)
    @_specialize(where T == UInt32)
    @_specialize(where T == UInt64)
    static func permute<T>(_ src: UnsafePointer<T>, _ dst: UnsafeMutablePointer<T>, shape: [Int], permutation: [Int]) {
        let count = shape.reduce(1, *)
        guard count > 0 else { return }
        // Simplify: drop unit axes, then merge source axes that stay adjacent and in order.
        var axes = permutation.filter { shape[$0] != 1 }
        if axes.isEmpty {
            dst.update(from: src, count: count)
            return
        }
        let kept = axes.sorted()
        var srcShape = kept.map { shape[$0] }
        axes = axes.map { kept.firstIndex(of: $0) ?? 0 }
        var merged: [[Int]] = []  // groups of source axes, in output order
        for a in axes {
            if let last = merged.last?.last, last + 1 == a { merged[merged.count - 1].append(a) } else { merged.append([a]) }
        }
        let groupOrder = merged.map { $0[0] }.sorted()
        var newShape: [Int] = []
        for first in groupOrder {
            guard let group = merged.first(where: { $0[0] == first }) else { continue }
            newShape.append(group.reduce(1) { $0 * srcShape[$1] })
        }
        let perm = merged.map { group in groupOrder.firstIndex(of: group[0]) ?? 0 }
        srcShape = newShape
        let rank = srcShape.count
        if perm == Array(0..<rank) {
            dst.update(from: src, count: count)
            return
        }
        let srcStrides = Shape.strides(srcShape)
        let outShape = perm.map { srcShape[$0] }
        let outStrides = Shape.strides(outShape)
        // Stride in the output of each source axis.
        var dstStrideOfSource = [Int](repeating: 0, count: rank)
        for (o, s) in perm.enumerated() { dstStrideOfSource[s] = outStrides[o] }

        let rowAxis = perm[rank - 1]  // source axis that becomes the output's contiguous axis
        let colAxis = rank - 1        // source's contiguous axis
        let rows = srcShape[rowAxis], cols = srcShape[colAxis]
        let srcRowStride = srcStrides[rowAxis]
        let dstColStride = dstStrideOfSource[colAxis]
        let outerAxes = (0..<rank).filter { $0 != rowAxis && $0 != colAxis }
        let outerCount = outerAxes.reduce(1) { $0 * srcShape[$1] }

        let source = UncheckedSendable(src), target = UncheckedSendable(dst)
        func offsets(_ outer: Int) -> (Int, Int) {
            var rest = outer, s = 0, d = 0
            for axis in outerAxes.reversed() {
                let i = rest % srcShape[axis]
                rest /= srcShape[axis]
                s += i * srcStrides[axis]
                d += i * dstStrideOfSource[axis]
            }
            return (s, d)
        }
        let big = count >= Parallel.minimumParallelCount
        if rowAxis == colAxis {
            // The contiguous axis stays last: copy whole runs.
            Parallel.forEach(iterations: outerCount, parallel: big) { outer in
                let (s, d) = offsets(outer)
                (target.value + d).update(from: source.value + s, count: cols)
            }
            return
        }
        if outerCount >= Parallel.workerCount * 2 || !big {
            Parallel.forEach(iterations: outerCount, parallel: big) { outer in
                let (s, d) = offsets(outer)
                tile2D(source.value + s, srcRowStride, target.value + d, dstColStride, rows: 0..<rows, cols: cols)
            }
        } else {
            // Few outer slices: split each 2-D transposition into bands of rows.
            let bands = Parallel.workerCount * 4
            let per = ((rows + bands - 1) / bands + tile - 1) / tile * tile
            Parallel.forEach(iterations: outerCount * bands, parallel: true) { job in
                let (outer, band) = job.quotientAndRemainder(dividingBy: bands)
                let start = min(rows, band * per), end = min(rows, start + per)
                guard start < end else { return }
                let (s, d) = offsets(outer)
                tile2D(source.value + s, srcRowStride, target.value + d, dstColStride, rows: start..<end, cols: cols)
            }
        }
    }

    /// `dst[c * dstColStride + r] = src[r * srcRowStride + c]` for r in `rows`, c in `0..<cols`,
    /// visited in `tile`×`tile` blocks.
    @inline(__always)
    static func tile2D<T>(_ src: UnsafePointer<T>, _ srcRowStride: Int, _ dst: UnsafeMutablePointer<T>, _ dstColStride: Int, rows: Range<Int>, cols: Int) {
        if T.self == UInt32.self {
            // 4-byte elements: 4×4 blocks transposed in registers (one load and one store per row
            // of four instead of four scalar moves).
            src.withMemoryRebound(to: UInt32.self, capacity: 1) { s in
                dst.withMemoryRebound(to: UInt32.self, capacity: 1) { d in
                    tile2DBlocks4(s, srcRowStride, d, dstColStride, rows: rows, cols: cols)
                }
            }
            return
        }
        tile2DScalar(src, srcRowStride, dst, dstColStride, rows: rows, cols: cols)
    }

    @inline(__always)
    static func tile2DBlocks4(_ src: UnsafePointer<UInt32>, _ srcRowStride: Int, _ dst: UnsafeMutablePointer<UInt32>, _ dstColStride: Int, rows: Range<Int>, cols: Int) {
        let rowEnd4 = rows.lowerBound + (rows.count / 4) * 4, colEnd4 = (cols / 4) * 4
        var r0 = rows.lowerBound
        while r0 < rowEnd4 {
            let r1 = Swift.min(r0 + tile, rowEnd4)
            var c0 = 0
            while c0 < colEnd4 {
                let c1 = Swift.min(c0 + tile, colEnd4)
                var r = r0
                while r < r1 {
                    var c = c0
                    let s = src + r * srcRowStride
                    while c < c1 {
                        let a = UnsafeRawPointer(s + c).loadUnaligned(as: SIMD4<UInt32>.self)
                        let b = UnsafeRawPointer(s + srcRowStride + c).loadUnaligned(as: SIMD4<UInt32>.self)
                        let e = UnsafeRawPointer(s + 2 * srcRowStride + c).loadUnaligned(as: SIMD4<UInt32>.self)
                        let f = UnsafeRawPointer(s + 3 * srcRowStride + c).loadUnaligned(as: SIMD4<UInt32>.self)
                        let d = dst + c * dstColStride + r
                        UnsafeMutableRawPointer(d).storeBytes(of: SIMD4(a[0], b[0], e[0], f[0]), as: SIMD4<UInt32>.self)
                        UnsafeMutableRawPointer(d + dstColStride).storeBytes(of: SIMD4(a[1], b[1], e[1], f[1]), as: SIMD4<UInt32>.self)
                        UnsafeMutableRawPointer(d + 2 * dstColStride).storeBytes(of: SIMD4(a[2], b[2], e[2], f[2]), as: SIMD4<UInt32>.self)
                        UnsafeMutableRawPointer(d + 3 * dstColStride).storeBytes(of: SIMD4(a[3], b[3], e[3], f[3]), as: SIMD4<UInt32>.self)
                        c += 4
                    }
                    r += 4
                }
                c0 = c1
            }
            r0 = r1
        }
        // Edges that do not fill a 4×4 block.
        if colEnd4 < cols {
            tile2DScalar(UnsafePointer(src) + colEnd4, srcRowStride, dst + colEnd4 * dstColStride, dstColStride, rows: rows, cols: cols - colEnd4)
        }
        if rowEnd4 < rows.upperBound {
            tile2DScalar(src, srcRowStride, dst, dstColStride, rows: rowEnd4..<rows.upperBound, cols: colEnd4)
        }
    }

    @inline(__always)
    static func tile2DScalar<T>(_ src: UnsafePointer<T>, _ srcRowStride: Int, _ dst: UnsafeMutablePointer<T>, _ dstColStride: Int, rows: Range<Int>, cols: Int) {
        var r0 = rows.lowerBound
        while r0 < rows.upperBound {
            let r1 = min(r0 + tile, rows.upperBound)
            var c0 = 0
            while c0 < cols {
                let c1 = min(c0 + tile, cols)
                for c in c0..<c1 {
                    let d = dst + c * dstColStride
                    var s = src + r0 * srcRowStride + c
                    for r in r0..<r1 {
                        d[r] = s.pointee
                        s += srcRowStride
                    }
                }
                c0 = c1
            }
            r0 = r1
        }
    }
}
