import BioImageSpec
import BioImageTensor

/// A loaded network, ready to run: what an adapter (ONNX Runtime, CoreML, TorchScript, the built-in
/// ONNX interpreter, …) returns from ``RuntimeAdapter/load(_:weights:options:)``.
///
/// The pipeline hands a runtime the model's inputs after preprocessing, keyed by the description's
/// tensor ids, each already in the description's axis order and data type; the runtime returns
/// the raw outputs keyed by output id, in the described axis order. Binding ids to the engine's
/// own input names (bioimageio.core binds by position) is the runtime's business.
///
/// A runtime must be safe to call from several threads, or serialize calls itself.
public protocol ModelRuntime: Sendable {
    /// Runs the network once.
    ///
    /// - Parameter inputs: tensor id → tensor, in the described axis order and dtype.
    /// - Returns: output id → tensor, one entry per described output, in the described axis order.
    /// - Throws: ``RuntimeError`` naming the tensor when a shape or dtype is refused or the engine
    ///   fails.
    func run(_ inputs: [String: AnyTensor]) throws(RuntimeError) -> [String: AnyTensor]

    /// Frees the engine's resources early (weights, sessions); the runtime must not be used after.
    /// The default does nothing.
    func release()
}

extension ModelRuntime {
    /// Does nothing.
    public func release() {}
}

/// Options for loading a model into a runtime.
public struct RuntimeOptions: Sendable, Hashable {
    /// The number of threads the engine may use; `nil` lets it choose (usually all cores).
    public var threads: Int?
    /// Devices to run on, in preference order (`"cpu"`, `"cuda:0"`, …); empty lets the engine choose.
    public var devices: [String]

    /// Creates options.
    public init(threads: Int? = nil, devices: [String] = []) {
        self.threads = threads
        self.devices = devices
    }
}

/// An adapter between the SDK and one inference engine: it names the weight formats it can load
/// and loads them into a ``ModelRuntime``.
///
/// ```swift
/// struct MyCoreMLAdapter: RuntimeAdapter {
///     var name: String { "coreml" }
///     var weightFormats: [WeightsFormat] { [.onnx] }
///     func load(_ model: PreparedModel, weights: WeightsEntry, options: RuntimeOptions) throws(RuntimeError) -> any ModelRuntime { … }
/// }
/// var registry = RuntimeRegistry.standard
/// registry.register(MyCoreMLAdapter(), preferred: true)
/// ```
public protocol RuntimeAdapter: Sendable {
    /// A short name for reports (`"onnx-swift"`, `"onnxruntime"`).
    var name: String { get }
    /// The weight formats this adapter loads.
    var weightFormats: [WeightsFormat] { get }
    /// Loads one weights entry of `model`, reading its files through ``PreparedModel/reader``.
    ///
    /// - Throws: ``RuntimeError`` (``RuntimeError/Code/loadFailed`` for an unreadable or unsupported
    ///   file, naming the operator or layer).
    func load(_ model: PreparedModel, weights: WeightsEntry, options: RuntimeOptions) throws(RuntimeError) -> any ModelRuntime
}
