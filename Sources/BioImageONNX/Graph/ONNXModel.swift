import BioImageTensor
import Foundation

/// An ONNX model loaded into the pure-Swift interpreter, ready to run.
///
/// Loading decodes the protobuf file, checks the graph (undefined values, cycles), evaluates
/// constant sub-graphs once and builds a kernel for every node, so an unsupported operator or
/// attribute fails here, naming the node. Input sizes stay dynamic: nothing beyond the constants
/// is fixed at load. Intermediate tensors are freed after their last use.
///
/// The model is immutable and `Sendable`; ``run(_:threads:)`` may be called from several threads.
///
/// ```swift
/// let model = try ONNXModel(contentsOf: URL(fileURLWithPath: "unet.onnx"))
/// let outputs = try model.run([model.inputs[0].name: AnyTensor(image)], threads: 2)
/// ```
public struct ONNXModel: Sendable {
    /// The inputs the caller must provide (graph inputs without an initializer), in graph order.
    public let inputs: [ONNXValueInfo]
    /// Graph inputs that have an initializer default; the caller may override them by name.
    public let optionalInputs: [ONNXValueInfo]
    /// The graph outputs, in graph order.
    public let outputs: [ONNXValueInfo]
    /// The model's IR version.
    public let irVersion: Int
    /// The opset version of the default (`ai.onnx`) domain, or 0 when not imported.
    public let opsetVersion: Int
    /// The tool that wrote the model (`producer_name`, e.g. `pytorch`).
    public let producerName: String
    let plan: ExecutionPlan

    /// Loads a model from its serialized bytes.
    ///
    /// - Parameter externalDataDirectory: the folder external tensor files are relative to
    ///   (normally the model file's folder); `nil` makes externally stored tensors an error.
    /// - Throws: ``ONNXError``: `malformed` with the byte offset for a damaged file;
    ///   `unsupportedOperator` / `invalidAttribute` naming the node for what this runtime cannot run;
    ///   `invalidGraph` for cycles and undefined values; `externalData` for unreadable weight files.
    public init(data: Data, externalDataDirectory: URL? = nil) throws(ONNXError) {
        try self.init(bytes: [UInt8](data), externalData: externalDataDirectory.map(ExternalDataSource.directory))
    }

    /// Loads a model whose external tensor files are already in memory, keyed by their location
    /// (the file name written in the model).
    public init(data: Data, externalDataFiles: [String: Data]) throws(ONNXError) {
        try self.init(bytes: [UInt8](data), externalData: .files(externalDataFiles))
    }

    /// Loads the model file at `url`; external tensor files are read from its folder.
    public init(contentsOf url: URL) throws(ONNXError) {
        let data: Data
        do { data = try Data(contentsOf: url, options: .alwaysMapped) } catch {
            throw ONNXError(.invalidInput, "cannot read \(url.path): \(error.localizedDescription)")
        }
        try self.init(data: data, externalDataDirectory: url.deletingLastPathComponent())
    }

    /// Loads a model from bytes with the given external data source; `customOperators` are
    /// consulted (by `opType`) before the built-in operators.
    package init(bytes: [UInt8], externalData: ExternalDataSource?, customOperators: [String: KernelFactory] = [:]) throws(ONNXError) {
        let proto = try ModelProto(serialized: bytes)
        let built = try GraphBuilder(model: proto, externalData: externalData, customOperators: customOperators).build()
        inputs = built.inputs
        optionalInputs = built.optionalInputs
        outputs = built.outputs
        irVersion = Int(truncatingIfNeeded: proto.irVersion)
        opsetVersion = proto.opset(for: "") ?? 0
        producerName = proto.producerName
        plan = built.plan
    }

    /// The number of nodes left to run per call, after constant folding and fusion.
    public var nodeCount: Int { plan.steps.count }

    /// Runs the model.
    ///
    /// - Parameters:
    ///   - inputs: a tensor for every name in ``inputs`` (and optionally for ``optionalInputs``).
    ///   - threads: the threads kernels may split work across; `nil` uses every core.
    /// - Returns: every graph output, by name.
    /// - Throws: ``ONNXError/Code/invalidInput`` for an unknown or missing input name, a dtype
    ///   other than the declared one, or a rank or fixed size that differs from the declaration;
    ///   kernel errors naming the node otherwise.
    public func run(_ inputs: [String: AnyTensor], threads: Int? = nil) throws(ONNXError) -> [String: AnyTensor] {
        for name in inputs.keys.sorted() where plan.inputSlots[name] == nil {
            throw ONNXError(.invalidInput, "'\(name)' is not an input of the model (inputs: \(self.inputs.map(\.name)))")
        }
        for declared in self.inputs + optionalInputs {
            guard let value = inputs[declared.name] else {
                if self.inputs.contains(where: { $0.name == declared.name }) {
                    throw ONNXError(.invalidInput, "missing input '\(declared.name)' (\(declared))")
                }
                continue
            }
            try Self.check(value, against: declared)
        }
        let context = KernelContext(threads: threads ?? ProcessInfo.processInfo.activeProcessorCount)
        return try plan.execute(inputs, context: context)
    }

    /// One node's share of a profiled run.
    package struct StepTiming: Sendable {
        /// The node's name and operator.
        package var node: String
        package var opType: String
        /// Wall-clock seconds.
        package var seconds: Double
    }

    /// Runs like ``run(_:threads:)`` and also returns each remaining node's wall-clock time, in run order.
    package func profile(_ inputs: [String: AnyTensor], threads: Int? = nil) throws(ONNXError) -> (outputs: [String: AnyTensor], steps: [StepTiming]) {
        for declared in self.inputs {
            guard let value = inputs[declared.name] else { throw ONNXError(.invalidInput, "missing input '\(declared.name)' (\(declared))") }
            try Self.check(value, against: declared)
        }
        var seconds = [Double](repeating: 0, count: plan.steps.count)
        let context = KernelContext(threads: threads ?? ProcessInfo.processInfo.activeProcessorCount)
        let outputs = try seconds.withUnsafeMutableBufferPointer { buffer throws(ONNXError) in
            try plan.execute(inputs, context: context, timings: buffer)
        }
        let steps = zip(plan.steps, seconds).map { StepTiming(node: $0.node, opType: $0.opType, seconds: $1) }
        return (outputs, steps)
    }

    /// Checks a value's dtype, rank and fixed sizes against its declaration.
    static func check(_ value: AnyTensor, against declared: ONNXValueInfo) throws(ONNXError) {
        if declared.elementTypeName != "UNDEFINED" {
            guard let expected = declared.elementType else {
                throw ONNXError(.unsupportedDType, "input '\(declared.name)' is declared \(declared.elementTypeName), which this runtime does not support")
            }
            guard value.dtype == expected else {
                throw ONNXError(.invalidInput, "input '\(declared.name)' has dtype \(value.dtype), the model declares \(declared.elementTypeName) (\(expected))")
            }
        }
        guard let shape = declared.shape else { return }
        let actual = value.shape
        guard actual.count == shape.count else {
            throw ONNXError(.invalidInput, "input '\(declared.name)' has rank \(actual.count) (shape \(actual)), the model declares rank \(shape.count) \(shape.map(\.description))")
        }
        for (axis, dimension) in shape.enumerated() {
            if case .fixed(let size) = dimension, size != actual[axis] {
                throw ONNXError(.invalidInput, "input '\(declared.name)' has size \(actual[axis]) along axis \(axis), the model requires \(size) (shape \(actual) vs \(shape.map(\.description)))")
            }
        }
    }
}
