import BioImageTensor
import Foundation

/// `Softmax` and `LogSoftmax`: before opset 13 over the input flattened to 2-D at `axis` (default 1),
/// from opset 13 over the single axis `axis` (default −1).
///
/// Numerics: the maximum along the reduced extent is subtracted before exponentiating, so large
/// inputs do not overflow; `LogSoftmax` is `(x − max) − log Σ e^{x − max}`.
struct SoftmaxKernel: OperatorKernel {
    let site: ImageKernelSite
    let axis: Int
    let flattens: Bool
    let logarithm: Bool

    init(node: OperatorNode) throws(ONNXError) {
        site = ImageKernelSite(node)
        try node.checkAttributes(["axis"])
        flattens = node.opset < 13
        axis = try node.int("axis", default: flattens ? 1 : -1)
        logarithm = node.opType == "LogSoftmax"
    }

    /// The input viewed as `outer × extent × inner`, the softmax running along `extent`.
    func layout(_ shape: [Int]) throws(ONNXError) -> (outer: Int, extent: Int, inner: Int) {
        let rank = shape.count
        if rank == 0 { return (1, 1, 1) }
        if flattens {
            let a = axis < 0 ? axis + rank : axis
            guard a >= 0, a <= rank else { throw site.error(.invalidAttribute, "axis \(axis) is out of range for rank \(rank)") }
            return (ImageKernels.extentProduct(shape, 0..<a), ImageKernels.extentProduct(shape, a..<rank), 1)
        }
        let a = try site.axis(axis, rank: rank)
        return (ImageKernels.extentProduct(shape, 0..<a), shape[a], ImageKernels.extentProduct(shape, (a + 1)..<rank))
    }

    func run(_ inputs: [AnyTensor?], context: KernelContext) throws(ONNXError) -> [AnyTensor] {
        let x = try site.input(inputs, 0, "input")
        let (outer, extent, inner) = try layout(x.shape)
        switch x.storage {
        case .float32(let t):
            return [AnyTensor(try site.tensor(shape: t.shape, scalars: floatSoftmax(t.scalars, outer, extent, inner, context.threads)))]
        #if !(os(macOS) && arch(x86_64))
        case .float16(let t):
            let out = floatSoftmax(t.converted(to: Float.self).scalars, outer, extent, inner, context.threads)
            return [AnyTensor(try site.tensor(shape: t.shape, scalars: out).converted(to: Float16.self))]
        #endif
        case .float64(let t):
            return [AnyTensor(try site.tensor(shape: t.shape, scalars: Self.reference(t.scalars, outer, extent, inner, log: logarithm)))]
        default:
            throw site.error(.unsupportedDType, "input dtype \(x.dtype) is not supported")
        }
    }

    /// The general path in double precision: one column at a time.
    static func reference(_ x: [Double], _ outer: Int, _ extent: Int, _ inner: Int, log: Bool) -> [Double] {
        var y = x
        for o in 0..<outer {
            for j in 0..<inner {
                let base = o * extent * inner + j
                var maximum = -Double.infinity
                for k in 0..<extent { maximum = Swift.max(maximum, x[base + k * inner]) }
                var sum = 0.0
                for k in 0..<extent { sum += Foundation.exp(x[base + k * inner] - maximum) }
                for k in 0..<extent {
                    let shifted = x[base + k * inner] - maximum
                    y[base + k * inner] = log ? shifted - Foundation.log(sum) : Foundation.exp(shifted) / sum
                }
            }
        }
        return y
    }

    /// The float32 path: SIMD across the contiguous inner extent (or along the row when inner is 1).
    func floatSoftmax(_ x: [Float], _ outer: Int, _ extent: Int, _ inner: Int, _ threads: Int) -> [Float] {
        let log = logarithm
        return x.withUnsafeBufferPointer { xs in
            ImageKernels.makeScalars(count: xs.count) { ys in
                guard let xb = xs.baseAddress, let yb = ys.baseAddress, extent > 0, inner > 0 else { return }
                let xp = ImageKernels.Box(xb), yp = ImageKernels.Pointer(yb)
                if inner == 1 {
                    ImageKernels.forEach(count: outer, threads: threads, costPerItem: extent * 8) { range in
                        for o in range { Self.row(xp.value + o * extent, yp.base + o * extent, extent, log: log) }
                    }
                    return
                }
                ImageKernels.forEach(count: outer, threads: threads, costPerItem: extent * inner * 8) { range in
                    let sums = UnsafeMutablePointer<Float>.allocate(capacity: inner)
                    defer { sums.deallocate() }
                    for o in range {
                        Self.columns(xp.value + o * extent * inner, yp.base + o * extent * inner, extent, inner, sums, log: log)
                    }
                }
            }
        }
    }

    /// Softmax of one contiguous row.
    private static func row(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ n: Int, log: Bool) {
        // The maximum (NaN if any element is NaN, so the row comes out NaN as in the reference).
        var maximum = -Float.infinity
        for k in 0..<n where !(x[k] <= maximum) { maximum = x[k] }
        var sum: Float = 0
        var k = 0
        let m = SIMD16<Float>(repeating: maximum)
        var acc = SIMD16<Float>(repeating: 0)
        while k + 16 <= n {
            let e = ImageMath.exp(UnsafeRawPointer(x + k).loadUnaligned(as: SIMD16<Float>.self) - m)
            if !log { UnsafeMutableRawPointer(y + k).storeBytes(of: e, as: SIMD16<Float>.self) }
            acc += e
            k += 16
        }
        sum = acc.sum()
        while k < n {
            let e = ImageMath.exp(SIMD16(repeating: x[k] - maximum))[0]
            if !log { y[k] = e }
            sum += e
            k += 1
        }
        if log {
            let logSum = Float(Foundation.log(Double(sum)))
            for k in 0..<n { y[k] = (x[k] - maximum) - logSum }
        } else {
            let scale = 1 / sum
            for k in 0..<n { y[k] *= scale }
        }
    }

    /// Softmax along the strided axis of one `extent × inner` block, vectorised across `inner`.
    private static func columns(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ n: Int, _ inner: Int,
                                _ sums: UnsafeMutablePointer<Float>, log: Bool) {
        // Column maxima go to y's first row, then every row of y holds e^{x − max}.
        let maxima = UnsafeMutablePointer<Float>.allocate(capacity: inner)
        defer { maxima.deallocate() }
        maxima.update(from: x, count: inner)
        for k in 1..<max(1, n) {
            let row = x + k * inner
            for j in 0..<inner where row[j] > maxima[j] || row[j].isNaN { maxima[j] = row[j] }
        }
        sums.update(repeating: 0, count: inner)
        for k in 0..<n {
            let row = x + k * inner, out = y + k * inner
            var j = 0
            while j + 16 <= inner {
                let v = UnsafeRawPointer(row + j).loadUnaligned(as: SIMD16<Float>.self)
                let m = UnsafeRawPointer(maxima + j).loadUnaligned(as: SIMD16<Float>.self)
                let e = ImageMath.exp(v - m)
                UnsafeMutableRawPointer(out + j).storeBytes(of: e, as: SIMD16<Float>.self)
                let s = UnsafeRawPointer(sums + j).loadUnaligned(as: SIMD16<Float>.self)
                UnsafeMutableRawPointer(sums + j).storeBytes(of: s + e, as: SIMD16<Float>.self)
                j += 16
            }
            while j < inner {
                let e = ImageMath.exp(SIMD16(repeating: row[j] - maxima[j]))[0]
                out[j] = e
                sums[j] += e
                j += 1
            }
        }
        if log {
            for j in 0..<inner { sums[j] = Float(Foundation.log(Double(sums[j]))) }
            for k in 0..<n {
                let row = x + k * inner, out = y + k * inner
                for j in 0..<inner { out[j] = (row[j] - maxima[j]) - sums[j] }
            }
        } else {
            for j in 0..<inner { sums[j] = 1 / sums[j] }
            for k in 0..<n {
                let out = y + k * inner
                for j in 0..<inner { out[j] *= sums[j] }
            }
        }
    }
}
