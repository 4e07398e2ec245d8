import BioImageYAML

/// A non-model resource description at format 0.2.4: generic, dataset, application or notebook
/// (notes §f.1). One type serves the four; ``kind`` says which rules applied.
public struct GenericDescriptionV02: Sendable, Hashable, Codable {
    /// Which description class validated it.
    public var kind: ResourceKind
    /// The shared fields `name` … `version_number`.
    public var metadata: ResourceMetadataV02
    /// Always `0.2.4` (0.2.0–0.2.3 are updated; later 0.2 patches are treated as 0.2.4).
    public var formatVersion: String
    /// Custom badges.
    public var badges: [Badge]
    /// The documentation file (URL or relative path; no suffix rule in 0.2).
    public var documentation: String?
    /// The licence string (an SPDX id, or anything with a warning).
    public var license: String?
    /// The resource type as written.
    public var type: String
    /// The bioimage.io id (lower-cased).
    public var id: String?
    /// The primary source.
    public var source: String?

    enum CodingKeys: String, CodingKey {
        case kind, metadata, badges, documentation, license, type, id, source
        case formatVersion = "format_version"
    }

    /// The format version this type implements.
    public static let implementedFormatVersion = "0.2.4"

    /// Validates a raw 0.2 document as the description class chosen by its `type`; `nil` when any
    /// error was recorded. The 0.2 conversions (``GenericUpgrades/upgrade(_:)``) are applied first.
    static func validate(_ node: YAMLNode, at path: FieldPath = .root, context: ValidationContext) -> GenericDescriptionV02? {
        let upgraded = GenericUpgrades.upgrade(node)
        let future = ValidationContext(options: context.options)
        let document = ignoringFuturePatch(upgraded, at: path, future)
        guard future.issues.isEmpty else {
            // The reference raises this warning in a model-level "before" step, which ends its
            // warning pass: no other warning of the document is reported, only the errors.
            let scratch = ValidationContext(options: context.options)
            let result = validateFields(document, at: path, context: scratch)
            future.issues.forEach(context.append)
            scratch.issues.filter(\.isError).forEach(context.append)
            return result
        }
        return validateFields(document, at: path, context: context)
    }

    /// Validates the fields of an upgraded 0.2 document.
    private static func validateFields(_ document: YAMLNode, at path: FieldPath, context: ValidationContext) -> GenericDescriptionV02? {
        let kind = ResourceKind(type: document["type"]?.pythonString)
        let typeName = ["dataset": "DatasetDescr", "application": "ApplicationDescr", "notebook": "NotebookDescr"][kind.rawValue] ?? "GenericDescr"
        guard var reader = MappingReader(document, at: path, typeName: typeName, context: context) else { return nil }
        let metadata = ResourceMetadataV02.read(&reader, context: context)
        let formatVersion = reader.required("format_version") { Lax.literal($0, at: $1, allowed: [implementedFormatVersion], context) }
        let badges = reader.field("badges", default: []) { value, badgesPath in
            Lax.list(value, at: badgesPath, context) { Badge.validate($0, at: $1, context: context) }
        }
        let documentation = reader.optional("documentation") { Leaf.fileSource($0, at: $1, context) }
        let license = GenericFields.legacyLicense(&reader, context)
        let type = reader.required("type") { value, typePath in
            kind == .generic ? GenericDescription.genericType(value, at: typePath, context)
                : Lax.literal(value, at: typePath, allowed: [kind.rawValue], context)
        }
        let id = reader.optional("id") { Leaf.resourceID($0, at: $1, lowercasing: true, context) }
        let source: String?
        switch kind {
        case .generic, .dataset: source = reader.optional("source") { Leaf.httpURL($0, at: $1, context) }
        case .application: source = reader.optional("source") { Leaf.fileSource($0, at: $1, packaged: true, context) }
        case .notebook: source = reader.required("source") { GenericDescription.notebookSource($0, at: $1, context) }
        }
        if kind != .generic { reader.rejectUnknownKeys() }
        guard reader.isValid, let metadata, let formatVersion, let badges, let type else { return nil }
        return GenericDescriptionV02(kind: kind, metadata: metadata, formatVersion: formatVersion, badges: badges,
                                     documentation: documentation, license: license ?? nil, type: type, id: id, source: source)
    }

    /// The reference's "future patch" rule: `0.2.x` with x > 4 is treated as 0.2.4 with an ALERT
    /// at the root ("future format_version '…' treated as '0.2.4'").
    static func ignoringFuturePatch(_ node: YAMLNode, at path: FieldPath, _ context: ValidationContext) -> YAMLNode {
        guard var mapping = node.mapping, let versionNode = mapping["format_version"], let text = versionNode.pythonString else { return node }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false).map { Int($0) }
        guard parts.count == 3, parts[0] == 0, let minor = parts[1], let patch = parts[2], (minor, patch) > (2, 4) else { return node }
        context.warning("future format_version '\(text)' treated as '\(implementedFormatVersion)'", severity: .alert, at: path, node: versionNode)
        guard let index = mapping.entries.firstIndex(where: { $0.key.string == "format_version" }) else { return node }
        mapping.entries[index].value = .string(implementedFormatVersion, mark: versionNode.mark)
        return .mapping(mapping, mark: node.mark)
    }
}
