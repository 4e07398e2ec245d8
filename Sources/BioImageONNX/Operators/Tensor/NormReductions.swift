import BioImageTensor
import Foundation

/// `ReduceProd`, `ReduceSumSquare`, `ReduceL1`, `ReduceL2` and `ReduceLogSumExp` (axes as in the
/// other reductions: an attribute before opset 18, an input since).
///
/// Numerics: floating-point inputs accumulate in `Double` and round once; `ReduceLogSumExp`
/// subtracts the group's (finite) maximum before exponentiating, as the ONNX reference does.
/// Integer `Prod`/`SumSquare`/`L1` wrap in the element type (numpy with `dtype=x.dtype`); integer
/// `L2`/`LogSumExp` are computed in `Double` and truncated. Empty reductions give 1 (product),
/// 0 (sums and norms) or −∞ (log-sum-exp).
extension ReduceVisitor {
    func normFloating<S: TensorFloatingPoint>(_ x: Tensor<S>) throws(ONNXError) -> Tensor<S> {
        switch operation {
        case .product: return try accumulate(x, initial: 1, { $0 * $1 }, finish: { $0 })
        case .sumSquare: return try accumulate(x, initial: 0, { $0 + $1 * $1 }, finish: { $0 })
        case .l1: return try accumulate(x, initial: 0, { $0 + Swift.abs($1) }, finish: { $0 })
        case .l2: return try accumulate(x, initial: 0, { $0 + $1 * $1 }, finish: { $0.squareRoot() })
        default: return try logSumExp(x)
        }
    }

    func normInteger<S: TensorInteger>(_ x: Tensor<S>) throws(ONNXError) -> Tensor<S> {
        switch operation {
        case .product: return try extremum(x, identity: 1) { $0 &* $1 }
        case .sumSquare: return try extremum(x, identity: 0) { $0 &+ $1 &* $1 }
        case .l1: return try extremum(x, identity: 0) { $0 &+ ($1 < 0 ? 0 &- $1 : $1) }
        default:
            let wide = try normFloating(x.converted(to: Double.self))
            return wide.converted(to: S.self)
        }
    }

    /// Folds every group with `combine(total, element)` in `Double`, rows outermost so memory is
    /// read contiguously, then applies `finish`.
    @inline(__always)
    private func accumulate<S: TensorFloatingPoint>(
        _ x: Tensor<S>, initial: Double, _ combine: (Double, Double) -> Double, finish: (Double) -> Double
    ) throws(ONNXError) -> Tensor<S> {
        let n = layout.n, inner = layout.inner
        return try reduce(x) { src, out, o, columns in
            let width = columns.count
            var totals = [Double](repeating: initial, count: width)
            totals.withUnsafeMutableBufferPointer { total in
                for j in 0..<n {
                    let row = src + (o * n + j) * inner + columns.lowerBound
                    for k in 0..<width { total[k] = combine(total[k], Double(row[k])) }
                }
                let target = out + o * inner + columns.lowerBound
                for k in 0..<width { target[k] = S(finish(total[k])) }
            }
        }
    }

    /// log Σ exp(x − m) + m per group, m the group's maximum (0 when it is not finite).
    private func logSumExp<S: TensorFloatingPoint>(_ x: Tensor<S>) throws(ONNXError) -> Tensor<S> {
        let n = layout.n, inner = layout.inner
        return try reduce(x) { src, out, o, columns in
            let width = columns.count
            var shifts = [Double](repeating: -.infinity, count: width)
            var totals = [Double](repeating: 0, count: width)
            shifts.withUnsafeMutableBufferPointer { shift in
                totals.withUnsafeMutableBufferPointer { total in
                    for j in 0..<n {
                        let row = src + (o * n + j) * inner + columns.lowerBound
                        for k in 0..<width where Double(row[k]) > shift[k] { shift[k] = Double(row[k]) }
                    }
                    for k in 0..<width where !shift[k].isFinite { shift[k] = 0 }
                    for j in 0..<n {
                        let row = src + (o * n + j) * inner + columns.lowerBound
                        for k in 0..<width { total[k] += Foundation.exp(Double(row[k]) - shift[k]) }
                    }
                    let target = out + o * inner + columns.lowerBound
                    for k in 0..<width { target[k] = S(Foundation.log(total[k]) + shift[k]) }
                }
            }
        }
    }
}
