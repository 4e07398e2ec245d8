import BioImageTensor

/// `PRelu`: `x < 0 ? slope · x : x`, with `slope` broadcast to the shape of `x` (unidirectionally).
struct PReluKernel: OperatorKernel {
    let site: ImageKernelSite

    init(node: OperatorNode) throws(ONNXError) {
        site = ImageKernelSite(node)
        try node.checkAttributes([])
    }

    func run(_ inputs: [AnyTensor?], context: KernelContext) throws(ONNXError) -> [AnyTensor] {
        let x = try site.input(inputs, 0, "X")
        let slope = try site.input(inputs, 1, "slope")
        guard x.dtype == slope.dtype else {
            throw site.error(.unsupportedDType, "X is \(x.dtype) but slope is \(slope.dtype)")
        }
        return [try x.applyNumeric(Apply(site: site, slope: slope, threads: context.threads), site: site)]
    }

    /// The activation for one dtype.
    private struct Apply: ImageNumericOperation {
        let site: ImageKernelSite
        let slope: AnyTensor
        let threads: Int

        func callAsFunction<T: TensorNumeric>(_ x: Tensor<T>) throws(ONNXError) -> AnyTensor {
            let s: Tensor<T>
            do { s = try slope.tensor(of: T.self) } catch { throw site.error(.unsupportedDType, error.message) }
            let rank = x.rank
            guard s.rank <= rank else {
                throw site.error(.shapeMismatch, "slope shape \(s.shape) cannot broadcast to X shape \(x.shape)")
            }
            let slopeShape = [Int](repeating: 1, count: rank - s.rank) + s.shape
            for axis in 0..<rank where slopeShape[axis] != 1 && slopeShape[axis] != x.shape[axis] {
                throw site.error(.shapeMismatch, "slope shape \(s.shape) cannot broadcast to X shape \(x.shape)")
            }
            // Slope offsets advance by these strides along each axis of X (0 where the slope is broadcast).
            var strides = [Int](repeating: 0, count: rank)
            var step = 1
            for axis in stride(from: rank - 1, through: 0, by: -1) {
                strides[axis] = slopeShape[axis] == 1 ? 0 : step
                step *= slopeShape[axis]
            }
            let rowLength = rank == 0 ? 1 : x.shape[rank - 1]
            let rows = rowLength == 0 ? 0 : x.count / rowLength
            let slopeVaries = rank > 0 && strides[rank - 1] != 0
            let shape = x.shape
            let out: [T] = x.withUnsafeBufferPointer { xs in
                s.withUnsafeBufferPointer { ss in
                    ImageKernels.makeScalars(count: xs.count) { ys in
                        guard let xb = xs.baseAddress, let sb = ss.baseAddress, let yb = ys.baseAddress else { return }
                        let xp = ImageKernels.Box(xb), sp = ImageKernels.Box(sb), yp = ImageKernels.Pointer(yb)
                        ImageKernels.forEach(count: rows, threads: threads, costPerItem: rowLength) { range in
                            for row in range {
                                var rest = row, offset = 0
                                if rank >= 2 {
                                    for axis in stride(from: rank - 2, through: 0, by: -1) {
                                        offset += (rest % shape[axis]) * strides[axis]
                                        rest /= shape[axis]
                                    }
                                }
                                let src = xp.value + row * rowLength, dst = yp.base + row * rowLength
                                if slopeVaries {
                                    let sl = sp.value + offset
                                    for i in 0..<rowLength { dst[i] = src[i] < T.zero ? src[i] * sl[i] : src[i] }
                                } else {
                                    let a = sp.value[offset]
                                    for i in 0..<rowLength { dst[i] = src[i] < T.zero ? src[i] * a : src[i] }
                                }
                            }
                        }
                    }
                }
            }
            return AnyTensor(try site.tensor(shape: x.shape, scalars: out))
        }
    }
}
