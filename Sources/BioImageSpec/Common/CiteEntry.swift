import BioImageYAML

/// A citation (`CiteEntry`: `{text, doi, url}`, at least one of `doi` and `url`; notes §a.3).
public struct CiteEntry: Sendable, Hashable, Codable {
    /// A free-text description.
    public var text: String
    /// A DOI (`10.NNNN/…`), the preferred reference.
    public var doi: String?
    /// A URL to cite.
    public var url: String?

    /// Creates a citation.
    public init(text: String, doi: String? = nil, url: String? = nil) {
        self.text = text
        self.doi = doi
        self.url = url
    }
}

extension CiteEntry {
    /// Validates a citation: in the legacy formats DOI prefixes are stripped and `url` is any
    /// string; in the current ones `url` is an http(s) URL.
    static func validate(_ node: YAMLNode, at path: FieldPath, generation: FormatGeneration, context: ValidationContext) -> CiteEntry? {
        guard var reader = MappingReader(node, at: path, typeName: "CiteEntry", context: context) else { return nil }
        let text = reader.required("text") { Lax.string($0, at: $1, context) }
        let doi = reader.optional("doi") { Leaf.doi($0, at: $1, strippingPrefixes: generation == .legacy, context) }
        let url = reader.optional("url") { value, valuePath in
            generation == .legacy ? Lax.string(value, at: valuePath, context) : Leaf.httpURL(value, at: valuePath, context)
        }
        reader.rejectUnknownKeys()
        guard reader.isValid, let text else { return nil }
        // Python truthiness: an empty string counts as missing.
        if (doi ?? "").isEmpty, (url ?? "").isEmpty {
            context.valueError("Either 'doi' or 'url' is required", at: path, node: node)
            return nil
        }
        return CiteEntry(text: text, doi: doi, url: url)
    }
}
