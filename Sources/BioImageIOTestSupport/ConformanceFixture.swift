import BioImageRuntime
import BioImageSpec
import Foundation

/// One model of the conformance fixtures: a tiny package (description, ONNX weights, test
/// tensors) and the reference's verdict on it (bioimageio.core's `test_model` with onnxruntime).
public struct ConformanceFixture: Sendable, Hashable {
    /// One detail of the reference's report: its name and status.
    public struct ReferenceDetail: Sendable, Hashable, CustomStringConvertible {
        /// The check's name, e.g. `Reproduce test outputs from test inputs (onnx)`.
        public var name: String
        /// Its status in the reference's report.
        public var status: ModelTestReport.Status
        /// `passed | name`.
        public var description: String { "\(status.rawValue) | \(name)" }
    }

    /// The fixture's folder name (and the model's `name`).
    public var name: String
    /// What the fixture exercises, in one sentence.
    public var summary: String
    /// The package folder.
    public var url: URL
    /// The weight format it is tested with.
    public var weightFormat: WeightsFormat
    /// `0.5` or `0.4`: the format the description is written in.
    public var format: String
    /// Whether it has pre- or postprocessing steps beyond dtype casts.
    public var needsProcessing: Bool
    /// The reference's status, mapped to ours: `valid-format` (a test failed) is ``ModelTestReport/Status/failed``.
    public var referenceStatus: ModelTestReport.Status
    /// The reference's details, in order.
    public var referenceDetails: [ReferenceDetail]
    /// What the network computes, per output id (see ``ConformanceFunction``).
    public var function: [String: ConformanceFunction]

    /// Creates a fixture description.
    public init(name: String, summary: String, url: URL, weightFormat: WeightsFormat, format: String, needsProcessing: Bool,
                referenceStatus: ModelTestReport.Status, referenceDetails: [ReferenceDetail], function: [String: ConformanceFunction]) {
        self.name = name
        self.summary = summary
        self.url = url
        self.weightFormat = weightFormat
        self.format = format
        self.needsProcessing = needsProcessing
        self.referenceStatus = referenceStatus
        self.referenceDetails = referenceDetails
        self.function = function
    }

    /// How `report` disagrees with the reference's verdict: a different status, or different
    /// detail names or statuses. Empty when it agrees.
    public func disagreements(with report: ModelTestReport) -> [String] {
        var problems: [String] = []
        if report.status != referenceStatus {
            problems.append("status \(report.status.rawValue), but the reference's is \(referenceStatus.rawValue)")
        }
        let ours = report.details.map { ReferenceDetail(name: $0.name, status: $0.status) }
        if ours != referenceDetails {
            let count = max(ours.count, referenceDetails.count)
            for index in 0..<count {
                let mine = index < ours.count ? ours[index].description : "(none)"
                let theirs = index < referenceDetails.count ? referenceDetails[index].description : "(none)"
                if mine != theirs { problems.append("detail \(index): '\(mine)', but the reference has '\(theirs)'") }
            }
        }
        return problems
    }
}

/// What one output of a conformance network computes, so a test double can compute it without
/// an inference engine. Inputs are float32, in the described axis order (NCHW, or CHW).
///
/// | `op` | result |
/// |---|---|
/// | `affine` | `input · scale + offset` |
/// | `sigmoid` | `1 / (1 + e^(−input))` |
/// | `add` | `inputs[0] + inputs[1]` |
/// | `box` | `size`×`size` mean over the last two axes, zero padding, same size (divides by size² everywhere) |
/// | `crop` | drops `border` elements at both ends of the last two axes |
public struct ConformanceFunction: Sendable, Hashable, Codable {
    /// The operation (`affine`, `sigmoid`, `add`, `box`, `crop`).
    public var op: String
    /// The input id, for single-input operations.
    public var input: String?
    /// The input ids, for `add`.
    public var inputs: [String]?
    /// The factor of `affine`.
    public var scale: Double?
    /// The summand of `affine`.
    public var offset: Double?
    /// The window of `box`.
    public var size: Int?
    /// The border of `crop`.
    public var border: Int?

    /// Creates a function description.
    public init(op: String, input: String? = nil, inputs: [String]? = nil, scale: Double? = nil, offset: Double? = nil,
                size: Int? = nil, border: Int? = nil) {
        self.op = op
        self.input = input
        self.inputs = inputs
        self.scale = scale
        self.offset = offset
        self.size = size
        self.border = border
    }
}
