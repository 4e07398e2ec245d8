/// The left GEMM operand (weights) rearranged into the micro-kernel's panel order.
///
/// Panel `p` holds rows `p·rows ..< (p+1)·rows` of `A` (zero rows past `M`): for each `k`, the
/// panel's `rows` values, each repeated ``MicroKernel/broadcastLanes`` times. Packing costs one
/// read of `A`; the micro-kernel then streams each panel contiguously.
enum PackedPanels {
    /// The number of panels for `rowCount` rows.
    static func panelCount(_ kernel: MicroKernel, rowCount: Int) -> Int {
        (rowCount + kernel.rows - 1) / kernel.rows
    }

    /// The floats one panel occupies.
    static func panelSize(_ kernel: MicroKernel, depth: Int) -> Int {
        depth * kernel.rows * kernel.broadcastLanes
    }

    /// The floats all panels occupy.
    static func size(_ kernel: MicroKernel, rowCount: Int, depth: Int) -> Int {
        panelCount(kernel, rowCount: rowCount) * panelSize(kernel, depth: depth)
    }

    /// Packs `A[m][k] = source[m·rowStride + k·columnStride]` for `m < rowCount`, `k < depth`.
    static func pack(_ kernel: MicroKernel, rowCount: Int, depth: Int, source: UnsafePointer<Float>,
                     rowStride: Int, columnStride: Int, into destination: UnsafeMutablePointer<Float>) {
        let rows = kernel.rows, lanes = kernel.broadcastLanes
        var out = destination
        for panel in 0..<panelCount(kernel, rowCount: rowCount) {
            let m0 = panel * rows
            for k in 0..<depth {
                for r in 0..<rows {
                    let value = m0 + r < rowCount ? source[(m0 + r) * rowStride + k * columnStride] : 0
                    for lane in 0..<lanes { out[lane] = value }
                    out += lanes
                }
            }
        }
    }
}
