import BioImageYAML

/// The fields every current-format description shares (`GenericModelDescrBase` of generic 0.3
/// and model 0.5: `name` … `version_comment`, notes §a.2, §f.1).
///
/// Model 0.5 and generic 0.3.4 descriptions embed it; ``read(_:context:)`` validates the fields in
/// the reference's order with its FAIR and length warnings.
public struct ResourceMetadata: Sendable, Hashable, Codable {
    /// A human-friendly name (5–128 characters of `A-Za-z0-9_+- ()`).
    public var name: String
    /// A short description (at most 1024 characters).
    public var description: String
    /// Cover images.
    public var covers: [FileDescription]
    /// The Markdown documentation file.
    public var documentation: FileDescription?
    /// An emoji shown with the id (1–2 characters).
    public var idEmoji: String?
    /// The authors.
    public var authors: [Author]
    /// Attached files, included in packages.
    public var attachments: [FileDescription]
    /// Citations.
    public var cite: [CiteEntry]
    /// The licence: an SPDX id or a licence file.
    public var license: LicenseValue?
    /// The Git repository URL.
    public var gitRepo: String?
    /// The icon: 1–2 characters or an image file.
    public var icon: IconValue?
    /// Ids of related resources.
    public var links: [String]
    /// Who uploaded the resource.
    public var uploader: Uploader?
    /// The maintainers.
    public var maintainers: [Maintainer]
    /// Tags.
    public var tags: [String]
    /// The resource version (a legacy `version_number` moves here).
    public var version: String?
    /// A comment on this version (at most 512 characters).
    public var versionComment: String?

    enum CodingKeys: String, CodingKey {
        case name, description, covers, documentation, authors, attachments, cite, license, icon, links, uploader, maintainers, tags, version
        case idEmoji = "id_emoji"
        case gitRepo = "git_repo"
        case versionComment = "version_comment"
    }

    /// The characters a current-format name may use.
    static let nameAlphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_+- ()"
    /// The cover suffixes of the current formats (case-insensitive).
    static let coverSuffixes = [".gif", ".jpeg", ".jpg", ".png", ".svg"]

    /// Reads `name` … `version_comment` from `reader` in the reference's order; `nil` when any of
    /// them failed (the caller continues with its own fields and checks `reader.isValid`).
    static func read(_ reader: inout MappingReader, context: ValidationContext) -> ResourceMetadata? {
        let before = context.errorCount
        let node = reader.node
        let name = reader.required("name") { GenericFields.currentName($0, at: $1, context) }
        let description = GenericFields.currentDescription(&reader, context)
        let covers = reader.field("covers", default: []) { value, path in
            Lax.list(value, at: path, context) { item, itemPath in
                Leaf.fileDescription(item, at: itemPath, packaged: true, suffixes: coverSuffixes, caseSensitiveSuffix: false, context)
            }
        }
        let documentationNode = reader.value("documentation")
        let documentationPath = reader.path.appending("documentation")
        var documentation: FileDescription?
        var documentationValid = true
        if let documentationNode, !documentationNode.isNull {
            documentation = Leaf.fileDescription(documentationNode, at: documentationPath, packaged: true, suffixes: [".md"], caseSensitiveSuffix: true, context)
            documentationValid = documentation != nil
        }
        if documentationValid, documentation == nil { GenericFields.fairAlert(at: documentationPath, node: documentationNode ?? node, context) }
        let idEmoji = reader.optional("id_emoji") { value, path in
            Lax.string(value, at: path, context).flatMap { Lax.checkLength($0, min: 1, max: 2, at: path, node: value, context) ? $0 : nil }
        }
        let authors = GenericFields.fairList(&reader, "authors", context) { Author.validateList($0, at: $1, generation: .current, context: context) }
        let attachments = reader.field("attachments", default: []) { value, path in
            Lax.list(value, at: path, context) { Leaf.fileDescription($0, at: $1, packaged: true, context) }
        }
        let cite = GenericFields.fairList(&reader, "cite", context) { value, path in
            Lax.list(value, at: path, context) { CiteEntry.validate($0, at: $1, generation: .current, context: context) }
        }
        let license = GenericFields.currentLicense(&reader, context)
        let gitRepo = reader.optional("git_repo") { Leaf.httpURL($0, at: $1, context) }
        let icon = reader.optional("icon") { IconValue.validateCurrent($0, at: $1, context) }
        let links = reader.field("links", default: []) { GenericFields.stringList($0, at: $1, context) }
        let uploader = reader.optional("uploader") { Uploader.validate($0, at: $1, context: context) }
        let maintainers = reader.field("maintainers", default: []) { value, path in
            Lax.list(value, at: path, context) { Maintainer.validate($0, at: $1, generation: .current, context: context) }
        }
        let tags = GenericFields.fairList(&reader, "tags", context) { GenericFields.stringList($0, at: $1, context) }
        let version = GenericFields.movedVersion(&reader, context)
        let versionComment = reader.optional("version_comment") { value, path in
            Lax.string(value, at: path, context).flatMap { Lax.checkLength($0, max: 512, at: path, node: value, context) ? $0 : nil }
        }
        guard context.errorCount == before, let name, let description, let covers, let authors, let attachments, let cite,
              let links, let maintainers, let tags else { return nil }
        return ResourceMetadata(name: name, description: description, covers: covers, documentation: documentation, idEmoji: idEmoji,
                                authors: authors, attachments: attachments, cite: cite, license: license ?? nil, gitRepo: gitRepo,
                                icon: icon, links: links, uploader: uploader, maintainers: maintainers, tags: tags, version: version,
                                versionComment: versionComment)
    }

    /// The model-level rule run once every field is valid: without maintainers, some author
    /// should have a `github_user` (ALERT at the root).
    func checkMaintainers(at path: FieldPath, node: YAMLNode, _ context: ValidationContext) {
        guard maintainers.isEmpty, !authors.isEmpty, authors.allSatisfy({ $0.githubUser == nil }) else { return }
        context.warning("Missing `maintainers` or any author in `authors` with a specified `github_user` name.",
                        severity: .alert, at: path, node: node)
    }
}

/// A licence: an SPDX id or a licence file.
public enum LicenseValue: Sendable, Hashable, Codable {
    /// An SPDX licence id (`MIT`).
    case id(String)
    /// A custom licence file.
    case file(FileDescription)
}

/// An icon: a 1–2 character text (an emoji) or an image file.
public enum IconValue: Sendable, Hashable, Codable {
    /// A short text, typically an emoji.
    case text(String)
    /// An image file.
    case file(FileDescription)

    /// The current-format union `str (1–2 characters) | FileDescr_package`; every member's errors
    /// are reported when none matches.
    static func validateCurrent(_ node: YAMLNode, at path: FieldPath, _ context: ValidationContext) -> IconValue? {
        if let text = node.pythonString {
            let count = text.unicodeScalars.count
            if (1...2).contains(count) { return .text(text) }
            _ = Lax.checkLength(text, min: 1, max: 2, at: path, node: node, context)
            context.error("Input should be a valid dictionary or instance of FileDescr", type: "model_type", at: path, node: node)
            return nil
        }
        if node.mapping != nil {
            let attempt = context.trying { Leaf.fileDescription(node, at: path, packaged: true, $0) }
            if let file = attempt.value { return .file(file) }
            context.error("Input should be a valid string", type: "string_type", at: path, node: node)
            attempt.issues.forEach(context.append)
            return nil
        }
        context.error("Input should be a valid string", type: "string_type", at: path, node: node)
        context.error("Input should be a valid dictionary or instance of FileDescr", type: "model_type", at: path, node: node)
        return nil
    }
}
