/// The non-model resource types with their own description classes; anything else is generic.
public enum ResourceKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// A generic resource (any `type` that is not a specific one).
    case generic
    /// A dataset (`source`: an http(s) URL).
    case dataset
    /// An application (`source`: a packaged file or URL).
    case application
    /// A notebook (`source`: required, an `.ipynb` file or URL).
    case notebook

    /// The types the generic description rejects ("Use the … description instead …").
    static let specificTypes: Set<String> = ["application", "collection", "dataset", "model", "notebook"]

    /// The kind that validates a document of `type` (`nil` or unknown types are generic).
    public init(type: String?) {
        switch type {
        case "dataset": self = .dataset
        case "application": self = .application
        case "notebook": self = .notebook
        default: self = .generic
        }
    }
}
