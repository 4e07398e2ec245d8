/// The shapes of one `Conv` call, normalised to three spatial axes (missing leading axes have
/// extent 1, kernel 1, stride 1, no padding).
struct ConvGeometry: Sendable {
    var batch: Int
    var inChannels: Int
    var outChannels: Int
    var group: Int
    /// Input channels per group.
    var groupChannels: Int
    var inSpatial: [Int]
    var kernel: [Int]
    var dilations: [Int]
    var strides: [Int]
    /// `[begin0, begin1, begin2, end0, end1, end2]`.
    var pads: [Int]
    var outSpatial: [Int]
    /// The output shape with the original number of spatial axes.
    var outputShape: [Int]

    /// Input extents after padding.
    var paddedSpatial: [Int] { (0..<3).map { inSpatial[$0] + pads[$0] + pads[$0 + 3] } }

    /// Taps per input channel.
    var kernelSize: Int { kernel[0] * kernel[1] * kernel[2] }

    /// Checks `X`, `W` and `B` shapes and resolves padding and output extents.
    init(x: [Int], w: [Int], bias: [Int]?, attributes: ConvAttributes, node: OperatorNode) throws(ONNXError) {
        let spatial = x.count - 2
        guard spatial >= 1, w.count == x.count else {
            throw node.error(.shapeMismatch, "X \(x) and W \(w) must have the same rank of at least 3")
        }
        guard spatial <= 3 else {
            throw node.error(.shapeMismatch, "Conv supports 1 to 3 spatial axes; X has shape \(x)")
        }
        let group = attributes.group
        guard w[0] % group == 0, x[1] == w[1] * group else {
            throw node.error(.shapeMismatch, "X \(x) has \(x[1]) channels; W \(w) with group \(group) expects \(w[1] * group) and a multiple of \(group) filters")
        }
        if let bias, bias != [w[0]] {
            throw node.error(.shapeMismatch, "B has shape \(bias); expected [\(w[0])]")
        }
        let resolved = try attributes.resolved(spatial: spatial, weightKernel: Array(w[2...]), node: node)
        let inSpatial = Array(x[2...])
        var begin = [Int](repeating: 0, count: spatial), end = begin, out = begin
        for i in 0..<spatial {
            let extent = (resolved.kernel[i] - 1) * resolved.dilations[i] + 1
            let stride = resolved.strides[i]
            switch attributes.autoPad {
            case .notSet:
                begin[i] = resolved.pads[i]
                end[i] = resolved.pads[i + spatial]
            case .valid:
                break
            case .sameUpper, .sameLower:
                let target = (inSpatial[i] + stride - 1) / stride
                let needed = max(0, (target - 1) * stride + extent - inSpatial[i])
                begin[i] = attributes.autoPad == .sameUpper ? needed / 2 : (needed + 1) / 2
                end[i] = needed - begin[i]
            }
            let span = inSpatial[i] + begin[i] + end[i] - extent
            guard span >= 0 || inSpatial[i] == 0 else {
                throw node.error(.shapeMismatch, "the dilated kernel (\(extent)) is larger than the padded input on spatial axis \(i) of X \(x)")
            }
            out[i] = span >= 0 ? span / stride + 1 : 0
        }
        // The padded copy holds batch·channels·Π(padded extents) floats: refuse sizes no machine has.
        var paddedCount = x[0] * x[1]
        for i in 0..<spatial {
            let (product, overflow) = paddedCount.multipliedReportingOverflow(by: inSpatial[i] + begin[i] + end[i])
            guard !overflow, product <= 1 << 36 else {
                throw node.error(.limitExceeded, "the padded input of X \(x) with pads \(begin + end) is too large")
            }
            paddedCount = product
        }
        let lead = 3 - spatial
        func widen(_ values: [Int], _ fill: Int) -> [Int] { [Int](repeating: fill, count: lead) + values }
        batch = x[0]
        inChannels = x[1]
        outChannels = w[0]
        self.group = group
        groupChannels = w[1]
        self.inSpatial = widen(inSpatial, 1)
        kernel = widen(resolved.kernel, 1)
        dilations = widen(resolved.dilations, 1)
        strides = widen(resolved.strides, 1)
        pads = widen(begin, 0) + widen(end, 0)
        outSpatial = widen(out, 1)
        outputShape = [x[0], w[0]] + out
    }
}
