import BioImageTensor

/// `Pad` for every dtype: modes `constant`, `reflect` (numpy's, edge not repeated), `edge` and `wrap`
/// (opset 19+). Before opset 11 `pads` and `value` are attributes; from 11 they are inputs, and from
/// 18 an optional `axes` input selects the padded axes. Negative pads crop.
struct PadKernel: OperatorKernel {
    /// How positions outside the input are filled.
    enum Mode: String, Sendable { case constant, reflect, edge, wrap }

    let site: ImageKernelSite
    let mode: Mode
    let attributePads: [Int]?
    let attributeValue: Float

    init(node: OperatorNode) throws(ONNXError) {
        site = ImageKernelSite(node)
        if node.opset < 11 {
            try node.checkAttributes(["mode", "pads", "value"])
            guard let pads = try node.ints("pads") else { throw node.error(.invalidAttribute, "missing attribute 'pads'") }
            attributePads = pads
            attributeValue = try node.float("value", default: 0)
        } else {
            try node.checkAttributes(["mode"])
            attributePads = nil
            attributeValue = 0
        }
        let name = try node.string("mode", default: "constant")
        let parsed = Mode(rawValue: name)
        guard let mode = parsed, mode != .wrap || node.opset >= 19 else {
            let allowed = node.opset >= 19 ? "constant, reflect, edge or wrap" : "constant, reflect or edge"
            throw node.error(.invalidAttribute, "mode must be \(allowed), got '\(name)'")
        }
        self.mode = mode
    }

    func run(_ inputs: [AnyTensor?], context: KernelContext) throws(ONNXError) -> [AnyTensor] {
        let x = try site.input(inputs, 0, "data")
        let rank = x.shape.count
        let raw: [Int]
        if let attributePads { raw = attributePads } else { raw = try site.integers(try site.input(inputs, 1, "pads"), "pads") }
        var axes = Array(0..<rank)
        if let axesInput = site.optionalInput(inputs, 3) {
            axes = []
            for a in try site.integers(axesInput, "axes") { axes.append(try site.axis(a, rank: rank, "pad axis")) }
            guard Set(axes).count == axes.count else { throw site.error(.invalidInput, "axes \(axes) repeat an axis") }
        }
        guard raw.count == 2 * axes.count else {
            throw site.error(.invalidInput, "pads has \(raw.count) values; \(2 * axes.count) expected for \(axes.count) axes")
        }
        let limit = 1 << 40
        guard raw.allSatisfy({ $0 >= -limit && $0 <= limit }) else { throw site.error(.limitExceeded, "pads \(raw) exceed \(limit) in magnitude") }
        var begin = [Int](repeating: 0, count: rank), end = begin
        for (i, axis) in axes.enumerated() {
            begin[axis] = raw[i]
            end[axis] = raw[axes.count + i]
        }
        var value = AnyTensor(Tensor<Float>(attributeValue)).converted(to: x.dtype)
        if attributePads == nil, let constant = site.optionalInput(inputs, 2, emptyIsAbsent: true) {
            guard constant.count == 1, constant.dtype == x.dtype else {
                throw site.error(.invalidInput, "constant_value must be one \(x.dtype) value, got \(constant.dtype) \(constant.shape)")
            }
            value = constant
        }
        var total = 1.0
        for axis in 0..<rank {
            let extent = x.shape[axis] + begin[axis] + end[axis]
            guard extent < 1 << 31 else { throw site.error(.limitExceeded, "axis \(axis) would have \(extent) elements") }
            total *= Double(Swift.max(0, extent))
        }
        guard total < Double(1 << 34) else { throw site.error(.limitExceeded, "the padded output would hold \(total) elements") }
        let maps = try indexMaps(shape: x.shape, begin: begin, end: end)
        return [try x.apply(Apply(site: site, maps: maps, value: value, threads: context.threads), site: site)]
    }

    /// For each axis, the input index each output index reads, or −1 for the constant.
    func indexMaps(shape: [Int], begin: [Int], end: [Int]) throws(ONNXError) -> [[Int]] {
        var maps: [[Int]] = []
        for axis in 0..<shape.count {
            let n = shape[axis]
            let extent = n + begin[axis] + end[axis]
            guard extent >= 0 else {
                throw site.error(.invalidInput, "pads (\(begin[axis]), \(end[axis])) crop more than the \(n) elements of axis \(axis)")
            }
            if n == 0 && extent > 0 && mode != .constant {
                throw site.error(.invalidInput, "\(mode.rawValue) padding needs a non-empty axis \(axis)")
            }
            maps.append((0..<extent).map { o in Self.source(o - begin[axis], extent: n, mode: mode) })
        }
        return maps
    }

    /// Where coordinate `c` of an axis of extent `n` reads from.
    static func source(_ c: Int, extent n: Int, mode: Mode) -> Int {
        if c >= 0 && c < n { return c }
        switch mode {
        case .constant: return -1
        case .edge: return c < 0 ? 0 : n - 1
        case .wrap: return ((c % n) + n) % n
        case .reflect:
            if n == 1 { return 0 }
            let period = 2 * (n - 1)
            let m = ((c % period) + period) % period
            return m < n ? m : period - m
        }
    }

    /// The row-by-row copy for one dtype.
    private struct Apply: ImageTypedOperation {
        let site: ImageKernelSite
        let maps: [[Int]]
        let value: AnyTensor
        let threads: Int

        func callAsFunction<T: TensorScalar>(_ x: Tensor<T>) throws(ONNXError) -> AnyTensor {
            guard let fill = (try? value.tensor(of: T.self))?.scalars.first else {
                throw site.error(.unsupportedDType, "the pad value cannot be represented as \(T.dtype)")
            }
            let rank = x.rank
            let outShape = maps.map(\.count)
            let count = outShape.reduce(1, *)
            if rank == 0 { return AnyTensor(x) }
            let rowLength = outShape[rank - 1]
            let rows = rowLength == 0 ? 0 : count / rowLength
            let inStrides = x.strides
            let last = maps[rank - 1]
            // The output columns that copy input columns contiguously: [lo, hi) with last[lo + k] = last[lo] + k.
            var lo = 0
            while lo < last.count && last[lo] < 0 { lo += 1 }
            var hi = lo
            while hi < last.count && last[hi] == last[lo] + (hi - lo) { hi += 1 }
            let out: [T] = x.withUnsafeBufferPointer { xs in
                ImageKernels.makeScalars(count: count) { ys in
                    guard let yb = ys.baseAddress else { return }
                    let xp = ImageKernels.Box(xs), yp = ImageKernels.Pointer(yb)
                    ImageKernels.forEach(count: rows, threads: threads, costPerItem: max(1, rowLength)) { range in
                        for row in range {
                            let dst = yp.base + row * rowLength
                            var rest = row, offset = 0, constant = false
                            for axis in stride(from: rank - 2, through: 0, by: -1) {
                                let o = rest % outShape[axis]
                                rest /= outShape[axis]
                                let s = maps[axis][o]
                                if s < 0 { constant = true; break }
                                offset += s * inStrides[axis]
                            }
                            if constant {
                                dst.initialize(repeating: fill, count: rowLength)
                                continue
                            }
                            let src = xp.value.baseAddress.map { $0 + offset }
                            guard let src else { dst.initialize(repeating: fill, count: rowLength); continue }
                            for j in 0..<lo { dst[j] = last[j] < 0 ? fill : src[last[j]] }
                            if hi > lo { (dst + lo).initialize(from: src + last[lo], count: hi - lo) }
                            for j in hi..<rowLength { dst[j] = last[j] < 0 ? fill : src[last[j]] }
                        }
                    }
                }
            }
            return AnyTensor(try site.tensor(shape: outShape, scalars: out))
        }
    }
}
