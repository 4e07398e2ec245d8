import BioImageTensor

/// The block grid of one input: a split per axis, iterated as a Cartesian product in the tensor's
/// axis order, last axis fastest (bioimageio.core's order).
struct InputTiling: Sendable {
    /// The input id.
    var id: String
    /// The axis ids, in the described order.
    var axes: [String]
    /// One split per axis.
    var splits: [AxisSplit]
    /// How blocks at the sample border are padded.
    var padding: AnyPaddingMode

    /// The number of blocks (the product of the per-axis counts).
    var blockCount: Int { splits.reduce(1) { $0 * $1.count } }

    /// The block shape, in axis order.
    var blockShape: [Int] { splits.map(\.blockSize) }

    /// The per-axis block positions of block `index` (a single-block input repeats its block).
    func positions(_ index: Int) -> [Int] {
        var remainder = blockCount == 1 ? 0 : index
        var positions = [Int](repeating: 0, count: splits.count)
        for axis in splits.indices.reversed() {
            positions[axis] = remainder % splits[axis].count
            remainder /= splits[axis].count
        }
        return positions
    }

    /// Cuts block `index` out of the whole input and pads it to the block shape.
    func block(_ index: Int, of tensor: LabeledTensor) throws(RuntimeError) -> LabeledTensor {
        let positions = positions(index)
        var ranges: [Range<Int>] = []
        var widths: [(before: Int, after: Int)] = []
        var needsPadding = false
        for (axis, split) in splits.enumerated() {
            let source = split.source(positions[axis])
            ranges.append(source.range)
            widths.append((source.before, source.after))
            if source.before > 0 || source.after > 0 { needsPadding = true }
        }
        let data = tensor.tensor
        let mode = padding
        let cut = try wrap(tensor: id) { () throws(TensorError) in
            let slice = try data.slice(ranges)
            return needsPadding ? try slice.padded(widths, mode: mode) : slice
        }
        return try LabeledTensor(cut, axes: axes)
    }
}
