/// Batched float32 matrix products on the tiled GEMM, and a plain reference loop for other dtypes.
enum MatrixProduct {
    /// One product of a batch: where its operands and result start.
    struct Batch {
        /// Element offset of this batch's `A` (read with the shared row/column strides).
        var a: Int
        /// Element offset of this batch's row-major `K × N` matrix `B`.
        var b: Int
        /// Element offset of this batch's row-major `M × N` result.
        var c: Int
    }

    /// `C[batch] (=|+=) alpha · A[batch] × B[batch]` for every batch.
    ///
    /// `A[m][k] = a[batch.a + m·aRowStride + k·aColumnStride]`; `B` rows are contiguous with `n`
    /// columns. With `.store`, `C` needs no initial value; with `.accumulate`, it holds the addend.
    static func multiply(a: UnsafePointer<Float>, aRowStride: Int, aColumnStride: Int, b: UnsafePointer<Float>,
                         bCount: Int, c: UnsafeMutablePointer<Float>, m: Int, k: Int, n: Int, batches: [Batch],
                         mode: GEMMOutputMode, threads: Int) {
        guard m > 0, n > 0, !batches.isEmpty else { return }
        let kernel = MicroKernel.preferred
        let packedSize = PackedPanels.size(kernel, rowCount: m, depth: k)
        // Batches often share one A (a weight matrix broadcast over the batch): pack each distinct A once.
        var distinct: [Int: Int] = [:]
        for batch in batches where distinct[batch.a] == nil { distinct[batch.a] = distinct.count }
        let packed = UnsafeMutableRawPointer.allocate(byteCount: max(1, distinct.count * packedSize) * 4, alignment: 64)
            .bindMemory(to: Float.self, capacity: max(1, distinct.count * packedSize))
        defer { packed.deallocate() }
        for (offset, slot) in distinct {
            PackedPanels.pack(kernel, rowCount: m, depth: k, source: a + offset, rowStride: aRowStride,
                              columnStride: aColumnStride, into: packed + slot * packedSize)
        }
        // Rows of B a multiple of 4 KiB apart (n = 1024, 2048…) all map to the same L1 sets, and a tile
        // reads one line from each of the k rows: restage such a B with a staggered row pitch first.
        let aliased = batches.count == 1 && k >= 16 && n >= 256 && (n % 1024 < 32 || n % 1024 > 1024 - 32)
        let pitch = aliased ? (n + 15) / 16 * 16 + 48 : n
        let run = { (b: UnsafePointer<Float>, bCount: Int, restaged: Bool) in
            let offsets = UnsafeMutablePointer<Int>.allocate(capacity: max(k, 1))
            defer { offsets.deallocate() }
            for i in 0..<k { offsets[i] = i * pitch }
            // The last batch's B ends closest to the end of the buffer; tiles reading past it gather.
            let lastB = restaged ? 0 : batches.map(\.b).max() ?? 0
            var layout = ColumnLayout.matrix(columns: n, ldb: pitch)
            layout.directLimit = bCount - lastB - (k - 1) * pitch
            let units = batches.map { batch in
                GEMMUnit(a: UnsafePointer(packed + (distinct[batch.a] ?? 0) * packedSize), b: b + (restaged ? 0 : batch.b),
                         c: c + batch.c, bias: nil)
            }
            TiledGEMM.run(kernel: kernel, units: units, rowCount: m, depth: k, offsets: offsets, layout: layout, ldc: n,
                          mode: mode, threads: threads)
        }
        guard aliased, let batch = batches.first else { return run(b, bCount, false) }
        let count = k * pitch
        ScratchPool.shared.withBuffer(byteCount: count * 4) { raw in
            let staged = raw.bindMemory(to: Float.self, capacity: count)
            for row in 0..<k { (staged + row * pitch).update(from: b + batch.b + row * n, count: n) }
            run(UnsafePointer(staged), count, true)
        }
    }

    /// The textbook triple loop for dtypes without a fast path (integers wrap, as in onnxruntime).
    static func naive<T: Numeric>(a: [T], aRowStride: Int, aColumnStride: Int, b: [T], c: inout [T], m: Int, k: Int, n: Int,
                                  batches: [Batch], add: (T, T) -> T, multiply: (T, T) -> T) {
        for batch in batches {
            for i in 0..<m {
                for j in 0..<n {
                    var sum = T.zero
                    for p in 0..<k {
                        sum = add(sum, multiply(a[batch.a + i * aRowStride + p * aColumnStride], b[batch.b + p * n + j]))
                    }
                    c[batch.c + i * n + j] = sum
                }
            }
        }
    }
}
