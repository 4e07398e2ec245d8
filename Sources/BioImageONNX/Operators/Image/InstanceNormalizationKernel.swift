import BioImageTensor

/// `InstanceNormalization`: `y = scale[c] · (x − μ) / √(σ² + ε) + B[c]`, with the mean μ and population
/// variance σ² taken over the spatial axes of each (sample, channel) plane.
///
/// Numerics: the float32 path sums in float lanes per block of 4096 elements and in double across
/// blocks, and computes the variance in a second pass over deviations from the mean.
struct InstanceNormalizationKernel: OperatorKernel {
    let site: ImageKernelSite
    let epsilon: Double

    init(node: OperatorNode) throws(ONNXError) {
        site = ImageKernelSite(node)
        try node.checkAttributes(["epsilon"])
        epsilon = Double(try node.float("epsilon", default: 1e-5))
    }

    func run(_ inputs: [AnyTensor?], context: KernelContext) throws(ONNXError) -> [AnyTensor] {
        let x = try site.input(inputs, 0, "input")
        guard x.dtype.isFloatingPoint else { throw site.error(.unsupportedDType, "input must be floating point, got \(x.dtype)") }
        guard x.shape.count >= 2 else { throw site.error(.shapeMismatch, "input must have at least 2 axes (N, C), got shape \(x.shape)") }
        let channels = x.shape[1]
        let planes = x.shape[0] * channels
        let inner = ImageKernels.extentProduct(x.shape, 2..<x.shape.count)
        var parameters: [[Double]] = []
        for (index, role) in ["scale", "B"].enumerated() {
            let p = try site.input(inputs, index + 1, role)
            guard p.dtype.isFloatingPoint, p.count == channels else {
                throw site.error(.shapeMismatch, "\(role) must hold \(channels) floating-point values, got \(p.dtype) \(p.shape)")
            }
            parameters.append(p.converted(to: Double.self).scalars)
        }
        let scale = parameters[0], bias = parameters[1], eps = epsilon
        if x.dtype == .float64 {
            let xs = x.converted(to: Double.self).scalars
            var ys = xs
            for plane in 0..<planes where inner > 0 {
                let c = plane % channels, base = plane * inner
                var sum = 0.0
                for i in 0..<inner { sum += xs[base + i] }
                let mean = sum / Double(inner)
                var squares = 0.0
                for i in 0..<inner { let d = xs[base + i] - mean; squares += d * d }
                let a = scale[c] / (squares / Double(inner) + eps).squareRoot()
                for i in 0..<inner { ys[base + i] = a * (xs[base + i] - mean) + bias[c] }
            }
            return [AnyTensor(try site.tensor(shape: x.shape, scalars: ys))]
        }
        let xs = x.converted(to: Float.self)
        let out: [Float] = xs.withUnsafeBufferPointer { source in
            ImageKernels.makeScalars(count: source.count) { target in
                guard let sb = source.baseAddress, let tb = target.baseAddress, inner > 0 else { return }
                let sp = ImageKernels.Box(sb), tp = ImageKernels.Pointer(tb)
                ImageKernels.forEach(count: planes, threads: context.threads, costPerItem: inner * 3) { range in
                    for plane in range {
                        let c = plane % channels
                        let src = sp.value + plane * inner, dst = tp.base + plane * inner
                        let mean = ImageVector.sum(src, inner) / Double(inner)
                        let variance = ImageVector.squaredDeviations(src, inner, mean: Float(mean)) / Double(inner)
                        let a = scale[c] / (variance + eps).squareRoot()
                        ImageVector.affine(src, dst, inner, Float(a), Float(bias[c] - a * mean))
                    }
                }
            }
        }
        return [AnyTensor(try site.tensor(shape: x.shape, scalars: out)).converted(to: x.dtype)]
    }
}
