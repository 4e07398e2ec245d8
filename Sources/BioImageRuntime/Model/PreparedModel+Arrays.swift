import BioImageSpec
import BioImageTensor

extension PreparedModel {
    /// Names the dimensions of a plain array given for input `id` (a `.npy` file, an image) by
    /// the described axes, as bioimageio.core matches arrays to inputs (notes §e.2):
    ///
    /// - an array with one dimension per described axis takes the described order;
    /// - an array with fewer dimensions gets the described axes that may have size 1 (batch, a
    ///   one-channel axis, a fixed size of 1) left out, outermost first, until the ranks agree —
    ///   so a `(512, 512)` image fits `(batch, channel, y, x)`;
    /// - an array with more dimensions may only have extra leading dimensions of size 1.
    ///
    /// - Throws: ``RuntimeError/Code/missingTensor`` for an unknown id,
    ///   ``RuntimeError/Code/axisMismatch`` when the shape cannot be matched.
    public func labeledInput(_ array: AnyTensor, id: String) throws(RuntimeError) -> LabeledTensor {
        guard let input = description.inputs.first(where: { $0.id == id }) else {
            throw RuntimeError(.missingTensor, "the model has no input '\(id)' (inputs: \(description.inputs.map(\.id)))", model: displayName, tensor: id)
        }
        var axes = input.axes.map(\.id)
        var tensor = array
        while tensor.shape.count > axes.count, tensor.shape.first == 1 {
            tensor = try wrap(tensor: id) { () throws(TensorError) in try tensor.squeezed(axes: [0]) }
        }
        if tensor.shape.count < axes.count {
            for axis in input.axes where axes.count > tensor.shape.count && Self.allowsSizeOne(axis) {
                axes.removeAll { $0 == axis.id }
            }
        }
        guard axes.count == tensor.shape.count else {
            throw RuntimeError(.axisMismatch, "an array of shape \(array.shape) cannot be matched to the axes \(input.axes.map(\.id))", model: displayName, tensor: id)
        }
        return try LabeledTensor(tensor, axes: axes)
    }

    private static func allowsSizeOne(_ axis: Axis) -> Bool {
        switch axis {
        case .batch(let batch): return batch.size == nil || batch.size == 1
        case .channel(let channel): return channel.channelNames.count == 1
        default: return axis.size?.fixedValue == 1
        }
    }
}
