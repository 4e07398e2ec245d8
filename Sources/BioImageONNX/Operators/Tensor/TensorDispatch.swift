import BioImageTensor

/// A generic operation over the typed tensor inside an ``AnyTensor``, split by the kind of element,
/// so that one switch picks the specialised code path for every dtype.
///
/// Kinds a kernel does not support fall to the default implementations, which throw
/// ``ONNXError/Code/unsupportedDType`` naming the node.
protocol TensorKindVisitor {
    associatedtype Result
    /// The node the operation belongs to (for error messages).
    var node: OperatorNode { get }
    func floating<S: TensorFloatingPoint>(_ tensor: Tensor<S>) throws(ONNXError) -> Result
    func integer<S: TensorInteger>(_ tensor: Tensor<S>) throws(ONNXError) -> Result
    func boolean(_ tensor: Tensor<Bool>) throws(ONNXError) -> Result
}

extension TensorKindVisitor {
    func floating<S: TensorFloatingPoint>(_ tensor: Tensor<S>) throws(ONNXError) -> Result {
        throw node.error(.unsupportedDType, "\(S.dtype) inputs are not supported")
    }
    func integer<S: TensorInteger>(_ tensor: Tensor<S>) throws(ONNXError) -> Result {
        throw node.error(.unsupportedDType, "\(S.dtype) inputs are not supported")
    }
    func boolean(_ tensor: Tensor<Bool>) throws(ONNXError) -> Result {
        throw node.error(.unsupportedDType, "bool inputs are not supported")
    }
}

/// A generic operation over any element type (layout operations that only move elements).
protocol TensorScalarVisitor {
    associatedtype Result
    func visit<S: TensorScalar>(_ tensor: Tensor<S>) throws(ONNXError) -> Result
}

extension AnyTensor {
    /// Calls the visitor's method for the kind of the tensor's elements.
    func visitKind<V: TensorKindVisitor>(_ visitor: V) throws(ONNXError) -> V.Result {
        switch storage {
        case .bool(let t): return try visitor.boolean(t)
        case .int8(let t): return try visitor.integer(t)
        case .int16(let t): return try visitor.integer(t)
        case .int32(let t): return try visitor.integer(t)
        case .int64(let t): return try visitor.integer(t)
        case .uint8(let t): return try visitor.integer(t)
        case .uint16(let t): return try visitor.integer(t)
        case .uint32(let t): return try visitor.integer(t)
        case .uint64(let t): return try visitor.integer(t)
        #if !(os(macOS) && arch(x86_64))
        case .float16(let t): return try visitor.floating(t)
        #else
        case .float16Bits: throw visitor.node.error(.unsupportedDType, "float16 is not supported on this platform")
        #endif
        case .float32(let t): return try visitor.floating(t)
        case .float64(let t): return try visitor.floating(t)
        }
    }

    /// Calls the visitor with the typed tensor inside, whatever its element type.
    func visitScalars<V: TensorScalarVisitor>(_ visitor: V) throws(ONNXError) -> V.Result {
        switch storage {
        case .bool(let t): return try visitor.visit(t)
        case .int8(let t): return try visitor.visit(t)
        case .int16(let t): return try visitor.visit(t)
        case .int32(let t): return try visitor.visit(t)
        case .int64(let t): return try visitor.visit(t)
        case .uint8(let t): return try visitor.visit(t)
        case .uint16(let t): return try visitor.visit(t)
        case .uint32(let t): return try visitor.visit(t)
        case .uint64(let t): return try visitor.visit(t)
        #if !(os(macOS) && arch(x86_64))
        case .float16(let t): return try visitor.visit(t)
        #else
        case .float16Bits(let t): return try visitor.visit(t)
        #endif
        case .float32(let t): return try visitor.visit(t)
        case .float64(let t): return try visitor.visit(t)
        }
    }
}

/// Building tensors from raw storage, for kernels that only move elements.
enum TensorOps {
    /// A tensor of `shape` whose elements `body` writes; `body` must initialise all `count` of them.
    static func make<S: TensorScalar>(
        _: S.Type, shape: [Int], count: Int, node: OperatorNode,
        _ body: (UnsafeMutableBufferPointer<S>) -> Void
    ) throws(ONNXError) -> Tensor<S> {
        let scalars = [S](unsafeUninitializedCapacity: count) { buffer, initialized in
            body(buffer)
            initialized = count
        }
        do {
            return try Tensor<S>(shape: shape, scalars: scalars)
        } catch {
            throw node.error(.shapeMismatch, error.message)
        }
    }

    /// The number of elements of `shape`, or an error naming the node for a negative extent or more
    /// than 2^34 elements (a bound far above any real model, so a hostile shape cannot overflow `Int`).
    static func count(_ shape: [Int], node: OperatorNode) throws(ONNXError) -> Int {
        var count = 1
        for extent in shape {
            guard extent >= 0 else { throw node.error(.shapeMismatch, "shape \(shape) has a negative extent") }
            let (product, overflow) = count.multipliedReportingOverflow(by: extent)
            guard !overflow, product <= 1 << 34 else {
                throw node.error(.limitExceeded, "shape \(shape) has too many elements")
            }
            count = product
        }
        return count
    }
}

extension TensorError {
    /// This error as an ``ONNXError`` about `node`.
    func onnxError(for node: OperatorNode) -> ONNXError {
        let code: ONNXError.Code
        switch self.code {
        case .dtypeMismatch: code = .unsupportedDType
        case .invalidAxis, .invalidArgument: code = .invalidAttribute
        default: code = .shapeMismatch
        }
        return node.error(code, message)
    }
}
