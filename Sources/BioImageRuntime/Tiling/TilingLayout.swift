import BioImageSpec
import BioImageTensor

/// The block layout of one sample: the grid of every input and where each output block goes.
///
/// Built (and every problem reported) before any block is run.
struct TilingLayout: Sendable {
    /// The grid of each input present in the sample, in description order.
    private(set) var inputs: [InputTiling] = []
    /// The number of blocks.
    private(set) var blockCount = 1
    /// How each output axis follows the inputs, by output id.
    private let outputLinks: [String: [OutputAxisLink]]
    private let outputAxes: [String: [String]]
    private let name: String

    /// Lays out `sample` (inputs in the described axis order, sizes checked for tiling).
    init(model: ModelDescription, name: String, geometry: ModelGeometry, sample: Sample,
         options: TilingOptions) throws(RuntimeError) {
        self.name = name
        outputLinks = geometry.outputLinks
        outputAxes = Dictionary(model.outputs.map { ($0.id, $0.axes.map(\.id)) }, uniquingKeysWith: { first, _ in first })
        guard options.batchSize >= 1 else {
            throw RuntimeError(.invalidTiling, "the batch size per block must be at least 1, not \(options.batchSize)", model: name)
        }
        if case .parameter(let n) = options.blockShape, n < 0 {
            throw RuntimeError(.invalidTiling, "the block parameter n must be ≥ 0, not \(n)", model: name)
        }
        try Self.checkRequestedAxes(options.blockShape, model: model, sample: sample, name: name)

        let sizes = try BlockSizeResolver(model: model, name: name, geometry: geometry, sample: sample, options: options).resolve()
        for input in model.inputs {
            guard let tensor = sample[input.id], let blockSizes = sizes[input.id] else { continue }
            var splits: [AxisSplit] = []
            for (index, axis) in input.axes.enumerated() {
                let halo = geometry.halo(tensor: input.id, axis: axis.id)
                let stride = geometry.alignment(tensor: input.id, axis: axis.id)
                let sampleSize = tensor.shape[index]
                guard let split = AxisSplit(sampleSize: sampleSize, blockSize: blockSizes[index], halo: halo, stride: stride) else {
                    let inner = blockSizes[index] - 2 * halo
                    throw RuntimeError(.invalidTiling, "blocks of \(blockSizes[index]) leave an inner region of \(inner) after the halo of \(halo) on each side; it must be a multiple of \(stride), because an output follows this axis at a fractional scale",
                                       model: name, tensor: input.id, axis: axis.id)
                }
                splits.append(split)
            }
            inputs.append(InputTiling(id: input.id, axes: input.axes.map(\.id), splits: splits,
                                      padding: Self.paddingMode(input.pad)))
        }
        let counts = inputs.map(\.blockCount)
        blockCount = counts.max() ?? 1
        for input in inputs where input.blockCount != 1 && input.blockCount != blockCount {
            let all = inputs.map { "'\($0.id)': \($0.blockCount)" }.joined(separator: ", ")
            throw RuntimeError(.invalidTiling, "the inputs split into different numbers of blocks (\(all))", model: name, tensor: input.id)
        }
        try checkOutputs(model)
    }

    /// The grid of input `id`.
    func input(_ id: String) -> InputTiling? { inputs.first { $0.id == id } }

    /// Where the output block `blockShape` of output `id` for block `index` goes: the output
    /// sample's shape, and the box to copy (start in the block, start in the sample, extent).
    func placement(output id: String, block index: Int, blockShape: [Int]) throws(RuntimeError) -> OutputPlacement {
        guard let links = outputLinks[id], links.count == blockShape.count else {
            throw RuntimeError(.executionFailed, "the runtime returned a block of shape \(blockShape), which does not match the described axes", model: name, tensor: id)
        }
        var placement = OutputPlacement()
        for (axis, link) in links.enumerated() {
            let size = blockShape[axis]
            switch link {
            case .whole, .unstitchable:
                placement.append(sampleSize: size, source: 0, destination: 0, extent: size)
            case .linked(let link):
                guard let input = input(link.tensor), let position = input.axes.firstIndex(of: link.axis) else {
                    throw RuntimeError(.invalidTiling, "the input '\(link.tensor)' this output follows is missing", model: name, tensor: id)
                }
                let split = input.splits[position]
                if split.isWhole {
                    placement.append(sampleSize: size, source: 0, destination: 0, extent: size)
                    continue
                }
                let inner = split.inner(input.positions(index)[position])
                let sampleSize = link.scaled(split.sampleSize)
                let start = link.scaled(inner.lowerBound)
                let extent = Swift.min(link.scaled(inner.upperBound), sampleSize) - start
                guard link.crop + extent <= size else {
                    throw RuntimeError(.executionFailed, "the output block has size \(size) along this axis; the block layout needs at least \(link.crop + extent) (halo \(link.crop) + inner \(extent))",
                                       model: name, tensor: id, axis: outputAxes[id]?[axis])
                }
                placement.append(sampleSize: sampleSize, source: link.crop, destination: start, extent: extent)
            }
        }
        return placement
    }

    /// Refuses outputs that cannot be assembled from blocks.
    private func checkOutputs(_ model: ModelDescription) throws(RuntimeError) {
        for output in model.outputs {
            for (axis, link) in zip(output.axes, outputLinks[output.id] ?? []) {
                switch link {
                case .whole:
                    continue
                case .unstitchable(let reason):
                    throw RuntimeError(.invalidTiling, "this output cannot be predicted block-wise: \(reason)", model: name, tensor: output.id, axis: axis.id)
                case .linked(let link):
                    guard let input = input(link.tensor), let position = input.axes.firstIndex(of: link.axis) else {
                        throw RuntimeError(.invalidTiling, "this output follows input '\(link.tensor)' axis '\(link.axis)', which the sample does not have", model: name, tensor: output.id, axis: axis.id)
                    }
                    if link.offset != 0, !input.splits[position].isWhole {
                        throw RuntimeError(.invalidTiling, "its size has offset \(link.offset) relative to input '\(link.tensor)' axis '\(link.axis)', so blocks along that axis cannot be placed; give that axis a block covering the sample",
                                           model: name, tensor: output.id, axis: axis.id)
                    }
                }
            }
        }
    }

    /// Checks that explicitly sized axes exist.
    private static func checkRequestedAxes(_ shape: TilingOptions.BlockShape, model: ModelDescription, sample: Sample, name: String) throws(RuntimeError) {
        let present = model.inputs.filter { sample[$0.id] != nil }
        switch shape {
        case .parameter:
            return
        case .sizes(let sizes):
            let known = Set(present.flatMap { $0.axes.map(\.id) })
            for axis in sizes.keys.sorted() where !known.contains(axis) {
                throw RuntimeError(.invalidTiling, "no input has an axis '\(axis)' (axes: \(known.sorted()))", model: name, axis: axis)
            }
        case .tensorSizes(let sizes):
            for (tensor, axes) in sizes.sorted(by: { $0.key < $1.key }) {
                guard let input = present.first(where: { $0.id == tensor }) else {
                    throw RuntimeError(.invalidTiling, "block sizes given for '\(tensor)', which is not an input of the sample (inputs: \(present.map(\.id)))", model: name, tensor: tensor)
                }
                for axis in axes.keys.sorted() where !input.axes.contains(where: { $0.id == axis }) {
                    throw RuntimeError(.invalidTiling, "the input has no axis '\(axis)' (axes: \(input.axes.map(\.id)))", model: name, tensor: tensor, axis: axis)
                }
            }
        }
    }

    /// The padding mode of an input (symmetric when the description gives none).
    static func paddingMode(_ pad: Padding?) -> AnyPaddingMode {
        switch pad {
        case .constant(let value)?: return .constant(value)
        case .edge?: return .edge
        case .reflect?: return .reflect
        case .symmetric?, nil: return .symmetric
        }
    }
}

/// Where one output block goes in the output sample.
struct OutputPlacement: Sendable, Hashable {
    /// The output sample's shape.
    var sampleShape: [Int] = []
    /// The start of the copied box in the block.
    var source: [Int] = []
    /// The start of the copied box in the output sample.
    var destination: [Int] = []
    /// The extent of the copied box.
    var extent: [Int] = []

    mutating func append(sampleSize: Int, source: Int, destination: Int, extent: Int) {
        sampleShape.append(sampleSize)
        self.source.append(source)
        self.destination.append(destination)
        self.extent.append(extent)
    }
}
