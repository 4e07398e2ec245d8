/// An N-dimensional array of scalars in contiguous row-major order, with value semantics.
///
/// `Tensor` stores its elements in one contiguous buffer (the last axis varies fastest) and copies
/// that buffer only when a shared tensor is mutated (copy-on-write, as `Array`). A rank-0 tensor
/// holds exactly one element; an axis of extent 0 makes the tensor empty.
///
/// ```swift
/// let image = try Tensor<Float>(shape: [2, 3], scalars: [0, 1, 2, 3, 4, 5])
/// let scaled = image * 2 + 1          // broadcasting with a scalar
/// let stats = try image.mean(alongAxes: [1])
/// ```
///
/// Operations that can fail on their arguments (mismatched shapes, bad axes) throw ``TensorError``;
/// none of them traps on data. Element-wise kernels run over contiguous buffers in SIMD chunks and
/// split large tensors across cores.
public struct Tensor<Scalar: TensorScalar>: Sendable {
    /// The extent of each axis.
    public private(set) var shape: [Int]
    /// The elements in row-major order.
    public private(set) var scalars: [Scalar]

    /// Creates a tensor from its shape and its row-major elements.
    ///
    /// - Throws: ``TensorError/Code/invalidShape`` for a negative extent or an element count that
    ///   overflows `Int`; ``TensorError/Code/countMismatch`` when `scalars.count` differs from the
    ///   product of `shape`.
    public init(shape: [Int], scalars: [Scalar]) throws(TensorError) {
        let count = try Shape.elementCount(shape, operation: "Tensor(shape:scalars:)")
        guard count == scalars.count else {
            throw TensorError(.countMismatch, "Tensor(shape:scalars:): shape \(shape) needs \(count) scalars, got \(scalars.count)")
        }
        self.shape = shape
        self.scalars = scalars
    }

    /// Creates a tensor of the given shape with every element equal to `value`.
    ///
    /// - Throws: ``TensorError/Code/invalidShape`` for a negative extent or an overflowing count.
    public init(repeating value: Scalar, shape: [Int]) throws(TensorError) {
        let count = try Shape.elementCount(shape, operation: "Tensor(repeating:shape:)")
        self.shape = shape
        self.scalars = [Scalar](repeating: value, count: count)
    }

    /// Creates a rank-0 tensor holding one scalar.
    public init(_ scalar: Scalar) {
        self.shape = []
        self.scalars = [scalar]
    }

    /// Creates a rank-1 tensor from an array.
    public init(_ scalars: [Scalar]) {
        self.shape = [scalars.count]
        self.scalars = scalars
    }

    /// Wraps storage whose count is already known to match `shape` (no checks).
    init(uncheckedShape shape: [Int], scalars: [Scalar]) {
        self.shape = shape
        self.scalars = scalars
    }

    /// Creates a tensor whose storage `body` must fully initialise (no checks on `shape`).
    init(uncheckedShape shape: [Int], count: Int, initializingWith body: (UnsafeMutableBufferPointer<Scalar>) -> Void) {
        self.shape = shape
        self.scalars = [Scalar](unsafeUninitializedCapacity: count) { buffer, initialized in
            if let base = buffer.baseAddress {
                HugePages.advise(UnsafeMutableRawPointer(base), byteCount: count * MemoryLayout<Scalar>.stride)
            }
            body(buffer)
            initialized = count
        }
    }

    /// The number of elements (the product of the shape; 1 for rank 0).
    public var count: Int { scalars.count }

    /// The number of axes.
    public var rank: Int { shape.count }

    /// Row-major strides in elements: how far apart neighbours along each axis are in storage.
    public var strides: [Int] { Shape.strides(shape) }

    /// Whether the tensor has no elements (some axis has extent 0).
    public var isEmpty: Bool { scalars.isEmpty }

    /// The element at a multi-index.
    ///
    /// Like `Array`'s subscript this traps when an index is out of range, which is a programming
    /// error; use ``element(at:)`` for indices that come from data.
    public subscript(_ indices: Int...) -> Scalar {
        get { scalars[flatIndexTrapping(indices)] }
        set { scalars[flatIndexTrapping(indices)] = newValue }
    }

    /// The element at a multi-index, or an error naming the bad index.
    ///
    /// - Throws: ``TensorError/Code/outOfBounds`` when the index count differs from the rank or an
    ///   index lies outside its axis.
    public func element(at indices: [Int]) throws(TensorError) -> Scalar {
        guard indices.count == rank else {
            throw TensorError(.outOfBounds, "element(at:): \(indices.count) indices for a rank-\(rank) tensor")
        }
        var flat = 0
        for (axis, index) in indices.enumerated() {
            guard index >= 0, index < shape[axis] else {
                throw TensorError(.outOfBounds, "element(at:): index \(index) is outside axis \(axis) of extent \(shape[axis])")
            }
            flat = flat * shape[axis] + index
        }
        return scalars[flat]
    }

    private func flatIndexTrapping(_ indices: [Int]) -> Int {
        // A wrong index count or range maps to -1, so Array's own bounds check traps, as Array would.
        guard indices.count == rank else { return -1 }
        var flat = 0
        for (axis, index) in indices.enumerated() {
            guard index >= 0, index < shape[axis] else { return -1 }
            flat = flat * shape[axis] + index
        }
        return flat
    }

    /// Calls `body` with the contiguous row-major storage.
    public func withUnsafeBufferPointer<R, E: Error>(_ body: (UnsafeBufferPointer<Scalar>) throws(E) -> R) throws(E) -> R {
        try scalars.withUnsafeBufferPointer(body)
    }

    /// Calls `body` with the storage for in-place mutation (copying it first if it is shared).
    public mutating func withUnsafeMutableBufferPointer<R, E: Error>(
        _ body: (inout UnsafeMutableBufferPointer<Scalar>) throws(E) -> R
    ) throws(E) -> R {
        try scalars.withUnsafeMutableBufferPointer(body)
    }

    /// Applies `transform` to every element (a convenience for small tensors: one closure call per
    /// element, not vectorised).
    public func map<R: TensorScalar>(_ transform: (Scalar) throws -> R) rethrows -> Tensor<R> {
        Tensor<R>(uncheckedShape: shape, scalars: try scalars.map(transform))
    }

    /// Replaces the shape without touching storage (callers guarantee the count matches).
    mutating func setShapeUnchecked(_ newShape: [Int]) { shape = newShape }
}

extension Tensor: Equatable {
    /// Whether both tensors have the same shape and equal elements (NaN is unequal to itself).
    public static func == (lhs: Tensor, rhs: Tensor) -> Bool {
        lhs.shape == rhs.shape && lhs.scalars == rhs.scalars
    }
}

extension Tensor: Hashable {
    /// Hashes the shape and the elements.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(shape)
        hasher.combine(scalars)
    }
}

extension Tensor: CustomStringConvertible {
    /// A short summary: dtype, shape and up to eight leading elements.
    public var description: String {
        let head = scalars.prefix(8).map { "\($0)" }.joined(separator: ", ")
        return "Tensor<\(Scalar.dtype)>(shape: \(shape), [\(head)\(count > 8 ? ", …" : "")])"
    }
}
