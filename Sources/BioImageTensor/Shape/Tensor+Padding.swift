extension Tensor {
    /// How ``Tensor/padded(_:mode:)`` fills the new border, with numpy `np.pad` semantics.
    public enum PaddingMode: Sendable {
        /// Fill with a constant value (`mode="constant"`, `constant_values=value`).
        case constant(Scalar)
        /// Repeat the edge element (`mode="edge"`).
        case edge
        /// Mirror without repeating the edge (`mode="reflect"`): `[1 2 3] → [3 2 | 1 2 3 | 2 1]`.
        case reflect
        /// Mirror repeating the edge (`mode="symmetric"`): `[1 2 3] → [2 1 | 1 2 3 | 3 2]`.
        case symmetric
    }

    /// Returns the tensor padded by `widths[i].before` / `widths[i].after` elements along axis `i`
    /// (axes beyond `widths.count` are not padded), as numpy `np.pad`.
    ///
    /// Widths larger than the axis are allowed: reflect and symmetric keep mirroring periodically,
    /// as numpy does. Complexity: O(result count); the interior is copied in contiguous runs and
    /// rows are split across cores for large tensors.
    /// - Throws: ``TensorError/Code/invalidArgument`` for a negative width, more widths than axes,
    ///   or a non-constant mode on an axis of extent 0 that must be padded.
    public func padded(_ widths: [(before: Int, after: Int)], mode: PaddingMode) throws(TensorError) -> Tensor {
        guard widths.count <= rank else {
            throw TensorError(.invalidArgument, "padded(_:mode:): \(widths.count) widths for a rank-\(rank) tensor")
        }
        var before = [Int](repeating: 0, count: rank), after = before
        for (axis, w) in widths.enumerated() {
            guard w.before >= 0, w.after >= 0 else {
                throw TensorError(.invalidArgument, "padded(_:mode:): negative width (\(w.before), \(w.after)) on axis \(axis)")
            }
            before[axis] = w.before
            after[axis] = w.after
        }
        var outShape = shape
        for axis in 0..<rank {
            let (sum1, o1) = shape[axis].addingReportingOverflow(before[axis])
            let (sum2, o2) = sum1.addingReportingOverflow(after[axis])
            guard !o1, !o2 else { throw TensorError(.invalidShape, "padded(_:mode:): axis \(axis) overflows Int") }
            outShape[axis] = sum2
        }
        let count = try Shape.elementCount(outShape, operation: "padded(_:mode:)")
        var constant: Scalar?
        if case .constant(let value) = mode { constant = value }
        // Source index for every output index on every axis (-1: constant fill).
        var maps: [[Int]] = []
        for axis in 0..<rank {
            let n = shape[axis]
            if n == 0, before[axis] + after[axis] > 0, constant == nil {
                throw TensorError(.invalidArgument, "padded(_:mode:): cannot pad axis \(axis) of extent 0 with mode \(mode)")
            }
            maps.append((0..<outShape[axis]).map { Self.sourceIndex($0 - before[axis], extent: n, mode: mode) })
        }
        let size = MemoryLayout<Scalar>.stride
        let fill = constant ?? scalars.first
        return Tensor(uncheckedShape: outShape, count: count) { dst in
            guard count > 0, let d = dst.baseAddress else { return }
            scalars.withUnsafeBufferPointer { src in
                let s = src.baseAddress.map { UnsafeRawPointer($0) }
                let fillBits = UnsafeMutableRawPointer.allocate(byteCount: 8, alignment: 8)
                defer { fillBits.deallocate() }
                fillBits.storeBytes(of: UInt64(0), as: UInt64.self)
                if let fill { withUnsafeBytes(of: fill) { if let b = $0.baseAddress { fillBits.copyMemory(from: b, byteCount: size) } } }
                func run<T>(_: T.Type) {
                    PadKernel.pad(src: s?.assumingMemoryBound(to: T.self), srcShape: shape,
                                  dst: UnsafeMutableRawPointer(d).assumingMemoryBound(to: T.self), dstShape: outShape,
                                  maps: maps, before: before[rank > 0 ? rank - 1 : 0], fill: fillBits.load(as: T.self))
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

    /// The source index for position `i` (relative to the start of the data) along an axis of
    /// extent `n`, or -1 for a constant fill.
    static func sourceIndex(_ i: Int, extent n: Int, mode: PaddingMode) -> Int {
        if i >= 0 && i < n { return i }
        switch mode {
        case .constant: return -1
        case .edge: return i < 0 ? 0 : n - 1
        case .reflect:
            if n == 1 { return 0 }
            let period = 2 * (n - 1)
            var j = i % period
            if j < 0 { j += period }
            return j < n ? j : period - j
        case .symmetric:
            let period = 2 * n
            var j = i % period
            if j < 0 { j += period }
            return j < n ? j : period - 1 - j
        }
    }
}

/// The row loop of `padded(_:mode:)` on raw element bit patterns.
enum PadKernel {
    @_specialize(where T == UInt8)
    @_specialize(where T == UInt16)
    @_specialize(where T == UInt32)
    @_specialize(where T == UInt64)
    static func pad<T>(src: UnsafePointer<T>?, srcShape: [Int], dst: UnsafeMutablePointer<T>, dstShape: [Int],
                       maps: [[Int]], before: Int, fill: T) {
        let rank = dstShape.count
        if rank == 0 {
            if let src { dst.pointee = src.pointee }
            return
        }
        let rowLength = dstShape[rank - 1]
        let srcRow = srcShape[rank - 1]
        let rows = dstShape.dropLast().reduce(1, *)
        let srcStrides = Shape.strides(srcShape)
        let lastMap = maps[rank - 1]
        let interiorEnd = before + srcRow
        let target = UncheckedSendable(dst), source = UncheckedSendable(src)
        let total = rows * rowLength
        let chunks = total >= Parallel.minimumParallelCount ? Parallel.workerCount * 4 : 1
        let per = (rows + chunks - 1) / max(chunks, 1)
        Parallel.forEach(iterations: chunks, parallel: chunks > 1) { chunk in
            let start = chunk * per, end = min(rows, start + per)
            guard start < end else { return }
            for row in start..<end {
                let out = target.value + row * rowLength
                // Decompose the row index into the outer output indices and map each to its source.
                var rest = row, offset = 0, constantRow = false
                var axis = rank - 2
                while axis >= 0 {
                    let i = rest % dstShape[axis]
                    rest /= dstShape[axis]
                    let j = maps[axis][i]
                    if j < 0 { constantRow = true; break }
                    offset += j * srcStrides[axis]
                    axis -= 1
                }
                guard !constantRow, let base = source.value else {
                    out.update(repeating: fill, count: rowLength)
                    continue
                }
                let line = base + offset
                for i in 0..<min(before, rowLength) {
                    let j = lastMap[i]
                    out[i] = j < 0 ? fill : line[j]
                }
                if srcRow > 0 { (out + before).update(from: line, count: srcRow) }
                for i in interiorEnd..<rowLength {
                    let j = lastMap[i]
                    out[i] = j < 0 ? fill : line[j]
                }
            }
        }
    }
}
