/// The window attributes of a pooling node (`kernel_shape`, `strides`, `pads`, `dilations`, `auto_pad`,
/// `ceil_mode`), checked at load time, and the output size and padding they give for an input.
struct PoolAttributes: Sendable {
    /// How padding is chosen.
    enum AutoPad: String, Sendable { case notSet = "NOTSET", sameUpper = "SAME_UPPER", sameLower = "SAME_LOWER", valid = "VALID" }

    var kernel: [Int]
    var strides: [Int]
    var dilations: [Int]
    /// Explicit pads `[x1_begin, x2_begin, …, x1_end, x2_end, …]` (used with `NOTSET`).
    var pads: [Int]
    var autoPad: AutoPad
    var ceilMode: Bool

    init(node: OperatorNode, allowsDilations: Bool, allowsCeilMode: Bool) throws(ONNXError) {
        guard let kernel = try node.ints("kernel_shape"), !kernel.isEmpty else {
            throw node.error(.invalidAttribute, "missing attribute 'kernel_shape'")
        }
        let rank = kernel.count
        guard kernel.allSatisfy({ $0 > 0 }) else { throw node.error(.invalidAttribute, "kernel_shape \(kernel) must be positive") }
        self.kernel = kernel
        strides = try node.ints("strides") ?? [Int](repeating: 1, count: rank)
        dilations = allowsDilations ? (try node.ints("dilations") ?? [Int](repeating: 1, count: rank)) : [Int](repeating: 1, count: rank)
        pads = try node.ints("pads") ?? [Int](repeating: 0, count: 2 * rank)
        let autoPadName = try node.string("auto_pad", default: "NOTSET")
        guard let autoPad = AutoPad(rawValue: autoPadName) else {
            throw node.error(.invalidAttribute, "auto_pad must be NOTSET, SAME_UPPER, SAME_LOWER or VALID, got '\(autoPadName)'")
        }
        self.autoPad = autoPad
        ceilMode = allowsCeilMode ? try node.int("ceil_mode", default: 0) != 0 : false
        guard strides.count == rank, strides.allSatisfy({ $0 > 0 }) else {
            throw node.error(.invalidAttribute, "strides \(strides) must hold \(rank) positive values")
        }
        guard dilations.count == rank, dilations.allSatisfy({ $0 > 0 }) else {
            throw node.error(.invalidAttribute, "dilations \(dilations) must hold \(rank) positive values")
        }
        guard pads.count == 2 * rank, pads.allSatisfy({ $0 >= 0 }) else {
            throw node.error(.invalidAttribute, "pads \(pads) must hold \(2 * rank) non-negative values")
        }
        // Bounded so that window arithmetic cannot overflow.
        let limit = 1 << 31
        guard (kernel + strides + dilations + pads).allSatisfy({ $0 <= limit }) else {
            throw node.error(.invalidAttribute, "kernel_shape, strides, dilations and pads must be at most \(limit)")
        }
    }

    /// The per-axis geometry for an input whose spatial extents are `input`.
    func geometry(input: [Int], site: ImageKernelSite) throws(ONNXError) -> [PoolAxis] {
        let rank = kernel.count
        guard input.count == rank else {
            throw site.error(.shapeMismatch, "kernel_shape has \(rank) axes but the input has \(input.count) spatial axes")
        }
        var axes: [PoolAxis] = []
        for d in 0..<rank {
            let span = (kernel[d] - 1) * dilations[d] + 1
            var begin = pads[d], end = pads[rank + d]
            let output: Int
            switch autoPad {
            case .notSet:
                let room = input[d] + begin + end - span
                guard room >= 0 else {
                    throw site.error(.shapeMismatch, "the window (\(span)) is larger than the padded input (\(input[d] + begin + end)) on spatial axis \(d)")
                }
                var size = (ceilMode ? (room + strides[d] - 1) / strides[d] : room / strides[d]) + 1
                // The last window must start inside the input or its leading padding.
                if ceilMode && (size - 1) * strides[d] >= input[d] + begin { size -= 1 }
                output = size
            case .valid:
                guard input[d] >= span else {
                    throw site.error(.shapeMismatch, "the window (\(span)) is larger than the input (\(input[d])) on spatial axis \(d)")
                }
                output = (input[d] - span) / strides[d] + 1
                begin = 0
                end = 0
            case .sameUpper, .sameLower:
                output = (input[d] + strides[d] - 1) / strides[d]
                let total = max(0, (output - 1) * strides[d] + span - input[d])
                begin = autoPad == .sameUpper ? total / 2 : total - total / 2
                end = total - begin
            }
            axes.append(PoolAxis(input: input[d], output: output, kernel: kernel[d], stride: strides[d],
                                 dilation: dilations[d], padBegin: begin, padEnd: end))
        }
        return axes
    }
}

/// One spatial axis of a pooling window: sizes, window step and padding.
struct PoolAxis: Sendable, Hashable {
    var input: Int
    var output: Int
    var kernel: Int
    var stride: Int
    var dilation: Int
    var padBegin: Int
    var padEnd: Int

    /// The window taps of output `o` that fall inside the input: input position of the first valid
    /// tap and the number of valid taps, plus the number of taps inside input + explicit padding
    /// (the divisor for `count_include_pad`).
    func window(_ o: Int) -> (first: Int, count: Int, withPadding: Int) {
        let start = o * stride - padBegin
        // Taps j with 0 ≤ start + j·dilation < input.
        var lo = 0
        if start < 0 { lo = (-start + dilation - 1) / dilation }
        var hi = kernel
        let lastInside = input - 1 - start
        if lastInside < 0 { hi = 0 } else { hi = min(kernel, lastInside / dilation + 1) }
        let limit = input + padEnd - 1 - start
        let padded = limit < 0 ? 0 : min(kernel, limit / dilation + 1)
        return (start + lo * dilation, max(0, hi - lo), padded)
    }

    /// An axis of extent 1 with a 1-wide window (used to lift 1-D and 2-D pooling to 3-D).
    static let unit = PoolAxis(input: 1, output: 1, kernel: 1, stride: 1, dilation: 1, padBegin: 0, padEnd: 0)
}
