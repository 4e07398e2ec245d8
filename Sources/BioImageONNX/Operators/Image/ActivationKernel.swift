import BioImageTensor
import Foundation

/// An element-wise activation and its parameters, as decoded from a node's attributes.
enum ActivationFunction: Sendable, Hashable {
    case relu
    case leakyRelu(alpha: Float)
    case elu(alpha: Float)
    case selu(alpha: Float, gamma: Float)
    case celu(alpha: Float)
    case thresholdedRelu(alpha: Float)
    case sigmoid
    case hardSigmoid(alpha: Float, beta: Float)
    case hardSwish
    case tanh
    case erf
    case softplus
    case softsign
    case gelu(tanhApproximation: Bool)

    /// Decodes the activation of an `Relu`, `LeakyRelu`, … node, checking its attributes.
    init(node: OperatorNode) throws(ONNXError) {
        switch node.opType {
        case "Relu": try node.checkAttributes([]); self = .relu
        case "LeakyRelu": try node.checkAttributes(["alpha"]); self = .leakyRelu(alpha: try node.float("alpha", default: 0.01))
        case "Elu": try node.checkAttributes(["alpha"]); self = .elu(alpha: try node.float("alpha", default: 1))
        case "Selu":
            try node.checkAttributes(["alpha", "gamma"])
            self = .selu(alpha: try node.float("alpha", default: 1.673_263_192_176_818_847_656_25),
                         gamma: try node.float("gamma", default: 1.050_701_022_148_132_324_218_75))
        case "Celu": try node.checkAttributes(["alpha"]); self = .celu(alpha: try node.float("alpha", default: 1))
        case "ThresholdedRelu": try node.checkAttributes(["alpha"]); self = .thresholdedRelu(alpha: try node.float("alpha", default: 1))
        case "Sigmoid": try node.checkAttributes([]); self = .sigmoid
        case "HardSigmoid":
            try node.checkAttributes(["alpha", "beta"])
            self = .hardSigmoid(alpha: try node.float("alpha", default: 0.2), beta: try node.float("beta", default: 0.5))
        case "HardSwish": try node.checkAttributes([]); self = .hardSwish
        case "Tanh": try node.checkAttributes([]); self = .tanh
        case "Erf": try node.checkAttributes([]); self = .erf
        case "Softplus": try node.checkAttributes([]); self = .softplus
        case "Softsign": try node.checkAttributes([]); self = .softsign
        case "Gelu":
            try node.checkAttributes(["approximate"])
            let approximate = try node.string("approximate", default: "none")
            guard approximate == "none" || approximate == "tanh" else {
                throw node.error(.invalidAttribute, "approximate must be 'none' or 'tanh', got '\(approximate)'")
            }
            self = .gelu(tanhApproximation: approximate == "tanh")
        default: throw node.error(.unsupportedOperator, "'\(node.opType)' is not an activation")
        }
    }

    /// The exact definition, in double precision (the general path, and the truth the fast path is tested against).
    func scalar(_ x: Double) -> Double {
        // NaN propagates (numpy's maximum/clip), except through ThresholdedRelu's comparison.
        if x.isNaN { return isThresholded ? 0 : x }
        switch self {
        case .relu: return x < 0 ? 0 : x
        case .leakyRelu(let alpha): return x < 0 ? Double(alpha) * x : x
        case .elu(let alpha): return x < 0 ? Double(alpha) * Foundation.expm1(x) : x
        case .selu(let alpha, let gamma): return Double(gamma) * (x <= 0 ? Double(alpha) * Foundation.expm1(x) : x)
        case .celu(let alpha): return Swift.max(0, x) + Swift.min(0, Double(alpha) * Foundation.expm1(x / Double(alpha)))
        case .thresholdedRelu(let alpha): return x > Double(alpha) ? x : 0
        case .sigmoid: return 1 / (1 + Foundation.exp(-x))
        case .hardSigmoid(let alpha, let beta): return Swift.max(0, Swift.min(1, Double(alpha) * x + Double(beta)))
        case .hardSwish: return x * Swift.max(0, Swift.min(1, x / 6 + 0.5))
        case .tanh: return Foundation.tanh(x)
        case .erf: return Foundation.erf(x)
        case .softplus: return Swift.max(x, 0) + Foundation.log1p(Foundation.exp(-Swift.abs(x)))
        case .softsign: return x / (1 + Swift.abs(x))
        case .gelu(let tanhApproximation):
            if tanhApproximation {
                return 0.5 * x * (1 + Foundation.tanh((2 / Double.pi).squareRoot() * (x + 0.044_715 * x * x * x)))
            }
            return 0.5 * x * (1 + Foundation.erf(x / 2.0.squareRoot()))
        }
    }

    private var isThresholded: Bool {
        if case .thresholdedRelu = self { return true }
        return false
    }

    /// Whether ``vector(_:)`` implements the function (otherwise float32 goes through ``scalar(_:)``).
    var isVectorized: Bool {
        switch self {
        case .erf, .softplus, .gelu(tanhApproximation: false): false
        default: true
        }
    }

    /// The float32 fast path for sixteen lanes.
    @inline(__always)
    func vector(_ x: SIMD16<Float>) -> SIMD16<Float> {
        let zero = SIMD16<Float>(repeating: 0)
        let one = SIMD16<Float>(repeating: 1)
        switch self {
        case .relu: return x.replacing(with: zero, where: x .< zero)
        case .leakyRelu(let alpha): return x.replacing(with: x * SIMD16(repeating: alpha), where: x .< zero)
        case .elu(let alpha): return x.replacing(with: ImageMath.expm1(x) * SIMD16(repeating: alpha), where: x .< zero)
        case .selu(let alpha, let gamma):
            let negative = ImageMath.expm1(x) * SIMD16(repeating: alpha)
            return x.replacing(with: negative, where: x .<= zero) * SIMD16(repeating: gamma)
        case .celu(let alpha):
            let negative = ImageMath.expm1(x / SIMD16(repeating: alpha)) * SIMD16(repeating: alpha)
            return x.replacing(with: negative, where: x .< zero)
        case .thresholdedRelu(let alpha): return zero.replacing(with: x, where: x .> SIMD16(repeating: alpha))
        case .sigmoid: return ImageMath.sigmoid(x)
        case .hardSigmoid(let alpha, let beta):
            let y = x * SIMD16(repeating: alpha) + SIMD16(repeating: beta)
            return y.replacing(with: zero, where: y .< zero).replacing(with: one, where: y .> one)
        case .hardSwish:
            var y = x * SIMD16(repeating: 1.0 / 6) + SIMD16(repeating: 0.5)
            y = y.replacing(with: zero, where: y .< zero).replacing(with: one, where: y .> one)
            return x * y
        case .tanh: return ImageMath.tanh(x)
        case .softsign: return x / (one + x.replacing(with: -x, where: x .< zero))
        case .gelu:
            let inner = (x + x * x * x * SIMD16(repeating: 0.044_715)) * SIMD16(repeating: 0.797_884_560_802_865_4)
            return x * SIMD16(repeating: 0.5) * (one + ImageMath.tanh(inner))
        case .erf, .softplus: return x  // not reached: isVectorized is false
        }
    }

    /// Applies the function to float32 values, through the SIMD path when there is one.
    func apply(_ input: UnsafeBufferPointer<Float>, to output: UnsafeMutableBufferPointer<Float>, threads: Int) {
        guard let source = input.baseAddress, let target = output.baseAddress else { return }
        let src = ImageKernels.Box(source), dst = ImageKernels.Pointer(target)
        let count = input.count
        let chunks = (count + 15) / 16
        let vectorized = isVectorized
        ImageKernels.forEach(count: chunks, threads: threads, costPerItem: vectorized ? 16 : 256) { range in
            let start = range.lowerBound * 16
            let end = Swift.min(count, range.upperBound * 16)
            if !vectorized {
                for i in start..<end { dst.base[i] = Float(scalar(Double(src.value[i]))) }
                return
            }
            var i = start
            while i + 16 <= end {
                let v = UnsafeRawPointer(src.value + i).loadUnaligned(as: SIMD16<Float>.self)
                UnsafeMutableRawPointer(dst.base + i).storeBytes(of: vector(v), as: SIMD16<Float>.self)
                i += 16
            }
            while i < end {
                dst.base[i] = vector(SIMD16(repeating: src.value[i]))[0]
                i += 1
            }
        }
    }
}

/// Runs an element-wise activation (`Relu`, `Sigmoid`, `Tanh`, …) on a floating-point tensor
/// (and, for `Relu`, on signed integer tensors).
struct ActivationKernel: OperatorKernel {
    let site: ImageKernelSite
    let function: ActivationFunction

    init(node: OperatorNode) throws(ONNXError) {
        site = ImageKernelSite(node)
        function = try ActivationFunction(node: node)
    }

    func run(_ inputs: [AnyTensor?], context: KernelContext) throws(ONNXError) -> [AnyTensor] {
        let x = try site.input(inputs, 0, "X")
        switch x.storage {
        case .float32(let t): return [AnyTensor(try applyFloat(t, threads: context.threads))]
        case .float64(let t):
            let f = function
            return [AnyTensor(try site.tensor(shape: t.shape, scalars: t.scalars.map { f.scalar($0) }))]
        #if !(os(macOS) && arch(x86_64))
        case .float16(let t):
            return [AnyTensor(try applyFloat(t.converted(to: Float.self), threads: context.threads).converted(to: Float16.self))]
        #endif
        default:
            guard function == .relu, x.dtype.isSignedInteger else {
                throw site.error(.unsupportedDType, "input dtype \(x.dtype) is not supported")
            }
            return [try x.applyNumeric(IntegerRelu(site: site), site: site)]
        }
    }

    /// The float32 path: SIMD chunks split across threads.
    func applyFloat(_ t: Tensor<Float>, threads: Int) throws(ONNXError) -> Tensor<Float> {
        let f = function
        let out: [Float] = t.withUnsafeBufferPointer { input in
            ImageKernels.makeScalars(count: input.count) { output in f.apply(input, to: output, threads: threads) }
        }
        return try site.tensor(shape: t.shape, scalars: out)
    }
}

/// `max(x, 0)` for integer tensors.
private struct IntegerRelu: ImageNumericOperation {
    let site: ImageKernelSite
    func callAsFunction<T: TensorNumeric>(_ tensor: Tensor<T>) throws(ONNXError) -> AnyTensor {
        AnyTensor(try site.tensor(shape: tensor.shape, scalars: tensor.scalars.map { $0 < T.zero ? T.zero : $0 }))
    }
}
