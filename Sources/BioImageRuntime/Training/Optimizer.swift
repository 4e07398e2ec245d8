import BioImageTensor
import Foundation

/// An update rule for trainable parameters (SGD, Adam, …), shared by every ``TrainableRuntime``.
public protocol Optimizer: Sendable {
    /// Updates `parameters` in place from their `gradients` (same names and shapes); parameters
    /// without a gradient are left unchanged.
    /// - Throws: ``RuntimeError/Code/trainingFailed`` when a gradient's shape differs from its parameter's.
    mutating func update(_ parameters: inout [String: Tensor<Float>], gradients: [String: Tensor<Float>]) throws(RuntimeError)
}

extension Optimizer {
    /// Applies `rule(index, parameter, gradient)` to every element of every parameter that has a gradient.
    static func forEachElement(_ parameters: inout [String: Tensor<Float>], _ gradients: [String: Tensor<Float>],
                               _ rule: (String, inout Tensor<Float>, Tensor<Float>) -> Void) throws(RuntimeError) {
        for name in parameters.keys.sorted() {
            guard let gradient = gradients[name], var parameter = parameters[name] else { continue }
            guard gradient.shape == parameter.shape else {
                throw RuntimeError(.trainingFailed, "gradient of '\(name)' has shape \(gradient.shape), the parameter \(parameter.shape)")
            }
            rule(name, &parameter, gradient)
            parameters[name] = parameter
        }
    }
}

/// Stochastic gradient descent with optional momentum and weight decay (PyTorch's `SGD`):
/// `v = μ·v + (g + λ·p)`, `p = p − η·v`.
public struct SGD: Optimizer {
    /// The step size η.
    public var learningRate: Float
    /// The momentum μ (0 disables it).
    public var momentum: Float
    /// The L2 weight decay λ.
    public var weightDecay: Float
    private var velocity: [String: [Float]] = [:]

    /// Creates the optimizer.
    public init(learningRate: Float, momentum: Float = 0, weightDecay: Float = 0) {
        self.learningRate = learningRate
        self.momentum = momentum
        self.weightDecay = weightDecay
    }

    public mutating func update(_ parameters: inout [String: Tensor<Float>], gradients: [String: Tensor<Float>]) throws(RuntimeError) {
        var velocity = self.velocity
        let (rate, mu, decay) = (learningRate, momentum, weightDecay)
        try Self.forEachElement(&parameters, gradients) { name, parameter, gradient in
            var v = velocity[name] ?? [Float](repeating: 0, count: parameter.count)
            parameter.withUnsafeMutableBufferPointer { p in
                gradient.withUnsafeBufferPointer { g in
                    for i in 0..<p.count {
                        v[i] = mu * v[i] + g[i] + decay * p[i]
                        p[i] -= rate * v[i]
                    }
                }
            }
            if mu != 0 { velocity[name] = v }
        }
        self.velocity = velocity
    }
}

/// Adam (Kingma & Ba 2015) with bias correction, as PyTorch's `Adam`:
/// `m = β₁m + (1−β₁)g`, `v = β₂v + (1−β₂)g²`, `p = p − η·m̂/(√v̂ + ε)`.
public struct Adam: Optimizer {
    /// The step size η.
    public var learningRate: Float
    /// The decay of the first moment β₁.
    public var beta1: Float
    /// The decay of the second moment β₂.
    public var beta2: Float
    /// The denominator's ε.
    public var epsilon: Float
    private var step = 0
    private var moments: [String: (m: [Float], v: [Float])] = [:]

    /// Creates the optimizer.
    public init(learningRate: Float = 1e-3, beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8) {
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
    }

    public mutating func update(_ parameters: inout [String: Tensor<Float>], gradients: [String: Tensor<Float>]) throws(RuntimeError) {
        step += 1
        var moments = self.moments
        let (rate, b1, b2, eps) = (learningRate, beta1, beta2, epsilon)
        let correction1 = 1 - Float(Foundation.pow(Double(b1), Double(step)))
        let correction2 = 1 - Float(Foundation.pow(Double(b2), Double(step)))
        try Self.forEachElement(&parameters, gradients) { name, parameter, gradient in
            var state = moments[name] ?? ([Float](repeating: 0, count: parameter.count), [Float](repeating: 0, count: parameter.count))
            parameter.withUnsafeMutableBufferPointer { p in
                gradient.withUnsafeBufferPointer { g in
                    for i in 0..<p.count {
                        state.m[i] = b1 * state.m[i] + (1 - b1) * g[i]
                        state.v[i] = b2 * state.v[i] + (1 - b2) * g[i] * g[i]
                        p[i] -= rate * (state.m[i] / correction1) / ((state.v[i] / correction2).squareRoot() + eps)
                    }
                }
            }
            moments[name] = state
        }
        self.moments = moments
    }
}
