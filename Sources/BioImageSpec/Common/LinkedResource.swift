import BioImageYAML

/// A reference to another bioimage.io resource (`LinkedResource`, `LinkedModel`,
/// `LinkedDataset`): an id and, in the current formats, a version.
public struct LinkedResource: Sendable, Hashable, Codable {
    /// The resource id.
    public var id: String
    /// The version (current formats; a legacy `version_number` moves here).
    public var version: String?
    /// The n-th published version (legacy formats only).
    public var versionNumber: Int?

    /// Creates a link.
    public init(id: String, version: String? = nil, versionNumber: Int? = nil) {
        self.id = id
        self.version = version
        self.versionNumber = versionNumber
    }

    enum CodingKeys: String, CodingKey {
        case id, version
        case versionNumber = "version_number"
    }
}

extension LinkedResource {
    /// Validates a link. Current formats: `{id, version}`, where a `version_number` is moved to
    /// `version` when that is null. Legacy formats: `{id (lower-cased), version_number: int}`.
    /// `typeName` names the node in the "valid dictionary" message (`LinkedModel`, …).
    static func validate(_ node: YAMLNode, at path: FieldPath, generation: FormatGeneration, typeName: String = "LinkedResource",
                         context: ValidationContext) -> LinkedResource? {
        guard var reader = MappingReader(node, at: path, typeName: typeName, context: context) else { return nil }
        switch generation {
        case .current:
            let versionNode = reader.value("version")
            let numberNode = reader.value("version_number")
            var version: String?
            if let versionNode, !versionNode.isNull {
                version = Leaf.version(versionNode, at: path.appending("version"), context)
            } else if let numberNode, !numberNode.isNull {
                version = Leaf.version(numberNode, at: path.appending("version"), context)
            }
            let id = reader.required("id") { Leaf.resourceID($0, at: $1, context) }
            reader.rejectUnknownKeys()
            guard reader.isValid, let id else { return nil }
            return LinkedResource(id: id, version: version)
        case .legacy:
            let id = reader.required("id") { Leaf.resourceID($0, at: $1, lowercasing: true, context) }
            let number = reader.optional("version_number") { Lax.int($0, at: $1, context) }
            reader.rejectUnknownKeys()
            guard reader.isValid, let id else { return nil }
            return LinkedResource(id: id, versionNumber: number)
        }
    }
}
