/// An element-wise activation applied while a GEMM or convolution writes its output.
///
/// ``ConvActivationFusion`` records it on a `Conv` node as the internal attributes
/// `_activation` (the operator name) and `_activation_alpha` (its float parameters); the Conv
/// kernel applies it in the epilogue, so the activation costs no extra pass over memory.
/// NaN inputs stay NaN, as in the standalone operators.
package enum FusedActivation: Sendable, Hashable {
    /// No activation.
    case identity
    /// `max(x, 0)`.
    case relu
    /// `x < 0 ? alpha·x : x`.
    case leakyRelu(alpha: Float)
    /// `1 / (1 + e^-x)`.
    case sigmoid
    /// `min(max(x, low), high)`.
    case clip(low: Float, high: Float)
    /// The hyperbolic tangent.
    case tanh

    /// The internal attribute carrying the operator name.
    package static let nameAttribute = "_activation"
    /// The internal attribute carrying the float parameters.
    package static let parametersAttribute = "_activation_alpha"

    /// Decodes the internal attributes (`nil` name: no activation).
    /// - Returns: `nil` for an unknown name or the wrong number of parameters.
    package init?(name: String?, parameters: [Float]) {
        switch (name, parameters.count) {
        case (nil, _): self = .identity
        case ("Relu", 0): self = .relu
        case ("LeakyRelu", 1): self = .leakyRelu(alpha: parameters[0])
        case ("Sigmoid", 0): self = .sigmoid
        case ("Clip", 2): self = .clip(low: parameters[0], high: parameters[1])
        case ("Tanh", 0): self = .tanh
        default: return nil
        }
    }

    /// The operator name and parameters for the internal attributes.
    package var encoded: (name: String, parameters: [Float])? {
        switch self {
        case .identity: nil
        case .relu: ("Relu", [])
        case .leakyRelu(let alpha): ("LeakyRelu", [alpha])
        case .sigmoid: ("Sigmoid", [])
        case .clip(let low, let high): ("Clip", [low, high])
        case .tanh: ("Tanh", [])
        }
    }

    /// Applies the activation to eight lanes.
    @inline(__always)
    func apply(_ v: SIMD8<Float>) -> SIMD8<Float> {
        switch self {
        case .identity: return v
        case .relu: return v.replacing(with: 0, where: v .< 0)
        case .leakyRelu(let alpha): return v.replacing(with: v * alpha, where: v .< 0)
        case .sigmoid: return 1 / (1 + FusedActivation.exp(-v))
        case .clip(let low, let high):
            let lowered = v.replacing(with: low, where: v .< low)
            return lowered.replacing(with: high, where: lowered .> high)
        case .tanh:
            // tanh|x| = (1 - e^-2|x|) / (1 + e^-2|x|), sign restored afterwards.
            let magnitude = v.replacing(with: -v, where: v .< 0)
            let e = FusedActivation.exp(-2 * magnitude)
            let t = (1 - e) / (1 + e)
            return t.replacing(with: -t, where: v .< 0).replacing(with: v, where: v .!= v)
        }
    }

    /// Applies the activation to one value.
    @inline(__always)
    func apply(_ x: Float) -> Float {
        apply(SIMD8<Float>(repeating: x))[0]
    }

    /// `e^x` for eight lanes: range reduction by `ln 2` and a degree-6 polynomial (relative error
    /// below 2e-7 on `[-87, 88]`; saturates outside, NaN stays NaN).
    @inline(__always)
    static func exp(_ x: SIMD8<Float>) -> SIMD8<Float> {
        let clamped = x.replacing(with: 88, where: x .> 88)
            .replacing(with: -87.3365478515625, where: x .< -87.3365478515625)
        // n = round(x / ln 2) with the 1.5·2^23 trick (no SSE4.1 rounding instruction needed).
        let magic: Float = 12_582_912
        let n = (clamped * 1.44269504088896341 + magic) - magic
        let r = (clamped - n * 0.693359375) - n * -2.12194440e-4
        var p = SIMD8<Float>(repeating: 1.9875691500e-4)
        p = p * r + 1.3981999507e-3
        p = p * r + 8.3334519073e-3
        p = p * r + 4.1665795894e-2
        p = p * r + 1.6666665459e-1
        p = p * r + 5.0000001201e-1
        p = p * (r * r) + r + 1
        let bits = (SIMD8<Int32>(n, rounding: .towardZero) &+ 127) &<< 23
        let scaled = p * unsafeBitCast(bits, to: SIMD8<Float>.self)
        return scaled.replacing(with: x, where: x .!= x)
    }
}
