import BioImageYAML

/// The fields every legacy-format description shares (`GenericModelDescrBase` of generic 0.2,
/// also the base of model 0.4: `name` … `version_number`, notes §c.2, §f.1).
public struct ResourceMetadataV02: Sendable, Hashable, Codable {
    /// A human-friendly name (non-empty).
    public var name: String
    /// A description.
    public var description: String
    /// Cover images (URLs or relative paths).
    public var covers: [String]
    /// An emoji shown with the id (exactly 1 character).
    public var idEmoji: String?
    /// The authors (plain-string authors become `{name}`).
    public var authors: [Author]
    /// Attached files (`attachments.files`) and any other attachment keys.
    public var attachments: AttachmentsV02?
    /// Citations.
    public var cite: [CiteEntry]
    /// Free configuration.
    public var config: FreeValue?
    /// A download URL (deprecated).
    public var downloadURL: String?
    /// The Git repository (any string).
    public var gitRepo: String?
    /// The icon: 1–2 characters or a file source.
    public var icon: String?
    /// Ids of related resources.
    public var links: [String]
    /// Who uploaded the resource.
    public var uploader: Uploader?
    /// The maintainers.
    public var maintainers: [Maintainer]
    /// Where the description was loaded from.
    public var rdfSource: String?
    /// Tags.
    public var tags: [String]
    /// The resource version.
    public var version: String?
    /// The n-th published version.
    public var versionNumber: Int?

    enum CodingKeys: String, CodingKey {
        case name, description, covers, authors, attachments, cite, config, icon, links, uploader, maintainers, tags, version
        case idEmoji = "id_emoji"
        case downloadURL = "download_url"
        case gitRepo = "git_repo"
        case rdfSource = "rdf_source"
        case versionNumber = "version_number"
    }

    /// The cover suffixes of the legacy formats (case-insensitive).
    static let coverSuffixes = [".gif", ".jpeg", ".jpg", ".png", ".svg", ".tif", ".tiff"]

    /// Reads `name` … `version_number` in the reference's order with the generic 0.2 rules
    /// (name non-empty, W30 "Longer than 128 characters."; "missing" warnings for empty authors
    /// and cite); `nil` when any failed.
    static func read(_ reader: inout MappingReader, context: ValidationContext) -> ResourceMetadataV02? {
        let before = context.errorCount
        let name = reader.required("name") { GenericFields.legacyName($0, at: $1, context) }
        let description = reader.required("description") { Lax.string($0, at: $1, context) }
        let covers = reader.field("covers", default: []) { value, path in
            Lax.list(value, at: path, context) { item, itemPath in
                Leaf.fileSource(item, at: itemPath, packaged: true, suffixes: coverSuffixes, caseSensitiveSuffix: false, context)
            }
        }
        let idEmoji = reader.optional("id_emoji") { value, path in
            Lax.string(value, at: path, context).flatMap { Lax.checkLength($0, min: 1, max: 1, at: path, node: value, context) ? $0 : nil }
        }
        let authors = GenericFields.legacyWarnedList(&reader, "authors", context) { Author.validateList($0, at: $1, generation: .legacy, context: context) }
        let attachments = reader.optional("attachments") { AttachmentsV02.validate($0, at: $1, context: context) }
        let cite = GenericFields.legacyWarnedList(&reader, "cite", context) { value, path in
            Lax.list(value, at: path, context) { CiteEntry.validate($0, at: $1, generation: .legacy, context: context) }
        }
        let config = reader.field("config", default: nil) { GenericFields.legacyConfig($0, at: $1, context) }
        let downloadURL = reader.optional("download_url") { Leaf.httpURL($0, at: $1, context) }
        let gitRepo = reader.optional("git_repo") { Lax.string($0, at: $1, context) }
        let icon = reader.optional("icon") { GenericFields.legacyIcon($0, at: $1, context) }
        let links = reader.field("links", default: []) { GenericFields.stringList($0, at: $1, context) }
        let uploader = reader.optional("uploader") { Uploader.validate($0, at: $1, context: context) }
        let maintainers = reader.field("maintainers", default: []) { value, path in
            Lax.list(value, at: path, context) { Maintainer.validate($0, at: $1, generation: .legacy, context: context) }
        }
        let rdfSource = reader.optional("rdf_source") { Leaf.fileSource($0, at: $1, context) }
        let tags = reader.field("tags", default: []) { GenericFields.stringList($0, at: $1, context) }
        let version = reader.optional("version") { Leaf.version($0, at: $1, context) }
        let versionNumber = reader.optional("version_number") { Lax.int($0, at: $1, context) }
        guard context.errorCount == before, let name, let description, let covers, let authors, let cite, let links,
              let maintainers, let tags else { return nil }
        return ResourceMetadataV02(name: name, description: description, covers: covers, idEmoji: idEmoji, authors: authors,
                                   attachments: attachments, cite: cite, config: config ?? nil, downloadURL: downloadURL, gitRepo: gitRepo,
                                   icon: icon, links: links, uploader: uploader, maintainers: maintainers, rdfSource: rdfSource,
                                   tags: tags, version: version, versionNumber: versionNumber)
    }
}

/// Legacy attachments: `{files: [file sources], …any other keys}`.
public struct AttachmentsV02: Sendable, Hashable, Codable {
    /// The attached files (packaged).
    public var files: [String]
    /// Any other keys, kept as written.
    public var other: FreeValue?

    /// Validates an attachments mapping (open: unknown keys are kept).
    static func validate(_ node: YAMLNode, at path: FieldPath, context: ValidationContext) -> AttachmentsV02? {
        guard var reader = MappingReader(node, at: path, typeName: "AttachmentsDescr", context: context) else { return nil }
        let files = reader.field("files", default: []) { value, filesPath in
            Lax.list(value, at: filesPath, context) { Leaf.fileSource($0, at: $1, packaged: true, context) }
        }
        let rest = reader.unknownEntries()
        guard reader.isValid, let files else { return nil }
        return AttachmentsV02(files: files, other: rest.isEmpty ? nil : FreeValue(.mapping(YAMLMapping(rest))))
    }
}

extension GenericFields {
    /// A legacy generic name: non-empty; longer than 128 characters → W30 "Longer than 128 characters.".
    static func legacyName(_ node: YAMLNode, at path: FieldPath, _ context: ValidationContext) -> String? {
        guard let text = Lax.string(node, at: path, context), Lax.checkLength(text, min: 1, at: path, node: node, context) else { return nil }
        if text.unicodeScalars.count > 128 { context.warning("Longer than 128 characters.", at: path, node: node) }
        return text
    }

    /// The legacy icon union `str (1–2 characters) | FileSource`.
    static func legacyIcon(_ node: YAMLNode, at path: FieldPath, _ context: ValidationContext) -> String? {
        if let text = node.pythonString, (1...2).contains(text.unicodeScalars.count) { return text }
        let attempt = context.trying { Leaf.fileSource(node, at: path, $0) }
        if let source = attempt.value { return source }
        if let text = node.pythonString {
            _ = Lax.checkLength(text, min: 1, max: 2, at: path, node: node, context)
        } else {
            context.error("Input should be a valid string", type: "string_type", at: path, node: node)
        }
        attempt.issues.forEach(context.append)
        return nil
    }

    /// The legacy licence `LicenseId | DeprecatedLicenseId | str | null` with its warnings
    /// ("missing", deprecated, unknown).
    static func legacyLicense(_ reader: inout MappingReader, _ context: ValidationContext) -> String?? {
        let path = reader.path.appending("license")
        guard let node = reader.value("license"), !node.isNull else {
            Leaf.warnLegacyGenericLicense(nil, at: path, node: reader.mapping["license"] ?? reader.node, context)
            return .some(nil)
        }
        guard let id = node.pythonString else {
            // Members LicenseId, DeprecatedLicenseId (labels normalise away) and plain `str`.
            context.error("Input should be a valid string", type: "string_type", at: path, node: node)
            context.error("Input should be a valid string", type: "string_type", at: path, node: node)
            context.error("Input should be a valid string", type: "string_type", at: path.appending("str"), node: node)
            return nil
        }
        Leaf.warnLegacyGenericLicense(id, at: path, node: node, context)
        return .some(id)
    }
}
