import BioImageYAML

/// Field validators shared by the generic descriptions of both generations (and usable by the
/// model descriptions): names, descriptions, FAIR lists, licences, versions, configs.
enum GenericFields {
    /// The FAIR alert (ALERT, 35): "Needs to be filled for FAIR compliance".
    static func fairAlert(at path: FieldPath, node: YAMLNode?, _ context: ValidationContext) {
        context.warning("Needs to be filled for FAIR compliance", severity: .alert, at: path, node: node)
    }

    /// A list field with default `[]` and the FAIR alert when it is valid but empty (or absent).
    static func fairList<T>(_ reader: inout MappingReader, _ key: String, _ context: ValidationContext,
                            _ parse: (YAMLNode, FieldPath) -> [T]?) -> [T]? {
        let value = reader.field(key, default: [], parse)
        if let value, value.isEmpty { fairAlert(at: reader.path.appending(key), node: reader.mapping[key] ?? reader.node, context) }
        return value
    }

    /// A list field with default `[]` and the legacy W30 "missing" warning when it is valid but empty.
    static func legacyWarnedList<T>(_ reader: inout MappingReader, _ key: String, _ context: ValidationContext,
                                    _ parse: (YAMLNode, FieldPath) -> [T]?) -> [T]? {
        let value = reader.field(key, default: [], parse)
        if let value, value.isEmpty { context.warning("missing", at: reader.path.appending(key), node: reader.mapping[key] ?? reader.node) }
        return value
    }

    /// A list of strings.
    static func stringList(_ node: YAMLNode, at path: FieldPath, _ context: ValidationContext) -> [String]? {
        Lax.list(node, at: path, context) { Lax.string($0, at: $1, context) }
    }

    /// A current-format name: only `A-Za-z0-9_+- ()`, 5–128 characters; longer than 64 → INFO.
    static func currentName(_ node: YAMLNode, at path: FieldPath, _ context: ValidationContext) -> String? {
        guard let text = Lax.string(node, at: path, context) else { return nil }
        guard text.allSatisfy({ ResourceMetadata.nameAlphabet.contains($0) }) else {
            context.valueError("\(Leaf.pythonRepr(text)) is not restricted to '\(ResourceMetadata.nameAlphabet)'", at: path, node: node)
            return nil
        }
        guard Lax.checkLength(text, min: 5, max: 128, at: path, node: node, context) else { return nil }
        if text.unicodeScalars.count > 64 {
            context.warning("Name longer than 64 characters.", severity: .info, at: path, node: node)
        }
        return text
    }

    /// A current-format description: a string (default `""`) of at most 1024 characters; longer
    /// than 512 → WARNING; empty → FAIR alert.
    static func currentDescription(_ reader: inout MappingReader, _ context: ValidationContext) -> String? {
        let path = reader.path.appending("description")
        guard let node = reader.value("description") else {
            fairAlert(at: path, node: reader.node, context)
            return ""
        }
        guard let text = Lax.string(node, at: path, context),
              Lax.checkLength(text, max: 1024, at: path, node: node, context) else { return nil }
        if text.unicodeScalars.count > 512 {
            context.warning("Description longer than 512 characters.", at: path, node: node)
        } else if text.isEmpty {
            fairAlert(at: path, node: node, context)
        }
        return text
    }

    /// The current-format licence (FAIR): `nil` result means invalid; `.some(nil)` means null.
    static func currentLicense(_ reader: inout MappingReader, _ context: ValidationContext) -> LicenseValue?? {
        let path = reader.path.appending("license")
        guard let node = reader.value("license"), !node.isNull else {
            fairAlert(at: path, node: reader.mapping["license"] ?? reader.node, context)
            return .some(nil)
        }
        if node.mapping != nil {
            let before = context.errorCount
            guard let source = Leaf.license(node, at: path, context), context.errorCount == before else { return nil }
            let sha = node["sha256"].flatMap { $0.isNull ? nil : $0.string?.trimmingCharacters(in: .whitespacesAndNewlines).lowercased() }
            return .some(.file(FileDescription(source: source, sha256: sha)))
        }
        guard let id = Leaf.license(node, at: path, context) else { return nil }
        return .some(.id(id))
    }

    /// `version`, with a legacy `version_number` moved into it when `version` is null or absent.
    static func movedVersion(_ reader: inout MappingReader, _ context: ValidationContext) -> String? {
        let path = reader.path.appending("version")
        let versionNode = reader.value("version")
        let numberNode = reader.value("version_number")
        if let versionNode, !versionNode.isNull { return Leaf.version(versionNode, at: path, context) }
        if let numberNode, !numberNode.isNull { return Leaf.version(numberNode, at: path, context) }
        return nil
    }

    /// A current-format `config`: a mapping whose `bioimageio` entry, if present, is a mapping.
    static func currentConfig(_ node: YAMLNode, at path: FieldPath, _ context: ValidationContext) -> FreeValue? {
        guard let mapping = node.mapping else {
            context.error("Input should be a valid dictionary or instance of Config", type: "model_type", at: path, node: node)
            return nil
        }
        if let bioimageio = mapping["bioimageio"], bioimageio.mapping == nil {
            context.error("Input should be a valid dictionary or instance of BioimageioConfig", type: "model_type",
                          at: path.appending("bioimageio"), node: bioimageio)
            return nil
        }
        return FreeValue(node)
    }

    /// A legacy `config`: any mapping with string keys.
    static func legacyConfig(_ node: YAMLNode, at path: FieldPath, _ context: ValidationContext) -> FreeValue? {
        guard let mapping = Lax.dictionary(node, at: path, context) else { return nil }
        var ok = true
        for entry in mapping.entries where entry.key.pythonString == nil {
            context.error("Input should be a valid string", type: "string_type", at: path.appending(entry.key.pythonText).appending("[key]"), node: entry.key)
            ok = false
        }
        return ok ? FreeValue(node) : nil
    }
}
