import BioImageYAML

/// A custom badge shown with a resource (`BadgeDescr`: `{label, icon, url}`).
public struct Badge: Sendable, Hashable, Codable {
    /// The label shown on hover.
    public var label: String
    /// The icon: a local file (packaged) or a URL.
    public var icon: String?
    /// The target URL.
    public var url: String

    /// Creates a badge.
    public init(label: String, icon: String? = nil, url: String) {
        self.label = label
        self.icon = icon
        self.url = url
    }
}

extension Badge: ValidatableNode {
    /// Validates a badge mapping (the same in every format).
    static func validate(_ node: YAMLNode, at path: FieldPath, context: ValidationContext) -> Badge? {
        guard var reader = MappingReader(node, at: path, typeName: "BadgeDescr", context: context) else { return nil }
        let label = reader.required("label") { Lax.string($0, at: $1, context) }
        let icon = reader.optional("icon") { iconSource($0, at: $1, context) }
        let url = reader.required("url") { Leaf.httpURL($0, at: $1, context) }
        reader.rejectUnknownKeys()
        guard reader.isValid, let label, let url else { return nil }
        return Badge(label: label, icon: icon, url: url)
    }

    /// The icon union: a local file path (not a reserved name) or an http(s) URL.
    static func iconSource(_ node: YAMLNode, at path: FieldPath, _ context: ValidationContext) -> String? {
        guard let text = node.pythonString else {
            context.error("Input is not a valid path for <class 'pathlib.Path'>", type: "path_type", at: path, node: node)
            context.error("Input is not a valid path for <class 'pathlib.PurePath'>", type: "path_type", at: path, node: node)
            context.error("Input should be a valid string", type: "string_type", at: path, node: node)
            context.error("URL input should be a string or URL", type: "url_type", at: path, node: node)
            return nil
        }
        if case .success(let url) = Leaf.parseHTTPURL(text) { return url.text }
        let pure = Leaf.purePathText(text)
        let fileName = String(pure.split(separator: "/").last ?? "")
        if pure != ".", !pure.hasPrefix("/") {
            if !Leaf.isReservedDescriptionName(fileName) { return pure }
            Leaf.reportReservedName(text, at: path, node: node, context)
        } else {
            context.error("Path does not point to a file", type: "path_not_file", at: path, node: node)
            context.valueError(pure == "." ? ". is not a valid file path." : "\(pure) is an absolute path.", at: path, node: node)
        }
        if case .failure(let failure) = Leaf.parseHTTPURL(text) {
            context.error(failure.message, type: failure.type, at: path, node: node)
            context.error(failure.message, type: failure.type, at: path, node: node)
        }
        return nil
    }
}
