/// How the columns of a tiled GEMM map to the right operand `B` and to the output.
///
/// Columns are enumerated in a *virtual* grid of `planes × rowsPerPlane × rowPitch`; a column
/// `(z, y, x)` is a real output iff `y < validRows` and `x < validColumns`, stored at output index
/// `(z·validRows + y)·validColumns + x`. Its data in `B` starts at
/// `z·bPlaneStride + y·bRowStride + x·bColumnStride` (plus the per-`k` offset).
///
/// A stride-1 convolution over a zero-padded image uses the padded width as `rowPitch`, so the
/// virtual index *is* the position in `B` (``isLinear``) and tiles load `B` directly (implicit
/// im2col); the few columns that fall in the padding are computed and dropped. Other layouts
/// gather each tile into a packed panel first.
struct ColumnLayout: Sendable {
    var planes: Int
    var rowsPerPlane: Int
    var validRows: Int
    var rowPitch: Int
    var validColumns: Int
    var bPlaneStride: Int
    var bRowStride: Int
    var bColumnStride: Int
    /// Tiles whose virtual columns all lie below this bound may read `B` directly (when linear).
    var directLimit: Int
    /// Every how many `k` the direct path touches `B` ahead (taps along a row share cache lines).
    var touchStride = 1

    /// The number of virtual columns.
    var virtualCount: Int { planes * rowsPerPlane * rowPitch }

    /// The number of output columns.
    var outputCount: Int { planes * validRows * validColumns }

    /// Whether the position in `B` of a virtual column equals its index.
    var isLinear: Bool {
        bColumnStride == 1 && bRowStride == rowPitch && bPlaneStride == rowsPerPlane * rowPitch
    }

    /// A plain `K × N` row-major right operand with leading dimension `ldb`.
    static func matrix(columns: Int, ldb: Int) -> ColumnLayout {
        ColumnLayout(planes: 1, rowsPerPlane: 1, validRows: 1, rowPitch: columns, validColumns: columns,
                     bPlaneStride: columns, bRowStride: columns, bColumnStride: 1, directLimit: ldb)
    }

    /// The output index of virtual column `n`, or `nil` when it is padding.
    @inline(__always)
    func outputIndex(_ n: Int) -> Int? {
        let x = n % rowPitch
        let row = n / rowPitch
        let y = row % rowsPerPlane
        guard x < validColumns, y < validRows, n < virtualCount else { return nil }
        return ((row / rowsPerPlane) * validRows + y) * validColumns + x
    }

    /// The position in `B` of virtual column `n` (which must be a real output).
    @inline(__always)
    func bPosition(_ n: Int) -> Int {
        let x = n % rowPitch
        let row = n / rowPitch
        return (row / rowsPerPlane) * bPlaneStride + (row % rowsPerPlane) * bRowStride + x * bColumnStride
    }
}
