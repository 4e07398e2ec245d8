/// How one axis of one input is cut into blocks (notes §e.4, without core's restrictions).
///
/// With sample length `S`, block length `B` (including the halo `h` on each side) and inner
/// length `I = B − 2h`, inner regions start at `0, I, 2I, …`; the last one is shifted back so
/// its block stays inside the sample (`S − I`, rounded up to the ``stride``), overlapping the
/// previous inner region. When `I ≥ S` there is a single block whose inner region is `[0, S)`, padded
/// on the right beyond the sample.
struct AxisSplit: Sendable, Hashable {
    /// The sample length.
    let sampleSize: Int
    /// The block length, halo included.
    let blockSize: Int
    /// The halo on each side.
    let halo: Int
    /// The start of each inner region, in sample coordinates.
    let starts: [Int]

    /// Splits an axis.
    ///
    /// - Parameter stride: inner starts must be multiples of it (outputs at a fractional scale).
    /// - Returns: `nil` when the inner length `blockSize − 2·halo` is < 1, or not a multiple of
    ///   `stride` while more than one block is needed.
    init?(sampleSize: Int, blockSize: Int, halo: Int, stride: Int = 1) {
        let inner = blockSize - 2 * halo
        guard sampleSize > 0, inner > 0, stride > 0 else { return nil }
        self.sampleSize = sampleSize
        self.blockSize = blockSize
        self.halo = halo
        if inner >= sampleSize {
            starts = [0]
            return
        }
        guard inner % stride == 0 else { return nil }
        let lastStart = (sampleSize - inner + stride - 1) / stride * stride
        var starts: [Int] = []
        starts.reserveCapacity((sampleSize + inner - 1) / inner)
        var position = 0
        while position < sampleSize {
            starts.append(Swift.min(position, lastStart))
            position += inner
        }
        self.starts = starts
    }

    /// The inner length `blockSize − 2·halo`.
    var innerSize: Int { blockSize - 2 * halo }

    /// The number of blocks along the axis.
    var count: Int { starts.count }

    /// Whether the axis is taken whole: one block, no halo, block = sample.
    var isWhole: Bool { starts.count == 1 && halo == 0 && blockSize == sampleSize }

    /// The inner region of block `k`, in sample coordinates.
    func inner(_ k: Int) -> Range<Int> {
        starts[k] ..< Swift.min(starts[k] + innerSize, sampleSize)
    }

    /// What block `k` reads: the part of `[start − halo, start − halo + blockSize)` inside the
    /// sample, and how much padding completes it on each side.
    func source(_ k: Int) -> (range: Range<Int>, before: Int, after: Int) {
        let start = starts[k] - halo
        let end = start + blockSize
        let clipped = Swift.max(0, start) ..< Swift.min(sampleSize, end)
        return (clipped, clipped.lowerBound - start, end - clipped.upperBound)
    }
}
