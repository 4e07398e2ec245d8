import BioImageYAML

/// A weights format a model can ship (the keys of `weights`).
public enum WeightsFormat: String, Sendable, Codable, Hashable, CaseIterable {
    /// Keras HDF5 (`.h5`).
    case kerasHDF5 = "keras_hdf5"
    /// Keras 3 (`.keras`).
    case kerasV3 = "keras_v3"
    /// ONNX.
    case onnx
    /// A PyTorch state dict plus the architecture that loads it.
    case pytorchStateDict = "pytorch_state_dict"
    /// TensorFlow.js (a zip of the multi-file weights).
    case tensorflowJS = "tensorflow_js"
    /// A TensorFlow SavedModel bundle (a zip).
    case tensorflowSavedModelBundle = "tensorflow_saved_model_bundle"
    /// TorchScript.
    case torchscript
}

/// The weights of a model: at most one entry per format (notes §a.7).
public struct WeightsDescription: Sendable, Codable, Hashable {
    /// The entries, in the reference's format order.
    public var entries: [WeightsEntry]

    /// Creates a weights description (one entry per format).
    public init(entries: [WeightsEntry]) {
        self.entries = entries
    }

    /// The entry of `format`, if present.
    public subscript(format: WeightsFormat) -> WeightsEntry? { entries.first { $0.format == format } }

    /// The formats present.
    public var formats: [WeightsFormat] { entries.map(\.format) }

    static func validate(_ node: YAMLNode, at path: FieldPath, context: ValidationContext) -> WeightsDescription? {
        guard var reader = MappingReader(node, at: path, typeName: "WeightsDescr", context: context) else { return nil }
        var entries: [WeightsEntry] = []
        for format in WeightsFormat.allCases {
            if let entry = reader.optional(format.rawValue, { WeightsEntry.validate($0, at: $1, format: format, context: context) }) {
                entries.append(entry)
            }
        }
        reader.rejectUnknownKeys()
        guard reader.isValid else { return nil }
        guard !entries.isEmpty else {
            ModelSupport.valueError("Missing weights entry", at: path, node: node, context)
            return nil
        }
        let withoutParent = entries.filter { $0.parent == nil }.count
        if withoutParent != 1 {
            context.warning("Exactly one weights entry may not specify the `parent` field (got \(withoutParent)). That entry is considered the original set of model weights. Other weight formats are created through conversion of the orignal or already converted weights. They have to reference the weights format they were converted from as their `parent`.",
                            at: path, node: node)
        }
        let present = Set(entries.map(\.format.rawValue))
        for entry in entries {
            if let parent = entry.parent, !present.contains(parent.rawValue) {
                ModelSupport.valueError("`weights.\(entry.format.rawValue).parent=\(parent.rawValue) not in specified weight formats: \(ModelSupport.pythonSet(present))",
                                        at: path, node: node[entry.format.rawValue]?["parent"] ?? node, context)
                return nil
            }
        }
        return WeightsDescription(entries: entries)
    }
}

/// One weights entry: the file, its provenance, and the format's own fields.
public struct WeightsEntry: Sendable, Codable, Hashable {
    /// The file (reserved description names are not allowed).
    public var source: String
    /// Its SHA-256, if given.
    public var sha256: String?
    /// Who trained (original entry) or converted (child entry) the weights.
    public var authors: [Author]?
    /// The format these weights were converted from.
    public var parent: WeightsFormat?
    /// Free text (default "").
    public var comment: String
    /// The format and its own fields.
    public var details: WeightsDetails

    /// Creates an entry.
    public init(source: String, sha256: String? = nil, authors: [Author]? = nil, parent: WeightsFormat? = nil,
                comment: String = "", details: WeightsDetails) {
        self.source = source
        self.sha256 = sha256
        self.authors = authors
        self.parent = parent
        self.comment = comment
        self.details = details
    }

    /// The entry's format.
    public var format: WeightsFormat { details.format }

    static func validate(_ node: YAMLNode, at path: FieldPath, format: WeightsFormat, context: ValidationContext) -> WeightsEntry? {
        guard var reader = MappingReader(node, at: path, typeName: typeName(format), context: context) else { return nil }
        let source = reader.required("source") { node, path -> String? in
            guard let file = Leaf.fileSourceValue(node, at: path, context),
                  Leaf.checkNotReservedName(file, at: path, node: node, context) else { return nil }
            if format == .kerasV3, !Leaf.checkSuffix(file, suffixes: [".keras"], caseSensitive: true, at: path, node: node, context) { return nil }
            return file.text
        }
        let sha = reader.optional("sha256") { Leaf.sha256($0, at: $1, context) }
        let authors = reader.optional("authors") { node, path in
            Lax.list(node, at: path, context) { Author.validate($0, at: $1, generation: .current, context: context) }
        }
        let parent = reader.optional("parent") { node, path in
            Lax.literal(node, at: path, allowed: WeightsFormat.allCases.map(\.rawValue), context).flatMap(WeightsFormat.init(rawValue:))
        }
        let comment = reader.field("comment", default: "") { Lax.string($0, at: $1, context) }
        let details = WeightsDetails.read(&reader, format: format, context: context)
        reader.rejectUnknownKeys()
        guard reader.isValid, let source, let comment, let details else { return nil }
        if parent == format {
            ModelSupport.valueError("Weights entry can't be it's own parent.", at: path, node: node["parent"] ?? node, context)
            return nil
        }
        if case .onnx(_, let external?) = details, lastComponent(external.source) == lastComponent(source) {
            ModelSupport.valueError("ONNX `external_data` file name '\(lastComponent(external.source))' must be different from ONNX `source` file name.",
                                    at: path, node: node["external_data"] ?? node, context)
            return nil
        }
        guard let checkedSHA = Leaf.checkFileHash(source: source, expected: sha, at: path, node: node, context) else { return nil }
        return WeightsEntry(source: source, sha256: checkedSHA, authors: authors, parent: parent, comment: comment, details: details)
    }

    private static func lastComponent(_ source: String) -> String {
        String(source.split(separator: "/", omittingEmptySubsequences: false).last ?? Substring(source))
    }

    private static func typeName(_ format: WeightsFormat) -> String {
        switch format {
        case .kerasHDF5: return "KerasHdf5WeightsDescr"
        case .kerasV3: return "KerasV3WeightsDescr"
        case .onnx: return "OnnxWeightsDescr"
        case .pytorchStateDict: return "PytorchStateDictWeightsDescr"
        case .tensorflowJS: return "TensorflowJsWeightsDescr"
        case .tensorflowSavedModelBundle: return "TensorflowSavedModelBundleWeightsDescr"
        case .torchscript: return "TorchscriptWeightsDescr"
        }
    }
}

/// The format-specific fields of a weights entry.
public enum WeightsDetails: Sendable, Codable, Hashable {
    /// Keras HDF5: the TensorFlow version.
    case kerasHDF5(tensorflowVersion: String)
    /// Keras 3: the Keras version (≥ 3) and the backend with its version.
    case kerasV3(kerasVersion: String, backend: String, backendVersion: String)
    /// ONNX: the opset (≥ 7) and an optional external-data file.
    case onnx(opsetVersion: Int, externalData: FileDescription?)
    /// PyTorch state dict: the architecture, PyTorch version, conda environment and strict loading.
    case pytorchStateDict(architecture: ArchitectureDescription, pytorchVersion: String, dependencies: FileDescription?, strict: Bool)
    /// TensorFlow.js: the TensorFlow version.
    case tensorflowJS(tensorflowVersion: String)
    /// TensorFlow SavedModel bundle: the TensorFlow version and a conda environment.
    case tensorflowSavedModelBundle(tensorflowVersion: String, dependencies: FileDescription?)
    /// TorchScript: the PyTorch version.
    case torchscript(pytorchVersion: String)

    /// The format these fields belong to.
    public var format: WeightsFormat {
        switch self {
        case .kerasHDF5: return .kerasHDF5
        case .kerasV3: return .kerasV3
        case .onnx: return .onnx
        case .pytorchStateDict: return .pytorchStateDict
        case .tensorflowJS: return .tensorflowJS
        case .tensorflowSavedModelBundle: return .tensorflowSavedModelBundle
        case .torchscript: return .torchscript
        }
    }

    private static func dependencies(_ reader: inout MappingReader, _ context: ValidationContext) -> FileDescription?? {
        guard let node = reader.value("dependencies"), !node.isNull else { return .some(nil) }
        guard let file = Leaf.fileDescription(node, at: reader.path.appending("dependencies"), packaged: true,
                                              suffixes: [".yaml", ".yml"], caseSensitiveSuffix: true, context) else { return nil }
        return .some(file)
    }

    static func read(_ reader: inout MappingReader, format: WeightsFormat, context: ValidationContext) -> WeightsDetails? {
        let version: (YAMLNode, FieldPath) -> String? = { Leaf.version($0, at: $1, context) }
        switch format {
        case .kerasHDF5:
            return reader.required("tensorflow_version", version).map { .kerasHDF5(tensorflowVersion: $0) }
        case .tensorflowJS:
            return reader.required("tensorflow_version", version).map { .tensorflowJS(tensorflowVersion: $0) }
        case .torchscript:
            return reader.required("pytorch_version", version).map { .torchscript(pytorchVersion: $0) }
        case .tensorflowSavedModelBundle:
            let tf = reader.required("tensorflow_version", version)
            let deps = dependencies(&reader, context)
            guard let tf, let deps else { return nil }
            return .tensorflowSavedModelBundle(tensorflowVersion: tf, dependencies: deps)
        case .kerasV3:
            let keras = reader.required("keras_version") { node, path -> String? in
                guard let text = version(node, path) else { return nil }
                if let major = Int(text.prefix { $0.isNumber }), major < 3 {
                    context.error("Input should be greater than or equal to Version(root=3)", type: "greater_than_equal", at: path, node: node)
                    return nil
                }
                return text
            }
            let backend = reader.required("backend") { node, path -> (String, String)? in
                guard let items = Lax.list(node, at: path, context) else { return nil }
                guard items.count == 2 else {
                    context.error("Tuple should have at \(items.count < 2 ? "least" : "most") 2 items after validation, not \(items.count)",
                                  type: items.count < 2 ? "too_short" : "too_long", at: path, node: node)
                    return nil
                }
                let name = Lax.literal(items[0], at: path.appending(0), allowed: ["tensorflow", "jax", "torch"], context)
                let backendVersion = version(items[1], path.appending(1))
                guard let name, let backendVersion else { return nil }
                return (name, backendVersion)
            }
            guard let keras, let backend else { return nil }
            return .kerasV3(kerasVersion: keras, backend: backend.0, backendVersion: backend.1)
        case .onnx:
            let opset = reader.required("opset_version") { node, path -> Int? in
                guard let value = Lax.int(node, at: path, context),
                      Lax.checkBounds(Double(value), greaterThanOrEqual: 7, at: path, node: node, context) else { return nil }
                return value
            }
            var external: FileDescription?? = .some(nil)
            if let node = reader.value("external_data"), !node.isNull {
                external = Leaf.fileDescription(node, at: reader.path.appending("external_data"), packaged: true,
                                                suffixes: [".data"], caseSensitiveSuffix: true, context).map { .some($0) }
            }
            guard let opset, let external else { return nil }
            return .onnx(opsetVersion: opset, externalData: external)
        case .pytorchStateDict:
            let architecture = reader.required("architecture") { ArchitectureDescription.validate($0, at: $1, context: context) }
            let pytorch = reader.required("pytorch_version", version)
            let deps = dependencies(&reader, context)
            let strict = reader.field("strict", default: true) { Lax.bool($0, at: $1, context) }
            guard let architecture, let pytorch, let deps, let strict else { return nil }
            return .pytorchStateDict(architecture: architecture, pytorchVersion: pytorch, dependencies: deps, strict: strict)
        }
    }
}

/// The network architecture of PyTorch state-dict weights: from a source file or an importable library.
public struct ArchitectureDescription: Sendable, Codable, Hashable {
    /// The Python file defining `callable` (`ArchitectureFromFileDescr`), or `nil`.
    public var source: String?
    /// Its SHA-256, if given.
    public var sha256: String?
    /// The module to import `callable` from (`ArchitectureFromLibraryDescr`), or `nil`.
    public var importFrom: String?
    /// The class or function building the network (an identifier).
    public var callable: String
    /// Keyword arguments for `callable`.
    public var kwargs: FreeValue

    /// Creates an architecture description.
    public init(source: String? = nil, sha256: String? = nil, importFrom: String? = nil, callable: String, kwargs: FreeValue = FreeValue(.mapping([:]))) {
        self.source = source
        self.sha256 = sha256
        self.importFrom = importFrom
        self.callable = callable
        self.kwargs = kwargs
    }

    static func validate(_ node: YAMLNode, at path: FieldPath, context: ValidationContext) -> ArchitectureDescription? {
        func common(_ reader: inout MappingReader, _ ctx: ValidationContext) -> (String?, FreeValue?) {
            let callable = reader.required("callable") { Leaf.identifier($0, at: $1, ctx) }
            let kwargs = reader.field("kwargs", default: FreeValue(.mapping([:]))) { Lax.dictionary($0, at: $1, ctx).map { FreeValue(.mapping($0)) } }
            return (callable, kwargs)
        }
        return ModelSupport.union(context, [
            { ctx in
                guard var reader = MappingReader(node, at: path, typeName: "ArchitectureFromFileDescr", context: ctx) else { return nil }
                let source = reader.required("source") { node, path -> String? in
                    guard let file = Leaf.fileSourceValue(node, at: path, ctx), Leaf.checkNotReservedName(file, at: path, node: node, ctx) else { return nil }
                    return file.text
                }
                let sha = reader.optional("sha256") { Leaf.sha256($0, at: $1, ctx) }
                let (callable, kwargs) = common(&reader, ctx)
                reader.rejectUnknownKeys()
                guard reader.isValid, let source, let callable, let kwargs,
                      let checkedSHA = Leaf.checkFileHash(source: source, expected: sha, at: path, node: node, ctx) else { return nil }
                return ArchitectureDescription(source: source, sha256: checkedSHA, callable: callable, kwargs: kwargs)
            },
            { ctx in
                guard var reader = MappingReader(node, at: path, typeName: "ArchitectureFromLibraryDescr", context: ctx) else { return nil }
                let (callable, kwargs) = common(&reader, ctx)
                let importFrom = reader.required("import_from") { Lax.string($0, at: $1, ctx) }
                reader.rejectUnknownKeys()
                guard reader.isValid, let importFrom, let callable, let kwargs else { return nil }
                return ArchitectureDescription(importFrom: importFrom, callable: callable, kwargs: kwargs)
            },
        ])
    }
}
