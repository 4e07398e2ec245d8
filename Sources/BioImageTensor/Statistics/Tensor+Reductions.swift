// Reductions over any set of axes. `axes: nil` reduces every axis; negative axes count from the end;
// `keepingDimensions: true` keeps reduced axes with extent 1 (numpy `keepdims`).
//
// Numerics: sums, means and variances accumulate in `Double` and round once to the result type.
// Variance is the population variance (ddof = 0, numpy's default), computed in two passes
// (mean, then Σ(x − mean)²). NaN propagates through every reduction, as in numpy.

extension Tensor where Scalar: TensorFloatingPoint {
    /// The sum over `axes`; an empty reduction gives 0.
    ///
    /// Complexity: O(count), SIMD, multi-core; one transposition copy if the reduced axes are not
    /// the trailing ones.
    /// - Throws: ``TensorError/Code/invalidAxis`` for a bad or repeated axis.
    public func sum(alongAxes axes: [Int]? = nil, keepingDimensions: Bool = false) throws(TensorError) -> Tensor {
        let plan = try Reduction(self, axes: axes, operation: "sum")
        let sums = plan.map({ RunKernels.sum($0, $1) }, combine: +)
        return Tensor(uncheckedShape: plan.shape(keepingDimensions: keepingDimensions), scalars: sums.map { Scalar($0) })
    }

    /// The arithmetic mean over `axes`; an empty reduction gives NaN (numpy warns and gives NaN).
    ///
    /// - Throws: ``TensorError/Code/invalidAxis`` for a bad or repeated axis.
    public func mean(alongAxes axes: [Int]? = nil, keepingDimensions: Bool = false) throws(TensorError) -> Tensor {
        let plan = try Reduction(self, axes: axes, operation: "mean")
        let n = Double(plan.inner)
        let sums = plan.map({ RunKernels.sum($0, $1) }, combine: +)
        return Tensor(uncheckedShape: plan.shape(keepingDimensions: keepingDimensions), scalars: sums.map { Scalar($0 / n) })
    }

    /// The population variance (ddof = 0) over `axes`.
    ///
    /// - Throws: ``TensorError/Code/invalidAxis`` for a bad or repeated axis.
    public func variance(alongAxes axes: [Int]? = nil, keepingDimensions: Bool = false) throws(TensorError) -> Tensor {
        let (_, variance) = try moments(axes, keepingDimensions, "variance")
        return variance.map { Scalar($0) }
    }

    /// The population standard deviation (ddof = 0, numpy's default) over `axes`.
    ///
    /// - Throws: ``TensorError/Code/invalidAxis`` for a bad or repeated axis.
    public func standardDeviation(alongAxes axes: [Int]? = nil, keepingDimensions: Bool = false) throws(TensorError) -> Tensor {
        let (_, variance) = try moments(axes, keepingDimensions, "standardDeviation")
        return variance.map { Scalar($0.squareRoot()) }
    }

    /// The mean and population standard deviation over `axes`, in two passes over the data (what
    /// `zero_mean_unit_variance` needs).
    ///
    /// - Throws: ``TensorError/Code/invalidAxis`` for a bad or repeated axis.
    public func meanAndStandardDeviation(alongAxes axes: [Int]? = nil, keepingDimensions: Bool = false) throws(TensorError) -> (mean: Tensor, standardDeviation: Tensor) {
        let (mean, variance) = try moments(axes, keepingDimensions, "meanAndStandardDeviation")
        return (mean.map { Scalar($0) }, variance.map { Scalar($0.squareRoot()) })
    }

    private func moments(_ axes: [Int]?, _ keep: Bool, _ name: String) throws(TensorError) -> (Tensor<Double>, Tensor<Double>) {
        let plan = try Reduction(self, axes: axes, operation: name)
        let n = Double(plan.inner)
        let means = plan.map({ RunKernels.sum($0, $1) }, combine: +).map { $0 / n }
        var variances: [Double] = []
        variances.reserveCapacity(plan.outer)
        // The second pass needs each run's mean; runs are visited in order.
        if plan.outer == 1 {
            let m = means.first ?? .nan
            variances = plan.map({ RunKernels.sumOfSquaredDeviations($0, $1, mean: m) }, combine: +).map { $0 / n }
        } else {
            let sums = plan.mapIndexed { i, p, count in RunKernels.sumOfSquaredDeviations(p, count, mean: means[i]) }
            variances = sums.map { $0 / n }
        }
        let shape = plan.shape(keepingDimensions: keep)
        return (Tensor<Double>(uncheckedShape: shape, scalars: means), Tensor<Double>(uncheckedShape: shape, scalars: variances))
    }

    /// The softmax along one axis: `exp(x − max) / Σ exp(x − max)` (the processing step `softmax`).
    ///
    /// - Throws: ``TensorError/Code/invalidAxis`` for a bad axis.
    public func softmax(alongAxis axis: Int) throws(TensorError) -> Tensor {
        let a = try Shape.normalize(axis: axis, rank: rank, operation: "softmax")
        var permutation = Array(0..<rank)
        permutation.remove(at: a)
        permutation.append(a)
        var moved = transposedUnchecked(permutation)
        let n = shape[a]
        guard n > 0 else { return self }
        moved.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            let box = UncheckedSendable(base)
            let runs = buffer.count / n
            Parallel.forEach(iterations: runs, parallel: buffer.count >= Parallel.minimumParallelCount) { r in
                RunKernels.softmax(box.value + r * n, n)
            }
        }
        var inverse = [Int](repeating: 0, count: rank)
        for (i, p) in permutation.enumerated() { inverse[p] = i }
        return moved.transposedUnchecked(inverse)
    }
}

extension Tensor where Scalar: TensorNumeric {
    /// The minimum over `axes` (NaN if any reduced element is NaN, as numpy).
    ///
    /// - Throws: ``TensorError/Code/emptyReduction`` when reducing zero elements,
    ///   ``TensorError/Code/invalidAxis`` for a bad or repeated axis.
    public func min(alongAxes axes: [Int]? = nil, keepingDimensions: Bool = false) throws(TensorError) -> Tensor {
        try extremum(axes, keepingDimensions, maximum: false, "min")
    }

    /// The maximum over `axes` (NaN if any reduced element is NaN, as numpy).
    ///
    /// - Throws: ``TensorError/Code/emptyReduction`` when reducing zero elements,
    ///   ``TensorError/Code/invalidAxis`` for a bad or repeated axis.
    public func max(alongAxes axes: [Int]? = nil, keepingDimensions: Bool = false) throws(TensorError) -> Tensor {
        try extremum(axes, keepingDimensions, maximum: true, "max")
    }

    private func extremum(_ axes: [Int]?, _ keep: Bool, maximum: Bool, _ name: String) throws(TensorError) -> Tensor {
        let plan = try Reduction(self, axes: axes, operation: name)
        guard plan.inner > 0 || plan.outer == 0 else {
            throw TensorError(.emptyReduction, "\(name): cannot reduce zero elements (shape \(shape), axes \(axes.map { "\($0)" } ?? "all"))")
        }
        let values = plan.map({ RunKernels.extremum($0, $1, maximum: maximum) }, combine: { a, b in
            if a != a { return a }
            if b != b { return b }
            return maximum ? Swift.max(a, b) : Swift.min(a, b)
        })
        return Tensor(uncheckedShape: plan.shape(keepingDimensions: keep), scalars: values)
    }

    /// The index of the first maximum along `axis`, or in the flattened tensor when `axis` is `nil`
    /// (numpy `argmax`; the first NaN counts as the maximum).
    ///
    /// - Throws: ``TensorError/Code/emptyReduction`` for an empty axis,
    ///   ``TensorError/Code/invalidAxis`` for a bad axis.
    public func argmax(alongAxis axis: Int? = nil, keepingDimensions: Bool = false) throws(TensorError) -> Tensor<Int64> {
        guard let axis else {
            guard count > 0 else { throw TensorError(.emptyReduction, "argmax: the tensor is empty") }
            let index = scalars.withUnsafeBufferPointer { b in b.baseAddress.map { RunKernels.argmax($0, b.count, stride: 1) } ?? 0 }
            let shape = keepingDimensions ? [Int](repeating: 1, count: rank) : []
            return Tensor<Int64>(uncheckedShape: shape, scalars: [Int64(index)])
        }
        let plan = try Reduction(self, axes: [axis], operation: "argmax")
        guard plan.inner > 0 || plan.outer == 0 else {
            throw TensorError(.emptyReduction, "argmax: axis \(axis) of shape \(shape) is empty")
        }
        let indices = plan.mapIndexed { _, p, n in Int64(RunKernels.argmax(p, n, stride: 1)) }
        return Tensor<Int64>(uncheckedShape: plan.shape(keepingDimensions: keepingDimensions), scalars: indices)
    }
}

extension Tensor where Scalar: TensorInteger {
    /// The sum over `axes` in `Int64`, wrapping on overflow (numpy sums integers in int64/uint64;
    /// the bit pattern is the same).
    ///
    /// - Throws: ``TensorError/Code/invalidAxis`` for a bad or repeated axis.
    public func sum(alongAxes axes: [Int]? = nil, keepingDimensions: Bool = false) throws(TensorError) -> Tensor<Int64> {
        let plan = try Reduction(self, axes: axes, operation: "sum")
        let sums = plan.map({ RunKernels.integerSum($0, $1) }, combine: { $0 &+ $1 })
        return Tensor<Int64>(uncheckedShape: plan.shape(keepingDimensions: keepingDimensions), scalars: sums)
    }

    /// The mean over `axes` as `Double` (numpy gives float64 for integer input).
    ///
    /// - Throws: ``TensorError/Code/invalidAxis`` for a bad or repeated axis.
    public func mean(alongAxes axes: [Int]? = nil, keepingDimensions: Bool = false) throws(TensorError) -> Tensor<Double> {
        try converted(to: Double.self).mean(alongAxes: axes, keepingDimensions: keepingDimensions)
    }

    /// The population standard deviation over `axes` as `Double`.
    ///
    /// - Throws: ``TensorError/Code/invalidAxis`` for a bad or repeated axis.
    public func standardDeviation(alongAxes axes: [Int]? = nil, keepingDimensions: Bool = false) throws(TensorError) -> Tensor<Double> {
        try converted(to: Double.self).standardDeviation(alongAxes: axes, keepingDimensions: keepingDimensions)
    }

    /// The population variance over `axes` as `Double`.
    ///
    /// - Throws: ``TensorError/Code/invalidAxis`` for a bad or repeated axis.
    public func variance(alongAxes axes: [Int]? = nil, keepingDimensions: Bool = false) throws(TensorError) -> Tensor<Double> {
        try converted(to: Double.self).variance(alongAxes: axes, keepingDimensions: keepingDimensions)
    }
}
