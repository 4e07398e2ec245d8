import BioImageTensor

/// The reductions `ReduceSum`, `ReduceMean`, `ReduceMax`, `ReduceMin` (and, in
/// `NormReductions.swift`, `ReduceProd`, `ReduceSumSquare`, `ReduceL1`, `ReduceL2`, `ReduceLogSumExp`).
///
/// Axes are an attribute until opset 12 (`ReduceSum`) or 17 (the others) and an optional input
/// since, with `noop_with_empty_axes`. Numerics: floating-point sums accumulate in blocks of the
/// element type added into a `Double`, then round once; integer sums wrap in the element type and an
/// integer mean truncates (numpy `mean(dtype=x.dtype)`); `Max`/`Min` propagate NaN. An empty
/// reduction gives 0 (sum), NaN (mean), the lowest value (max: −∞, the integer minimum, false) or the
/// highest (min).
enum ReduceOperation: Sendable {
    case sum, mean, max, min, product, sumSquare, l1, l2, logSumExp

    /// The first opset in which the axes are an input rather than an attribute.
    var axesInputOpset: Int { self == .sum ? 13 : 18 }
}

/// A `Reduce*` node with its attributes decoded at load time.
struct ReduceKernel: OperatorKernel {
    let node: OperatorNode
    let operation: ReduceOperation
    let keepDimensions: Bool
    let noopWithEmptyAxes: Bool
    let attributeAxes: [Int]?

    static func factory(_ operation: ReduceOperation) -> KernelFactory {
        { node throws(ONNXError) in
            let axesAreInput = node.opset >= operation.axesInputOpset
            try node.checkAttributes(axesAreInput ? ["keepdims", "noop_with_empty_axes"] : ["keepdims", "axes"])
            return ReduceKernel(node: node, operation: operation, keepDimensions: try node.int("keepdims", default: 1) != 0,
                                noopWithEmptyAxes: try node.int("noop_with_empty_axes", default: 0) != 0,
                                attributeAxes: axesAreInput ? nil : try node.ints("axes"))
        }
    }

    func run(_ inputs: [AnyTensor?], context: KernelContext) throws(ONNXError) -> [AnyTensor] {
        let data = try node.inputTensor(inputs, 0, "data")
        let rank = data.shape.count
        var axes = attributeAxes ?? []
        if node.opset >= operation.axesInputOpset, let tensor = node.optionalInputTensor(inputs, 1) {
            axes = try node.integerValues(tensor, "axes")
        }
        if axes.isEmpty {
            if noopWithEmptyAxes { return [data] }
            axes = Array(0..<rank)
        }
        let layout = try ReductionLayout(data, axes: try node.resolvedAxes(axes, rank: rank), keepDimensions: keepDimensions, node: node)
        return [try layout.data.visitKind(ReduceVisitor(node: node, operation: operation, layout: layout, threads: context.threads))]
    }
}

struct ReduceVisitor: TensorKindVisitor {
    let node: OperatorNode
    let operation: ReduceOperation
    let layout: ReductionLayout
    let threads: Int

    func floating<S: TensorFloatingPoint>(_ x: Tensor<S>) throws(ONNXError) -> AnyTensor {
        switch operation {
        case .product, .sumSquare, .l1, .l2, .logSumExp:
            return AnyTensor(try normFloating(x))
        case .sum, .mean:
            let divisor = operation == .mean ? Double(layout.n) : 1
            return AnyTensor(try reduce(x) { src, out, o, columns in FloatSum.reduce(src, out, o, columns, layout, divisor: divisor) })
        case .max, .min:
            let isMax = operation == .max
            if let f = x as? Tensor<Float> {
                return AnyTensor(try reduce(f) { src, out, o, columns in Float32Kernels.reduceExtremum(src, out, o, columns, layout, isMax: isMax) })
            }
            if isMax {
                return AnyTensor(try extremum(x, identity: -S.infinity) { a, b in a.isNaN || b.isNaN ? a + b : (b > a ? b : a) })
            }
            return AnyTensor(try extremum(x, identity: S.infinity) { a, b in a.isNaN || b.isNaN ? a + b : (b < a ? b : a) })
        }
    }

    func integer<S: TensorInteger>(_ x: Tensor<S>) throws(ONNXError) -> AnyTensor {
        switch operation {
        case .product, .sumSquare, .l1, .l2, .logSumExp:
            return AnyTensor(try normInteger(x))
        case .sum, .mean:
            let mean = operation == .mean
            let n = S(truncatingIfNeeded: layout.n)
            var result = try extremum(x, identity: 0) { $0 &+ $1 }
            if mean && layout.n > 0 {
                result.withUnsafeMutableBufferPointer { buffer in
                    for i in buffer.indices { buffer[i] = buffer[i].dividedReportingOverflow(by: n).partialValue }
                }
            }
            return AnyTensor(result)
        case .max:
            return AnyTensor(try extremum(x, identity: S.min) { Swift.max($0, $1) })
        case .min:
            return AnyTensor(try extremum(x, identity: S.max) { Swift.min($0, $1) })
        }
    }

    func boolean(_ x: Tensor<Bool>) throws(ONNXError) -> AnyTensor {
        guard operation == .max || operation == .min else { throw node.error(.unsupportedDType, "bool inputs are not supported") }
        // max = any, min = all: reduce the bytes as UInt8 (0/1).
        let bytes = x.converted(to: UInt8.self)
        let result = operation == .max
            ? try extremum(bytes, identity: 0) { Swift.max($0, $1) }
            : try extremum(bytes, identity: 1) { Swift.min($0, $1) }
        return AnyTensor(result.converted(to: Bool.self))
    }

    /// Allocates the result and runs `body(source, result, o, columns)` on every task.
    @inline(__always)
    func reduce<S: TensorScalar>(
        _ x: Tensor<S>, _ body: (UnsafePointer<S>, UnsafeMutablePointer<S>, Int, Range<Int>) -> Void
    ) throws(ONNXError) -> Tensor<S> {
        let layout = self.layout, threads = self.threads
        let count = layout.outer * layout.inner
        return try TensorOps.make(S.self, shape: layout.outShape, count: count, node: node) { out in
            guard count > 0, let po = out.baseAddress else { return }
            x.withUnsafeBufferPointer { src in
                // An empty reduction has no source elements: point at the (unread) result instead.
                let ps = src.baseAddress ?? UnsafePointer(po)
                let source = TensorOps.Box(ps), target = TensorOps.Box(po)
                layout.forEachTask(threads: threads) { o, columns in body(source.value, target.value, o, columns) }
            }
        }
    }

    /// A reduction by an associative operation starting from `identity`, in plain loops the
    /// compiler specialises per type (rows of the strided case run contiguously).
    @inline(__always)
    func extremum<S: TensorScalar>(_ x: Tensor<S>, identity: S, _ combine: (S, S) -> S) throws(ONNXError) -> Tensor<S> {
        let n = layout.n, inner = layout.inner
        return try reduce(x) { src, out, o, columns in
            if inner == 1 {
                let run = src + o * n
                var result = identity
                for i in 0..<n { result = combine(result, run[i]) }
                out[o] = result
                return
            }
            let target = out + o * inner
            for c in columns { target[c] = identity }
            for j in 0..<n {
                let row = src + (o * n + j) * inner
                for c in columns { target[c] = combine(target[c], row[c]) }
            }
        }
    }
}

/// Floating-point sums: blocks accumulated in the element type (SIMD), block totals in `Double`.
enum FloatSum {
    /// Rows per block in the strided case, elements per block in the contiguous case.
    static let block = 256

    @inline(__always)
    static func reduce<S: TensorFloatingPoint>(
        _ src: UnsafePointer<S>, _ out: UnsafeMutablePointer<S>, _ o: Int, _ columns: Range<Int>, _ layout: ReductionLayout, divisor: Double
    ) {
        let n = layout.n, inner = layout.inner
        if inner == 1 {
            let run = src + o * n
            var total: Double = 0, i = 0
            while i < n {
                let end = min(n, i + block * 16)
                var acc = SIMD16<S>()
                while i + 16 <= end {
                    acc += UnsafeRawPointer(run + i).loadUnaligned(as: SIMD16<S>.self)
                    i += 16
                }
                var partial = acc.sum()
                while i < end { partial += run[i]; i += 1 }
                total += Double(partial)
            }
            out[o] = S(total / divisor)
            return
        }
        let width = columns.count
        var totals = [Double](repeating: 0, count: width)
        var partial = [S](repeating: 0, count: width)
        partial.withUnsafeMutableBufferPointer { acc in
            totals.withUnsafeMutableBufferPointer { total in
                guard let pa = acc.baseAddress, let pt = total.baseAddress else { return }
                for j in 0..<n {
                    let row = src + (o * n + j) * inner + columns.lowerBound
                    var c = 0
                    while c + 16 <= width {
                        let v = UnsafeRawPointer(pa + c).loadUnaligned(as: SIMD16<S>.self)
                            + UnsafeRawPointer(row + c).loadUnaligned(as: SIMD16<S>.self)
                        UnsafeMutableRawPointer(pa + c).storeBytes(of: v, as: SIMD16<S>.self)
                        c += 16
                    }
                    while c < width { pa[c] += row[c]; c += 1 }
                    if j % block == block - 1 || j == n - 1 {
                        for k in 0..<width { pt[k] += Double(pa[k]); pa[k] = 0 }
                    }
                }
                let target = out + o * inner + columns.lowerBound
                for k in 0..<width { target[k] = S(pt[k] / divisor) }
            }
        }
    }
}
