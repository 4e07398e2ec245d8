import BioImageSpec

/// Picks the block size (halo included) of every input axis from the tiling options (notes §e.4).
///
/// * batch: the batch size per block (at most the sample's), 1 for a batch axis of size 1;
/// * channel, and index axes that are not concatenable: the whole axis;
/// * fixed sizes: that size;
/// * parameterized sizes: `min + n·step` from the block parameter, or the requested size (which
///   must be valid), or — for axes not named in explicit sizes — one block covering the sample;
///   a block larger than needed to cover the sample in one block is capped to the smallest valid
///   size that does (bioimageio.core raises instead);
/// * references to another input axis: computed from that axis's block size.
struct BlockSizeResolver {
    let model: ModelDescription
    let name: String
    let geometry: ModelGeometry
    let sample: Sample
    let options: TilingOptions

    /// Block sizes by input id, in axis order.
    func resolve() throws(RuntimeError) -> [String: [Int]] {
        var sizes: [String: [Int?]] = [:]
        for input in model.inputs where sample[input.id] != nil {
            sizes[input.id] = [Int?](repeating: nil, count: input.axes.count)
        }
        // References may chain; resolve in passes.
        var pending = true
        var pass = 0
        while pending {
            pending = false
            var progressed = false
            for input in model.inputs {
                guard let tensor = sample[input.id] else { continue }
                for (index, axis) in input.axes.enumerated() where sizes[input.id]?[index] == nil {
                    if let size = try blockSize(of: axis, in: input, sampleSize: tensor.shape[index], resolved: sizes) {
                        sizes[input.id]?[index] = size
                        progressed = true
                    } else {
                        pending = true
                    }
                }
            }
            pass += 1
            if pending && (!progressed || pass > 64) {
                throw RuntimeError(.invalidTiling, "the block sizes of some input axes refer to each other in a cycle or to a missing input", model: name)
            }
        }
        return sizes.mapValues { $0.map { $0 ?? 1 } }
    }

    private func requested(_ tensor: String, _ axis: String) -> Int? {
        switch options.blockShape {
        case .parameter: return nil
        case .sizes(let sizes): return sizes[axis]
        case .tensorSizes(let sizes): return sizes[tensor]?[axis]
        }
    }

    /// The block size of one axis, or `nil` when it refers to an axis not resolved yet.
    private func blockSize(of axis: Axis, in input: InputTensorDescription, sampleSize: Int,
                           resolved: [String: [Int?]]) throws(RuntimeError) -> Int? {
        let requested = requested(input.id, axis.id)
        let halo = geometry.halo(tensor: input.id, axis: axis.id)
        let error = { (message: String) in RuntimeError(.invalidTiling, message, model: name, tensor: input.id, axis: axis.id) }
        let mustMatch = { (size: Int, why: String) throws(RuntimeError) -> Int in
            if let requested, requested != size {
                throw error("block size \(requested) is not valid; \(why), so blocks have size \(size)")
            }
            return size
        }
        switch axis {
        case .batch(let batchAxis):
            if requested != nil { throw error("set the batch size per block with the batch size option, not a block size") }
            return batchAxis.size == 1 ? 1 : Swift.min(options.batchSize, sampleSize)
        case .channel:
            return try mustMatch(sampleSize, "the channel axis is taken whole")
        case .index(let indexAxis):
            if !indexAxis.concatenable {
                return try mustMatch(sampleSize, "the index axis is not concatenable, so it is taken whole")
            }
            return try spatialBlockSize(indexAxis.size, axis: axis, input: input, sampleSize: sampleSize, halo: halo,
                                        requested: requested, resolved: resolved, error: error, mustMatch: mustMatch)
        case .space(let spaceAxis), .time(let spaceAxis):
            return try spatialBlockSize(spaceAxis.size, axis: axis, input: input, sampleSize: sampleSize, halo: halo,
                                        requested: requested, resolved: resolved, error: error, mustMatch: mustMatch)
        }
    }

    private func spatialBlockSize(_ described: AxisSize, axis: Axis, input: InputTensorDescription, sampleSize: Int,
                                  halo: Int, requested: Int?, resolved: [String: [Int?]],
                                  error: (String) -> RuntimeError,
                                  mustMatch: (Int, String) throws(RuntimeError) -> Int) throws(RuntimeError) -> Int? {
        let size: Int
        switch described {
        case .fixed(let fixed):
            size = try mustMatch(fixed, "the axis has the fixed size \(fixed)")
        case .reference(let reference):
            guard let referencedInput = model.inputs.first(where: { $0.id == reference.tensorID }),
                  let position = referencedInput.axes.firstIndex(where: { $0.id == reference.axisID }) else {
                throw error("the size refers to '\(reference.tensorID)' axis '\(reference.axisID)', which is not an input axis")
            }
            guard let referencedSize = resolved[reference.tensorID]?[position] else {
                if resolved[reference.tensorID] == nil {
                    throw error("the size refers to input '\(reference.tensorID)', which the sample does not have")
                }
                return nil
            }
            guard let computed = ModelGeometry.referencedSize(reference, referenceSize: referencedSize,
                                                              referenceScale: referencedInput.axes[position].scale, scale: axis.scale) else {
                throw error("the block size cannot be computed from input '\(reference.tensorID)' axis '\(reference.axisID)'")
            }
            size = try mustMatch(computed, "the size follows input '\(reference.tensorID)' axis '\(reference.axisID)'")
        case .parameterized(let parameterized):
            return try parameterizedBlockSize(parameterized, sampleSize: sampleSize, halo: halo, requested: requested, error: error)
        case .dataDependent:
            throw error("an input axis cannot have a data-dependent size")
        }
        guard size - 2 * halo >= 1 else {
            throw error("blocks of \(size) leave no inner region after the halo of \(halo) on each side")
        }
        return size
    }

    private func parameterizedBlockSize(_ size: ParameterizedSize, sampleSize: Int, halo: Int, requested: Int?,
                                        error: (String) -> RuntimeError) throws(RuntimeError) -> Int {
        // The smallest valid block with an inner region, and the smallest covering the sample.
        let smallest = size.size(n: Swift.max(0, size.n(for: 2 * halo + 1)))
        let covering = size.size(n: Swift.max(0, size.n(for: sampleSize + 2 * halo)))
        var block: Int
        if let requested {
            if requested < size.min {
                throw error("block size \(requested) is smaller than the minimum \(size.min) (valid sizes are \(InputSizeCheck.sizesText(min: size.min, step: size.step, near: requested)))")
            }
            if size.problem(withSize: requested) != nil {
                throw error("block size \(requested) is not valid; valid sizes are \(InputSizeCheck.sizesText(min: size.min, step: size.step, near: requested))")
            }
            block = requested
        } else if case .parameter(let n) = options.blockShape {
            guard size.step <= 0 || n <= (Int.max / 4 - size.min) / size.step else { throw error("the block parameter \(n) is too large") }
            block = size.size(n: n)
        } else {
            block = covering
        }
        guard block - 2 * halo >= 1 else {
            let source = requested != nil ? "block size \(block) leaves" : "blocks of \(block) (n = \(size.n(for: block))) leave"
            throw error("\(source) no inner region after the halo of \(halo) on each side; the minimum block size is \(smallest)")
        }
        block = Swift.min(block, covering)
        return block
    }
}
