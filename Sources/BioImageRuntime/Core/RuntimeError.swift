import BioImageTensor

/// An error preparing or running a model: what went wrong, and for which model, tensor and axis.
///
/// Codes are an open set (like swift-system's `Errno`), so adding one is not a breaking change.
///
/// ```swift
/// do { let outputs = try pipeline.predict(sample) }
/// catch let error as RuntimeError where error.code == .invalidSize { print(error) }
/// // model 'unet2d' input 'raw' axis 'x': size 100 is not valid; valid sizes are 64 + n·16 (64, 80, 96, 112, …)
/// ```
public struct RuntimeError: Error, Sendable, Hashable, CustomStringConvertible {
    /// An open set of error kinds.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        /// The stable, kebab-case identifier of the kind.
        public var rawValue: String
        /// Creates a code from its identifier.
        public init(rawValue: String) { self.rawValue = rawValue }
        /// The identifier.
        public var description: String { rawValue }

        /// No registered adapter accepts any of the model's weight formats (or the requested one).
        public static let noAdapter = Code(rawValue: "no-adapter")
        /// The requested weight format is not in the description.
        public static let missingWeights = Code(rawValue: "missing-weights")
        /// An adapter could not load the weights (unreadable file, unsupported operator, …).
        public static let loadFailed = Code(rawValue: "load-failed")
        /// The model description cannot be run (invalid, not a model, unsupported processing step).
        public static let unsupportedModel = Code(rawValue: "unsupported-model")
        /// A processing step cannot be run as described.
        public static let unsupportedStep = Code(rawValue: "unsupported-step")
        /// A sample is missing a tensor the model needs.
        public static let missingTensor = Code(rawValue: "missing-tensor")
        /// A tensor's axes do not match the description (count, ids, order).
        public static let axisMismatch = Code(rawValue: "axis-mismatch")
        /// A tensor's size along an axis is not one the description allows.
        public static let invalidSize = Code(rawValue: "invalid-size")
        /// A tensor has a data type the step or the model cannot take.
        public static let invalidDType = Code(rawValue: "invalid-dtype")
        /// A tile (block) shape is not valid for the model or the sample.
        public static let invalidTiling = Code(rawValue: "invalid-tiling")
        /// The runtime failed while running the network.
        public static let executionFailed = Code(rawValue: "execution-failed")
        /// A tensor operation failed (the underlying ``TensorError`` is in the message).
        public static let tensor = Code(rawValue: "tensor")
        /// Training is not possible (unsupported loss, shape mismatch between prediction and target, …).
        public static let trainingFailed = Code(rawValue: "training-failed")
        /// Reading a package file (weights, test tensors) failed.
        public static let resource = Code(rawValue: "resource")
        /// The run was cancelled by the caller.
        public static let cancelled = Code(rawValue: "cancelled")
    }

    /// The kind of error.
    public var code: Code
    /// What went wrong.
    public var message: String
    /// The model's name or id, when known.
    public var model: String?
    /// The tensor id, when the error concerns one tensor.
    public var tensor: String?
    /// The axis id, when the error concerns one axis.
    public var axis: String?

    /// Creates an error.
    public init(_ code: Code, _ message: String, model: String? = nil, tensor: String? = nil, axis: String? = nil) {
        self.code = code
        self.message = message
        self.model = model
        self.tensor = tensor
        self.axis = axis
    }

    /// Wraps a tensor error, keeping its message.
    public init(_ error: TensorError, model: String? = nil, tensor: String? = nil, axis: String? = nil) {
        self.init(.tensor, String(describing: error), model: model, tensor: tensor, axis: axis)
    }

    /// The same error with the model name filled in (when not already set).
    public func inModel(_ name: String) -> RuntimeError {
        var copy = self
        if copy.model == nil { copy.model = name }
        return copy
    }

    /// `model 'm' tensor 'raw' axis 'x': message`.
    public var description: String {
        var location: [String] = []
        if let model { location.append("model '\(model)'") }
        if let tensor { location.append("tensor '\(tensor)'") }
        if let axis { location.append("axis '\(axis)'") }
        return location.isEmpty ? message : location.joined(separator: " ") + ": " + message
    }
}
