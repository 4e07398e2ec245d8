import BioImageTensor

/// `ArgMax` and `ArgMin` along one axis: int64 indices, `keepdims`, and `select_last_index`
/// (opset ≥ 12) choosing the last of equal extremes. NaN counts as the extreme (numpy `argmax`).
struct ArgExtremumKernel: OperatorKernel {
    let node: OperatorNode
    let isMax: Bool
    let axis: Int
    let keepDimensions: Bool
    let selectLast: Bool

    static func factory(max isMax: Bool) -> KernelFactory {
        { node throws(ONNXError) in
            try node.checkAttributes(node.opset >= 12 ? ["axis", "keepdims", "select_last_index"] : ["axis", "keepdims"])
            return ArgExtremumKernel(node: node, isMax: isMax, axis: try node.int("axis", default: 0),
                                     keepDimensions: try node.int("keepdims", default: 1) != 0,
                                     selectLast: try node.int("select_last_index", default: 0) != 0)
        }
    }

    func run(_ inputs: [AnyTensor?], context: KernelContext) throws(ONNXError) -> [AnyTensor] {
        let data = try node.inputTensor(inputs, 0, "data")
        let shape = data.shape
        let a = try node.resolvedAxis(axis, rank: shape.count)
        guard shape[a] > 0 else { throw node.error(.shapeMismatch, "cannot take the arg-extremum of the empty axis \(a)") }
        var outShape = shape
        if keepDimensions { outShape[a] = 1 } else { outShape.remove(at: a) }
        let visitor = ArgVisitor(node: node, isMax: isMax, selectLast: selectLast, outer: shape[..<a].reduce(1, *),
                                 n: shape[a], inner: shape[(a + 1)...].reduce(1, *), outShape: outShape)
        return [try data.visitKind(visitor)]
    }
}

private struct ArgVisitor: TensorKindVisitor {
    let node: OperatorNode
    let isMax: Bool
    let selectLast: Bool
    let outer: Int
    let n: Int
    let inner: Int
    let outShape: [Int]

    func floating<S: TensorFloatingPoint>(_ x: Tensor<S>) throws(ONNXError) -> AnyTensor { try arg(x) }
    func integer<S: TensorInteger>(_ x: Tensor<S>) throws(ONNXError) -> AnyTensor { try arg(x) }
    func boolean(_ x: Tensor<Bool>) throws(ONNXError) -> AnyTensor { try arg(x.converted(to: UInt8.self)) }

    private func arg<S: TensorNumeric>(_ x: Tensor<S>) throws(ONNXError) -> AnyTensor {
        let count = outer * inner
        let isMax = self.isMax, selectLast = self.selectLast, n = self.n, inner = self.inner
        return AnyTensor(try TensorOps.make(Int64.self, shape: outShape, count: count, node: node) { out in
            guard count > 0, let po = out.baseAddress else { return }
            x.withUnsafeBufferPointer { src in
                guard let ps = src.baseAddress else { return }
                // Row by row, so every pass reads contiguous memory: best[c] is the extreme so far of
                // column c and po[c] its index.
                var best = [S](repeating: ps[0], count: inner)
                best.withUnsafeMutableBufferPointer { bestBuffer in
                    guard let pb = bestBuffer.baseAddress else { return }
                    for o in 0..<outer {
                        let base = ps + o * n * inner, indices = po + o * inner
                        pb.update(from: base, count: inner)
                        indices.update(repeating: 0, count: inner)
                        for j in 1..<max(n, 1) {
                            let row = base + j * inner
                            let index = Int64(j)
                            for c in 0..<inner {
                                let v = row[c], current = pb[c]
                                // NaN (v != v) beats everything but an earlier NaN; ties go to the
                                // last index only with `select_last_index`.
                                let currentIsNaN = current != current, isNaN = v != v
                                let better: Bool
                                if currentIsNaN {
                                    better = selectLast && isNaN
                                } else if isNaN {
                                    better = true
                                } else if v == current {
                                    better = selectLast
                                } else {
                                    better = isMax ? v > current : v < current
                                }
                                if better {
                                    pb[c] = v
                                    indices[c] = index
                                }
                            }
                        }
                    }
                }
            }
        })
    }
}
