/// Computed statistics, by measure: what the processing steps of one sample read.
///
/// ```swift
/// let statistics = try plan.inputStatistics(for: sample)
/// print(statistics[Measure(.sample, .mean, of: "raw", over: ["y", "x"])] ?? "missing")
/// ```
public struct MeasureValues: Sendable, Hashable {
    /// The values, by measure.
    public var values: [Measure: MeasureValue]

    /// Creates a collection of measure values.
    public init(_ values: [Measure: MeasureValue] = [:]) {
        self.values = values
    }

    /// The value of `measure`, or `nil`.
    public subscript(measure: Measure) -> MeasureValue? {
        get { values[measure] }
        set { values[measure] = newValue }
    }

    /// The number of measures.
    public var count: Int { values.count }

    /// The measures held.
    public var measures: Set<Measure> { Set(values.keys) }

    /// These values with `other`'s added; `other` wins where both hold a measure.
    public func merging(_ other: MeasureValues) -> MeasureValues {
        MeasureValues(values.merging(other.values) { _, new in new })
    }

    /// The value of `measure`.
    /// - Throws: ``RuntimeError/Code/missingTensor`` naming the measure when it was not computed.
    public func require(_ measure: Measure) throws(RuntimeError) -> MeasureValue {
        guard let value = values[measure] else {
            throw RuntimeError(.missingTensor, "the statistic \(measure) was not computed", tensor: measure.member)
        }
        return value
    }
}
