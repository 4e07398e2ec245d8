import BioImageTensor

/// A tensor whose dimensions are named by axis ids (`batch`, `channel`, `y`, `x`, …).
///
/// Statistics and per-axis parameters broadcast **by axis name**, as bioimageio.core's xarray
/// tensors do, so the same data can be handed over in any axis order.
public struct LabeledTensor: Sendable, Hashable, CustomStringConvertible {
    /// The data.
    public private(set) var tensor: AnyTensor
    /// One axis id per dimension of ``tensor``, all different.
    public private(set) var axes: [String]

    /// Names the dimensions of `tensor`.
    /// - Throws: ``RuntimeError/Code/axisMismatch`` when the number of ids differs from the rank or an
    ///   id repeats.
    public init(_ tensor: AnyTensor, axes: [String]) throws(RuntimeError) {
        guard axes.count == tensor.shape.count else {
            throw RuntimeError(.axisMismatch, "\(axes.count) axis ids \(axes) for a tensor of shape \(tensor.shape)")
        }
        guard Set(axes).count == axes.count else {
            throw RuntimeError(.axisMismatch, "repeated axis id in \(axes)")
        }
        self.tensor = tensor
        self.axes = axes
    }

    /// Names the dimensions of a typed tensor.
    public init<S: TensorScalar>(_ tensor: Tensor<S>, axes: [String]) throws(RuntimeError) {
        try self.init(AnyTensor(tensor), axes: axes)
    }

    /// The shape, in ``axes`` order.
    public var shape: [Int] { tensor.shape }

    /// The element type.
    public var dtype: DType { tensor.dtype }

    /// The size of each axis, by id.
    public var sizes: [String: Int] { Dictionary(uniqueKeysWithValues: zip(axes, tensor.shape)) }

    /// The size along `axis`, or `nil` when the tensor has no such axis.
    public func size(of axis: String) -> Int? { axes.firstIndex(of: axis).map { tensor.shape[$0] } }

    /// The position of `axis` among the dimensions, or `nil`.
    public func index(of axis: String) -> Int? { axes.firstIndex(of: axis) }

    /// The same data with its dimensions permuted into `order`.
    ///
    /// Axes named in `order` but missing from the tensor are inserted with size 1; axes of the
    /// tensor that are missing from `order` must have size 1 and are dropped.
    /// - Throws: ``RuntimeError/Code/axisMismatch`` when an axis of size > 1 is not in `order`.
    public func transposed(to order: [String]) throws(RuntimeError) -> LabeledTensor {
        if order == axes { return self }
        var current = tensor
        var currentAxes = axes
        // Drop size-1 axes that the target does not have.
        for (position, axis) in currentAxes.enumerated().reversed() where !order.contains(axis) {
            guard current.shape[position] == 1 else {
                throw RuntimeError(.axisMismatch, "axis '\(axis)' of size \(current.shape[position]) is not one of \(order)", axis: axis)
            }
            current = try wrap { () throws(TensorError) in try current.squeezed(axes: [position]) }
            currentAxes.remove(at: position)
        }
        // Insert the missing ones at the end, then permute.
        for axis in order where !currentAxes.contains(axis) {
            current = try wrap { () throws(TensorError) in try current.expandingDimensions(at: currentAxes.count) }
            currentAxes.append(axis)
        }
        var permutation: [Int] = []
        permutation.reserveCapacity(order.count)
        for axis in order {
            guard let index = currentAxes.firstIndex(of: axis) else {
                throw RuntimeError(.axisMismatch, "axis '\(axis)' is missing", axis: axis)
            }
            permutation.append(index)
        }
        if permutation != Array(0..<permutation.count) {
            current = try wrap { () throws(TensorError) in try current.transposed(permutation) }
        }
        return try LabeledTensor(current, axes: order)
    }

    /// Replaces the data, keeping the axis ids.
    /// - Throws: ``RuntimeError/Code/axisMismatch`` when the rank changes.
    public func replacingData(_ newTensor: AnyTensor) throws(RuntimeError) -> LabeledTensor {
        try LabeledTensor(newTensor, axes: axes)
    }

    /// `LabeledTensor(float32, [batch: 1, channel: 1, y: 512, x: 512])`.
    public var description: String {
        "LabeledTensor(\(dtype), [" + zip(axes, shape).map { "\($0): \($1)" }.joined(separator: ", ") + "])"
    }
}

/// Runs a tensor operation, turning its ``TensorError`` into a ``RuntimeError``.
@inlinable
package func wrap<T>(tensor: String? = nil, axis: String? = nil, _ body: () throws(TensorError) -> T) throws(RuntimeError) -> T {
    do { return try body() } catch { throw RuntimeError(error, tensor: tensor, axis: axis) }
}
