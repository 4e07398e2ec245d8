import BioImageTensor

/// The attributes `Conv` and `ConvTranspose` share, decoded and checked when the node is built.
struct ConvAttributes: Sendable {
    /// `NOTSET`, `SAME_UPPER`, `SAME_LOWER` or `VALID`.
    enum AutoPad: String, Sendable {
        case notSet = "NOTSET"
        case sameUpper = "SAME_UPPER"
        case sameLower = "SAME_LOWER"
        case valid = "VALID"
    }

    var autoPad: AutoPad
    var dilations: [Int]?
    var group: Int
    var kernelShape: [Int]?
    var pads: [Int]?
    var strides: [Int]?

    /// The largest accepted per-axis attribute value (pads, strides, dilations, kernel extents).
    static let axisLimit = 1 << 24

    /// Reads the shared attributes of `node`, rejecting invalid values.
    init(_ node: OperatorNode) throws(ONNXError) {
        let autoPadName = try node.string("auto_pad", default: "NOTSET")
        guard let autoPad = AutoPad(rawValue: autoPadName) else {
            throw node.error(.invalidAttribute, "auto_pad '\(autoPadName)' is not one of NOTSET, SAME_UPPER, SAME_LOWER, VALID")
        }
        self.autoPad = autoPad
        dilations = try node.ints("dilations")
        group = try node.int("group", default: 1)
        kernelShape = try node.ints("kernel_shape")
        pads = try node.ints("pads")
        strides = try node.ints("strides")
        guard group >= 1 else { throw node.error(.invalidAttribute, "group must be at least 1, got \(group)") }
        if let dilations, dilations.contains(where: { $0 < 1 }) {
            throw node.error(.invalidAttribute, "dilations must be positive, got \(dilations)")
        }
        if let strides, strides.contains(where: { $0 < 1 }) {
            throw node.error(.invalidAttribute, "strides must be positive, got \(strides)")
        }
        if let kernelShape, kernelShape.contains(where: { $0 < 1 }) {
            throw node.error(.invalidAttribute, "kernel_shape must be positive, got \(kernelShape)")
        }
        if let pads, pads.contains(where: { $0 < 0 }) || pads.count % 2 != 0 {
            throw node.error(.invalidAttribute, "pads must be an even number of non-negative values, got \(pads)")
        }
        // Bound every per-axis value so shape arithmetic cannot overflow on a hostile file.
        for (name, values) in [("dilations", dilations), ("strides", strides), ("kernel_shape", kernelShape), ("pads", pads)] {
            if let values, values.contains(where: { $0 > ConvAttributes.axisLimit }) {
                throw node.error(.invalidAttribute, "\(name) \(values) exceeds \(ConvAttributes.axisLimit)")
            }
        }
    }

    /// Checks the per-axis attribute lengths against `spatial` axes and the weight's kernel shape.
    func resolved(spatial: Int, weightKernel: [Int], node: OperatorNode) throws(ONNXError)
        -> (kernel: [Int], dilations: [Int], strides: [Int], pads: [Int]) {
        let ones = [Int](repeating: 1, count: spatial)
        let kernel = kernelShape ?? weightKernel
        guard kernel == weightKernel else {
            throw node.error(.shapeMismatch, "kernel_shape \(kernel) does not match the weight's spatial shape \(weightKernel)")
        }
        let dilations = self.dilations ?? ones, strides = self.strides ?? ones
        let pads = self.pads ?? [Int](repeating: 0, count: 2 * spatial)
        guard dilations.count == spatial, strides.count == spatial, pads.count == 2 * spatial else {
            throw node.error(.invalidAttribute,
                             "dilations \(dilations), strides \(strides) and pads \(pads) must match the \(spatial) spatial axes")
        }
        return (kernel, dilations, strides, pads)
    }
}

/// Turns an `AnyTensor` into the float32 tensor the fast kernels use.
enum FloatOperand {
    /// The float32 tensor, converting float16 and float64; throws for other dtypes.
    static func float32(_ tensor: AnyTensor, name: String, node: OperatorNode) throws(ONNXError) -> Tensor<Float> {
        switch tensor.dtype {
        case .float32, .float16, .float64: return tensor.converted(to: Float.self)
        default: throw node.error(.unsupportedDType, "input \(name) has dtype \(tensor.dtype); expected float16, float32 or float64")
        }
    }

    /// Wraps a result computed in float32 back into `dtype`.
    static func result(shape: [Int], scalars: [Float], dtype: DType, node: OperatorNode) throws(ONNXError) -> AnyTensor {
        let tensor: Tensor<Float>
        do { tensor = try Tensor(shape: shape, scalars: scalars) } catch {
            throw node.error(.shapeMismatch, "cannot build the output of shape \(shape): \(error)")
        }
        return dtype == .float32 ? AnyTensor(tensor) : AnyTensor(tensor).converted(to: dtype)
    }
}
