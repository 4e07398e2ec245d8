import BioImageTensor
import Foundation

/// A loss comparing a network output with its target, averaged over every element and every
/// output named in the targets.
public enum TrainingLoss: String, Sendable, Hashable, CaseIterable {
    /// `mean((y − t)²)`.
    case meanSquaredError = "mse"
    /// `mean(|y − t|)`; the gradient at `y = t` is taken as 0.
    case meanAbsoluteError = "mae"
    /// `mean(−t·log(y) − (1 − t)·log(1 − y))` for outputs in (0, 1); `y` is clamped to
    /// `[1e-7, 1 − 1e-7]` so the log stays finite.
    case binaryCrossEntropy = "bce"

    /// The loss of `prediction` against `target` (same shape) and its gradient with respect to
    /// `prediction`, both in float32 with Double accumulation.
    ///
    /// - Throws: ``RuntimeError/Code/trainingFailed`` when the shapes differ.
    public func evaluate(prediction: Tensor<Float>, target: Tensor<Float>) throws(RuntimeError) -> (value: Double, gradient: Tensor<Float>) {
        guard prediction.shape == target.shape else {
            throw RuntimeError(.trainingFailed, "\(rawValue): prediction shape \(prediction.shape) differs from target shape \(target.shape)")
        }
        let count = prediction.count
        guard count > 0 else { return (0, prediction) }
        let scale = 1 / Float(count)
        var total = 0.0
        var gradient = [Float](repeating: 0, count: count)
        prediction.withUnsafeBufferPointer { y in
            target.withUnsafeBufferPointer { t in
                gradient.withUnsafeMutableBufferPointer { g in
                    for i in 0..<count {
                        let difference = y[i] - t[i]
                        switch self {
                        case .meanSquaredError:
                            total += Double(difference * difference)
                            g[i] = 2 * difference * scale
                        case .meanAbsoluteError:
                            total += Double(abs(difference))
                            g[i] = difference > 0 ? scale : (difference < 0 ? -scale : 0)
                        case .binaryCrossEntropy:
                            let p = min(max(y[i], 1e-7), 1 - 1e-7)
                            total += -Double(t[i]) * Foundation.log(Double(p)) - Double(1 - t[i]) * Foundation.log(Double(1 - p))
                            g[i] = (p - t[i]) / (p * (1 - p)) * scale
                        }
                    }
                }
            }
        }
        let gradientTensor: Tensor<Float>
        do { gradientTensor = try Tensor(shape: prediction.shape, scalars: gradient) } catch { throw RuntimeError(error) }
        return (total / Double(count), gradientTensor)
    }
}
