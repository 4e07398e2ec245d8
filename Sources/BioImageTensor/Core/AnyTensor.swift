/// A tensor of any dtype: what a `.npy` file or a model input holds before its type is known.
///
/// `AnyTensor` wraps a typed ``Tensor`` without copying it. Get the typed tensor back with
/// ``tensor(of:)`` (which checks the dtype) or convert with ``converted(to:)`` (numpy `astype`).
///
/// ```swift
/// let any = try NPY.read(contentsOf: url)
/// let image = any.converted(to: Float.self)     // uint8 → float32, like ensure_dtype
/// ```
public struct AnyTensor: Sendable, Hashable, CustomStringConvertible {
    /// The typed tensor inside, one case per dtype.
    public enum Storage: Sendable, Hashable {
        /// A `bool` tensor.
        case bool(Tensor<Bool>)
        /// An `int8` tensor.
        case int8(Tensor<Int8>)
        /// An `int16` tensor.
        case int16(Tensor<Int16>)
        /// An `int32` tensor.
        case int32(Tensor<Int32>)
        /// An `int64` tensor.
        case int64(Tensor<Int64>)
        /// A `uint8` tensor.
        case uint8(Tensor<UInt8>)
        /// A `uint16` tensor.
        case uint16(Tensor<UInt16>)
        /// A `uint32` tensor.
        case uint32(Tensor<UInt32>)
        /// A `uint64` tensor.
        case uint64(Tensor<UInt64>)
        #if !(os(macOS) && arch(x86_64))
        /// A `float16` tensor.
        case float16(Tensor<Float16>)
        #else
        /// A `float16` tensor as raw IEEE binary16 bit patterns (`Float16` is unavailable on Intel Macs).
        case float16Bits(Tensor<UInt16>)
        #endif
        /// A `float32` tensor.
        case float32(Tensor<Float>)
        /// A `float64` tensor.
        case float64(Tensor<Double>)
    }

    /// The typed tensor inside.
    public var storage: Storage

    /// Wraps a storage case.
    public init(storage: Storage) { self.storage = storage }

    /// Wraps a typed tensor (no copy for the library's scalar types).
    public init<S: TensorScalar>(_ tensor: Tensor<S>) {
        switch S.dtype {
        case .bool: storage = .bool(Self.cast(tensor))
        case .int8: storage = .int8(Self.cast(tensor))
        case .int16: storage = .int16(Self.cast(tensor))
        case .int32: storage = .int32(Self.cast(tensor))
        case .int64: storage = .int64(Self.cast(tensor))
        case .uint8: storage = .uint8(Self.cast(tensor))
        case .uint16: storage = .uint16(Self.cast(tensor))
        case .uint32: storage = .uint32(Self.cast(tensor))
        case .uint64: storage = .uint64(Self.cast(tensor))
        #if !(os(macOS) && arch(x86_64))
        case .float16: storage = .float16(Self.cast(tensor))
        #else
        case .float16: storage = .float16Bits(Self.cast(tensor))  // unreachable: no Float16 type here
        #endif
        case .float32: storage = .float32(Self.cast(tensor))
        case .float64: storage = .float64(Self.cast(tensor))
        }
    }

    /// Returns `tensor` as `Tensor<T>`: the identical value when `S == T`, else an element-wise
    /// `astype` (only reachable for a scalar type conformed outside this library).
    static func cast<S: TensorScalar, T: TensorScalar>(_ tensor: Tensor<S>) -> Tensor<T> {
        if let same = tensor as? Tensor<T> { return same }
        return tensor.converted(to: T.self)
    }

    /// Calls the visitor with the typed tensor inside.
    func visit<V: TensorVisitor>(_ visitor: V) -> V.Result {
        switch storage {
        case .bool(let t): visitor.visit(t)
        case .int8(let t): visitor.visit(t)
        case .int16(let t): visitor.visit(t)
        case .int32(let t): visitor.visit(t)
        case .int64(let t): visitor.visit(t)
        case .uint8(let t): visitor.visit(t)
        case .uint16(let t): visitor.visit(t)
        case .uint32(let t): visitor.visit(t)
        case .uint64(let t): visitor.visit(t)
        #if !(os(macOS) && arch(x86_64))
        case .float16(let t): visitor.visit(t)
        #else
        case .float16Bits(let t): visitor.visit(t)
        #endif
        case .float32(let t): visitor.visit(t)
        case .float64(let t): visitor.visit(t)
        }
    }

    /// The element type.
    public var dtype: DType {
        #if !(os(macOS) && arch(x86_64))
        return visit(DTypeVisitor())
        #else
        if case .float16Bits = storage { return .float16 }
        return visit(DTypeVisitor())
        #endif
    }

    /// The extent of each axis.
    public var shape: [Int] { visit(ShapeVisitor()) }

    /// The number of elements.
    public var count: Int { shape.reduce(1, *) }

    /// The typed tensor, if the dtype is exactly `T`'s.
    ///
    /// - Throws: ``TensorError/Code/dtypeMismatch`` naming both dtypes otherwise.
    public func tensor<T: TensorScalar>(of type: T.Type) throws(TensorError) -> Tensor<T> {
        guard let typed = visit(ExtractVisitor<T>()) else {
            throw TensorError(.dtypeMismatch, "tensor(of:): the tensor holds \(dtype), not \(T.dtype)")
        }
        return typed
    }

    /// Converts to `Tensor<T>` with numpy `astype` semantics (see ``Tensor/converted(to:)``).
    ///
    /// Returns the tensor itself, without copying, when the dtype already matches.
    public func converted<T: TensorScalar>(to type: T.Type) -> Tensor<T> {
        #if os(macOS) && arch(x86_64)
        if case .float16Bits(let bits) = storage {
            return Tensor<Float>(uncheckedShape: bits.shape, scalars: bits.scalars.map(HalfBits.float)).converted(to: T.self)
        }
        #endif
        return visit(ConvertVisitor<T>(clamping: false))
    }

    /// Converts to `Tensor<T>`, saturating integers at the target's bounds (NaN → 0).
    public func clampingConverted<T: TensorScalar>(to type: T.Type) -> Tensor<T> {
        #if os(macOS) && arch(x86_64)
        if case .float16Bits(let bits) = storage {
            return Tensor<Float>(uncheckedShape: bits.shape, scalars: bits.scalars.map(HalfBits.float)).clampingConverted(to: T.self)
        }
        #endif
        return visit(ConvertVisitor<T>(clamping: true))
    }

    /// Converts to the given dtype with numpy `astype` semantics (the processing step `ensure_dtype`).
    public func converted(to dtype: DType) -> AnyTensor {
        switch dtype {
        case .bool: AnyTensor(converted(to: Bool.self))
        case .int8: AnyTensor(converted(to: Int8.self))
        case .int16: AnyTensor(converted(to: Int16.self))
        case .int32: AnyTensor(converted(to: Int32.self))
        case .int64: AnyTensor(converted(to: Int64.self))
        case .uint8: AnyTensor(converted(to: UInt8.self))
        case .uint16: AnyTensor(converted(to: UInt16.self))
        case .uint32: AnyTensor(converted(to: UInt32.self))
        case .uint64: AnyTensor(converted(to: UInt64.self))
        #if !(os(macOS) && arch(x86_64))
        case .float16: AnyTensor(converted(to: Float16.self))
        #else
        case .float16:
            AnyTensor(storage: .float16Bits(Tensor<UInt16>(uncheckedShape: shape, scalars: converted(to: Double.self).scalars.map(HalfBits.bits))))
        #endif
        case .float32: AnyTensor(converted(to: Float.self))
        case .float64: AnyTensor(converted(to: Double.self))
        }
    }

    /// `"AnyTensor(float32, shape: [1, 2])"`.
    public var description: String { "AnyTensor(\(dtype), shape: \(shape))" }
}

/// A generic operation over the typed tensor inside an ``AnyTensor``.
protocol TensorVisitor {
    associatedtype Result
    func visit<S: TensorScalar>(_ tensor: Tensor<S>) -> Result
}

private struct DTypeVisitor: TensorVisitor {
    func visit<S: TensorScalar>(_ tensor: Tensor<S>) -> DType { S.dtype }
}

private struct ShapeVisitor: TensorVisitor {
    func visit<S: TensorScalar>(_ tensor: Tensor<S>) -> [Int] { tensor.shape }
}

private struct ExtractVisitor<T: TensorScalar>: TensorVisitor {
    func visit<S: TensorScalar>(_ tensor: Tensor<S>) -> Tensor<T>? { tensor as? Tensor<T> }
}

private struct ConvertVisitor<T: TensorScalar>: TensorVisitor {
    var clamping: Bool
    func visit<S: TensorScalar>(_ tensor: Tensor<S>) -> Tensor<T> {
        clamping ? tensor.clampingConverted(to: T.self) : tensor.converted(to: T.self)
    }
}
