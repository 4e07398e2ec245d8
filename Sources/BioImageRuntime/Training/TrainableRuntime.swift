import BioImageSpec
import BioImageTensor
import Foundation

/// A runtime that can also be fine-tuned: it exposes its trainable parameters, computes a loss and
/// its gradients on a batch of (input, target) pairs, and exports the updated weights.
///
/// The update rule lives outside the runtime, in an ``Optimizer``, so every adapter shares the
/// same SGD/Adam implementations and a training loop is engine-independent:
///
/// ```swift
/// guard var trainable = loaded.runtime as? any TrainableRuntime else { … }
/// var optimizer = Adam(learningRate: 1e-3)
/// for batch in batches {
///     let loss = try trainable.trainingStep(inputs: batch.inputs, targets: batch.targets,
///                                           loss: .meanSquaredError, optimizer: &optimizer)
/// }
/// let weights = try trainable.exportWeights()   // bytes of the same weight format, e.g. .onnx
/// ```
///
/// Inputs and targets are keyed like ``ModelRuntime/run(_:)``'s inputs and outputs: tensor id →
/// tensor in the described axis order, the batch along the `batch` axis. Preprocessing is the
/// caller's business (``PredictionPipeline`` applies it for prediction; for training, apply the
/// same processing to inputs and, where meaningful, targets).
public protocol TrainableRuntime: ModelRuntime {
    /// The trainable parameters, by name (for ONNX: initializer names), in a stable order.
    var parameterNames: [String] { get }

    /// The current value of every trainable parameter.
    func parameters() -> [String: Tensor<Float>]

    /// Replaces parameters by name (a subset is allowed).
    /// - Throws: ``RuntimeError/Code/trainingFailed`` for an unknown name or a shape change.
    mutating func setParameters(_ parameters: [String: Tensor<Float>]) throws(RuntimeError)

    /// Runs the network on `inputs`, compares the outputs named in `targets` with `loss`, and
    /// returns the loss value and its gradient with respect to every trainable parameter.
    ///
    /// - Throws: ``RuntimeError/Code/trainingFailed`` when an output and its target disagree in
    ///   shape, or the graph contains an operation without a gradient.
    func lossAndGradients(inputs: [String: AnyTensor], targets: [String: AnyTensor],
                          loss: TrainingLoss) throws(RuntimeError) -> (loss: Double, gradients: [String: Tensor<Float>])

    /// The weights with the current parameters, serialized in the format the runtime was loaded
    /// from, ready to be written as a package's weights file.
    func exportWeights() throws(RuntimeError) -> Data
}

extension TrainableRuntime {
    /// One step of gradient descent: computes the loss and gradients on the batch, lets
    /// `optimizer` update the parameters, and stores them. Returns the loss *before* the update.
    public mutating func trainingStep<O: Optimizer>(inputs: [String: AnyTensor], targets: [String: AnyTensor],
                                                    loss: TrainingLoss, optimizer: inout O) throws(RuntimeError) -> Double {
        let (value, gradients) = try lossAndGradients(inputs: inputs, targets: targets, loss: loss)
        var current = parameters()
        try optimizer.update(&current, gradients: gradients)
        try setParameters(current)
        return value
    }
}
