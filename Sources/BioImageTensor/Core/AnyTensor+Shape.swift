/// Shape operations on a tensor of any dtype: they keep the dtype and forward to ``Tensor``.
extension AnyTensor {
    /// Permutes the axes (numpy `transpose(axes)`); see ``Tensor/transposed(_:)``.
    public func transposed(_ permutation: [Int]) throws(TensorError) -> AnyTensor {
        try apply(.transpose(permutation))
    }

    /// Gives the same elements a new shape (numpy `reshape`); see ``Tensor/reshaped(to:)``.
    public func reshaped(to shape: [Int]) throws(TensorError) -> AnyTensor {
        try apply(.reshape(shape))
    }

    /// Inserts a size-1 axis at `axis`; see ``Tensor/expandingDimensions(at:)``.
    public func expandingDimensions(at axis: Int) throws(TensorError) -> AnyTensor {
        try apply(.expand(axis))
    }

    /// Removes size-1 axes (all of them when `axes` is `nil`); see ``Tensor/squeezed(axes:)``.
    public func squeezed(axes: [Int]? = nil) throws(TensorError) -> AnyTensor {
        try apply(.squeeze(axes))
    }

    /// Cuts out a box, one range per axis; see ``Tensor/slice(_:)``.
    public func slice(_ ranges: [Range<Int>]) throws(TensorError) -> AnyTensor {
        try apply(.slice(ranges))
    }

    /// Pads with a numpy mode; a constant pad value is converted to the dtype (numpy `np.pad`).
    /// See ``Tensor/padded(_:mode:)``.
    public func padded(_ widths: [(before: Int, after: Int)], mode: AnyPaddingMode) throws(TensorError) -> AnyTensor {
        try apply(.pad(widths, mode))
    }

    /// Concatenates tensors of one dtype along `axis` (numpy `concatenate`).
    /// - Throws: ``TensorError/Code/dtypeMismatch`` when the dtypes differ, or the errors of
    ///   ``Tensor/concatenated(_:alongAxis:)``.
    public static func concatenated(_ tensors: [AnyTensor], alongAxis axis: Int) throws(TensorError) -> AnyTensor {
        guard let first = tensors.first else { throw TensorError(.invalidArgument, "concatenated: no tensors") }
        return try first.visitThrowing(ConcatenateVisitor(others: tensors, axis: axis))
    }

    private func apply(_ operation: ShapeOperation) throws(TensorError) -> AnyTensor {
        try visitThrowing(ShapeOperationVisitor(operation: operation))
    }

    func visitThrowing<V: ThrowingTensorVisitor>(_ visitor: V) throws(TensorError) -> V.Result {
        switch storage {
        case .bool(let t): try visitor.visit(t)
        case .int8(let t): try visitor.visit(t)
        case .int16(let t): try visitor.visit(t)
        case .int32(let t): try visitor.visit(t)
        case .int64(let t): try visitor.visit(t)
        case .uint8(let t): try visitor.visit(t)
        case .uint16(let t): try visitor.visit(t)
        case .uint32(let t): try visitor.visit(t)
        case .uint64(let t): try visitor.visit(t)
        #if !(os(macOS) && arch(x86_64))
        case .float16(let t): try visitor.visit(t)
        #else
        case .float16Bits(let t): try visitor.visit(t)
        #endif
        case .float32(let t): try visitor.visit(t)
        case .float64(let t): try visitor.visit(t)
        }
    }
}

/// A padding mode for a tensor of any dtype; the constant is converted to the tensor's dtype.
public enum AnyPaddingMode: Sendable, Hashable {
    /// Fill with a constant.
    case constant(Double)
    /// Repeat the edge element.
    case edge
    /// Mirror without repeating the edge.
    case reflect
    /// Mirror repeating the edge.
    case symmetric

    func typed<S: TensorScalar>(_: S.Type) -> Tensor<S>.PaddingMode {
        switch self {
        case .constant(let value): return .constant(Tensor<Double>(value).converted(to: S.self).scalars[0])
        case .edge: return .edge
        case .reflect: return .reflect
        case .symmetric: return .symmetric
        }
    }
}

/// A generic, throwing operation over the typed tensor inside an ``AnyTensor``.
protocol ThrowingTensorVisitor {
    associatedtype Result
    func visit<S: TensorScalar>(_ tensor: Tensor<S>) throws(TensorError) -> Result
}

private enum ShapeOperation {
    case transpose([Int])
    case reshape([Int])
    case expand(Int)
    case squeeze([Int]?)
    case slice([Range<Int>])
    case pad([(before: Int, after: Int)], AnyPaddingMode)
}

private struct ShapeOperationVisitor: ThrowingTensorVisitor {
    var operation: ShapeOperation
    func visit<S: TensorScalar>(_ tensor: Tensor<S>) throws(TensorError) -> AnyTensor {
        switch operation {
        case .transpose(let permutation): AnyTensor(try tensor.transposed(permutation))
        case .reshape(let shape): AnyTensor(try tensor.reshaped(to: shape))
        case .expand(let axis): AnyTensor(try tensor.expandingDimensions(at: axis))
        case .squeeze(let axes): AnyTensor(try tensor.squeezed(axes: axes))
        case .slice(let ranges): AnyTensor(try tensor.slice(ranges))
        case .pad(let widths, let mode): AnyTensor(try tensor.padded(widths, mode: mode.typed(S.self)))
        }
    }
}

private struct ConcatenateVisitor: ThrowingTensorVisitor {
    var others: [AnyTensor]
    var axis: Int
    func visit<S: TensorScalar>(_ tensor: Tensor<S>) throws(TensorError) -> AnyTensor {
        var typed: [Tensor<S>] = []
        typed.reserveCapacity(others.count)
        for other in others { typed.append(try other.tensor(of: S.self)) }
        return AnyTensor(try Tensor<S>.concatenated(typed, alongAxis: axis))
    }
}
