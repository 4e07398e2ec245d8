infix operator .< : ComparisonPrecedence
infix operator .<= : ComparisonPrecedence
infix operator .> : ComparisonPrecedence
infix operator .>= : ComparisonPrecedence
infix operator .== : ComparisonPrecedence
infix operator .!= : ComparisonPrecedence

// Element-wise comparisons giving `Tensor<Bool>`, with numpy broadcasting. Any comparison with NaN is
// false except `.!=`, as in numpy.
extension Tensor where Scalar: TensorNumeric {
    private static func compare(_ lhs: Tensor, _ rhs: Tensor, _ op: ComparisonOperation, _ name: String) throws(TensorError) -> Tensor<Bool> {
        let shape = try Elementwise.resultShape(lhs.shape, rhs.shape, operation: name)
        return compareKernel(lhs, rhs, op, outShape: shape)
    }

    /// Element-wise `<` with broadcasting.
    public static func .< (lhs: Tensor, rhs: Tensor) throws(TensorError) -> Tensor<Bool> { try compare(lhs, rhs, .less, ".<") }
    /// Element-wise `<=` with broadcasting.
    public static func .<= (lhs: Tensor, rhs: Tensor) throws(TensorError) -> Tensor<Bool> { try compare(lhs, rhs, .lessOrEqual, ".<=") }
    /// Element-wise `>` with broadcasting.
    public static func .> (lhs: Tensor, rhs: Tensor) throws(TensorError) -> Tensor<Bool> { try compare(lhs, rhs, .greater, ".>") }
    /// Element-wise `>=` with broadcasting.
    public static func .>= (lhs: Tensor, rhs: Tensor) throws(TensorError) -> Tensor<Bool> { try compare(lhs, rhs, .greaterOrEqual, ".>=") }
    /// Element-wise `==` with broadcasting.
    public static func .== (lhs: Tensor, rhs: Tensor) throws(TensorError) -> Tensor<Bool> { try compare(lhs, rhs, .equal, ".==") }
    /// Element-wise `!=` with broadcasting.
    public static func .!= (lhs: Tensor, rhs: Tensor) throws(TensorError) -> Tensor<Bool> { try compare(lhs, rhs, .notEqual, ".!=") }

    /// Element-wise `<` against a scalar.
    public static func .< (lhs: Tensor, rhs: Scalar) -> Tensor<Bool> { compareKernel(lhs, Tensor(rhs), .less, outShape: lhs.shape) }
    /// Element-wise `<=` against a scalar.
    public static func .<= (lhs: Tensor, rhs: Scalar) -> Tensor<Bool> { compareKernel(lhs, Tensor(rhs), .lessOrEqual, outShape: lhs.shape) }
    /// Element-wise `>` against a scalar (the processing step `binarize`).
    public static func .> (lhs: Tensor, rhs: Scalar) -> Tensor<Bool> { compareKernel(lhs, Tensor(rhs), .greater, outShape: lhs.shape) }
    /// Element-wise `>=` against a scalar.
    public static func .>= (lhs: Tensor, rhs: Scalar) -> Tensor<Bool> { compareKernel(lhs, Tensor(rhs), .greaterOrEqual, outShape: lhs.shape) }
    /// Element-wise `==` against a scalar.
    public static func .== (lhs: Tensor, rhs: Scalar) -> Tensor<Bool> { compareKernel(lhs, Tensor(rhs), .equal, outShape: lhs.shape) }
    /// Element-wise `!=` against a scalar.
    public static func .!= (lhs: Tensor, rhs: Scalar) -> Tensor<Bool> { compareKernel(lhs, Tensor(rhs), .notEqual, outShape: lhs.shape) }
}

extension Tensor {
    /// Picks `whereTrue` where `condition` holds and `whereFalse` elsewhere, broadcasting all three
    /// (numpy `where(condition, x, y)`).
    ///
    /// - Throws: ``TensorError/Code/shapeMismatch`` when the shapes do not broadcast.
    public static func select(_ condition: Tensor<Bool>, _ whereTrue: Tensor, _ whereFalse: Tensor) throws(TensorError) -> Tensor {
        let valueShape = try Elementwise.resultShape(whereTrue.shape, whereFalse.shape, operation: "select")
        let shape = try Elementwise.resultShape(condition.shape, valueShape, operation: "select")
        let x = try whereTrue.broadcasted(to: shape), y = try whereFalse.broadcasted(to: shape)
        let c = try condition.broadcasted(to: shape)
        var result = x
        let size = MemoryLayout<Scalar>.stride
        result.withUnsafeMutableBufferPointer { out in
            y.scalars.withUnsafeBufferPointer { other in
                c.scalars.withUnsafeBufferPointer { mask in
                    guard let o = out.baseAddress, let p = other.baseAddress, let m = mask.baseAddress else { return }
                    let raw = UnsafeMutableRawPointer(o), rawOther = UnsafeRawPointer(p)
                    func run<T>(_: T.Type) {
                        BroadcastCopy.select(raw.assumingMemoryBound(to: T.self), rawOther.assumingMemoryBound(to: T.self), m, count: out.count)
                    }
                    switch size {
                    case 1: run(UInt8.self)
                    case 2: run(UInt16.self)
                    case 4: run(UInt32.self)
                    default: run(UInt64.self)
                    }
                }
            }
        }
        return result
    }

    /// Returns the tensor repeated along extent-1 (and new leading) axes to `shape` (numpy
    /// `broadcast_to`, materialised).
    ///
    /// - Throws: ``TensorError/Code/shapeMismatch`` when the tensor does not broadcast to `shape`.
    public func broadcasted(to shape: [Int]) throws(TensorError) -> Tensor {
        if shape == self.shape { return self }
        let result = try Shape.broadcast(self.shape, shape, operation: "broadcasted(to:)")
        guard result == shape else {
            throw TensorError(.shapeMismatch, "broadcasted(to:): shape \(self.shape) does not broadcast to \(shape)")
        }
        let count = shape.reduce(1, *)
        let size = MemoryLayout<Scalar>.stride
        let sourceShape = self.shape
        return Tensor(uncheckedShape: shape, count: count) { dst in
            scalars.withUnsafeBufferPointer { src in
                guard let s = src.baseAddress, let d = dst.baseAddress else { return }
                let raw = UnsafeRawPointer(s), rawOut = UnsafeMutableRawPointer(d)
                func run<T>(_: T.Type) {
                    BroadcastCopy.expand(raw.assumingMemoryBound(to: T.self), shape: sourceShape,
                                         into: rawOut.assumingMemoryBound(to: T.self), shape: shape)
                }
                switch size {
                case 1: run(UInt8.self)
                case 2: run(UInt16.self)
                case 4: run(UInt32.self)
                default: run(UInt64.self)
                }
            }
        }
    }
}
