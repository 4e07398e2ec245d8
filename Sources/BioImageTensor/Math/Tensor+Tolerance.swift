/// How far two tensors are apart, for model tests (`bioimageio test` compares outputs this way).
public struct TensorDifference: Sendable, Hashable {
    /// The number of elements.
    public var count: Int
    /// The number of elements that are not close (see ``Tensor/isClose(to:absoluteTolerance:relativeTolerance:equalNaN:)``).
    public var mismatchCount: Int
    /// The largest `|actual − expected|` over finite pairs (0 for empty tensors).
    public var maxAbsoluteError: Double
    /// The largest `|actual − expected| / |expected|` over finite pairs with `expected ≠ 0`.
    public var maxRelativeError: Double

    /// The fraction of elements that are not close (0 for empty tensors).
    public var mismatchFraction: Double { count == 0 ? 0 : Double(mismatchCount) / Double(count) }
}

extension Tensor where Scalar: TensorNumeric {
    /// Element-wise closeness, as `numpy.isclose(self, expected, rtol, atol, equal_nan)`:
    /// `|a − b| ≤ atol + rtol·|b|`, where `b` is `expected`; infinities are close only to the same
    /// infinity; NaN is close to NaN only when `equalNaN` is true. Broadcasts.
    ///
    /// - Throws: ``TensorError/Code/shapeMismatch`` when the shapes do not broadcast.
    public func isClose(
        to expected: Tensor, absoluteTolerance: Double = 1e-8, relativeTolerance: Double = 1e-5, equalNaN: Bool = false
    ) throws(TensorError) -> Tensor<Bool> {
        let shape = try Elementwise.resultShape(self.shape, expected.shape, operation: "isClose")
        return closeKernel(self, expected, shape, absoluteTolerance, relativeTolerance, equalNaN)
    }

    /// The mismatch count and the largest absolute and relative errors against `expected`.
    ///
    /// - Throws: ``TensorError/Code/shapeMismatch`` when the shapes do not broadcast.
    public func difference(
        from expected: Tensor, absoluteTolerance: Double = 1e-8, relativeTolerance: Double = 1e-5, equalNaN: Bool = false
    ) throws(TensorError) -> TensorDifference {
        let shape = try Elementwise.resultShape(self.shape, expected.shape, operation: "difference")
        let a = try broadcasted(to: shape), b = try expected.broadcasted(to: shape)
        var result = TensorDifference(count: a.count, mismatchCount: 0, maxAbsoluteError: 0, maxRelativeError: 0)
        for i in 0..<a.count {
            let x = RunKernels.double(a.scalars[i]), y = RunKernels.double(b.scalars[i])
            if !Self.close(x, y, absoluteTolerance, relativeTolerance, equalNaN) { result.mismatchCount += 1 }
            guard x.isFinite, y.isFinite else { continue }
            let error = (x - y).magnitude
            result.maxAbsoluteError = Swift.max(result.maxAbsoluteError, error)
            if y != 0 { result.maxRelativeError = Swift.max(result.maxRelativeError, error / y.magnitude) }
        }
        return result
    }

    @inline(__always)
    static func close(_ a: Double, _ b: Double, _ atol: Double, _ rtol: Double, _ equalNaN: Bool) -> Bool {
        closeScalars(a, b, atol, rtol, equalNaN)
    }
}

@inline(__always)
func closeScalars(_ a: Double, _ b: Double, _ atol: Double, _ rtol: Double, _ equalNaN: Bool) -> Bool {
    if a.isNaN || b.isNaN { return equalNaN && a.isNaN && b.isNaN }
    if a.isInfinite || b.isInfinite { return a == b }
    return (a - b).magnitude <= atol + rtol * b.magnitude
}

@_specialize(where T == Float)
@_specialize(where T == Double)
@_specialize(where T == UInt8)
@_specialize(where T == UInt16)
func closeKernel<T: TensorNumeric>(_ a: Tensor<T>, _ b: Tensor<T>, _ shape: [Int], _ atol: Double, _ rtol: Double, _ equalNaN: Bool) -> Tensor<Bool> {
    Elementwise.binaryScalar(a, b, outShape: shape) { x, y in
        closeScalars(RunKernels.double(x), RunKernels.double(y), atol, rtol, equalNaN)
    }
}

