import BioImageTensor

/// A statistic of one tensor that a processing step needs (notes §d.0): its scope (one sample or
/// the whole dataset), its kind (mean, standard deviation, variance or a quantile), the tensor it
/// is taken of, and the axes it reduces.
///
/// The value keeps the axes that are *not* reduced, named, so it broadcasts against a tensor by
/// axis name.
///
/// ```swift
/// let mean = Measure(.sample, .mean, of: "raw", over: ["y", "x"])   // one mean per channel
/// ```
public struct Measure: Sendable, Hashable, CustomStringConvertible {
    /// Whether a measure is taken of one sample or of every sample seen so far.
    public enum Scope: String, Sendable, Hashable {
        /// Computed from the sample being processed.
        case sample
        /// Accumulated over every sample processed so far (or given as fixed values).
        case dataset
    }

    /// What is measured.
    public enum Kind: Sendable, Hashable {
        /// The arithmetic mean (NaNs skipped).
        case mean
        /// The population standard deviation (ddof = 0).
        case standardDeviation
        /// The population variance (ddof = 0).
        case variance
        /// The quantile `q` in [0, 1], computed with `method` (dataset quantiles always use
        /// ``BioImageTensor/QuantileMethod/linear`` per sample, then a running weighted average).
        case quantile(Double, method: QuantileMethod)
    }

    /// Whether the measure is per sample or per dataset.
    public var scope: Scope
    /// What is measured.
    public var kind: Kind
    /// The id of the tensor measured.
    public var member: String
    /// The axes reduced; `nil` reduces every axis.
    public var axes: [String]?

    /// Creates a measure.
    public init(_ scope: Scope, _ kind: Kind, of member: String, over axes: [String]?) {
        self.scope = scope
        self.kind = kind
        self.member = member
        self.axes = axes
    }

    /// `sample mean of 'raw' over [y, x]`.
    public var description: String {
        let what: String
        switch kind {
        case .mean: what = "mean"
        case .standardDeviation: what = "std"
        case .variance: what = "var"
        case .quantile(let q, let method): what = "quantile(\(q), \(method == .linear ? "linear" : "inverted_cdf"))"
        }
        return "\(scope.rawValue) \(what) of '\(member)' over " + (axes.map { "[" + $0.joined(separator: ", ") + "]" } ?? "all axes")
    }
}
