import BioImageTensor

/// `ConvTranspose` (opset 1–22): the gradient of `Conv` — 1-D to 3-D, groups, dilations, strides,
/// `pads`, `output_padding`, `output_shape` and `auto_pad`, optional bias.
///
/// Each (batch, group) is one tiled GEMM `columns = Wᵀ × X` (rows: output channel × kernel tap,
/// columns: input positions) followed by a col2im scatter-add into the output. float16 and float64
/// run through float32.
struct ConvTransposeKernel: OperatorKernel {
    let node: OperatorNode
    let attributes: ConvAttributes
    let outputPadding: [Int]?
    let outputShape: [Int]?

    init(_ node: OperatorNode) throws(ONNXError) {
        try node.checkAttributes(["auto_pad", "dilations", "group", "kernel_shape", "output_padding", "output_shape",
                                  "pads", "strides"])
        self.node = node
        attributes = try ConvAttributes(node)
        outputPadding = try node.ints("output_padding")
        outputShape = try node.ints("output_shape")
        if let outputPadding, outputPadding.contains(where: { $0 < 0 || $0 > ConvAttributes.axisLimit }) {
            throw node.error(.invalidAttribute, "output_padding must be non-negative and at most \(ConvAttributes.axisLimit), got \(outputPadding)")
        }
        if let outputShape, outputShape.contains(where: { $0 < 0 || $0 > ConvAttributes.axisLimit }) {
            throw node.error(.invalidAttribute, "output_shape must be non-negative and at most \(ConvAttributes.axisLimit), got \(outputShape)")
        }
    }

    func run(_ inputs: [AnyTensor?], context: KernelContext) throws(ONNXError) -> [AnyTensor] {
        guard inputs.count >= 2, let xAny = inputs[0], let wAny = inputs[1] else {
            throw node.error(.invalidInput, "ConvTranspose needs inputs X and W")
        }
        let x = try FloatOperand.float32(xAny, name: "X", node: node)
        let w = try FloatOperand.float32(wAny, name: "W", node: node)
        let bias = try inputs.count > 2 ? inputs[2].map { (t: AnyTensor) throws(ONNXError) in try FloatOperand.float32(t, name: "B", node: node) } : nil
        let g = try geometry(x: x.shape, w: w.shape, bias: bias?.shape)
        let out = compute(x: x, w: w, bias: bias, g: g, threads: context.threads)
        return [try FloatOperand.result(shape: [g.batch, g.outChannels] + g.outSpatial, scalars: out, dtype: xAny.dtype, node: node)]
    }

    /// The resolved shapes of one call.
    struct Geometry {
        var batch: Int, inChannels: Int, outChannels: Int, group: Int
        var inSpatial: [Int], kernel: [Int], dilations: [Int], strides: [Int]
        var padsBegin: [Int], outSpatial: [Int]
    }

    private func geometry(x: [Int], w: [Int], bias: [Int]?) throws(ONNXError) -> Geometry {
        let spatial = x.count - 2
        guard spatial >= 1, w.count == x.count else {
            throw node.error(.shapeMismatch, "X \(x) and W \(w) must have the same rank of at least 3")
        }
        let group = attributes.group
        guard x[1] == w[0], w[0] % group == 0 else {
            throw node.error(.shapeMismatch, "X \(x) has \(x[1]) channels but W \(w) expects \(w[0]) (a multiple of group \(group))")
        }
        let outChannels = w[1] * group
        if let bias, bias != [outChannels] {
            throw node.error(.shapeMismatch, "B has shape \(bias); expected [\(outChannels)]")
        }
        let resolved = try attributes.resolved(spatial: spatial, weightKernel: Array(w[2...]), node: node)
        let inSpatial = Array(x[2...])
        let outputPadding = self.outputPadding.map { $0.count == 2 * spatial ? Array($0.prefix(spatial)) : $0 }
            ?? [Int](repeating: 0, count: spatial)
        guard outputPadding.count == spatial else {
            throw node.error(.invalidAttribute, "output_padding \(outputPadding) must have \(spatial) values")
        }
        var requested = outputShape
        if let shape = requested, shape.count == spatial + 2 { requested = Array(shape[2...]) }
        if let requested, requested.count != spatial {
            throw node.error(.invalidAttribute, "output_shape \(requested) must have \(spatial) values")
        }
        var begin = [Int](repeating: 0, count: spatial), out = begin
        let same = attributes.autoPad == .sameUpper || attributes.autoPad == .sameLower
        for i in 0..<spatial {
            let full = resolved.strides[i] * (inSpatial[i] - 1) + outputPadding[i] + (resolved.kernel[i] - 1) * resolved.dilations[i] + 1
            if attributes.pads == nil && same {
                // As onnx.reference: SAME_* splits the padding that yields output_shape (default input·stride).
                let target = requested?[i] ?? inSpatial[i] * resolved.strides[i]
                let total = full - target
                let half = total >= 0 ? total / 2 : -((-total + 1) / 2)  // floor division, as the reference
                begin[i] = attributes.autoPad == .sameUpper ? half : total - half
                out[i] = target
            } else {
                begin[i] = attributes.autoPad == .valid ? 0 : resolved.pads[i]
                let end = attributes.autoPad == .valid ? 0 : resolved.pads[i + spatial]
                out[i] = requested?[i] ?? full - begin[i] - end
            }
            guard out[i] >= 0 else {
                throw node.error(.shapeMismatch, "the output extent on spatial axis \(i) would be negative")
            }
        }
        // Refuse outputs and intermediate column buffers no machine can hold (hostile attributes).
        let taps = resolved.kernel.reduce(1, *)
        var outputCount = x[0] * outChannels, columnCount = x[0] * outChannels * taps
        for i in 0..<spatial {
            let (o, overflowO) = outputCount.multipliedReportingOverflow(by: max(out[i], 1))
            let (c, overflowC) = columnCount.multipliedReportingOverflow(by: max(inSpatial[i], 1))
            guard !overflowO, !overflowC, o <= 1 << 36, c <= 1 << 36 else {
                throw node.error(.limitExceeded, "the output \(out) or its column buffer for X \(x) and W \(w) is too large")
            }
            outputCount = o
            columnCount = c
        }
        return Geometry(batch: x[0], inChannels: x[1], outChannels: outChannels, group: group, inSpatial: inSpatial,
                        kernel: resolved.kernel, dilations: resolved.dilations, strides: resolved.strides,
                        padsBegin: begin, outSpatial: out)
    }

    private func compute(x: Tensor<Float>, w: Tensor<Float>, bias: Tensor<Float>?, g: Geometry, threads: Int) -> [Float] {
        let groupIn = g.inChannels / g.group, groupOut = g.outChannels / g.group
        let taps = g.kernel.reduce(1, *), inCount = g.inSpatial.reduce(1, *), outCount = g.outSpatial.reduce(1, *)
        let rows = groupOut * taps
        var columns = [Float](repeating: 0, count: g.batch * g.group * rows * inCount)
        var batches: [MatrixProduct.Batch] = []
        for n in 0..<g.batch {
            for group in 0..<g.group {
                batches.append(.init(a: group * groupIn * rows, b: (n * g.inChannels + group * groupIn) * inCount,
                                     c: (n * g.group + group) * rows * inCount))
            }
        }
        columns.withUnsafeMutableBufferPointer { cb in
            x.withUnsafeBufferPointer { xb in
                w.withUnsafeBufferPointer { wb in
                    guard let cp = cb.baseAddress, let xp = xb.baseAddress, let wp = wb.baseAddress else { return }
                    MatrixProduct.multiply(a: wp, aRowStride: 1, aColumnStride: rows, b: xp, bCount: xb.count, c: cp,
                                           m: rows, k: groupIn, n: inCount, batches: batches, mode: .store(.identity),
                                           threads: threads)
                }
            }
        }
        // col2im: out[o] += columns[(co, tap), i] where o = i·stride - pad + tap·dilation on every axis.
        let spatial = g.inSpatial.count
        var result = [Float](repeating: 0, count: g.batch * g.outChannels * outCount)
        var inIndex = [Int](repeating: 0, count: spatial), tap = inIndex
        for n in 0..<g.batch {
            for channel in 0..<g.outChannels {
                let group = channel / groupOut, co = channel % groupOut
                let plane = (n * g.outChannels + channel) * outCount
                let b = bias?.scalars[channel] ?? 0
                for o in 0..<outCount { result[plane + o] = b }
                for t in 0..<taps {
                    var rest = t
                    for axis in stride(from: spatial - 1, through: 0, by: -1) {
                        tap[axis] = rest % g.kernel[axis]
                        rest /= g.kernel[axis]
                    }
                    let row = ((n * g.group + group) * rows + co * taps + t) * inCount
                    for i in 0..<inCount {
                        var rest = i
                        for axis in stride(from: spatial - 1, through: 0, by: -1) {
                            inIndex[axis] = rest % g.inSpatial[axis]
                            rest /= g.inSpatial[axis]
                        }
                        var o = 0, inside = true
                        for axis in 0..<spatial {
                            let position = inIndex[axis] * g.strides[axis] - g.padsBegin[axis] + tap[axis] * g.dilations[axis]
                            if position < 0 || position >= g.outSpatial[axis] { inside = false; break }
                            o = o * g.outSpatial[axis] + position
                        }
                        if inside { result[plane + o] += columns[row + i] }
                    }
                }
            }
        }
        return result
    }
}
