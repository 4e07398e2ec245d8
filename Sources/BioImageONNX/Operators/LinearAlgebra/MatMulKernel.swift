import BioImageTensor

/// `MatMul` (opset 1–13): numpy `matmul` with broadcast batch axes and 1-D promotion.
///
/// float32 and float16 run on the tiled GEMM (float16 through float32); float64 and the integer
/// types (wrapping, like onnxruntime) use a plain loop.
struct MatMulKernel: OperatorKernel {
    let node: OperatorNode

    init(_ node: OperatorNode) throws(ONNXError) {
        try node.checkAttributes([])
        self.node = node
    }

    func run(_ inputs: [AnyTensor?], context: KernelContext) throws(ONNXError) -> [AnyTensor] {
        guard inputs.count == 2, let a = inputs[0], let b = inputs[1] else {
            throw node.error(.invalidInput, "MatMul needs inputs A and B")
        }
        guard a.dtype == b.dtype else {
            throw node.error(.unsupportedDType, "A is \(a.dtype) but B is \(b.dtype)")
        }
        let plan = try MatMulPlan(a: a.shape, b: b.shape, node: node)
        switch a.dtype {
        case .float32, .float16:
            let af = a.converted(to: Float.self), bf = b.converted(to: Float.self)
            let scalars = [Float](unsafeUninitializedCapacity: plan.outputCount) { c, initialized in
                af.withUnsafeBufferPointer { ab in
                    bf.withUnsafeBufferPointer { bb in
                        guard let ap = ab.baseAddress, let bp = bb.baseAddress, let cp = c.baseAddress else { return }
                        MatrixProduct.multiply(a: ap, aRowStride: plan.k, aColumnStride: 1, b: bp, bCount: bb.count, c: cp,
                                               m: plan.m, k: plan.k, n: plan.n, batches: plan.batches, mode: .store(.identity),
                                               threads: context.threads)
                    }
                }
                if plan.k == 0 || plan.m == 0 || plan.n == 0 { c.initialize(repeating: 0) }
                initialized = plan.outputCount
            }
            return [try FloatOperand.result(shape: plan.outputShape, scalars: scalars, dtype: a.dtype, node: node)]
        case .float64: return [try naive(a, b, plan, Double.self, +, *)]
        case .int32: return [try naive(a, b, plan, Int32.self, &+, &*)]
        case .int64: return [try naive(a, b, plan, Int64.self, &+, &*)]
        case .uint32: return [try naive(a, b, plan, UInt32.self, &+, &*)]
        case .uint64: return [try naive(a, b, plan, UInt64.self, &+, &*)]
        default: throw node.error(.unsupportedDType, "MatMul does not support \(a.dtype)")
        }
    }

    private func naive<T: TensorScalar & Numeric>(_ a: AnyTensor, _ b: AnyTensor, _ plan: MatMulPlan, _ type: T.Type,
                                                  _ add: (T, T) -> T, _ multiply: (T, T) -> T) throws(ONNXError) -> AnyTensor {
        do {
            var c = [T](repeating: .zero, count: plan.outputCount)
            MatrixProduct.naive(a: try a.tensor(of: T.self).scalars, aRowStride: plan.k, aColumnStride: 1,
                                b: try b.tensor(of: T.self).scalars, c: &c, m: plan.m, k: plan.k, n: plan.n,
                                batches: plan.batches, add: add, multiply: multiply)
            return AnyTensor(try Tensor(shape: plan.outputShape, scalars: c))
        } catch {
            throw node.error(.shapeMismatch, "MatMul: \(error)")
        }
    }
}

/// The batch structure of a numpy `matmul`: promoted operand shapes, broadcast batch axes and
/// the element offsets of every batch's operands.
struct MatMulPlan {
    var m: Int
    var k: Int
    var n: Int
    var outputShape: [Int]
    var batches: [MatrixProduct.Batch]
    var outputCount: Int { outputShape.reduce(1, *) }

    init(a aShape: [Int], b bShape: [Int], node: OperatorNode) throws(ONNXError) {
        guard !aShape.isEmpty, !bShape.isEmpty else {
            throw node.error(.shapeMismatch, "MatMul inputs must have rank ≥ 1, got \(aShape) and \(bShape)")
        }
        let a = aShape.count == 1 ? [1] + aShape : aShape
        let b = bShape.count == 1 ? bShape + [1] : bShape
        m = a[a.count - 2]
        k = a[a.count - 1]
        n = b[b.count - 1]
        guard b[b.count - 2] == k else {
            throw node.error(.shapeMismatch, "MatMul: A \(aShape) and B \(bShape) disagree on the inner dimension")
        }
        let aBatch = Array(a.dropLast(2)), bBatch = Array(b.dropLast(2))
        let rank = max(aBatch.count, bBatch.count)
        let aPadded = [Int](repeating: 1, count: rank - aBatch.count) + aBatch
        let bPadded = [Int](repeating: 1, count: rank - bBatch.count) + bBatch
        var batchShape: [Int] = []
        for i in 0..<rank {
            let x = aPadded[i], y = bPadded[i]
            guard x == y || x == 1 || y == 1 else {
                throw node.error(.shapeMismatch, "MatMul: batch axes of A \(aShape) and B \(bShape) do not broadcast")
            }
            batchShape.append(x == 1 ? y : x)
        }
        var shape = batchShape
        if aShape.count > 1 { shape.append(m) }
        if bShape.count > 1 { shape.append(n) }
        outputShape = shape
        // Row-major strides of the batch axes (0 where an operand is broadcast).
        let total = batchShape.reduce(1, *)
        var aStrides = [Int](repeating: 0, count: rank), bStrides = aStrides
        var aStride = m * k, bStride = k * n
        for i in stride(from: rank - 1, through: 0, by: -1) {
            aStrides[i] = aPadded[i] == 1 ? 0 : aStride
            bStrides[i] = bPadded[i] == 1 ? 0 : bStride
            aStride *= aPadded[i]
            bStride *= bPadded[i]
        }
        var batches: [MatrixProduct.Batch] = []
        batches.reserveCapacity(total)
        var index = [Int](repeating: 0, count: rank)
        for batch in 0..<total {
            var aOffset = 0, bOffset = 0
            for i in 0..<rank {
                aOffset += index[i] * aStrides[i]
                bOffset += index[i] * bStrides[i]
            }
            batches.append(.init(a: aOffset, b: bOffset, c: batch * m * n))
            var axis = rank - 1
            while axis >= 0 {
                index[axis] += 1
                if index[axis] < batchShape[axis] { break }
                index[axis] = 0
                axis -= 1
            }
        }
        self.batches = batches
    }
}
