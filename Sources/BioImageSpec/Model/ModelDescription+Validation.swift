import BioImageYAML

extension ModelDescription: ValidatableNode {
    /// Validates a model 0.5 document (any declared `0.5.x`, or a future version with an alert),
    /// recording every issue in `context`; returns the description when no error was found.
    ///
    /// Runs the field rules of notes §a.2–§a.8 in field order, the tensor rules §b.1/§b.2 as field
    /// validators of `inputs` and `outputs`, and — only when every field is valid — the model rules
    /// §b.4 (M1, M3, M4, M5), stopping at the first failing one, as the reference does.
    public static func validate(_ node: YAMLNode, at path: FieldPath = .root, context: ValidationContext) -> ModelDescription? {
        guard let prepared = prepare(node, at: path, context: context),
              var reader = MappingReader(prepared, at: path, typeName: "ModelDescr", context: context) else { return nil }
        let name = reader.required("name") { nameField($0, $1, context) }
        let description = reader.field("description", default: "") { descriptionField($0, $1, context) }
        if description == "" { ModelSupport.fairAlert(at: path.appending("description"), node: prepared["description"] ?? prepared, context) }
        let covers = reader.field("covers", default: []) { node, path in
            Lax.list(node, at: path, context) { Leaf.fileDescription($0, at: $1, packaged: true, suffixes: [".gif", ".jpeg", ".jpg", ".png", ".svg"], caseSensitiveSuffix: false, context) }
        }
        let documentation = fairOptional(&reader, "documentation", context) {
            Leaf.fileDescription($0, at: $1, packaged: true, suffixes: [".md"], caseSensitiveSuffix: true, context)
        }
        if let file = documentation?.value {
            ModelIOChecks.checkDocumentation(file, at: path.appending("documentation"), node: prepared["documentation"], context: context)
        }
        let idEmoji = reader.optional("id_emoji") { node, path -> String? in
            guard let text = Lax.string(node, at: path, context), Lax.checkLength(text, min: 1, max: 2, at: path, node: node, context) else { return nil }
            return text
        }
        let authors = fairList(&reader, "authors", context) { Author.validate($0, at: $1, generation: .current, context: context) }
        let attachments = reader.field("attachments", default: []) { node, path in
            Lax.list(node, at: path, context) { Leaf.fileDescription($0, at: $1, packaged: true, context) }
        }
        let cite = fairList(&reader, "cite", context) { CiteEntry.validate($0, at: $1, generation: .current, context: context) }
        let license = fairOptional(&reader, "license", context) { ModelLicense.validate($0, at: $1, context: context) }
        let gitRepo = reader.optional("git_repo") { Leaf.httpURL($0, at: $1, context) }
        let icon = reader.optional("icon") { ModelIcon.validate($0, at: $1, context: context) }
        let links = reader.field("links", default: []) { node, path in Lax.list(node, at: path, context) { Lax.string($0, at: $1, context) } }
        let uploader = reader.optional("uploader") { Uploader.validate($0, at: $1, context: context) }
        let maintainers = reader.field("maintainers", default: []) { node, path in
            Lax.list(node, at: path, context) { Maintainer.validate($0, at: $1, generation: .current, context: context) }
        }
        let tags = fairList(&reader, "tags", context) { Lax.string($0, at: $1, context) }
        let version = reader.optional("version") { Leaf.version($0, at: $1, context) }
        _ = reader.value("version_number")
        let versionComment = reader.optional("version_comment") { node, path -> String? in
            guard let text = Lax.string(node, at: path, context), Lax.checkLength(text, max: 512, at: path, node: node, context) else { return nil }
            return text
        }
        _ = reader.required("format_version") { node, path -> String? in
            // `prepare` accepted 0.5.x and future versions; anything else is not this format.
            guard let text = node.pythonString, ModelDescription.readsAsCurrent(text) else {
                return Lax.literal(node, at: path, allowed: [formatVersion], context)
            }
            return formatVersion
        }
        _ = reader.required("type") { Lax.literal($0, at: $1, allowed: ["model"], context) }
        let id = reader.optional("id") { Leaf.resourceID($0, at: $1, context) }
        let inputsNode = prepared["inputs"]
        let inputs = reader.required("inputs") { node, path -> [InputTensorDescription]? in
            guard let list = ModelSupport.notEmptySequence(node, at: path, context, { InputTensorDescription.validate($0, at: $1, context: context) })
            else { return nil }
            let tensors = list.map { TensorRules.Tensor(id: $0.id, axes: $0.axes) }
            guard TensorRules.checkReferences(field: "inputs", tensors: tensors, targets: tensors, inputs: nil,
                                              fieldNode: node, inputsNode: node, context: context) else { return nil }
            return list
        }
        let outputs = reader.required("outputs") { node, path -> [OutputTensorDescription]? in
            guard let list = ModelSupport.notEmptySequence(node, at: path, context, { OutputTensorDescription.validate($0, at: $1, context: context) })
            else { return nil }
            let inputTensors = (inputs ?? []).map { TensorRules.Tensor(id: $0.id, axes: $0.axes) }
            let tensors = list.map { TensorRules.Tensor(id: $0.id, axes: $0.axes) }
            guard TensorRules.checkReferences(field: "outputs", tensors: tensors, targets: inputTensors + tensors, inputs: inputTensors,
                                              fieldNode: node, inputsNode: inputsNode, context: context) else { return nil }
            return list
        }
        let packagedBy = reader.field("packaged_by", default: []) { node, path in
            Lax.list(node, at: path, context) { Author.validate($0, at: $1, generation: .current, context: context) }
        }
        let parent = reader.optional("parent") { LinkedResource.validate($0, at: $1, generation: .current, typeName: "LinkedModel", context: context) }
        let runMode = reader.optional("run_mode") { RunMode.validate($0, at: $1, context: context) }
        let timestamp = reader.optional("timestamp") { Leaf.datetime($0, at: $1, context) }
        let trainingData = reader.optional("training_data") { TrainingData.validate($0, at: $1, context: context) }
        let weights = reader.required("weights") { WeightsDescription.validate($0, at: $1, context: context) }
        let config = reader.field("config", default: ModelConfig()) { ModelConfig.validate($0, at: $1, context: context) }
        reader.rejectUnknownKeys()
        guard reader.isValid, let name, let description, let covers, let documentation, let authors, let attachments,
              let cite, let license, let links, let maintainers, let tags, let inputs, let outputs, let packagedBy,
              let weights, let config else { return nil }
        let model = ModelDescription(
            name: name, description: description, covers: covers, documentation: documentation.value, idEmoji: idEmoji,
            authors: authors, attachments: attachments, cite: cite, license: license.value, gitRepo: gitRepo, icon: icon,
            links: links, uploader: uploader, maintainers: maintainers, tags: tags, version: version,
            versionComment: versionComment, id: id, inputs: inputs, outputs: outputs, packagedBy: packagedBy, parent: parent,
            runMode: runMode, timestamp: timestamp, trainingData: trainingData, weights: weights, config: config)
        guard ModelIOChecks.checkSampleTensors(model, node: prepared, context: context),
              ModelRules.check(model, at: path, node: prepared, context: context) else { return nil }
        return model
    }

    /// Whether a declared `format_version` is validated as the current format: any `0.5.x`, or a
    /// future `0.y` with y > 5 (read as 0.5.14 with an alert). Older versions are literal errors.
    static func readsAsCurrent(_ declared: String) -> Bool {
        let parts = declared.split(separator: ".", omittingEmptySubsequences: false).map { Int($0) }
        guard parts.count >= 2, parts[0] == 0, let minor = parts[1] else { return false }
        return minor >= 5
    }

    /// §b.0 D3 and the legacy moves done before field validation: a future format version gets an
    /// alert; for declared versions before 0.5.11, plain-string covers, documentation and icon are
    /// wrapped as `{source: …}`; a legacy `version_number` moves to `version`.
    static func prepare(_ node: YAMLNode, at path: FieldPath, context: ValidationContext) -> YAMLNode? {
        guard var mapping = node.mapping else {
            context.error("Input should be a valid dictionary or instance of ModelDescr", type: "model_type", at: path, node: node)
            return nil
        }
        let declared = mapping["format_version"]?.string ?? formatVersion
        let parts = declared.split(separator: ".").map { Int($0) }
        let minor = parts.count > 1 ? parts[1] : 0
        let patch = parts.count > 2 ? parts[2] : 0
        var wrapStrings = false
        if parts.first == 0, let minor, minor > 5 {
            context.warning("future format_version '\(declared)' treated as '\(formatVersion)'", severity: .alert, at: path, node: mapping["format_version"])
        } else if parts.first == 0, minor == 5, let patch, patch > 14 {
            // The reference reads newer 0.5 patch versions silently; we say so (DifferencesFromPython.md).
            context.warning("format_version '\(declared)' is newer than the implemented \(formatVersion); it is read as \(formatVersion)", severity: .warning, at: path.appending("format_version"), node: mapping["format_version"])
        } else if parts.first == 0, minor == 5, let patch, patch < 11 {
            wrapStrings = true
        } else if parts.first == 0, minor == 5, parts.count < 3 {
            wrapStrings = true
        }
        func wrap(_ value: YAMLNode) -> YAMLNode {
            guard let text = value.pythonString else { return value }
            return .mapping(["source": .string(text, mark: value.mark)], mark: value.mark)
        }
        if wrapStrings {
            if let covers = mapping["covers"], let items = covers.sequence {
                mapping["covers"] = YAMLNode(.sequence(items.map(wrap)), mark: covers.mark)
            }
            if let documentation = mapping["documentation"] { mapping["documentation"] = wrap(documentation) }
            if let icon = mapping["icon"], let text = icon.pythonString, text.unicodeScalars.count > 2 { mapping["icon"] = wrap(icon) }
        }
        if let number = mapping["version_number"], mapping["version"]?.isNull ?? true, !number.isNull {
            if let index = mapping.entry(forKey: "version_number") { mapping.entries.remove(at: index) }
            mapping["version"] = number
        }
        return YAMLNode(.mapping(mapping), mark: node.mark)
    }

    /// `name`: 5–128 characters from `A-Za-z0-9_+-()` and space; longer than 64 → info.
    private static func nameField(_ node: YAMLNode, _ path: FieldPath, _ context: ValidationContext) -> String? {
        guard let text = Lax.string(node, at: path, context) else { return nil }
        let allowed = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_+- ()"
        guard text.allSatisfy({ allowed.contains($0) }) else {
            ModelSupport.valueError("\(ModelSupport.pythonRepr(text)) is not restricted to \(ModelSupport.pythonRepr(allowed))", at: path, node: node, context)
            return nil
        }
        guard ModelSupport.checkItems(text.unicodeScalars.count, min: 5, max: 128, at: path, node: node, context) else { return nil }
        if text.unicodeScalars.count > 64 { context.warning("Name longer than 64 characters.", severity: .info, at: path, node: node) }
        return text
    }

    /// `description`: at most 1024 characters; longer than 512 → warning.
    private static func descriptionField(_ node: YAMLNode, _ path: FieldPath, _ context: ValidationContext) -> String? {
        guard let text = Lax.string(node, at: path, context), Lax.checkLength(text, max: 1024, at: path, node: node, context) else { return nil }
        if text.unicodeScalars.count > 512 { context.warning("Description longer than 512 characters.", at: path, node: node) }
        return text
    }

    /// An optional field with the FAIR alert when absent or null; the outer `nil` means an error.
    private static func fairOptional<T>(_ reader: inout MappingReader, _ key: String, _ context: ValidationContext,
                                        _ parse: (YAMLNode, FieldPath) -> T?) -> (value: T?, Void)? {
        let path = reader.path.appending(key)
        guard let node = reader.value(key), !node.isNull else {
            ModelSupport.fairAlert(at: path, node: reader.mapping[key] ?? reader.node, context)
            return (nil, ())
        }
        guard let value = parse(node, path) else { return nil }
        return (value, ())
    }

    /// A list field (default empty) with the FAIR alert when it is empty.
    private static func fairList<T>(_ reader: inout MappingReader, _ key: String, _ context: ValidationContext,
                                    _ parse: @escaping (YAMLNode, FieldPath) -> T?) -> [T]? {
        let list = reader.field(key, default: []) { node, path in Lax.list(node, at: path, context, parse) }
        if list?.isEmpty == true { ModelSupport.fairAlert(at: reader.path.appending(key), node: reader.mapping[key] ?? reader.node, context) }
        return list
    }
}
