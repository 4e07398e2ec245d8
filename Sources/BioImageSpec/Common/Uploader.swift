import BioImageYAML

/// The person who uploaded a resource (`Uploader`: `{email, name}`; `/` and `\` are removed from
/// the name in every format).
public struct Uploader: Sendable, Hashable, Codable {
    /// The e-mail address.
    public var email: String
    /// The name.
    public var name: String?

    /// Creates an uploader.
    public init(email: String, name: String? = nil) {
        self.email = email
        self.name = name
    }
}

extension Uploader: ValidatableNode {
    /// Validates an uploader mapping.
    static func validate(_ node: YAMLNode, at path: FieldPath, context: ValidationContext) -> Uploader? {
        guard var reader = MappingReader(node, at: path, typeName: "Uploader", context: context) else { return nil }
        let email = reader.required("email") { Leaf.email($0, at: $1, context) }
        let name = reader.optional("name") { PersonFields.name($0, at: $1, generation: .legacy, context) }
        reader.rejectUnknownKeys()
        guard reader.isValid, let email else { return nil }
        return Uploader(email: email, name: name)
    }
}
