import BioImageTensor

/// `Transpose` by `perm` (reversed axes when absent), with BioImageTensor's tiled permutation.
struct TransposeKernel: OperatorKernel {
    let node: OperatorNode
    let permutation: [Int]?

    static let factory: KernelFactory = { node throws(ONNXError) in
        try node.checkAttributes(["perm"])
        return TransposeKernel(node: node, permutation: try node.ints("perm"))
    }

    func run(_ inputs: [AnyTensor?], context: KernelContext) throws(ONNXError) -> [AnyTensor] {
        let data = try node.inputTensor(inputs, 0, "data")
        let rank = data.shape.count
        let permutation = self.permutation ?? Array((0..<rank).reversed())
        guard permutation.count == rank, Set(permutation) == Set(0..<rank) else {
            throw node.error(.invalidAttribute, "perm \(permutation) is not a permutation of the \(rank) axes")
        }
        do { return [try data.transposed(permutation)] } catch { throw error.onnxError(for: node) }
    }
}

/// `Expand`: broadcasts the input to the broadcast of its shape and the requested shape.
struct ExpandKernel: OperatorKernel {
    let node: OperatorNode

    static let factory: KernelFactory = { node throws(ONNXError) in
        try node.checkAttributes([])
        return ExpandKernel(node: node)
    }

    func run(_ inputs: [AnyTensor?], context: KernelContext) throws(ONNXError) -> [AnyTensor] {
        let input = try node.inputTensor(inputs, 0, "input")
        let requested = try node.integerValues(try node.inputTensor(inputs, 1, "shape"), "shape")
        let plan = try BroadcastPlan(input.shape, requested, node: node)
        if plan.outShape == input.shape { return [input] }
        return [try input.visitScalars(ExpandVisitor(node: node, shape: plan.outShape))]
    }
}

private struct ExpandVisitor: TensorScalarVisitor {
    let node: OperatorNode
    let shape: [Int]

    func visit<S: TensorScalar>(_ tensor: Tensor<S>) throws(ONNXError) -> AnyTensor {
        _ = try TensorOps.count(shape, node: node)
        do { return AnyTensor(try tensor.broadcasted(to: shape)) } catch { throw error.onnxError(for: node) }
    }
}

/// `Tile`: repeats the input `repeats[i]` times along each axis.
struct TileKernel: OperatorKernel {
    let node: OperatorNode

    static let factory: KernelFactory = { node throws(ONNXError) in
        try node.checkAttributes([])
        return TileKernel(node: node)
    }

    func run(_ inputs: [AnyTensor?], context: KernelContext) throws(ONNXError) -> [AnyTensor] {
        let input = try node.inputTensor(inputs, 0, "input")
        let repeats = try node.integerValues(try node.inputTensor(inputs, 1, "repeats"), "repeats")
        let shape = input.shape
        guard repeats.count == shape.count, repeats.allSatisfy({ $0 >= 0 }) else {
            throw node.error(.invalidInput, "repeats \(repeats) must hold \(shape.count) non-negative values")
        }
        if repeats.allSatisfy({ $0 == 1 }) { return [input] }
        return [try input.visitScalars(TileVisitor(node: node, repeats: repeats))]
    }
}

private struct TileVisitor: TensorScalarVisitor {
    let node: OperatorNode
    let repeats: [Int]

    func visit<S: TensorScalar>(_ tensor: Tensor<S>) throws(ONNXError) -> AnyTensor {
        let shape = tensor.shape, rank = shape.count
        var outShape: [Int] = []
        for (extent, times) in zip(shape, repeats) {
            let (product, overflow) = extent.multipliedReportingOverflow(by: times)
            guard !overflow else { throw node.error(.limitExceeded, "tiling \(shape) by \(repeats) overflows") }
            outShape.append(product)
        }
        let count = try TensorOps.count(outShape, node: node)
        let strides = tensor.strides
        return AnyTensor(try TensorOps.make(S.self, shape: outShape, count: count, node: node) { out in
            guard count > 0, let po = out.baseAddress else { return }
            tensor.withUnsafeBufferPointer { src in
                guard let ps = src.baseAddress else { return }
                let length = shape[rank - 1], outLength = outShape[rank - 1]
                var index = [Int](repeating: 0, count: rank)
                for row in 0..<(count / outLength) {
                    var offset = 0
                    for axis in 0..<(rank - 1) { offset += (index[axis] % shape[axis]) * strides[axis] }
                    let line = po + row * outLength
                    for r in 0..<repeats[rank - 1] { (line + r * length).update(from: ps + offset, count: length) }
                    var axis = rank - 2
                    while axis >= 0 {
                        index[axis] += 1
                        if index[axis] < outShape[axis] { break }
                        index[axis] = 0
                        axis -= 1
                    }
                }
            }
        })
    }
}

/// `Gather` along `axis` with int32/int64 indices of any shape (negative indices count from the end).
struct GatherKernel: OperatorKernel {
    let node: OperatorNode
    let axis: Int

    static let factory: KernelFactory = { node throws(ONNXError) in
        try node.checkAttributes(["axis"])
        return GatherKernel(node: node, axis: try node.int("axis", default: 0))
    }

    func run(_ inputs: [AnyTensor?], context: KernelContext) throws(ONNXError) -> [AnyTensor] {
        let data = try node.inputTensor(inputs, 0, "data")
        let indicesTensor = try node.inputTensor(inputs, 1, "indices")
        let shape = data.shape
        let a = try node.resolvedAxis(axis, rank: shape.count)
        let extent = shape[a]
        var indices = try node.integerValues(indicesTensor, "indices")
        for (i, index) in indices.enumerated() {
            let resolved = index < 0 ? index + extent : index
            guard resolved >= 0, resolved < extent else {
                throw node.error(.invalidInput, "index \(index) is out of range for axis \(a) of extent \(extent)")
            }
            indices[i] = resolved
        }
        let outShape = Array(shape[..<a]) + indicesTensor.shape + Array(shape[(a + 1)...])
        return [try data.visitScalars(GatherVisitor(node: node, axis: a, indices: indices, outShape: outShape))]
    }
}

private struct GatherVisitor: TensorScalarVisitor {
    let node: OperatorNode
    let axis: Int
    let indices: [Int]
    let outShape: [Int]

    func visit<S: TensorScalar>(_ tensor: Tensor<S>) throws(ONNXError) -> AnyTensor {
        let shape = tensor.shape
        let outer = shape[..<axis].reduce(1, *), inner = shape[(axis + 1)...].reduce(1, *)
        let extent = shape[axis]
        let count = try TensorOps.count(outShape, node: node)
        let indices = self.indices
        return AnyTensor(try TensorOps.make(S.self, shape: outShape, count: count, node: node) { out in
            guard count > 0, let po = out.baseAddress else { return }
            tensor.withUnsafeBufferPointer { src in
                guard let ps = src.baseAddress else { return }
                var target = po
                for o in 0..<outer {
                    let base = ps + o * extent * inner
                    for index in indices {
                        target.update(from: base + index * inner, count: inner)
                        target += inner
                    }
                }
            }
        })
    }
}
