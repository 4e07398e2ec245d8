import BioImageRuntime
import BioImageSpec
import BioImageTensor
import Foundation

/// Runs a model's `onnx` weights with the pure-Swift ONNX interpreter (``ONNXModel``).
///
/// Binds like bioimageio.core's ONNX adapter: description input *k* feeds the graph's input *k*
/// (inputs with an initializer default are not counted), description output *k* is the graph's
/// output *k*; extra graph outputs are dropped. Threads come from ``RuntimeOptions/threads``.
///
/// ```swift
/// var registry = RuntimeRegistry()
/// registry.register(ONNXRuntimeAdapter())
/// let loaded = try registry.load(model)
/// let outputs = try loaded.runtime.run(["raw": input])
/// ```
public struct ONNXRuntimeAdapter: RuntimeAdapter {
    /// Creates the adapter.
    public init() {}

    /// `"bioimageio-onnx"`.
    public var name: String { "bioimageio-onnx" }

    /// `[.onnx]`.
    public var weightFormats: [WeightsFormat] { [.onnx] }

    /// Reads the weights file (and its external data file, when the entry has one) through the
    /// model's reader, checking their SHA-256, and builds the interpreter.
    ///
    /// - Throws: ``RuntimeError/Code/resource`` when a file cannot be read or its hash differs;
    ///   ``RuntimeError/Code/loadFailed`` naming the node and operator when the graph cannot be
    ///   loaded, or when its inputs/outputs cannot be bound to the description's tensors.
    /// Load errors leave ``RuntimeError/model`` empty: ``RuntimeRegistry`` names the model once when it
    /// reports them.
    public func load(_ model: PreparedModel, weights: WeightsEntry, options: RuntimeOptions) throws(RuntimeError) -> any ModelRuntime {
        let modelName = model.displayName
        let data: Data
        do { data = try model.reader.contents(of: weights.source, sha256: weights.sha256) } catch {
            throw RuntimeError(.resource, "cannot read the onnx weights '\(weights.source)': \(error)")
        }
        var external: [String: Data] = [:]
        if case .onnx(_, let externalData?) = weights.details {
            do {
                let bytes = try model.reader.contents(of: externalData.source, sha256: externalData.sha256)
                external[externalData.source] = bytes
                if let base = externalData.source.split(separator: "/").last { external[String(base)] = bytes }
            } catch {
                throw RuntimeError(.resource, "cannot read the onnx external data '\(externalData.source)': \(error)")
            }
        }
        let network: ONNXModel
        do { network = try ONNXModel(bytes: [UInt8](data), externalData: .files(external)) } catch {
            throw RuntimeError(.loadFailed, "onnx weights '\(weights.source)': \(error)")
        }
        let inputIDs = model.description.inputs.map(\.id)
        let outputIDs = model.description.outputs.map(\.id)
        guard inputIDs.count == network.inputs.count else {
            throw RuntimeError(.loadFailed, "the description has \(inputIDs.count) inputs \(inputIDs), the onnx graph needs \(network.inputs.count) \(network.inputs.map(\.name))")
        }
        guard outputIDs.count <= network.outputs.count else {
            throw RuntimeError(.loadFailed, "the description has \(outputIDs.count) outputs \(outputIDs), the onnx graph produces only \(network.outputs.count) \(network.outputs.map(\.name))")
        }
        return ONNXModelRuntime(network: network, modelName: modelName, inputs: Array(zip(inputIDs, network.inputs)),
                                outputs: Array(zip(outputIDs, network.outputs.prefix(outputIDs.count).map(\.name))), threads: options.threads)
    }
}

/// A loaded ONNX graph bound to a description's tensor ids.
struct ONNXModelRuntime: ModelRuntime {
    let network: ONNXModel
    let modelName: String
    /// Description input id and the graph input it feeds, by position.
    let inputs: [(id: String, graph: ONNXValueInfo)]
    /// Description output id and the graph output it reads, by position.
    let outputs: [(id: String, graph: String)]
    let threads: Int?

    func run(_ tensors: [String: AnyTensor]) throws(RuntimeError) -> [String: AnyTensor] {
        var feed: [String: AnyTensor] = [:]
        for (id, graph) in inputs {
            guard let tensor = tensors[id] else {
                throw RuntimeError(.missingTensor, "no tensor for input '\(id)' (given \(tensors.keys.sorted()))", model: modelName, tensor: id)
            }
            if let expected = graph.elementType, tensor.dtype != expected {
                throw RuntimeError(.invalidDType, "the onnx graph input '\(graph.name)' takes \(expected), got \(tensor.dtype)", model: modelName, tensor: id)
            }
            do { try ONNXModel.check(tensor, against: graph) } catch {
                throw RuntimeError(.invalidSize, "onnx graph input '\(graph.name)': \(error.message)", model: modelName, tensor: id)
            }
            feed[graph.name] = tensor
        }
        let results: [String: AnyTensor]
        do { results = try network.run(feed, threads: threads) } catch {
            throw RuntimeError(.executionFailed, "\(error)", model: modelName)
        }
        var outputTensors: [String: AnyTensor] = [:]
        for (id, graph) in outputs {
            guard let value = results[graph] else {
                throw RuntimeError(.executionFailed, "the onnx graph did not produce '\(graph)'", model: modelName, tensor: id)
            }
            outputTensors[id] = value
        }
        return outputTensors
    }
}
