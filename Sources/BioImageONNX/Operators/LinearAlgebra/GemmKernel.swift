import BioImageTensor

/// `Gemm` (opset 7–13): `Y = alpha · A' × B' + beta · C` with optional transposes and `C`
/// broadcast to `M × N` (optional from opset 11).
///
/// float32 and float16 run on the tiled GEMM; float64 and integer types use a plain loop.
struct GemmKernel: OperatorKernel {
    let node: OperatorNode
    let alpha: Float
    let beta: Float
    let transA: Bool
    let transB: Bool

    init(_ node: OperatorNode) throws(ONNXError) {
        try node.checkAttributes(["alpha", "beta", "transA", "transB"])
        self.node = node
        alpha = try node.float("alpha", default: 1)
        beta = try node.float("beta", default: 1)
        let a = try node.int("transA", default: 0), b = try node.int("transB", default: 0)
        guard (0...1).contains(a), (0...1).contains(b) else {
            throw node.error(.invalidAttribute, "transA and transB must be 0 or 1, got \(a) and \(b)")
        }
        transA = a == 1
        transB = b == 1
    }

    func run(_ inputs: [AnyTensor?], context: KernelContext) throws(ONNXError) -> [AnyTensor] {
        guard inputs.count >= 2, let a = inputs[0], let b = inputs[1] else {
            throw node.error(.invalidInput, "Gemm needs inputs A and B")
        }
        let c = inputs.count > 2 ? inputs[2] : nil
        guard a.shape.count == 2, b.shape.count == 2 else {
            throw node.error(.shapeMismatch, "Gemm: A \(a.shape) and B \(b.shape) must be matrices")
        }
        guard a.dtype == b.dtype, c.map({ $0.dtype == a.dtype }) ?? true else {
            throw node.error(.unsupportedDType, "Gemm: A, B and C must share one dtype")
        }
        let m = transA ? a.shape[1] : a.shape[0], k = transA ? a.shape[0] : a.shape[1]
        let n = transB ? b.shape[0] : b.shape[1], kb = transB ? b.shape[1] : b.shape[0]
        guard k == kb else { throw node.error(.shapeMismatch, "Gemm: A' is \(m)×\(k) but B' is \(kb)×\(n)") }
        // C broadcasts unidirectionally to [M, N].
        var cStrides = (row: 0, column: 0)
        if let c, beta != 0 {
            let shape = [Int](repeating: 1, count: max(0, 2 - c.shape.count)) + c.shape
            guard shape.count == 2, shape[0] == m || shape[0] == 1, shape[1] == n || shape[1] == 1 else {
                throw node.error(.shapeMismatch, "Gemm: C \(c.shape) does not broadcast to [\(m), \(n)]")
            }
            cStrides = (shape[0] == 1 ? 0 : shape[1], shape[1] == 1 ? 0 : 1)
        }
        let useC = c != nil && beta != 0
        let aStrides = transA ? (row: 1, column: m) : (row: k, column: 1)
        switch a.dtype {
        case .float32, .float16:
            let af = a.converted(to: Float.self)
            var bf = b.converted(to: Float.self)
            if transB {
                do { bf = try bf.transposed([1, 0]) } catch { throw node.error(.shapeMismatch, "Gemm: \(error)") }
            }
            let cf = useC ? c?.converted(to: Float.self).scalars ?? [] : []
            var y = [Float](repeating: 0, count: m * n)
            if useC {
                for i in 0..<m { for j in 0..<n { y[i * n + j] = beta * cf[i * cStrides.row + j * cStrides.column] } }
            }
            y.withUnsafeMutableBufferPointer { yb in
                af.withUnsafeBufferPointer { ab in
                    bf.withUnsafeBufferPointer { bb in
                        guard let ap = ab.baseAddress, let bp = bb.baseAddress, let yp = yb.baseAddress else { return }
                        MatrixProduct.multiply(a: ap, aRowStride: aStrides.row, aColumnStride: aStrides.column, b: bp,
                                               bCount: bb.count, c: yp, m: m, k: k, n: n, batches: [.init(a: 0, b: 0, c: 0)],
                                               mode: .accumulate(alpha: alpha), threads: context.threads)
                    }
                }
            }
            return [try FloatOperand.result(shape: [m, n], scalars: y, dtype: a.dtype, node: node)]
        case .float64:
            return [try naive(a, b, c, Double.self, m: m, k: k, n: n, cStrides: cStrides, useC: useC,
                              alpha: Double(alpha), beta: Double(beta), +, *)]
        case .int32:
            return [try naive(a, b, c, Int32.self, m: m, k: k, n: n, cStrides: cStrides, useC: useC,
                              alpha: try integral(alpha), beta: try integral(beta), &+, &*)]
        case .int64:
            return [try naive(a, b, c, Int64.self, m: m, k: k, n: n, cStrides: cStrides, useC: useC,
                              alpha: try integral(alpha), beta: try integral(beta), &+, &*)]
        case .uint32:
            return [try naive(a, b, c, UInt32.self, m: m, k: k, n: n, cStrides: cStrides, useC: useC,
                              alpha: try integral(alpha), beta: try integral(beta), &+, &*)]
        case .uint64:
            return [try naive(a, b, c, UInt64.self, m: m, k: k, n: n, cStrides: cStrides, useC: useC,
                              alpha: try integral(alpha), beta: try integral(beta), &+, &*)]
        default:
            throw node.error(.unsupportedDType, "Gemm does not support \(a.dtype)")
        }
    }

    /// `alpha` or `beta` as an integer scalar (integer Gemm); throws when it is not a representable whole number.
    private func integral<T: FixedWidthInteger>(_ value: Float) throws(ONNXError) -> T {
        guard let exact = T(exactly: value) else {
            throw node.error(.invalidAttribute, "alpha and beta must be whole numbers representable as \(T.self) for integer Gemm, got \(value)")
        }
        return exact
    }

    private func naive<T: TensorScalar & Numeric>(_ a: AnyTensor, _ b: AnyTensor, _ c: AnyTensor?, _ type: T.Type, m: Int,
                                                  k: Int, n: Int, cStrides: (row: Int, column: Int), useC: Bool, alpha: T,
                                                  beta: T, _ add: (T, T) -> T, _ multiply: (T, T) -> T) throws(ONNXError) -> AnyTensor {
        do {
            let av = try a.tensor(of: T.self).scalars, bv = try b.tensor(of: T.self).scalars
            let cv = useC ? try c?.tensor(of: T.self).scalars ?? [] : []
            var y = [T](repeating: .zero, count: m * n)
            for i in 0..<m {
                for j in 0..<n {
                    var sum = T.zero
                    for p in 0..<k {
                        let x = transA ? av[p * m + i] : av[i * k + p]
                        let w = transB ? bv[j * k + p] : bv[p * n + j]
                        sum = add(sum, multiply(x, w))
                    }
                    var value = multiply(alpha, sum)
                    if useC { value = add(value, multiply(beta, cv[i * cStrides.row + j * cStrides.column])) }
                    y[i * n + j] = value
                }
            }
            return AnyTensor(try Tensor(shape: [m, n], scalars: y))
        } catch {
            throw node.error(.shapeMismatch, "Gemm: \(error)")
        }
    }
}
