/// How a quantile between two order statistics is chosen (numpy's `method`).
public enum QuantileMethod: Sendable, Hashable {
    /// numpy's default `method="linear"` (Hyndman & Fan type 7): interpolate between the order
    /// statistics at ⌊h⌋ and ⌊h⌋+1 with h = (n−1)·q.
    case linear
    /// numpy `method="inverted_cdf"` (type 1): the order statistic at ⌈n·q⌉ − 1, clamped to ≥ 0.
    case invertedCDF
}

extension Tensor where Scalar: TensorNumeric {
    /// Quantiles over `axes`, exactly as `numpy.quantile(a, q, axis=axes)` with `q` given as a list.
    ///
    /// The result has shape `[q.count] + kept shape` (the quantile axis first, as numpy), in `Double`:
    /// numpy returns float64 for a list of quantiles of any input dtype. With ``QuantileMethod/linear``
    /// the value is computed exactly as numpy's `_lerp`: `d = b − a` in the input type (for
    /// integers, in `Double`; numpy's integer subtraction can wrap for int8/int16 — we do not),
    /// then `a + d·γ`, or `b − d·(1−γ)` when γ ≥ ½, in `Double`. The results are bit-for-bit equal to
    /// numpy's for float32 and float64 input (checked by the fixture tests), except that numpy may
    /// return `-0.0` where we return `0.0` or vice versa when both zeros occur in the data.
    ///
    /// Selection is exact and does not sort: a radix selection finds every needed order statistic in
    /// O(n) per requested rank, split across cores (see `RadixSelect`).
    ///
    /// - Parameters:
    ///   - q: quantiles in `[0, 1]`.
    ///   - ignoringNaN: `false` (numpy `quantile`): a reduced slice holding a NaN gives NaN.
    ///     `true` (numpy `nanquantile`, xarray's default): NaNs are skipped; an all-NaN slice gives NaN.
    /// - Throws: ``TensorError/Code/invalidArgument`` for a `q` outside `[0, 1]` or NaN;
    ///   ``TensorError/Code/emptyReduction`` when the reduced axes hold no element;
    ///   ``TensorError/Code/invalidAxis`` for a bad or repeated axis.
    public func quantiles(
        _ q: [Double], alongAxes axes: [Int]? = nil, keepingDimensions: Bool = false,
        method: QuantileMethod = .linear, ignoringNaN: Bool = false
    ) throws(TensorError) -> Tensor<Double> {
        for value in q where !(value >= 0 && value <= 1) {
            throw TensorError(.invalidArgument, "quantiles: \(value) is not in [0, 1]")
        }
        let plan = try Reduction(self, axes: axes, operation: "quantiles")
        guard plan.inner > 0 || plan.outer == 0 else {
            throw TensorError(.emptyReduction, "quantiles: the reduced axes of shape \(shape) hold no element")
        }
        let perRun = plan.mapIndexed { _, run, n in
            Self.runQuantiles(run, n, q, method: method, ignoringNaN: ignoringNaN)
        }
        // Lay out as [q, kept…]: quantile j of run i goes to j * outer + i.
        var out = [Double](repeating: .nan, count: q.count * plan.outer)
        for (i, values) in perRun.enumerated() {
            for (j, v) in values.enumerated() { out[j * plan.outer + i] = v }
        }
        return Tensor<Double>(uncheckedShape: [q.count] + plan.shape(keepingDimensions: keepingDimensions), scalars: out)
    }

    /// Percentiles over `axes`, as `numpy.percentile(a, p, axis=axes)`: the same as
    /// ``quantiles(_:alongAxes:keepingDimensions:method:ignoringNaN:)`` with `q = p / 100` (computed
    /// in `Double`, as numpy's `true_divide`).
    ///
    /// - Throws: ``TensorError/Code/invalidArgument`` for a `p` outside `[0, 100]`, and the errors
    ///   of ``quantiles(_:alongAxes:keepingDimensions:method:ignoringNaN:)``.
    public func percentiles(
        _ p: [Double], alongAxes axes: [Int]? = nil, keepingDimensions: Bool = false,
        method: QuantileMethod = .linear, ignoringNaN: Bool = false
    ) throws(TensorError) -> Tensor<Double> {
        for value in p where !(value >= 0 && value <= 100) {
            throw TensorError(.invalidArgument, "percentiles: \(value) is not in [0, 100]")
        }
        return try quantiles(p.map { $0 / 100 }, alongAxes: axes, keepingDimensions: keepingDimensions,
                             method: method, ignoringNaN: ignoringNaN)
    }

    /// The quantiles of one contiguous run.
    static func runQuantiles(_ run: UnsafePointer<Scalar>, _ n: Int, _ q: [Double], method: QuantileMethod, ignoringNaN: Bool) -> [Double] {
        let nanCount = Scalar.dtype.isFloatingPoint ? RunKernels.nanCount(run, n) : 0
        if nanCount > 0 && !ignoringNaN || nanCount == n {
            return [Double](repeating: .nan, count: q.count)
        }
        let valid = n - nanCount
        // The order statistics each quantile needs (numpy's index arithmetic, in Double).
        var plans: [(low: Int, high: Int, gamma: Double)] = []
        for value in q {
            switch method {
            case .linear:
                let h = Double(valid - 1) * value
                var low = Int(h.rounded(.down)), high = low + 1
                if h >= Double(valid - 1) {
                    // numpy indexes with -1 here, so its γ is h − (−1).
                    plans.append((valid - 1, valid - 1, h + 1))
                    continue
                }
                low = Swift.max(low, 0)
                high = Swift.min(high, valid - 1)
                plans.append((low, high, h - h.rounded(.down)))
            case .invertedCDF:
                let index = Double(valid) * value - 1
                let previous = index.rounded(.down)
                var k = index - previous == 0 ? Int(previous) : Int(previous) + 1
                k = Swift.min(Swift.max(k, 0), valid - 1)
                plans.append((k, k, 0))
            }
        }
        let ranks = Array(Set(plans.flatMap { [$0.low, $0.high] })).sorted()
        let keys = RadixSelect.select(run, count: n, valid: valid, ranks: ranks)
        var order: [Int: Scalar] = [:]
        for (rank, key) in zip(ranks, keys) { order[rank] = RadixSelect.value(key, as: Scalar.self) }
        return plans.map { plan in
            guard let a = order[plan.low], let b = order[plan.high] else { return .nan }
            if method == .invertedCDF { return RunKernels.double(a) }
            return Self.lerp(a, b, plan.gamma)
        }
    }

    /// numpy's `_lerp(a, b, t)` for a float64 `t`: `b − a` in the input type, the rest in `Double`.
    @inline(__always)
    static func lerp(_ a: Scalar, _ b: Scalar, _ t: Double) -> Double {
        let difference: Double
        if Scalar.dtype.isFloatingPoint {
            difference = RunKernels.double(b - a)
        } else {
            difference = RunKernels.double(b) - RunKernels.double(a)
        }
        return t >= 0.5 ? RunKernels.double(b) - difference * (1 - t) : RunKernels.double(a) + difference * t
    }
}
