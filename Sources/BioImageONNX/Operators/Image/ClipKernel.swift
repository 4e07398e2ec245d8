import BioImageTensor

/// `Clip`: limits every element to `[min, max]` (attributes before opset 11, optional inputs after).
struct ClipKernel: OperatorKernel {
    let site: ImageKernelSite
    let attributeMin: Float?
    let attributeMax: Float?
    let usesInputs: Bool

    init(node: OperatorNode) throws(ONNXError) {
        site = ImageKernelSite(node)
        usesInputs = node.opset >= 11
        if usesInputs {
            try node.checkAttributes([])
            attributeMin = nil
            attributeMax = nil
        } else {
            try node.checkAttributes(["min", "max"])
            attributeMin = node.attributes["min"] == nil ? nil : try node.float("min", default: 0)
            attributeMax = node.attributes["max"] == nil ? nil : try node.float("max", default: 0)
        }
    }

    func run(_ inputs: [AnyTensor?], context: KernelContext) throws(ONNXError) -> [AnyTensor] {
        let x = try site.input(inputs, 0, "input")
        var low: AnyTensor?, high: AnyTensor?
        if usesInputs {
            low = site.optionalInput(inputs, 1)
            high = site.optionalInput(inputs, 2)
            for bound in [low, high].compactMap({ $0 }) {
                guard bound.dtype == x.dtype else { throw site.error(.unsupportedDType, "bound dtype \(bound.dtype) differs from input dtype \(x.dtype)") }
                guard bound.count == 1 else { throw site.error(.shapeMismatch, "min and max must be scalars, got shape \(bound.shape)") }
            }
        } else {
            guard x.dtype.isFloatingPoint else { throw site.error(.unsupportedDType, "Clip-\(usesInputs ? 11 : 6) takes floating-point input, got \(x.dtype)") }
            low = attributeMin.map { AnyTensor(Tensor<Float>($0)).converted(to: x.dtype) }
            high = attributeMax.map { AnyTensor(Tensor<Float>($0)).converted(to: x.dtype) }
        }
        return [try x.applyNumeric(Apply(site: site, low: low, high: high, threads: context.threads), site: site)]
    }

    /// The clamp for one dtype.
    private struct Apply: ImageNumericOperation {
        let site: ImageKernelSite
        let low: AnyTensor?
        let high: AnyTensor?
        let threads: Int

        func callAsFunction<T: TensorNumeric>(_ x: Tensor<T>) throws(ONNXError) -> AnyTensor {
            let lo = low.flatMap { try? $0.tensor(of: T.self).scalars.first }
            let hi = high.flatMap { try? $0.tensor(of: T.self).scalars.first }
            let out: [T] = x.withUnsafeBufferPointer { xs in
                ImageKernels.makeScalars(count: xs.count) { ys in
                    guard let xb = xs.baseAddress, let yb = ys.baseAddress else { return }
                    let xp = ImageKernels.Box(xb), yp = ImageKernels.Pointer(yb)
                    ImageKernels.forEach(count: xs.count, threads: threads) { range in
                        for i in range {
                            var v = xp.value[i]
                            if let lo, v < lo { v = lo }
                            if let hi, v > hi { v = hi }
                            yp.base[i] = v
                        }
                    }
                }
            }
            return AnyTensor(try site.tensor(shape: x.shape, scalars: out))
        }
    }
}
