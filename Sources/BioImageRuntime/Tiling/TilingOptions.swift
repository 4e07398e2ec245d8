/// How to split a sample into blocks (tiles) for block-wise prediction (notes §e.4).
///
/// A block size always **includes** the halo: the model sees blocks of exactly that size, and only
/// the inner region (block minus halo on each side) of each block's output is kept.
///
/// ```swift
/// // every parameterized input axis gets min + 2·step
/// let outputs = try pipeline.predict(sample, tiling: TilingOptions(blockParameter: 2))
/// // 256 along x (including the halo), whole sample along the other axes
/// let other = try pipeline.predict(sample, tiling: TilingOptions(blockSizes: ["x": 256]))
/// ```
public struct TilingOptions: Sendable, Hashable {
    /// Where the block shape comes from.
    public enum BlockShape: Sendable, Hashable {
        /// The parameter `n` of every parameterized input axis: blocks of `min + n·step`.
        ///
        /// `n = 0` means `min` (bioimageio.core replaces 0 by its default 10; this SDK does not).
        case parameter(Int)
        /// A block size per axis id, applied to every input that has the axis (the CLI's
        /// `--tile AXIS=SIZE`). Parameterized axes not named get one block covering the sample.
        case sizes([String: Int])
        /// A block size per input tensor id and axis id; axes not named are handled as in ``sizes(_:)``.
        case tensorSizes([String: [String: Int]])
    }

    /// Where the block shape comes from.
    public var blockShape: BlockShape
    /// The number of samples of the batch axis per block (≥ 1; default 1, as bioimageio.core).
    public var batchSize: Int

    /// Creates options from a block shape.
    public init(blockShape: BlockShape, batchSize: Int = 1) {
        self.blockShape = blockShape
        self.batchSize = batchSize
    }

    /// Blocks of `min + n·step` along every parameterized input axis (`n` ≥ 0; default 10, as
    /// bioimageio.core's default).
    public init(blockParameter n: Int = 10, batchSize: Int = 1) {
        self.init(blockShape: .parameter(n), batchSize: batchSize)
    }

    /// Blocks of the given size (including the halo) along each named axis id, for every input
    /// with that axis.
    public init(blockSizes: [String: Int], batchSize: Int = 1) {
        self.init(blockShape: .sizes(blockSizes), batchSize: batchSize)
    }
}
