import BioImageTensor

/// Compares tensors the way the ONNX backend tests do.
enum TensorComparison {
    /// `nil` when `actual` matches `expected`, else a description of the first mismatch.
    ///
    /// Floating-point elements match when `|a - e| <= atol + rtol·|e|` (NaN matches NaN, infinities
    /// match by sign); integers and booleans must be equal. Dtypes and shapes must be equal.
    static func mismatch(_ actual: AnyTensor, _ expected: AnyTensor, rtol: Double = 1e-3, atol: Double = 1e-7) -> String? {
        guard actual.dtype == expected.dtype else { return "dtype \(actual.dtype), expected \(expected.dtype)" }
        guard actual.shape == expected.shape else { return "shape \(actual.shape), expected \(expected.shape)" }
        if expected.dtype.isFloatingPoint {
            let a = actual.converted(to: Double.self).scalars, e = expected.converted(to: Double.self).scalars
            var bad = 0, first = -1, worst = 0.0
            for k in 0..<e.count {
                let x = a[k], y = e[k]
                if x.isNaN && y.isNaN { continue }
                if x == y { continue }
                let difference = abs(x - y)
                if !(difference <= atol + rtol * abs(y)) {
                    bad += 1
                    if first < 0 { first = k }
                    if difference.isNaN || difference > worst { worst = difference }
                }
            }
            guard bad > 0 else { return nil }
            return "\(bad) of \(e.count) elements differ; first at flat index \(first): \(a[first]) vs expected \(e[first]); largest difference \(worst)"
        }
        if expected.dtype == .bool {
            let a = actual.converted(to: Bool.self).scalars, e = expected.converted(to: Bool.self).scalars
            guard let k = (0..<e.count).first(where: { a[$0] != e[$0] }) else { return nil }
            return "element \(k): \(a[k]) vs expected \(e[k])"
        }
        let a = actual.converted(to: Int64.self).scalars, e = expected.converted(to: Int64.self).scalars
        guard let k = (0..<e.count).first(where: { a[$0] != e[$0] }) else { return nil }
        let bad = (0..<e.count).filter { a[$0] != e[$0] }.count
        return "\(bad) of \(e.count) elements differ; first at flat index \(k): \(a[k]) vs expected \(e[k])"
    }
}
