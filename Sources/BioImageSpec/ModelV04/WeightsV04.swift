import BioImageYAML

/// The weights of a model 0.4 description: one entry per available format (notes §c.2).
public struct WeightsV04: Sendable, Hashable, Codable {
    /// The weight formats of format 0.4, in the reference's field order.
    public static let formats = ["keras_hdf5", "onnx", "pytorch_state_dict", "tensorflow_js", "tensorflow_saved_model_bundle", "torchscript"]

    /// The entries by format name (`onnx`, `pytorch_state_dict`, …).
    public var entries: [String: WeightsEntryV04]

    /// The entries in the reference's format order.
    public var orderedEntries: [(format: String, entry: WeightsEntryV04)] {
        Self.formats.compactMap { format in entries[format].map { (format, $0) } }
    }

    /// Validates `weights`: known formats only, at least one entry.
    static func validate(_ node: YAMLNode, at path: FieldPath, context: ValidationContext) -> WeightsV04? {
        guard var reader = MappingReader(node, at: path, typeName: "WeightsDescr", context: context) else { return nil }
        var entries: [String: WeightsEntryV04] = [:]
        for format in formats {
            if let entry = reader.optional(format, { WeightsEntryV04.validate($0, at: $1, format: format, context: context) }) {
                entries[format] = entry
            }
        }
        reader.rejectUnknownKeys()
        guard reader.isValid else { return nil }
        if entries.isEmpty {
            context.valueError("Missing weights entry", at: path, node: node)
            return nil
        }
        return WeightsV04(entries: entries)
    }
}

/// One weights entry of format 0.4 (the fields common to every format plus the format's own).
public struct WeightsEntryV04: Sendable, Hashable, Codable {
    /// The weights file.
    public var source: String
    /// Its SHA-256, when given.
    public var sha256: String?
    /// Attachment files of this entry (`{files, …}`), when given.
    public var attachments: FreeValue?
    /// Who trained or converted these weights.
    public var authors: [Author]?
    /// `manager:file`, e.g. `conda:environment.yaml`.
    public var dependencies: String?
    /// The format these weights were converted from.
    public var parent: String?
    /// The library version these weights were made with (`tensorflow_version` or `pytorch_version`), as written.
    public var libraryVersion: FreeValue?
    /// The ONNX opset version.
    public var opsetVersion: Int?
    /// `pytorch_state_dict` only: `path/file.py:Callable` or `package.module.Callable`.
    public var architecture: String?
    /// `pytorch_state_dict` only: the SHA-256 of the architecture file.
    public var architectureSHA256: String?
    /// `pytorch_state_dict` only: keyword arguments of the architecture callable.
    public var kwargs: FreeValue?

    /// Whether `architecture` names a file (`file.py:Callable`) rather than an importable callable.
    public var architectureIsFromFile: Bool { architecture.map { Self.matchesFileForm($0) } ?? false }

    /// Validates the entry of `format`.
    static func validate(_ node: YAMLNode, at path: FieldPath, format: String, context: ValidationContext) -> WeightsEntryV04? {
        let typeNames = ["keras_hdf5": "KerasHdf5WeightsDescr", "onnx": "OnnxWeightsDescr", "pytorch_state_dict": "PytorchStateDictWeightsDescr",
                         "tensorflow_js": "TensorflowJsWeightsDescr", "tensorflow_saved_model_bundle": "TensorflowSavedModelBundleWeightsDescr",
                         "torchscript": "TorchscriptWeightsDescr"]
        guard var reader = MappingReader(node, at: path, typeName: typeNames[format] ?? "", context: context) else { return nil }
        let source = reader.required("source") { Leaf.fileSource($0, at: $1, packaged: true, context) }
        let sha = reader.optional("sha256") { Leaf.sha256($0, at: $1, context) }
        let attachments = reader.optional("attachments") { value, valuePath -> FreeValue? in
            guard ModelDescriptionV04.attachmentFiles(value, at: valuePath, context) != nil else { return nil }
            context.warning("Weights entry depends on additional attachments.", severity: .alert, at: valuePath, node: value)
            return FreeValue(value)
        }
        let authors = reader.optional("authors") { value, valuePath in
            Lax.list(value, at: valuePath, context) { Author.validate($0, at: $1, generation: .legacy, context: context) }
        }
        let dependencies = reader.optional("dependencies") { value, valuePath -> String? in
            guard let text = dependenciesValue(value, at: valuePath, context) else { return nil }
            context.warning("Custom dependencies (\(text)) specified. Avoid this whenever possible to allow execution in a wider range of software environments.",
                            at: valuePath, node: value)
            return text
        }
        let parent = reader.optional("parent") { Lax.literal($0, at: $1, allowed: WeightsV04.formats, context) }
        var entry = WeightsEntryV04(source: source ?? "", sha256: sha, attachments: attachments, authors: authors,
                                    dependencies: dependencies, parent: parent)
        func version(_ key: String, _ message: String) {
            let given = !(reader.value(key)?.isNull ?? true)
            entry.libraryVersion = reader.optional(key) { value, valuePath -> FreeValue? in
                Leaf.version(value, at: valuePath, context).map { _ in FreeValue(value) }
            }
            if !given { context.warning(message, severity: .alert, at: path.appending(key), node: node) }
        }
        switch format {
        case "keras_hdf5":
            version("tensorflow_version", "missing. Please specify the TensorFlow version these weights were created with.")
        case "onnx":
            entry.opsetVersion = reader.optional("opset_version") { value, valuePath in
                guard let x = Lax.int(value, at: valuePath, context),
                      Lax.checkBounds(Double(x), greaterThanOrEqual: 7, at: valuePath, node: value, context) else { return nil }
                return x
            }
            if reader.value("opset_version")?.isNull ?? true {
                context.warning("Missing ONNX opset version (aka ONNX opset number). Please specify the ONNX opset version these weights were created with.",
                                severity: .alert, at: path.appending("opset_version"), node: node)
            }
        case "pytorch_state_dict":
            entry.architecture = reader.required("architecture") { architectureValue($0, at: $1, context) }
            entry.architectureSHA256 = reader.optional("architecture_sha256") { Leaf.sha256($0, at: $1, context) }
            entry.kwargs = ModelV04Support.freeMapping(&reader, "kwargs", context)
            version("pytorch_version", "missing. Please specify the PyTorch version these PyTorch state dict weights were created with.")
        case "tensorflow_js":
            version("tensorflow_version", "missing. Please specify the TensorFlow version these TensorflowJs weights were created with.")
        case "tensorflow_saved_model_bundle":
            version("tensorflow_version", "missing. Please specify the TensorFlow version these Tensorflow saved model bundle weights were created with.")
        case "torchscript":
            version("pytorch_version", "missing. Please specify the PyTorch version these Torchscript weights were created with.")
        default:
            break
        }
        reader.rejectUnknownKeys()
        guard reader.isValid, source != nil else { return nil }
        if parent == format {
            context.valueError("Weights entry can't be it's own parent.", at: path, node: node)
            return nil
        }
        if format == "pytorch_state_dict" {
            if entry.architectureIsFromFile {
                if entry.architectureSHA256 == nil {
                    context.valueError("Missing required `architecture_sha256` for `architecture` with source file.", at: path, node: node)
                    return nil
                }
            } else if entry.architectureSHA256 != nil {
                context.valueError("Got `architecture_sha256` for architecture that does not have a source file.", at: path, node: node)
                return nil
            }
        }
        return entry
    }

    /// Whether `text` has the `CallableFromFile` form (`^.+:.+$` after stripping white space).
    static func matchesFileForm(_ text: String) -> Bool { matches(text.trimmingCharacters(in: .whitespacesAndNewlines), separator: ":") }

    /// `^.+<separator>.+$`: the separator somewhere after the first and before the last character,
    /// and no line break (`.` does not match one).
    static func matches(_ text: String, separator: Character) -> Bool {
        let characters = Array(text)
        guard !characters.contains("\n") else { return false }
        return characters.indices.contains { characters[$0] == separator && $0 > 0 && $0 < characters.count - 1 }
    }

    /// `CallableFromFile | CallableFromDepencency`, tried left to right; when neither matches,
    /// both members' errors are reported (at `architecture`, `architecture.source_file`,
    /// `architecture.callable_name` or `architecture.module_name`).
    static func architectureValue(_ node: YAMLNode, at path: FieldPath, _ context: ValidationContext) -> String? {
        guard let raw = Lax.string(node, at: path, context) else { return nil }
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        let fromFile = context.trying { scratch -> String? in
            guard matchesFileForm(text) else {
                scratch.error("String should match pattern '^.+:.+$'", type: "string_pattern_mismatch", at: path, node: node)
                return nil
            }
            var parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            let callable = parts.removeLast()
            let file = parts.joined(separator: ":")
            let fileNode = YAMLNode.string(file, mark: node.mark)
            // `RelativeFilePath | HttpUrl`: with file checks, a relative file must exist.
            var sourceOK = false
            if let relative = relativeFilePath(file) {
                if scratch.options.performIOChecks, let access = scratch.options.fileAccess, !access.exists(relative) {
                    scratch.valueError("\(access.location(of: relative)) does not point to an existing file", at: path.appending("source_file"), node: node)
                    sourceOK = Leaf.httpURL(fileNode, at: path.appending("source_file"), scratch) != nil
                } else {
                    sourceOK = true
                }
            } else {
                sourceOK = Leaf.httpURL(fileNode, at: path.appending("source_file"), scratch) != nil
            }
            let callableOK = Leaf.checkIdentifier(callable, at: path.appending("callable_name"), node: node, scratch) != nil
            return sourceOK && callableOK ? text : nil
        }
        if let value = fromFile.value { return value }
        let fromLibrary = context.trying { scratch -> String? in
            guard matches(text, separator: ".") else {
                scratch.error("String should match pattern '^.+\\..+$'", type: "string_pattern_mismatch", at: path, node: node)
                return nil
            }
            var modules = text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            let callable = modules.removeLast()
            var ok = true
            for module in modules {
                if module.isEmpty {
                    scratch.error("String should have at least 1 character", type: "string_too_short", at: path.appending("module_name"), node: node)
                    ok = false
                    break
                }
                if Leaf.checkIdentifier(module, at: path.appending("module_name"), node: node, scratch) == nil { ok = false; break }
            }
            if callable.isEmpty {
                scratch.error("String should have at least 1 character", type: "string_too_short", at: path.appending("callable_name"), node: node)
                ok = false
            } else if Leaf.checkIdentifier(callable, at: path.appending("callable_name"), node: node, scratch) == nil {
                ok = false
            }
            return ok ? text : nil
        }
        if let value = fromLibrary.value { return value }
        for issue in fromFile.issues + fromLibrary.issues where issue.isError { context.append(issue) }
        return nil
    }

    /// A `RelativeFilePath` (not absolute, not empty, first segment not `http:`/`https:`), or `nil`.
    static func relativeFilePath(_ text: String) -> String? {
        let pure = Leaf.purePathText(text)
        guard pure != ".", !pure.hasPrefix("/") else { return nil }
        if let first = pure.split(separator: "/").first, first == "http:" || first == "https:" { return nil }
        return pure
    }

    /// `Dependencies`: `manager:file` (pattern `^.+:.+$`, a non-empty manager, a file source).
    static func dependenciesValue(_ node: YAMLNode, at path: FieldPath, _ context: ValidationContext) -> String? {
        guard let raw = Lax.string(node, at: path, context) else { return nil }
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard matchesFileForm(text), let colon = text.firstIndex(of: ":") else {
            context.error("String should match pattern '^.+:.+$'", type: "string_pattern_mismatch", at: path, node: node)
            return nil
        }
        let manager = String(text[..<colon])
        let file = String(text[text.index(after: colon)...])
        if manager.isEmpty {
            context.error("String should have at least 1 character", type: "string_too_short", at: path.appending("manager"), node: node)
            return nil
        }
        guard Leaf.fileSource(.string(file, mark: node.mark), at: path.appending("file"), packaged: true, context) != nil else { return nil }
        return text
    }
}
