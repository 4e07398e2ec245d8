import BioImageYAML

/// A person who created a resource (`Author`; notes §a.3).
public struct Author: Sendable, Hashable, Codable {
    /// The affiliation.
    public var affiliation: String?
    /// The e-mail address.
    public var email: String?
    /// The ORCID iD (`0000-0001-2345-6789`).
    public var orcid: String?
    /// The full name (no `/` or `\`).
    public var name: String
    /// The GitHub user name.
    public var githubUser: String?

    /// Creates an author.
    public init(name: String, affiliation: String? = nil, email: String? = nil, orcid: String? = nil, githubUser: String? = nil) {
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

extension Author {
    /// Validates an author mapping; in the legacy formats slashes are removed from the name, in the
    /// current ones they are an error, and `Constantin Pape` as `github_user` becomes `constantinpape`.
    ///
    /// Plain-string authors of the legacy formats are converted by ``Author/validateList(_:at:generation:context:)``.
    static func validate(_ node: YAMLNode, at path: FieldPath, generation: FormatGeneration, context: ValidationContext) -> Author? {
        guard var reader = MappingReader(node, at: path, typeName: "Author", context: context) else { return nil }
        let person = PersonFields.read(&reader, context: context)
        let name = reader.required("name") { PersonFields.name($0, at: $1, generation: generation, context) }
        let github = reader.optional("github_user") { PersonFields.githubUser($0, at: $1, generation: generation, context) }
        reader.rejectUnknownKeys()
        guard reader.isValid, let name else { return nil }
        return Author(name: name, affiliation: person.affiliation, email: person.email, orcid: person.orcid, githubUser: github)
    }

    /// Validates a list of authors; legacy formats accept plain strings as `{name: …}`.
    static func validateList(_ node: YAMLNode, at path: FieldPath, generation: FormatGeneration, context: ValidationContext) -> [Author]? {
        Lax.list(node, at: path, context) { item, itemPath in
            if generation == .legacy, let name = item.pythonString {
                return PersonFields.name(.string(name, mark: item.mark), at: itemPath.appending("name"), generation: .legacy, context)
                    .map { Author(name: $0) }
            }
            return validate(item, at: itemPath, generation: generation, context: context)
        }
    }
}

/// The fields every person node shares (`affiliation`, `email`, `orcid`) and the name rules.
enum PersonFields {
    /// The shared optional fields, read in the reference's order.
    static func read(_ reader: inout MappingReader, context: ValidationContext) -> (affiliation: String?, email: String?, orcid: String?) {
        let affiliation = reader.optional("affiliation") { Lax.string($0, at: $1, context) }
        let email = reader.optional("email") { Leaf.email($0, at: $1, context) }
        let orcid = reader.optional("orcid") { Leaf.orcid($0, at: $1, context) }
        return (affiliation, email, orcid)
    }

    /// A person's name: legacy formats remove `/` and `\`; current ones reject them.
    static func name(_ node: YAMLNode, at path: FieldPath, generation: FormatGeneration, _ context: ValidationContext) -> String? {
        guard let text = Lax.string(node, at: path, context) else { return nil }
        switch generation {
        case .legacy:
            return removingSlashes(text)
        case .current:
            guard !text.contains("/"), !text.contains("\\") else {
                context.error("Predicate '_has_no_slash' failed", type: "predicate_failed", at: path, node: node)
                return nil
            }
            return text
        }
    }

    /// The text without `/` and `\`.
    static func removingSlashes(_ text: String) -> String {
        text.replacingOccurrences(of: "/", with: "").replacingOccurrences(of: "\\", with: "")
    }

    /// A GitHub user name; the current formats rewrite `Constantin Pape` to `constantinpape`
    /// (no network look-up is made).
    static func githubUser(_ node: YAMLNode, at path: FieldPath, generation: FormatGeneration, _ context: ValidationContext) -> String? {
        guard let text = Lax.string(node, at: path, context) else { return nil }
        if generation == .current, text == "Constantin Pape" { return "constantinpape" }
        return text
    }
}
