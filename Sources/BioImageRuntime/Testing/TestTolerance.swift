import BioImageSpec
import BioImageYAML
import Foundation

/// How closely a produced output must reproduce its test tensor (notes §e.5, "Tolerance selection").
///
/// An element mismatches when `|actual − expected| > absoluteTolerance + relativeTolerance·|expected|`;
/// the output fails when more than ``mismatchedElementsPerMillion`` elements per million mismatch.
public struct TestTolerance: Sendable, Hashable, CustomStringConvertible {
    /// The relative tolerance (rtol).
    public var relativeTolerance: Double
    /// The absolute tolerance (atol).
    public var absoluteTolerance: Double
    /// How many mismatched elements per million are allowed.
    public var mismatchedElementsPerMillion: Double

    /// Creates a tolerance.
    public init(relativeTolerance: Double = 1e-3, absoluteTolerance: Double = 1e-3, mismatchedElementsPerMillion: Double = 100) {
        self.relativeTolerance = relativeTolerance
        self.absoluteTolerance = absoluteTolerance
        self.mismatchedElementsPerMillion = mismatchedElementsPerMillion
    }

    /// The tolerance for output `outputID` of `model` tested with `weightFormat`.
    ///
    /// Format 0.5: the default (rtol 1e-3, atol 1e-3, 100 per million); then a legacy
    /// `config.bioimageio.test_kwargs.<format>` entry (its rtol/atol, 100 per million); then the
    /// **first** `config.bioimageio.reproducibility_tolerance` entry whose `weights_formats` is empty
    /// or contains the format and whose outputs match. Unlike the reference (which tests
    /// `id in "any_continuous_output"` as a substring), outputs match by intent: listed ids
    /// exactly, `any_continuous_output` every float output, `any_discrete_output` every integer or
    /// bool output (by the described data type).
    ///
    /// Format 0.4 (the 0.4 rules): rtol 1e-3, atol 1e-3 and **no** mismatched element allowed; with
    /// the deprecated `decimal` d: atol 1.5·10^−d, rtol 0, none allowed. `decimal` is ignored for 0.5.
    public static func select(for model: PreparedModel, outputID: String, weightFormat: WeightsFormat,
                              decimal: Int? = nil) -> TestTolerance {
        if model.isLegacyFormat {
            if let decimal {
                return TestTolerance(relativeTolerance: 0, absoluteTolerance: 1.5 * pow10(-decimal), mismatchedElementsPerMillion: 0)
            }
            return TestTolerance(relativeTolerance: 1e-3, absoluteTolerance: 1e-3, mismatchedElementsPerMillion: 0)
        }
        let config = model.description.config.bioimageio
        var applicable = TestTolerance()
        if let legacy = legacyTestKwargs(config.fields.node, weightFormat: weightFormat) {
            applicable = legacy
        }
        let dataType = model.description.outputs.first { $0.id == outputID }?.dtype
        for entry in config.reproducibilityTolerance {
            guard entry.weightsFormats.isEmpty || entry.weightsFormats.contains(weightFormat) else { continue }
            let matches: Bool
            switch entry.outputs {
            case .ids(let ids): matches = ids.isEmpty || ids.contains(outputID)
            case .anyContinuous: matches = dataType.map { !$0.isDiscrete } ?? false
            case .anyDiscrete: matches = dataType?.isDiscrete ?? false
            }
            if matches {
                return TestTolerance(relativeTolerance: entry.relativeTolerance, absoluteTolerance: entry.absoluteTolerance,
                                     mismatchedElementsPerMillion: Double(entry.mismatchedElementsPerMillion))
            }
        }
        return applicable
    }

    /// `config.bioimageio.test_kwargs.<format>.{relative,absolute}_tolerance` (each default 1e-3).
    static func legacyTestKwargs(_ fields: YAMLNode, weightFormat: WeightsFormat) -> TestTolerance? {
        guard let kwargs = fields["test_kwargs"]?.mapping else { return nil }
        for entry in kwargs.entries where entry.key.string == weightFormat.rawValue {
            return TestTolerance(relativeTolerance: entry.value["relative_tolerance"]?.double ?? 1e-3,
                                 absoluteTolerance: entry.value["absolute_tolerance"]?.double ?? 1e-3,
                                 mismatchedElementsPerMillion: 100)
        }
        return nil
    }

    /// 10^exponent as Python's `10 ** exponent` computes it for a negative int exponent (C `pow`).
    static func pow10(_ exponent: Int) -> Double {
        Foundation.pow(10.0, Double(exponent))
    }

    /// `rtol 1.00e-03, atol 1.00e-03, 100 per million`.
    public var description: String {
        "rtol \(formatScientific(relativeTolerance, digits: 2)), atol \(formatScientific(absoluteTolerance, digits: 2)), "
            + "\(formatFixed(mismatchedElementsPerMillion, digits: 0)) per million"
    }
}
