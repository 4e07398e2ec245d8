import BioImageYAML

/// A person who maintains a resource (`Maintainer`: like ``Author`` but `github_user` is
/// required and `name` optional; notes §a.3).
public struct Maintainer: Sendable, Hashable, Codable {
    /// The affiliation.
    public var affiliation: String?
    /// The e-mail address.
    public var email: String?
    /// The ORCID iD.
    public var orcid: String?
    /// The full name.
    public var name: String?
    /// The GitHub user name.
    public var githubUser: String

    /// Creates a maintainer.
    public init(githubUser: String, name: String? = nil, affiliation: String? = nil, email: String? = nil, orcid: String? = nil) {
        self.affiliation = affiliation
        self.email = email
        self.orcid = orcid
        self.name = name
        self.githubUser = githubUser
    }

    enum CodingKeys: String, CodingKey {
        case affiliation, email, orcid, name
        case githubUser = "github_user"
    }
}

extension Maintainer {
    /// Validates a maintainer mapping with the name rules of `generation`.
    static func validate(_ node: YAMLNode, at path: FieldPath, generation: FormatGeneration, context: ValidationContext) -> Maintainer? {
        guard var reader = MappingReader(node, at: path, typeName: "Maintainer", context: context) else { return nil }
        let person = PersonFields.read(&reader, context: context)
        let name = reader.optional("name") { PersonFields.name($0, at: $1, generation: generation, context) }
        let github = reader.required("github_user") { PersonFields.githubUser($0, at: $1, generation: generation, context) }
        reader.rejectUnknownKeys()
        guard reader.isValid, let github else { return nil }
        return Maintainer(githubUser: github, name: name, affiliation: person.affiliation, email: person.email, orcid: person.orcid)
    }
}
