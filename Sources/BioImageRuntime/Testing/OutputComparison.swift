import BioImageTensor
import Foundation

/// The comparison of one produced output with its test tensor (the reference's
/// `evaluate_mismatched_elements`, notes §e.5).
///
/// Both tensors are cast to float32 and compared element by element, in float32 as NumPy does:
/// an element mismatches when `|actual − expected| > atol + rtol·|expected|`. NaN never
/// mismatches (comparisons with NaN are false). The output fails when the mismatched elements per
/// million exceed the tolerance's allowance.
///
/// Two "worst" elements are reported, as the reference does, among the **mismatched** elements
/// only (the others count as difference 0): the largest relative difference
/// `|a − e| / (|e| + 1e-6)`, and the largest absolute difference minus `rtol·|e|`.
public struct OutputComparison: Sendable, Hashable {
    /// One element singled out by the comparison.
    public struct Element: Sendable, Hashable {
        /// Its position, one index per axis.
        public var index: [Int]
        /// The produced value (as float32).
        public var actual: Float
        /// The test tensor's value (as float32).
        public var expected: Float
        /// The difference measure at this position (relative or absolute; 0 for a matching element).
        public var difference: Float
    }

    /// The output id.
    public var outputID: String
    /// The axis ids, for naming positions.
    public var axes: [String]
    /// The tolerance applied.
    public var tolerance: TestTolerance
    /// The number of elements compared.
    public var count: Int
    /// The number of mismatched elements.
    public var mismatchedCount: Int
    /// The mismatched element with the largest relative difference (or the first element).
    public var worstRelative: Element
    /// The mismatched element with the largest absolute difference beyond `rtol·|e|`.
    public var worstAbsolute: Element

    /// Compares `actual` with `expected` (same shape; any dtypes, cast to float32).
    /// - Throws: ``RuntimeError/Code/invalidSize`` when the shapes differ or the tensors are empty.
    public init(outputID: String, axes: [String], actual: AnyTensor, expected: AnyTensor, tolerance: TestTolerance) throws(RuntimeError) {
        guard actual.shape == expected.shape else {
            throw RuntimeError(.invalidSize, "output shape \(actual.shape) differs from the test tensor's \(expected.shape)", tensor: outputID)
        }
        guard expected.count > 0 else {
            throw RuntimeError(.invalidSize, "the test tensor is empty", tensor: outputID)
        }
        self.outputID = outputID
        self.axes = axes
        self.tolerance = tolerance
        self.count = expected.count
        let actualValues = actual.converted(to: Float.self)
        let expectedValues = expected.converted(to: Float.self)
        let rtol = Float(tolerance.relativeTolerance)
        let atol = Float(tolerance.absoluteTolerance)
        var mismatched = 0
        var relativeIndex = 0, absoluteIndex = 0
        var relativeBest = -Float.infinity, absoluteBest = -Float.infinity
        actualValues.withUnsafeBufferPointer { a in
            expectedValues.withUnsafeBufferPointer { e in
                for i in 0..<e.count {
                    let rtolValue = rtol * abs(e[i])
                    var difference = abs(a[i] - e[i])
                    if difference > atol + rtolValue { mismatched += 1 } else { difference = 0 }
                    let relative = difference / (abs(e[i]) + 1e-6)
                    // NumPy's argmax: the first maximum, and the first NaN beats everything.
                    if relative > relativeBest || (relative.isNaN && !relativeBest.isNaN) {
                        relativeBest = relative
                        relativeIndex = i
                    }
                    let beyond = difference - rtolValue
                    if beyond > absoluteBest || (beyond.isNaN && !absoluteBest.isNaN) {
                        absoluteBest = beyond
                        absoluteIndex = i
                    }
                }
            }
        }
        self.mismatchedCount = mismatched
        func element(_ flat: Int, relative: Bool) -> Element {
            let a = actualValues.scalars[flat], e = expectedValues.scalars[flat]
            var difference = abs(a - e)
            if !(difference > atol + rtol * abs(e)) { difference = 0 }
            return Element(index: Self.unravel(flat, shape: expected.shape), actual: a, expected: e,
                           difference: relative ? difference / (abs(e) + 1e-6) : difference)
        }
        worstRelative = element(relativeIndex, relative: true)
        worstAbsolute = element(absoluteIndex, relative: false)
    }

    /// Mismatched elements per million.
    public var mismatchedPerMillion: Double { Double(mismatchedCount) / Double(count) * 1e6 }

    /// Whether the output reproduces its test tensor within the tolerance.
    public var passes: Bool { mismatchedPerMillion <= tolerance.mismatchedElementsPerMillion }

    /// The reference's message: the mismatch count (or "all elements agree"), then the worst
    /// relative and absolute differences with their values and positions.
    public var message: String {
        var text: String
        if mismatchedCount > 0 {
            let ppm = mismatchedPerMillion
            text = "Output '\(outputID)': \(mismatchedCount) of \(count) elements disagree with expected values ("
                + (ppm >= 1000 ? formatFixed(ppm / 10_000, digits: 1) + "%" : formatFixed(ppm, digits: 1) + " ppm") + "). "
        } else {
            text = "Output `\(outputID)`: all elements agree with expected values. "
        }
        let r = worstRelative, a = worstAbsolute
        text += "\nMax relative difference not accounted for by absolute tolerance (\(formatScientific(tolerance.absoluteTolerance, digits: 2))):\n"
            + "\(formatScientific(Double(r.difference), digits: 2)) (= \\|\(formatScientific(Double(r.actual), digits: 2)) - "
            + "\(formatScientific(Double(r.expected), digits: 2))\\|/\\|\(formatScientific(Double(r.expected), digits: 2)) + 1e-6\\|) at \(position(r.index)) "
        text += "\nMax absolute difference not accounted for by relative tolerance (\(formatScientific(tolerance.relativeTolerance, digits: 2))):\n"
            + "\(formatScientific(Double(a.difference), digits: 2)) (= \\|\(formatScientific(Double(a.actual), digits: 7)) - "
            + "\(formatScientific(Double(a.expected), digits: 7))\\|) at \(position(a.index))"
        return text
    }

    /// `{'batch': 0, 'y': 5, 'x': 7}`.
    func position(_ index: [Int]) -> String {
        "{" + zip(axes, index).map { "'\($0)': \($1)" }.joined(separator: ", ") + "}"
    }

    /// The multi-index of a flat (row-major) index.
    static func unravel(_ flat: Int, shape: [Int]) -> [Int] {
        var index = [Int](repeating: 0, count: shape.count)
        var rest = flat
        for axis in shape.indices.reversed() where shape[axis] > 0 {
            index[axis] = rest % shape[axis]
            rest /= shape[axis]
        }
        return index
    }
}

/// Python's `format(value, '.Ne')`: `1.23e-01`, `nan`, `inf`.
func formatScientific(_ value: Double, digits: Int) -> String {
    if value.isNaN { return "nan" }
    if value.isInfinite { return value < 0 ? "-inf" : "inf" }
    return String(format: "%.\(digits)e", value)
}

/// Python's `format(value, '.Nf')`.
func formatFixed(_ value: Double, digits: Int) -> String {
    if value.isNaN { return "nan" }
    if value.isInfinite { return value < 0 ? "-inf" : "inf" }
    return String(format: "%.\(digits)f", value)
}
