import BioImageTensor

/// The statistics engine (notes §d.0): sample statistics of a tensor, reduced over named axes, and
/// the per-sample parts that ``DatasetStatistics`` merges.
///
/// Numerics follow bioimageio.core: the sample mean skips NaNs, the sample variance is
/// `Σ(x − mean)² / n` over all reduced elements (ddof = 0, NaNs propagate) and the standard
/// deviation its square root; sums accumulate in `Double` and a float32 tensor's sample statistics
/// are rounded to float32, as the reference keeps them. Quantiles skip NaNs. Reduced axes the tensor
/// does not have count as axes of size 1.
public enum StatisticsCalculator {
    /// Computes the sample-scope measures among `measures` from the raw tensors of `sample`.
    ///
    /// Mean, variance and standard deviation over the same tensor and axes share one computation;
    /// quantiles over the same tensor, axes and method share one selection.
    /// - Throws: ``RuntimeError/Code/missingTensor`` when a measured tensor is not in the sample.
    public static func sampleValues(for measures: some Sequence<Measure>, in sample: Sample) throws(RuntimeError) -> MeasureValues {
        var result = MeasureValues()
        var moments: [GroupKey: Bool] = [:]
        var quantiles: [GroupKey: [Double]] = [:]
        for measure in measures where measure.scope == .sample {
            switch measure.kind {
            case .mean, .variance, .standardDeviation:
                moments[GroupKey(member: measure.member, axes: measure.axes, method: nil)] = true
            case .quantile(let q, let method):
                quantiles[GroupKey(member: measure.member, axes: measure.axes, method: method), default: []].append(q)
            }
        }
        for key in moments.keys {
            let tensor = try sample.require(key.member)
            let (mean, variance, std) = try sampleMoments(of: tensor, over: key.axes)
            result[Measure(.sample, .mean, of: key.member, over: key.axes)] = mean
            result[Measure(.sample, .variance, of: key.member, over: key.axes)] = variance
            result[Measure(.sample, .standardDeviation, of: key.member, over: key.axes)] = std
        }
        for (key, qs) in quantiles {
            let tensor = try sample.require(key.member)
            let unique = Array(Set(qs)).sorted()
            let method = key.method ?? .linear
            let values = try Self.quantiles(of: tensor, over: key.axes, qs: unique, method: method)
            for (q, value) in zip(unique, values) {
                result[Measure(.sample, .quantile(q, method: method), of: key.member, over: key.axes)] = value
            }
        }
        return result
    }

    /// The sample mean (NaNs skipped), variance and standard deviation of `tensor` over `axes`.
    /// - Throws: ``RuntimeError/Code/tensor`` when the tensor cannot be reduced.
    public static func sampleMoments(of tensor: LabeledTensor, over axes: [String]?) throws(RuntimeError)
        -> (mean: MeasureValue, variance: MeasureValue, standardDeviation: MeasureValue) {
        let part = try momentsPart(of: tensor, over: axes, skippingNaNInDeviations: false)
        let isFloat32 = tensor.dtype == .float32 || tensor.dtype == .float16
        let dtype: DType = isFloat32 ? .float32 : .float64
        var means: [Double] = [], variances: [Double] = [], stds: [Double] = []
        let n = Double(part.count)
        for (mean, m2) in zip(part.means, part.m2) {
            if isFloat32 {
                let variance = Float(m2 / n)
                means.append(Double(Float(mean)))
                variances.append(Double(variance))
                stds.append(Double(variance.squareRoot()))
            } else {
                let variance = m2 / n
                means.append(mean)
                variances.append(variance)
                stds.append(variance.squareRoot())
            }
        }
        return (MeasureValue(uncheckedAxes: part.axes, shape: part.shape, values: means, dtype: dtype),
                MeasureValue(uncheckedAxes: part.axes, shape: part.shape, values: variances, dtype: dtype),
                MeasureValue(uncheckedAxes: part.axes, shape: part.shape, values: stds, dtype: dtype))
    }

    /// The count, mean and sum of squared deviations of one tensor, as the running dataset
    /// statistics merge them.
    struct MomentsPart {
        /// The kept axes and their sizes.
        var axes: [String], shape: [Int]
        /// The number of reduced elements per kept position (NaNs included, as the reference counts).
        var count: Int
        /// The NaN-skipping mean per kept position.
        var means: [Double]
        /// Σ(x − mean)² per kept position.
        var m2: [Double]
    }

    /// The per-position count, mean and Σ(x − mean)² in `Double`. The mean always skips NaNs;
    /// the deviations skip them when `skippingNaNInDeviations` (the dataset statistics) and
    /// propagate them otherwise (the sample variance).
    static func momentsPart(of tensor: LabeledTensor, over axes: [String]?, skippingNaNInDeviations: Bool) throws(RuntimeError) -> MomentsPart {
        switch tensor.tensor.storage {
        case .float32(let t): return try momentsPart(t, tensor.axes, axes, skippingNaNInDeviations)
        case .float64(let t): return try momentsPart(t, tensor.axes, axes, skippingNaNInDeviations)
        default:
            // Types float32 holds exactly (8- and 16-bit integers, float16) take the float32 kernels,
            // which sum in Double: the same results with half the copy.
            let exact: Set<DType> = [.bool, .int8, .uint8, .int16, .uint16, .float16]
            let wide = exact.contains(tensor.dtype) ? AnyTensor(tensor.tensor.converted(to: Float.self)) : AnyTensor(tensor.tensor.converted(to: Double.self))
            return try momentsPart(of: LabeledTensor(wide, axes: tensor.axes), over: axes, skippingNaNInDeviations: skippingNaNInDeviations)
        }
    }

    private static func momentsPart<T: TensorFloatingPoint>(_ data: Tensor<T>, _ names: [String], _ axes: [String]?, _ skip: Bool) throws(RuntimeError) -> MomentsPart {
        let layout = try ReductionLayout(names: names, shape: data.shape, reducing: axes)
        let moved = try layout.moved(data)
        var means = [Double](repeating: .nan, count: layout.outer)
        var m2 = [Double](repeating: .nan, count: layout.outer)
        let inner = layout.inner
        moved.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            for i in 0..<layout.outer {
                let run = base + i * inner
                let (sum, valid) = MomentKernels.sumAndCount(run, inner)
                let mean = sum / Double(valid)
                means[i] = mean
                m2[i] = MomentKernels.squaredDeviations(run, inner, mean: mean, skippingNaN: skip)
            }
        }
        return MomentsPart(axes: layout.keptAxes, shape: layout.keptShape, count: inner, means: means, m2: m2)
    }

    /// The quantiles `qs` of `tensor` over `axes` (NaNs skipped), one value per quantile.
    ///
    /// Linear quantiles are float64, as xarray returns them; inverted-CDF quantiles keep the
    /// tensor's type (they are elements of it).
    /// - Throws: ``RuntimeError/Code/tensor`` for an empty reduction or a `q` outside [0, 1].
    public static func quantiles(of tensor: LabeledTensor, over axes: [String]?, qs: [Double], method: QuantileMethod) throws(RuntimeError) -> [MeasureValue] {
        let layout = try ReductionLayout(names: tensor.axes, shape: tensor.shape, reducing: axes)
        let indices = layout.reducedIndices
        let result: Tensor<Double>
        do {
            switch tensor.tensor.storage {
            case .float32(let t): result = try t.quantiles(qs, alongAxes: indices, method: method, ignoringNaN: true)
            case .float64(let t): result = try t.quantiles(qs, alongAxes: indices, method: method, ignoringNaN: true)
            case .uint8(let t): result = try t.quantiles(qs, alongAxes: indices, method: method, ignoringNaN: true)
            case .uint16(let t): result = try t.quantiles(qs, alongAxes: indices, method: method, ignoringNaN: true)
            case .int8(let t): result = try t.quantiles(qs, alongAxes: indices, method: method, ignoringNaN: true)
            case .int16(let t): result = try t.quantiles(qs, alongAxes: indices, method: method, ignoringNaN: true)
            case .int32(let t): result = try t.quantiles(qs, alongAxes: indices, method: method, ignoringNaN: true)
            case .int64(let t): result = try t.quantiles(qs, alongAxes: indices, method: method, ignoringNaN: true)
            case .uint32(let t): result = try t.quantiles(qs, alongAxes: indices, method: method, ignoringNaN: true)
            case .uint64(let t): result = try t.quantiles(qs, alongAxes: indices, method: method, ignoringNaN: true)
            default:
                result = try tensor.tensor.converted(to: Double.self).quantiles(qs, alongAxes: indices, method: method, ignoringNaN: true)
            }
        } catch {
            throw RuntimeError(error, tensor: nil)
        }
        let dtype: DType = method == .linear ? .float64 : (tensor.dtype == .bool || tensor.dtype == .float16 ? .float64 : tensor.dtype)
        let per = layout.outer
        return qs.indices.map { j in
            MeasureValue(uncheckedAxes: layout.keptAxes, shape: layout.keptShape,
                         values: Array(result.scalars[(j * per)..<((j + 1) * per)]), dtype: dtype)
        }
    }

    /// Measures grouped for a shared computation.
    struct GroupKey: Hashable {
        var member: String
        var axes: [String]?
        var method: QuantileMethod?
    }
}

/// How a tensor with named axes is reduced over a set of axis names: the positions reduced, the
/// axes kept, and the data moved so each kept position is one contiguous run.
struct ReductionLayout {
    var reducedIndices: [Int]
    var keptAxes: [String]
    var keptShape: [Int]
    var outer: Int
    var inner: Int

    /// Plans the reduction; `nil` reduces every axis, names the tensor lacks are ignored (size 1).
    init(names: [String], shape: [Int], reducing axes: [String]?) throws(RuntimeError) {
        let reduce = axes.map(Set.init) ?? Set(names)
        reducedIndices = names.indices.filter { reduce.contains(names[$0]) }
        let kept = names.indices.filter { !reduce.contains(names[$0]) }
        keptAxes = kept.map { names[$0] }
        keptShape = kept.map { shape[$0] }
        outer = keptShape.reduce(1, *)
        inner = reducedIndices.reduce(1) { $0 * shape[$1] }
    }

    /// The data with the kept axes first and the reduced axes last (a copy only when needed).
    func moved<T: TensorScalar>(_ data: Tensor<T>) throws(RuntimeError) -> Tensor<T> {
        let keptIndices = (0..<data.rank).filter { !reducedIndices.contains($0) }
        let permutation = keptIndices + reducedIndices
        if permutation == Array(0..<data.rank) { return data }
        do { return try data.transposed(permutation) } catch { throw RuntimeError(error) }
    }
}
