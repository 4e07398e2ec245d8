import BioImageYAML

/// A non-model resource description at format 0.3.4: generic, dataset, application or notebook
/// (notes §f.1). One type serves the four, as they differ only in the rules for `type`, `id`,
/// `parent` and `source`; ``kind`` says which rules applied.
public struct GenericDescription: Sendable, Hashable, Codable {
    /// Which description class validated it.
    public var kind: ResourceKind
    /// The shared fields `name` … `version_comment`.
    public var metadata: ResourceMetadata
    /// Always `0.3.4` (older and future 0.3+ versions are updated silently).
    public var formatVersion: String
    /// Custom badges.
    public var badges: [Badge]
    /// Free configuration (`config`, with an open `bioimageio` section).
    public var config: FreeValue?
    /// The resource type as written (`dataset`, or any generic type such as `workflow`).
    public var type: String
    /// The bioimage.io id.
    public var id: String?
    /// The id of the resource this one derives from.
    public var parent: String?
    /// The primary source (a URL; for applications also a packaged file; for notebooks an `.ipynb`).
    public var source: String?

    enum CodingKeys: String, CodingKey {
        case kind, metadata, badges, config, type, id, parent, source
        case formatVersion = "format_version"
    }

    /// The format version this type implements.
    public static let implementedFormatVersion = "0.3.4"

    /// The document as the 0.3.4 class sees it: older data converted by ``GenericUpgrades`` (a valid
    /// 0.2 dataset is rebuilt from its validated 0.2 description, as the reference's dataset class does).
    static func updatedDocument(_ node: YAMLNode, at path: FieldPath = .root, options: ValidationOptions) -> YAMLNode {
        var document = node
        if node["type"]?.pythonString == "dataset", let version = node["format_version"]?.pythonString, version.hasPrefix("0.2.") {
            let scratch = ValidationContext(options: options)
            if let old = GenericDescriptionV02.validate(node, at: path, context: scratch) {
                document = GenericUpgrades.datasetFromV02(node, validated: old)
            }
        }
        return GenericUpgrades.upgradeWithinV03(document)
    }

    /// Validates a raw 0.3 document as the description class chosen by its `type`; `nil` when
    /// any error was recorded. Data of formats before 0.3.4 is updated first (``GenericUpgrades``).
    static func validate(_ node: YAMLNode, at path: FieldPath = .root, context: ValidationContext) -> GenericDescription? {
        validate(updated: updatedDocument(node, at: path, options: context.options), at: path, context: context)
    }

    /// Validates a document already passed through ``updatedDocument(_:at:options:)``.
    static func validate(updated document: YAMLNode, at path: FieldPath = .root, context: ValidationContext) -> GenericDescription? {
        let kind = ResourceKind(type: document["type"]?.pythonString)
        let typeName = ["dataset": "DatasetDescr", "application": "ApplicationDescr", "notebook": "NotebookDescr"][kind.rawValue] ?? "GenericDescr"
        guard var reader = MappingReader(document, at: path, typeName: typeName, context: context) else { return nil }
        let metadata = ResourceMetadata.read(&reader, context: context)
        let formatVersion = reader.required("format_version") { Lax.literal($0, at: $1, allowed: [implementedFormatVersion], context) }
        let badges = reader.field("badges", default: []) { value, badgesPath in
            Lax.list(value, at: badgesPath, context) { Badge.validate($0, at: $1, context: context) }
        }
        let config = reader.field("config", default: nil) { GenericFields.currentConfig($0, at: $1, context) }
        let type = reader.required("type") { value, typePath in
            kind == .generic ? genericType(value, at: typePath, context) : Lax.literal(value, at: typePath, allowed: [kind.rawValue], context)
        }
        let id = reader.optional("id") { Leaf.resourceID($0, at: $1, context) }
        let parent = reader.optional("parent") { Leaf.resourceID($0, at: $1, context) }
        let source = readSource(&reader, kind: kind, context)
        if kind != .generic { reader.rejectUnknownKeys() }
        guard reader.isValid, let metadata, let formatVersion, let badges, let type else { return nil }
        metadata.checkMaintainers(at: path, node: document, context)
        return GenericDescription(kind: kind, metadata: metadata, formatVersion: formatVersion, badges: badges, config: config ?? nil,
                                  type: type, id: id, parent: parent, source: source ?? nil)
    }

    /// The generic `type`: any string except the specific types.
    static func genericType(_ node: YAMLNode, at path: FieldPath, _ context: ValidationContext) -> String? {
        guard let text = Lax.string(node, at: path, context) else { return nil }
        if ResourceKind.specificTypes.contains(text) {
            context.valueError("Use the \(text) description instead of this generic description for your '\(text)' resource.", at: path, node: node)
            return nil
        }
        return text
    }

    /// `source` by kind: generic → URL; dataset → URL (FAIR); application → packaged file source
    /// (FAIR); notebook → required `.ipynb` URL or path.
    static func readSource(_ reader: inout MappingReader, kind: ResourceKind, _ context: ValidationContext) -> String?? {
        let path = reader.path.appending("source")
        switch kind {
        case .generic:
            return .some(reader.optional("source") { Leaf.httpURL($0, at: $1, context) })
        case .dataset, .application:
            guard let node = reader.value("source"), !node.isNull else {
                GenericFields.fairAlert(at: path, node: reader.mapping["source"] ?? reader.node, context)
                return .some(nil)
            }
            let value = kind == .dataset ? Leaf.httpURL(node, at: path, context) : Leaf.fileSource(node, at: path, packaged: true, context)
            return value.map { .some($0) } ?? nil
        case .notebook:
            return reader.required("source") { notebookSource($0, at: $1, context) }.map { .some($0) } ?? nil
        }
    }

    /// The notebook source union (URL, absolute path or relative path, each with suffix `.ipynb`);
    /// every member's error is reported when none matches.
    static func notebookSource(_ node: YAMLNode, at path: FieldPath, _ context: ValidationContext) -> String? {
        guard let text = node.pythonString else {
            context.error("Input should be a valid string", type: "string_type", at: path, node: node)
            context.error("Input is not a valid path for <class 'pathlib.Path'>", type: "path_type", at: path, node: node)
            context.error("Input is not a valid path for <class 'pathlib.PurePath'>", type: "path_type", at: path, node: node)
            return nil
        }
        // Each member is tried in a scratch context; their errors are reported only when all fail.
        let scratch = ValidationContext(options: context.options)
        if let value = notebookSourceMembers(text, at: path, node: node, scratch) { return value }
        scratch.issues.forEach(context.append)
        return nil
    }

    /// The three members of the notebook source union in order; the first that passes wins.
    private static func notebookSourceMembers(_ text: String, at path: FieldPath, node: YAMLNode, _ context: ValidationContext) -> String? {
        func withSuffix(_ source: Leaf.FileSourceValue) -> String? {
            let attempt = context.trying { scratch in
                Leaf.checkSuffix(source, suffixes: [".ipynb"], caseSensitive: true, at: path, node: node, scratch) ? source.text : nil
            }
            if let value = attempt.value { return value }
            attempt.issues.forEach(context.append)
            return nil
        }
        var found: String?
        switch Leaf.parseHTTPURL(text) {
        case .success(let url): found = withSuffix(Leaf.FileSourceValue(text: url.text, url: url, isAbsolutePath: false))
        case .failure(let failure): context.error(failure.message, type: failure.type, at: path, node: node)
        }
        let pure = Leaf.purePathText(text)
        if pure.hasPrefix("/"), context.options.fileAccess?.exists(pure) == true {
            found = found ?? withSuffix(Leaf.FileSourceValue(text: pure, url: nil, isAbsolutePath: true))
        } else {
            context.error("Path does not point to a file", type: "path_not_file", at: path, node: node)
        }
        if pure == "." {
            context.valueError(". is not a valid file path.", at: path, node: node)
        } else if pure.hasPrefix("/") {
            context.valueError("\(pure) is an absolute path.", at: path, node: node)
        } else if let first = pure.split(separator: "/").first, first == "http:" || first == "https:" {
            context.valueError("\(pure) looks like an http url.", at: path, node: node)
        } else {
            found = found ?? withSuffix(Leaf.FileSourceValue(text: pure, url: nil, isAbsolutePath: false))
        }
        return found
    }
}
