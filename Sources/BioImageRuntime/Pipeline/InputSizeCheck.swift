import BioImageSpec

/// Checks input tensor sizes against a description before running a model, with errors that name
/// the model, tensor and axis and list the valid sizes.
enum InputSizeCheck {
    /// Checks `inputs` (already in the described axis order) against `model`.
    ///
    /// - Parameters:
    ///   - halo: the halo added on each side of an input axis before the model runs (whole-sample
    ///     prediction of a 0.5 model); the model sees `size + 2·halo`.
    ///   - tiled: block-wise prediction: space, time and parameterized sizes are free (blocks are
    ///     cut and padded to valid sizes), and a batch of size 1 is split.
    static func check(_ inputs: Sample, model: ModelDescription, name: String, tiled: Bool,
                      halo: (_ tensor: String, _ axis: String) -> Int) throws(RuntimeError) {
        var batch: (tensor: String, size: Int)?
        for input in model.inputs {
            guard let tensor = inputs[input.id] else { continue }
            for (index, axis) in input.axes.enumerated() {
                let size = tensor.shape[index]
                let error = { (message: String) in RuntimeError(.invalidSize, message, model: name, tensor: input.id, axis: axis.id) }
                guard size > 0 else { throw error("size 0 is not valid; an axis must hold at least one element") }
                switch axis {
                case .batch(let batchAxis):
                    if let previous = batch, previous.size != size {
                        throw error("batch size \(size) differs from the batch size \(previous.size) of input '\(previous.tensor)'")
                    }
                    batch = (input.id, size)
                    if batchAxis.size == 1, size != 1, !tiled {
                        throw error("size \(size) is not valid; the model's batch axis has size 1 (tiled prediction splits the batch)")
                    }
                case .channel(let channelAxis):
                    if size != channelAxis.channelNames.count {
                        throw error("size \(size) is not valid; the axis has \(channelAxis.channelNames.count) channel(s) \(channelAxis.channelNames)")
                    }
                case .index(let indexAxis):
                    if tiled, indexAxis.concatenable { continue }
                    try checkSize(size, of: indexAxis.size, axis: axis, in: input, inputs: inputs, model: model,
                                  halo: tiled ? 0 : halo(input.id, axis.id), tiled: false, error: error)
                case .space(let spaceAxis), .time(let spaceAxis):
                    try checkSize(size, of: spaceAxis.size, axis: axis, in: input, inputs: inputs, model: model,
                                  halo: tiled ? 0 : halo(input.id, axis.id), tiled: tiled, error: error)
                }
            }
        }
    }

    private static func checkSize(_ size: Int, of described: AxisSize, axis: Axis, in input: InputTensorDescription,
                                  inputs: Sample, model: ModelDescription, halo: Int, tiled: Bool,
                                  error: (String) -> RuntimeError) throws(RuntimeError) {
        let padded = size + 2 * halo
        func haloNote(_ modelSizes: String) -> String {
            halo > 0 ? " (the model takes \(modelSizes) after a halo of \(halo) is added on each side; tiled prediction takes any size)" : ""
        }
        switch described {
        case .fixed(let fixed):
            guard !tiled, padded != fixed else { return }
            let valid = fixed - 2 * halo
            let text = valid > 0 ? "the valid size is \(valid)" : "no sample size is valid"
            throw error("size \(size) is not valid; \(text)" + haloNote("exactly \(fixed)"))
        case .parameterized(let parameterized):
            guard !tiled, parameterized.problem(withSize: padded) != nil else { return }
            var first = parameterized.min - 2 * halo
            if first < 1, parameterized.step > 0 { first += (1 - first + parameterized.step - 1) / parameterized.step * parameterized.step }
            throw error("size \(size) is not valid; valid sizes are \(sizesText(min: first, step: parameterized.step, near: size))"
                        + haloNote("\(parameterized.min) + n·\(parameterized.step)"))
        case .reference(let reference):
            guard let referencedTensor = inputs[reference.tensorID],
                  let referencedInput = model.inputs.first(where: { $0.id == reference.tensorID }),
                  let position = referencedInput.axes.firstIndex(where: { $0.id == reference.axisID }),
                  position < referencedTensor.shape.count else { return }
            let referencedAxis = referencedInput.axes[position]
            let referencedSize = referencedTensor.shape[position]
            guard let expected = ModelGeometry.referencedSize(reference, referenceSize: referencedSize,
                                                              referenceScale: referencedAxis.scale, scale: axis.scale) else {
                throw error("the size cannot be computed from input '\(reference.tensorID)' axis '\(reference.axisID)' (scales \(referencedAxis.scale) and \(axis.scale))")
            }
            guard size != expected else { return }
            throw error("size \(size) is not valid; it must be \(expected), from input '\(reference.tensorID)' axis '\(reference.axisID)' of size \(referencedSize) (scale \(referencedAxis.scale) / \(axis.scale), offset \(reference.offset))")
        case .dataDependent:
            return
        }
    }

    /// `"64 + n·16 (64, 80, 96, 112, …)"`: the rule, its first sizes and the sizes around `size`.
    static func sizesText(min: Int, step: Int, near size: Int) -> String {
        guard step > 0 else { return "\(min)" }
        var values: Set<Int> = [min, min + step]
        if size >= min {
            let below = min + (size - min) / step * step
            values.insert(below)
            values.insert(below + step)
        }
        var parts: [String] = []
        var previous: Int?
        for value in values.sorted() {
            if let previous, value - previous > step { parts.append("…") }
            parts.append(String(value))
            previous = value
        }
        return "\(min) + n·\(step) (" + parts.joined(separator: ", ") + ", …)"
    }
}
