import BioImageSpec

/// Picks the adapter for a model: by the weight formats the description has, the user's order of
/// preference, and the registered adapters.
///
/// Without a preference the weight formats are tried in bioimageio.core's order
/// (``defaultFormatPriority``); the first format present in the description **and** loadable by a
/// registered adapter wins. If every candidate fails, the error lists each failure.
///
/// ```swift
/// var registry = RuntimeRegistry()
/// registry.register(ONNXAdapter())
/// let (runtime, format) = try registry.load(model)
/// ```
public struct RuntimeRegistry: Sendable {
    /// The registered adapters, most preferred first.
    public private(set) var adapters: [any RuntimeAdapter]

    /// bioimageio.core's weight-format priority when none is requested.
    public static let defaultFormatPriority: [WeightsFormat] = [
        .pytorchStateDict, .tensorflowSavedModelBundle, .torchscript, .onnx, .kerasV3, .kerasHDF5,
    ]

    /// Creates a registry with the given adapters (most preferred first).
    public init(_ adapters: [any RuntimeAdapter] = []) {
        self.adapters = adapters
    }

    /// Adds an adapter; a `preferred` one is tried before those already registered.
    public mutating func register(_ adapter: any RuntimeAdapter, preferred: Bool = false) {
        if preferred { adapters.insert(adapter, at: 0) } else { adapters.append(adapter) }
    }

    /// The adapters that accept `format`, in preference order.
    public func adapters(for format: WeightsFormat) -> [any RuntimeAdapter] {
        adapters.filter { $0.weightFormats.contains(format) }
    }

    /// The weight formats of `model` that some adapter accepts, in the order they would be tried.
    public func candidateFormats(for model: ModelDescription, preference: [WeightsFormat] = []) -> [WeightsFormat] {
        let present = model.weights.formats
        var order = preference.isEmpty ? Self.defaultFormatPriority : preference
        if preference.isEmpty {
            order += WeightsFormat.allCases.filter { !order.contains($0) }
        }
        return order.filter { present.contains($0) && !adapters(for: $0).isEmpty }
    }

    /// Loads `model` with the first weight format and adapter that work.
    ///
    /// - Parameters:
    ///   - weightFormat: load exactly this format (an error if absent or no adapter takes it).
    ///   - preference: formats to try, in order, when `weightFormat` is `nil`; empty means
    ///     ``defaultFormatPriority``.
    /// - Returns: the runtime, the format it loaded and the adapter that loaded it.
    /// - Throws: ``RuntimeError/Code/missingWeights`` / ``RuntimeError/Code/noAdapter`` when nothing
    ///   can be tried, else the adapters' errors joined.
    public func load(_ model: PreparedModel, weightFormat: WeightsFormat? = nil, preference: [WeightsFormat] = [],
                     options: RuntimeOptions = RuntimeOptions()) throws(RuntimeError) -> LoadedRuntime {
        let name = model.displayName
        let formats: [WeightsFormat]
        if let weightFormat {
            guard model.description.weights[weightFormat] != nil else {
                throw RuntimeError(.missingWeights, "the description has no '\(weightFormat.rawValue)' weights (it has \(model.description.weights.formats.map(\.rawValue)))", model: name)
            }
            formats = [weightFormat]
        } else {
            formats = candidateFormats(for: model.description, preference: preference)
        }
        var failures: [String] = []
        for format in formats {
            guard let entry = model.description.weights[format] else { continue }
            let candidates = adapters(for: format)
            if candidates.isEmpty { failures.append("\(format.rawValue): no registered adapter") }
            for adapter in candidates {
                do {
                    let runtime = try adapter.load(model, weights: entry, options: options)
                    return LoadedRuntime(runtime: runtime, weightFormat: format, adapterName: adapter.name)
                } catch {
                    failures.append("\(format.rawValue) (\(adapter.name)): \(error)")
                }
            }
        }
        if failures.isEmpty {
            throw RuntimeError(.noAdapter, "no registered adapter accepts any of the weight formats \(model.description.weights.formats.map(\.rawValue)) (adapters: \(adapters.map(\.name)))", model: name)
        }
        throw RuntimeError(formats.count == 1 && failures.count == 1 && failures[0].hasSuffix("no registered adapter") ? .noAdapter : .loadFailed,
                           failures.joined(separator: "; "), model: name)
    }
}

/// A runtime loaded by a ``RuntimeRegistry``, with the format and adapter that loaded it.
public struct LoadedRuntime: Sendable {
    /// The loaded network.
    public var runtime: any ModelRuntime
    /// The weight format it was loaded from.
    public var weightFormat: WeightsFormat
    /// The adapter's ``RuntimeAdapter/name``.
    public var adapterName: String
}
