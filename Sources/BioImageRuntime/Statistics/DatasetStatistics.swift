import BioImageTensor
import Foundation

/// Running dataset statistics shared by every sample a pipeline processes (notes §d.0), or fixed
/// values given up front.
///
/// With no fixed value for a dataset measure, every call to ``update(with:measures:)`` merges the
/// sample into the running value, and the sample is normalised with the running value *including
/// itself*:
/// * mean, variance and standard deviation merge per-sample `(n, mean, M2)` in `Double` (the
///   parallel Welford update): `mean = (n_a·mean_a + n_b·mean_b)/n`,
///   `M2 = M2_a + M2_b + (mean_b − mean_a)²·n_a·n_b/n`, `var = M2/n`, `std = √var`;
/// * quantiles are the running average of per-sample *linear* quantiles, weighted by the number of
///   reduced elements (an estimate, as in bioimageio.core without `crick`).
///
/// Measures given as fixed values are never updated. The class is thread-safe (one lock), so one
/// instance can be shared by pipelines running on several threads.
///
/// ```swift
/// let running = DatasetStatistics()
/// let fixed = DatasetStatistics(fixed: MeasureValues([Measure(.dataset, .mean, of: "raw", over: nil): MeasureValue(0.5)]))
/// ```
public final class DatasetStatistics: @unchecked Sendable {
    private let lock = NSLock()
    private let fixed: MeasureValues
    private var moments: [StatisticsCalculator.GroupKey: Moments] = [:]
    private var quantiles: [Measure: Quantiles] = [:]
    private var samples = 0

    /// Running statistics, starting empty.
    public init() {
        fixed = MeasureValues()
    }

    /// Fixed dataset statistics: the dataset-scope values of `values` are used as given and never
    /// updated; dataset measures they lack are accumulated from the samples.
    ///
    /// Keys must equal the measures a plan asks for (see ``ProcessingPlan/requiredMeasures``):
    /// dataset quantiles use ``BioImageTensor/QuantileMethod/linear``, and values keep the axes that
    /// are not reduced (`channel` for a per-channel mean over `[batch, y, x]`).
    public init(fixed values: MeasureValues) {
        fixed = MeasureValues(values.values.filter { $0.key.scope == .dataset })
    }

    /// The fixed values given at creation.
    public var fixedValues: MeasureValues { fixed }

    /// The number of samples merged so far.
    public var sampleCount: Int { lock.withLock { samples } }

    /// Forgets every running value (fixed values stay).
    public func reset() {
        lock.withLock {
            moments = [:]
            quantiles = [:]
            samples = 0
        }
    }

    /// Merges `sample` into the running value of every dataset measure in `measures` that has no
    /// fixed value, and returns the current value of every dataset measure in `measures`.
    ///
    /// Each measured tensor's per-sample part is computed before the lock is taken, so concurrent
    /// callers only serialise on the merge.
    /// - Throws: ``RuntimeError/Code/missingTensor`` when a measured tensor is not in the sample;
    ///   ``RuntimeError/Code/axisMismatch`` when the kept axes change size between samples.
    public func update(with sample: Sample, measures: some Sequence<Measure>) throws(RuntimeError) -> MeasureValues {
        var momentKeys: Set<StatisticsCalculator.GroupKey> = []
        var quantileGroups: [StatisticsCalculator.GroupKey: [Double]] = [:]
        var wanted: [Measure] = []
        for measure in measures where measure.scope == .dataset {
            wanted.append(measure)
            if fixed[measure] != nil { continue }
            let key = StatisticsCalculator.GroupKey(member: measure.member, axes: measure.axes, method: nil)
            switch measure.kind {
            case .mean, .variance, .standardDeviation: momentKeys.insert(key)
            case .quantile(let q, _): quantileGroups[key, default: []].append(q)
            }
        }
        var momentParts: [StatisticsCalculator.GroupKey: StatisticsCalculator.MomentsPart] = [:]
        for key in momentKeys {
            momentParts[key] = try StatisticsCalculator.momentsPart(of: sample.require(key.member), over: key.axes, skippingNaNInDeviations: true)
        }
        var quantileParts: [Measure: (count: Int, value: MeasureValue)] = [:]
        for (key, qs) in quantileGroups {
            let tensor = try sample.require(key.member)
            let unique = Array(Set(qs)).sorted()
            let values = try StatisticsCalculator.quantiles(of: tensor, over: key.axes, qs: unique, method: .linear)
            let layout = try ReductionLayout(names: tensor.axes, shape: tensor.shape, reducing: key.axes)
            for (q, value) in zip(unique, values) {
                quantileParts[Measure(.dataset, .quantile(q, method: .linear), of: key.member, over: key.axes)] = (layout.inner, value)
            }
        }
        lock.lock()
        defer { lock.unlock() }
        for (key, part) in momentParts {
            if var running = moments[key] {
                try running.merge(part, member: key.member)
                moments[key] = running
            } else {
                moments[key] = Moments(part)
            }
        }
        for (measure, part) in quantileParts {
            let key = Measure(.dataset, .quantile(measure.quantile, method: .linear), of: measure.member, over: measure.axes)
            if var running = quantiles[key] {
                try running.merge(count: part.count, value: part.value, member: measure.member)
                quantiles[key] = running
            } else {
                quantiles[key] = Quantiles(count: part.count, estimate: part.value)
            }
        }
        samples += 1
        var result = MeasureValues()
        for measure in wanted {
            if let value = try currentValue(measure) { result[measure] = value }
        }
        return result
    }

    /// The current value of every dataset measure known (fixed or running).
    public func values() -> MeasureValues {
        lock.withLock {
            var result = fixed
            for (key, running) in moments {
                for kind in [Measure.Kind.mean, .variance, .standardDeviation] {
                    let measure = Measure(.dataset, kind, of: key.member, over: key.axes)
                    if result[measure] == nil { result[measure] = running.value(kind) }
                }
            }
            for (measure, running) in quantiles where result[measure] == nil {
                result[measure] = running.estimate
            }
            return result
        }
    }

    /// The value of `measure`; the lock must be held.
    private func currentValue(_ measure: Measure) throws(RuntimeError) -> MeasureValue? {
        if let value = fixed[measure] { return value }
        switch measure.kind {
        case .quantile:
            return quantiles[Measure(.dataset, .quantile(measure.quantile, method: .linear), of: measure.member, over: measure.axes)]?.estimate
        case .mean, .variance, .standardDeviation:
            return moments[StatisticsCalculator.GroupKey(member: measure.member, axes: measure.axes, method: nil)]?.value(measure.kind)
        }
    }

    /// Running `(n, mean, M2)` per kept position.
    private struct Moments {
        var axes: [String], shape: [Int]
        var count: Int
        var means: [Double], m2: [Double]

        init(_ part: StatisticsCalculator.MomentsPart) {
            axes = part.axes
            shape = part.shape
            count = part.count
            means = part.means
            m2 = part.m2
        }

        mutating func merge(_ part: StatisticsCalculator.MomentsPart, member: String) throws(RuntimeError) {
            let aligned = try MeasureValue(axes: part.axes, shape: part.shape, values: part.means).aligned(to: axes)
            let alignedM2 = try MeasureValue(axes: part.axes, shape: part.shape, values: part.m2).aligned(to: axes)
            guard aligned.shape == shape else {
                throw RuntimeError(.axisMismatch, "dataset statistics over \(axes) had shape \(shape); this sample gives \(aligned.shape)", tensor: member)
            }
            let na = Double(count), nb = Double(part.count), n = na + nb
            for i in means.indices {
                let meanB = aligned.values[i], meanA = means[i]
                let d = meanB - meanA
                means[i] = (na * meanA + nb * meanB) / n
                m2[i] = m2[i] + alignedM2.values[i] + d * d * na * nb / n
            }
            count += part.count
        }

        func value(_ kind: Measure.Kind) -> MeasureValue {
            let n = Double(count)
            let values: [Double]
            switch kind {
            case .mean: values = means
            case .variance: values = m2.map { $0 / n }
            default: values = m2.map { ($0 / n).squareRoot() }
            }
            return MeasureValue(uncheckedAxes: axes, shape: shape, values: values, dtype: .float64)
        }
    }

    /// The running weighted average of per-sample linear quantiles.
    private struct Quantiles {
        var count: Int
        var estimate: MeasureValue

        mutating func merge(count n: Int, value: MeasureValue, member: String) throws(RuntimeError) {
            let aligned = try value.aligned(to: estimate.axes)
            guard aligned.shape == estimate.shape else {
                throw RuntimeError(.axisMismatch, "dataset quantiles over \(estimate.axes) had shape \(estimate.shape); this sample gives \(aligned.shape)", tensor: member)
            }
            let na = Double(count), nb = Double(n)
            let merged = zip(estimate.values, aligned.values).map { (na * $0 + nb * $1) / (na + nb) }
            estimate = MeasureValue(uncheckedAxes: estimate.axes, shape: estimate.shape, values: merged, dtype: .float64)
            count += n
        }
    }
}

extension Measure {
    /// The quantile level of a quantile measure (0 for other kinds).
    var quantile: Double {
        if case .quantile(let q, _) = kind { return q }
        return 0
    }
}
