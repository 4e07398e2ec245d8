import BioImageTensor
import Foundation

/// Vectorised elementary functions for the float32 activation kernels.
///
/// `exp` is BioImageTensor's `FastMath.exp` (Cephes-style, ≤ 2 ulp over normal results, NaN
/// propagates). `tanh` uses an odd polynomial below |x| = 0.625 (no cancellation near zero) and
/// 1 − 2/(e^{2|x|} + 1) above. Scalars go through the same SIMD code so tails match bodies.
enum ImageMath {
    /// eˣ (BioImageTensor's vectorised Cephes-style `exp`, ≤ 2 ulp over normal results).
    @inline(__always)
    static func exp(_ x: SIMD16<Float>) -> SIMD16<Float> { FastMath.exp(x) }

    /// eˣ − 1, accurate near zero (a Taylor polynomial below |x| = 0.25).
    @inline(__always)
    static func expm1(_ x: SIMD16<Float>) -> SIMD16<Float> {
        let big = exp(x) - SIMD16(repeating: 1)
        var p = SIMD16<Float>(repeating: 1.0 / 5040)
        p = p * x + SIMD16(repeating: 1.0 / 720)
        p = p * x + SIMD16(repeating: 1.0 / 120)
        p = p * x + SIMD16(repeating: 1.0 / 24)
        p = p * x + SIMD16(repeating: 1.0 / 6)
        p = p * x + SIMD16(repeating: 0.5)
        let small = (p * x + SIMD16(repeating: 1)) * x
        let magnitude = x.replacing(with: -x, where: x .< 0)
        return big.replacing(with: small, where: magnitude .< 0.25)
    }

    /// The logistic function 1 / (1 + e⁻ˣ).
    @inline(__always)
    static func sigmoid(_ x: SIMD16<Float>) -> SIMD16<Float> {
        let one = SIMD16<Float>(repeating: 1)
        return one / (one + exp(-x))
    }

    /// The hyperbolic tangent.
    @inline(__always)
    static func tanh(_ x: SIMD16<Float>) -> SIMD16<Float> {
        let negative = x .< 0
        let a = x.replacing(with: -x, where: negative)
        let one = SIMD16<Float>(repeating: 1)
        let e = exp(a * SIMD16(repeating: 2))
        var large = one - SIMD16(repeating: 2) / (e + one)
        large = large.replacing(with: -large, where: negative)
        let z = x * x
        var p = SIMD16<Float>(repeating: -5.704_988_727_45e-3)
        p = p * z + SIMD16(repeating: 2.063_908_879_54e-2)
        p = p * z + SIMD16(repeating: -5.373_971_555_31e-2)
        p = p * z + SIMD16(repeating: 1.333_144_220_36e-1)
        p = p * z + SIMD16(repeating: -3.333_328_194_22e-1)
        let small = p * z * x + x
        return large.replacing(with: small, where: a .< 0.625).replacing(with: x, where: x .!= x)
    }
}
