import BioImageTensor

/// `BatchNormalization` (opsets 7, 9, 14, 15): `y = scale · (x − mean) / √(var + ε) + B` per channel
/// (axis 1), folded into one multiply-add per element.
///
/// Inference mode uses the given running statistics. `training_mode = 1` (opset 14+) normalises with
/// the batch statistics (population variance over every axis but 1) and also returns the updated
/// running mean and variance (`running · momentum + batch · (1 − momentum)`). Before opset 14 a node
/// with the optional training outputs is refused at load time. Opset 7's `spatial = 0` takes
/// per-element statistics of shape `C × D1 × …`.
struct BatchNormalizationKernel: OperatorKernel {
    let site: ImageKernelSite
    let epsilon: Double
    let momentum: Double
    let spatial: Bool
    let training: Bool

    init(node: OperatorNode) throws(ONNXError) {
        site = ImageKernelSite(node)
        var known: Set<String> = ["epsilon", "momentum"]
        if node.opset < 9 { known.insert("spatial") }
        if node.opset >= 14 { known.insert("training_mode") }
        try node.checkAttributes(known)
        epsilon = Double(try node.float("epsilon", default: 1e-5))
        momentum = Double(try node.float("momentum", default: 0.9))
        spatial = try node.int("spatial", default: 1) != 0
        training = try node.int("training_mode", default: 0) != 0
        let outputs = node.outputs.filter { !$0.isEmpty }.count
        if node.opset < 14 && outputs > 1 {
            throw node.error(.invalidAttribute, "training outputs (mean, var, saved_mean, saved_var) of BatchNormalization-\(node.opset) are not supported")
        }
        if !training && outputs > 1 {
            throw node.error(.invalidAttribute, "running_mean and running_var outputs need training_mode = 1")
        }
    }

    func run(_ inputs: [AnyTensor?], context: KernelContext) throws(ONNXError) -> [AnyTensor] {
        let x = try site.input(inputs, 0, "X")
        guard x.dtype.isFloatingPoint else { throw site.error(.unsupportedDType, "X must be floating point, got \(x.dtype)") }
        guard x.shape.count >= 2 else { throw site.error(.shapeMismatch, "X must have at least 2 axes (N, C), got shape \(x.shape)") }
        let batch = x.shape[0], channels = x.shape[1]
        let inner = ImageKernels.extentProduct(x.shape, 2..<x.shape.count)
        let perChannel = spatial ? channels : channels * inner
        var parameters: [[Double]] = []
        for (index, role) in ["scale", "B", "input_mean", "input_var"].enumerated() {
            let p = try site.input(inputs, index + 1, role)
            guard p.dtype.isFloatingPoint, p.count == perChannel else {
                throw site.error(.shapeMismatch, "\(role) must hold \(perChannel) floating-point values, got \(p.dtype) \(p.shape)")
            }
            parameters.append(p.converted(to: Double.self).scalars)
        }
        var mean = parameters[2], variance = parameters[3]
        if training {
            (mean, variance) = Self.batchStatistics(x.converted(to: Double.self).scalars, batch: batch, channels: channels, inner: inner)
        }
        // y = a·x + b per statistic position.
        let lane = spatial ? 1 : inner
        var a = [Float](repeating: 0, count: perChannel), b = [Float](repeating: 0, count: perChannel)
        var a64 = [Double](repeating: 0, count: perChannel), b64 = [Double](repeating: 0, count: perChannel)
        for i in 0..<perChannel {
            a64[i] = parameters[0][i] / (variance[i] + epsilon).squareRoot()
            b64[i] = parameters[1][i] - mean[i] * a64[i]
            a[i] = Float(a64[i])
            b[i] = Float(b64[i])
        }
        let y: AnyTensor
        if x.dtype == .float64 {
            let xs = x.converted(to: Double.self).scalars
            var ys = xs
            for i in 0..<xs.count {
                let p = ((i / inner) % channels) * (spatial ? 1 : inner) + (spatial ? 0 : i % inner)
                ys[i] = a64[p] * xs[i] + b64[p]
            }
            y = AnyTensor(try site.tensor(shape: x.shape, scalars: ys))
        } else {
            let xs = x.converted(to: Float.self)
            let out = Self.affine(xs.scalars, a: a, b: b, planes: batch * channels, channels: channels, inner: inner,
                                  perElement: lane != 1, threads: context.threads)
            y = AnyTensor(try site.tensor(shape: x.shape, scalars: out)).converted(to: x.dtype)
        }
        guard training else { return [y] }
        let parameterType = try site.input(inputs, 3, "input_mean").dtype
        let runningMean = zip(parameters[2], mean).map { $0 * momentum + $1 * (1 - momentum) }
        let runningVar = zip(parameters[3], variance).map { $0 * momentum + $1 * (1 - momentum) }
        let statShape = [perChannel]
        return [y, AnyTensor(try site.tensor(shape: statShape, scalars: runningMean)).converted(to: parameterType),
                AnyTensor(try site.tensor(shape: statShape, scalars: runningVar)).converted(to: parameterType)]
    }

    /// Mean and population variance per channel over the batch and spatial axes.
    static func batchStatistics(_ x: [Double], batch: Int, channels: Int, inner: Int) -> ([Double], [Double]) {
        var mean = [Double](repeating: 0, count: channels), variance = mean
        let n = Double(max(1, batch * inner))
        for c in 0..<channels {
            var sum = 0.0
            for b in 0..<batch { for i in 0..<inner { sum += x[(b * channels + c) * inner + i] } }
            let m = sum / n
            var squares = 0.0
            for b in 0..<batch { for i in 0..<inner { let d = x[(b * channels + c) * inner + i] - m; squares += d * d } }
            mean[c] = m
            variance[c] = squares / n
        }
        return (mean, variance)
    }

    /// `y = a[c]·x + b[c]` over `planes` planes of `inner` elements (plane p has channel p mod C);
    /// with `perElement` the coefficients vary along the plane too.
    static func affine(_ x: [Float], a: [Float], b: [Float], planes: Int, channels: Int, inner: Int,
                       perElement: Bool, threads: Int) -> [Float] {
        x.withUnsafeBufferPointer { xs in
            ImageKernels.makeScalars(count: xs.count) { ys in
                guard let xb = xs.baseAddress, let yb = ys.baseAddress else { return }
                let xp = ImageKernels.Box(xb), yp = ImageKernels.Pointer(yb)
                ImageKernels.forEach(count: planes, threads: threads, costPerItem: inner) { range in
                    for plane in range {
                        let c = plane % channels
                        let src = xp.value + plane * inner, dst = yp.base + plane * inner
                        if perElement {
                            for i in 0..<inner { dst[i] = a[c * inner + i] * src[i] + b[c * inner + i] }
                            continue
                        }
                        ImageVector.affine(src, dst, inner, a[c], b[c])
                    }
                }
            }
        }
    }
}
