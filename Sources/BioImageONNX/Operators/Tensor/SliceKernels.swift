import BioImageTensor

/// `Concat` along one axis (negative axes since opset 11).
struct ConcatKernel: OperatorKernel {
    let node: OperatorNode
    let axis: Int

    static let factory: KernelFactory = { node throws(ONNXError) in
        try node.checkAttributes(["axis"])
        return ConcatKernel(node: node, axis: try node.int("axis"))
    }

    func run(_ inputs: [AnyTensor?], context: KernelContext) throws(ONNXError) -> [AnyTensor] {
        let values = inputs.compactMap { $0 }
        guard let first = values.first else { throw node.error(.invalidInput, "needs at least one input") }
        let resolved = try node.resolvedAxis(axis, rank: first.shape.count)
        for (index, value) in values.enumerated() where value.dtype != first.dtype {
            throw node.error(.unsupportedDType, "input \(index) is \(value.dtype), input 0 is \(first.dtype)")
        }
        if values.count == 1 { return [first] }
        do { return [try AnyTensor.concatenated(values, alongAxis: resolved)] } catch { throw error.onnxError(for: node) }
    }
}

/// `Split` into several outputs along `axis`: sizes from the `split` attribute (opset < 13), the
/// `split` input (≥ 13), `num_outputs` (≥ 18, the last part smaller when uneven) or equal parts.
struct SplitKernel: OperatorKernel {
    let node: OperatorNode
    let axis: Int
    let attributeSplit: [Int]?
    let numOutputs: Int?

    static let factory: KernelFactory = { node throws(ONNXError) in
        var known: Set<String> = ["axis"]
        if node.opset < 13 { known.insert("split") }
        if node.opset >= 18 { known.insert("num_outputs") }
        try node.checkAttributes(known)
        let numOutputs: Int? = node.attributes["num_outputs"] == nil ? nil : try node.int("num_outputs")
        if let numOutputs, numOutputs < 1 || numOutputs != node.outputs.count {
            throw node.error(.invalidAttribute, "num_outputs \(numOutputs) must equal the number of outputs (\(node.outputs.count))")
        }
        return SplitKernel(node: node, axis: try node.int("axis", default: 0), attributeSplit: try node.ints("split"), numOutputs: numOutputs)
    }

    func run(_ inputs: [AnyTensor?], context: KernelContext) throws(ONNXError) -> [AnyTensor] {
        let input = try node.inputTensor(inputs, 0, "input")
        let shape = input.shape
        let a = try node.resolvedAxis(axis, rank: shape.count)
        let extent = shape[a]
        let parts = node.outputs.count
        var sizes: [Int]
        if let attributeSplit {
            sizes = attributeSplit
        } else if node.opset >= 13, let tensor = node.optionalInputTensor(inputs, 1) {
            sizes = try node.integerValues(tensor, "split")
        } else if numOutputs != nil {
            let chunk = (extent + parts - 1) / max(parts, 1)
            sizes = (0..<parts).map { max(0, min(chunk, extent - $0 * chunk)) }
        } else {
            guard parts > 0, extent % parts == 0 else {
                throw node.error(.shapeMismatch, "axis \(a) of extent \(extent) cannot be split into \(parts) equal parts")
            }
            sizes = [Int](repeating: extent / parts, count: parts)
        }
        var total = 0
        for size in sizes where size >= 0 && total <= extent { total += min(size, extent + 1) }
        guard sizes.count == parts, sizes.allSatisfy({ $0 >= 0 }), total == extent else {
            throw node.error(.shapeMismatch, "split sizes \(sizes) do not cover axis \(a) of extent \(extent) with \(parts) outputs")
        }
        var ranges = shape.map { 0..<$0 }
        var start = 0
        var outputs: [AnyTensor] = []
        for size in sizes {
            ranges[a] = start..<(start + size)
            do { outputs.append(try input.slice(ranges)) } catch { throw error.onnxError(for: node) }
            start += size
        }
        return outputs
    }
}

/// `Slice`: starts/ends/axes as attributes before opset 10, then inputs with optional axes and
/// steps. Starts and ends are clamped to the axis; negative steps walk backwards.
struct SliceKernel: OperatorKernel {
    let node: OperatorNode
    let attributeStarts: [Int]?
    let attributeEnds: [Int]?
    let attributeAxes: [Int]?

    static let factory: KernelFactory = { node throws(ONNXError) in
        if node.opset < 10 {
            try node.checkAttributes(["starts", "ends", "axes"])
            guard let starts = try node.ints("starts"), let ends = try node.ints("ends") else {
                throw node.error(.invalidAttribute, "missing attribute 'starts' or 'ends'")
            }
            return SliceKernel(node: node, attributeStarts: starts, attributeEnds: ends, attributeAxes: try node.ints("axes"))
        }
        try node.checkAttributes([])
        return SliceKernel(node: node, attributeStarts: nil, attributeEnds: nil, attributeAxes: nil)
    }

    func run(_ inputs: [AnyTensor?], context: KernelContext) throws(ONNXError) -> [AnyTensor] {
        let data = try node.inputTensor(inputs, 0, "data")
        let starts: [Int], ends: [Int]
        var axes: [Int]?, steps: [Int]?
        if let attributeStarts, let attributeEnds {
            starts = attributeStarts
            ends = attributeEnds
            axes = attributeAxes
        } else {
            starts = try node.integerValues(try node.inputTensor(inputs, 1, "starts"), "starts")
            ends = try node.integerValues(try node.inputTensor(inputs, 2, "ends"), "ends")
            axes = try node.optionalInputTensor(inputs, 3).map { (t) throws(ONNXError) in try node.integerValues(t, "axes") }
            steps = try node.optionalInputTensor(inputs, 4).map { (t) throws(ONNXError) in try node.integerValues(t, "steps") }
        }
        let shape = data.shape
        let resolvedAxes = try node.resolvedAxes(axes ?? Array(0..<starts.count), rank: shape.count)
        let stepList = steps ?? [Int](repeating: 1, count: starts.count)
        guard ends.count == starts.count, resolvedAxes.count == starts.count, stepList.count == starts.count else {
            throw node.error(.invalidInput, "starts, ends, axes and steps must have the same length "
                             + "(\(starts.count), \(ends.count), \(resolvedAxes.count), \(stepList.count))")
        }
        var first = [Int](repeating: 0, count: shape.count)
        var step = [Int](repeating: 1, count: shape.count)
        var outShape = shape
        for (i, axis) in resolvedAxes.enumerated() {
            let extent = shape[axis], s = stepList[i]
            guard s != 0 else { throw node.error(.invalidInput, "steps must not be 0 (axis \(axis))") }
            var start = starts[i], end = ends[i]
            if start < 0 { start = start &+ extent }
            if end < 0 { end = end &+ extent }
            // ceil(span / |step|) written as (span − 1) / |step| + 1, which cannot overflow.
            if s > 0 {
                start = min(max(start, 0), extent)
                end = min(max(end, 0), extent)
                outShape[axis] = end > start ? (end - start - 1) / s + 1 : 0
            } else {
                start = min(max(start, 0), extent - 1)
                end = min(max(end, -1), extent - 1)
                let magnitude = s == Int.min ? Int.max : -s
                outShape[axis] = start > end ? (start - end - 1) / magnitude + 1 : 0
            }
            first[axis] = start
            step[axis] = s
        }
        if step.allSatisfy({ $0 == 1 }) {
            let ranges = (0..<shape.count).map { first[$0]..<(first[$0] + outShape[$0]) }
            do { return [try data.slice(ranges)] } catch { throw error.onnxError(for: node) }
        }
        return [try data.visitScalars(StridedSliceVisitor(node: node, first: first, step: step, outShape: outShape))]
    }
}

/// Copies a strided box: output element `i` along each axis is input element `first + i·step`.
private struct StridedSliceVisitor: TensorScalarVisitor {
    let node: OperatorNode
    let first: [Int]
    let step: [Int]
    let outShape: [Int]

    func visit<S: TensorScalar>(_ data: Tensor<S>) throws(ONNXError) -> AnyTensor {
        let count = try TensorOps.count(outShape, node: node)
        let rank = outShape.count
        let strides = data.strides
        return AnyTensor(try TensorOps.make(S.self, shape: outShape, count: count, node: node) { out in
            guard count > 0, let po = out.baseAddress else { return }
            data.withUnsafeBufferPointer { src in
                guard let ps = src.baseAddress else { return }
                let length = outShape[rank - 1], innerStride = step[rank - 1] * strides[rank - 1]
                var index = [Int](repeating: 0, count: rank)
                for row in 0..<(count / length) {
                    var offset = first[rank - 1] * strides[rank - 1]
                    for axis in 0..<(rank - 1) { offset += (first[axis] + index[axis] * step[axis]) * strides[axis] }
                    let line = po + row * length
                    for i in 0..<length { line[i] = ps[offset + i * innerStride] }
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
