import BioImageTensor

/// `Resize` (opsets 10, 11, 13, 18, 19) and `Upsample` (opsets 7, 9): separable resampling, one
/// axis after the other, with the coordinate mapping and interpolation weights of the ONNX reference.
///
/// Nearest mode copies elements of any dtype exactly. Linear and cubic run in float32 for float32
/// and float16 input (weights computed in double, accumulation in float), in double otherwise;
/// integer outputs are rounded half to even and saturated, as the reference's `saturate_cast`.
struct ResizeKernel: OperatorKernel {
    let site: ImageKernelSite
    let interpolation: ResizeInterpolation
    let coordinates: ResizeCoordinateMode
    let excludeOutside: Bool
    let extrapolationValue: Double
    let keepAspectRatio: KeepAspectRatio
    let axes: [Int]?
    /// `Upsample-7`'s `scales` attribute.
    let attributeScales: [Double]?
    /// The input positions of roi, scales and sizes (`nil` where the opset has none).
    let roiInput: Int?, scalesInput: Int, sizesInput: Int?

    /// How `sizes` is fitted when the aspect ratio must be kept.
    enum KeepAspectRatio: String, Sendable { case stretch, notLarger = "not_larger", notSmaller = "not_smaller" }

    init(node: OperatorNode) throws(ONNXError) {
        site = ImageKernelSite(node)
        let legacy = node.opType == "Upsample" || node.opset < 11
        if legacy {
            try node.checkAttributes(node.opType == "Upsample" && node.opset < 9 ? ["mode", "scales"] : ["mode"])
            roiInput = nil
            scalesInput = 1
            sizesInput = nil
            coordinates = .asymmetric
            excludeOutside = false
            extrapolationValue = 0
            keepAspectRatio = .stretch
            axes = nil
            if node.opType == "Upsample" && node.opset < 9 {
                guard let scales = try node.floats("scales") else { throw node.error(.invalidAttribute, "missing attribute 'scales'") }
                attributeScales = scales.map(Double.init)
            } else {
                attributeScales = nil
            }
            let mode = try node.string("mode", default: "nearest")
            switch mode {
            case "nearest": interpolation = .nearest(.legacy)
            case "linear", "bilinear": interpolation = .linear(antialias: false)
            default: throw node.error(.invalidAttribute, "mode must be nearest or linear, got '\(mode)'")
            }
            return
        }
        var known: Set<String> = ["coordinate_transformation_mode", "cubic_coeff_a", "exclude_outside", "extrapolation_value", "mode", "nearest_mode"]
        if node.opset >= 18 { known.formUnion(["antialias", "axes", "keep_aspect_ratio_policy"]) }
        try node.checkAttributes(known)
        roiInput = 1
        scalesInput = 2
        sizesInput = 3
        attributeScales = nil
        let coordinateName = try node.string("coordinate_transformation_mode", default: "half_pixel")
        guard let coordinates = ResizeCoordinateMode(rawValue: coordinateName) else {
            throw node.error(.invalidAttribute, "unknown coordinate_transformation_mode '\(coordinateName)'")
        }
        self.coordinates = coordinates
        excludeOutside = try node.int("exclude_outside", default: 0) != 0
        extrapolationValue = Double(try node.float("extrapolation_value", default: 0))
        let policy = try node.string("keep_aspect_ratio_policy", default: "stretch")
        guard let keep = KeepAspectRatio(rawValue: policy) else {
            throw node.error(.invalidAttribute, "keep_aspect_ratio_policy must be stretch, not_larger or not_smaller, got '\(policy)'")
        }
        keepAspectRatio = keep
        axes = try node.ints("axes")
        let antialias = try node.int("antialias", default: 0) != 0
        let mode = try node.string("mode", default: "nearest")
        switch mode {
        case "nearest":
            guard !antialias else { throw node.error(.invalidAttribute, "antialias is not defined for mode 'nearest'") }
            let roundingName = try node.string("nearest_mode", default: "round_prefer_floor")
            guard let rounding = ResizeInterpolation.Rounding(rawValue: roundingName), rounding != .legacy else {
                throw node.error(.invalidAttribute, "unknown nearest_mode '\(roundingName)'")
            }
            interpolation = .nearest(rounding)
        case "linear": interpolation = .linear(antialias: antialias)
        case "cubic": interpolation = .cubic(a: Double(try node.float("cubic_coeff_a", default: -0.75)), antialias: antialias)
        default: throw node.error(.invalidAttribute, "mode must be nearest, linear or cubic, got '\(mode)'")
        }
    }

    func run(_ inputs: [AnyTensor?], context: KernelContext) throws(ONNXError) -> [AnyTensor] {
        let x = try site.input(inputs, 0, "X")
        let plans = try plan(inputs, shape: x.shape)
        var outShape = x.shape
        for (axis, plan) in plans { outShape[axis] = plan.output }
        let resampler = ResizeResampler(shape: x.shape, plans: plans, threads: context.threads)
        if case .nearest = interpolation {
            if case .float32(let t) = x.storage {
                return [AnyTensor(try site.tensor(shape: outShape, scalars: resampler.gather(t.scalars, fill: Float(extrapolationValue))))]
            }
            return [try x.apply(NearestOperation(site: site, resampler: resampler, fill: extrapolationValue, shape: outShape), site: site)]
        }
        switch x.storage {
        case .float32(let t):
            return [AnyTensor(try site.tensor(shape: outShape, scalars: resampler.interpolate(t.scalars, fill: Float(extrapolationValue))))]
        #if !(os(macOS) && arch(x86_64))
        case .float16(let t):
            let out = resampler.interpolate(t.converted(to: Float.self).scalars, fill: Float(extrapolationValue))
            return [AnyTensor(try site.tensor(shape: outShape, scalars: out).converted(to: Float16.self))]
        #endif
        default:
            guard x.dtype != .bool else { throw site.error(.unsupportedDType, "bool input needs mode 'nearest'") }
            var out = resampler.interpolate(x.converted(to: Double.self).scalars, fill: extrapolationValue)
            if x.dtype.isInteger { out = out.map { $0.rounded(.toNearestOrEven) } }
            let values = try site.tensor(shape: outShape, scalars: out)
            return [try x.apply(SaturatingCast(values: values), site: site)]
        }
    }

    /// The per-axis plans for an input of `shape`, skipping axes left unchanged.
    func plan(_ inputs: [AnyTensor?], shape: [Int]) throws(ONNXError) -> [(Int, ResizeAxisPlan)] {
        let rank = shape.count
        var resized = Array(0..<rank)
        if let axes {
            resized = []
            for a in axes { resized.append(try site.axis(a, rank: rank, "resize axis")) }
            guard Set(resized).count == resized.count else { throw site.error(.invalidAttribute, "axes \(axes) repeat an axis") }
        }
        var scaleValues: [Double]?
        if let attributeScales {
            scaleValues = attributeScales
        } else if let s = site.optionalInput(inputs, scalesInput, emptyIsAbsent: true) {
            scaleValues = try site.reals(s, "scales")
        }
        var sizeValues: [Int]?
        if let sizesInput, let s = site.optionalInput(inputs, sizesInput, emptyIsAbsent: true) {
            sizeValues = try site.integers(s, "sizes")
        }
        var scale = [Double](repeating: 1, count: rank)
        var output = shape
        switch (scaleValues, sizeValues) {
        case (let s?, nil):
            guard s.count == resized.count else { throw site.error(.invalidInput, "scales has \(s.count) values for \(resized.count) axes") }
            for (i, axis) in resized.enumerated() {
                guard s[i] > 0, s[i].isFinite else { throw site.error(.invalidInput, "scale \(s[i]) for axis \(axis) must be positive") }
                scale[axis] = s[i]
                let extent = s[i] * Double(shape[axis])
                guard extent < Double(1 << 40) else { throw site.error(.limitExceeded, "scale \(s[i]) makes axis \(axis) too large") }
                output[axis] = Int(extent.rounded(.down))
            }
        case (nil, let z?):
            guard z.count == resized.count else { throw site.error(.invalidInput, "sizes has \(z.count) values for \(resized.count) axes") }
            for (i, axis) in resized.enumerated() {
                guard z[i] >= 0, z[i] < 1 << 40 else { throw site.error(.invalidInput, "size \(z[i]) for axis \(axis) is out of range") }
                output[axis] = z[i]
                scale[axis] = shape[axis] == 0 ? 1 : Double(z[i]) / Double(shape[axis])
            }
            if keepAspectRatio != .stretch, !resized.isEmpty {
                let chosen = resized.map { scale[$0] }
                let common = keepAspectRatio == .notLarger ? chosen.min() ?? 1 : chosen.max() ?? 1
                for axis in resized {
                    scale[axis] = common
                    let extent = common * Double(shape[axis]) + 0.5
                    guard extent < Double(1 << 40) else { throw site.error(.limitExceeded, "axis \(axis) would be too large") }
                    output[axis] = Int(extent)
                }
            }
        case (nil, nil): throw site.error(.invalidInput, "one of scales and sizes must be given")
        case (_?, _?): throw site.error(.invalidInput, "scales and sizes must not both be given")
        }
        var total = 1.0
        for (axis, extent) in output.enumerated() {
            guard extent < 1 << 31 else { throw site.error(.limitExceeded, "axis \(axis) would have \(extent) elements") }
            total *= Double(extent)
        }
        guard total < Double(1 << 34) else { throw site.error(.limitExceeded, "the output shape \(output) is too large") }
        var roi = [(start: Double, end: Double)](repeating: (0, 1), count: rank)
        if coordinates == .tfCropAndResize {
            guard let roiInput, let r = site.optionalInput(inputs, roiInput, emptyIsAbsent: true) else {
                throw site.error(.invalidInput, "tf_crop_and_resize needs the roi input")
            }
            let values = try site.reals(r, "roi")
            let n = values.count / 2
            guard values.count % 2 == 0, n == resized.count || n == rank else {
                throw site.error(.invalidInput, "roi has \(values.count) values for \(resized.count) axes")
            }
            let roiAxes = n == resized.count ? resized : Array(0..<rank)
            for (i, axis) in roiAxes.enumerated() { roi[axis] = (values[i], values[n + i]) }
        }
        var plans: [(Int, ResizeAxisPlan)] = []
        for axis in resized {
            let unchanged = Swift.abs(scale[axis] - 1) <= 1e-9 && output[axis] == shape[axis]
                && (coordinates != .tfCropAndResize || (Swift.abs(roi[axis].start) <= 1e-9 && Swift.abs(roi[axis].end - 1) <= 1e-9))
            if unchanged { continue }
            guard shape[axis] > 0 || output[axis] == 0 else {
                throw site.error(.invalidInput, "cannot resize the empty axis \(axis) to \(output[axis]) elements")
            }
            plans.append((axis, ResizeAxisPlan(input: shape[axis], output: output[axis], scale: scale[axis], roi: roi[axis],
                                               coordinates: coordinates, interpolation: interpolation, excludeOutside: excludeOutside)))
        }
        return plans
    }

    /// Nearest-neighbour resampling for one dtype.
    private struct NearestOperation: ImageTypedOperation {
        let site: ImageKernelSite
        let resampler: ResizeResampler
        let fill: Double
        let shape: [Int]
        func callAsFunction<T: TensorScalar>(_ tensor: Tensor<T>) throws(ONNXError) -> AnyTensor {
            let value = T(clamping: .floatingPoint(fill))
            return AnyTensor(try site.tensor(shape: shape, scalars: resampler.gather(tensor.scalars, fill: value)))
        }
    }

    /// Converts `values` to the dtype of the tensor it is applied to, saturating integers.
    private struct SaturatingCast: ImageTypedOperation {
        let values: Tensor<Double>
        func callAsFunction<T: TensorScalar>(_ tensor: Tensor<T>) throws(ONNXError) -> AnyTensor {
            AnyTensor(values.clampingConverted(to: T.self))
        }
    }
}
