import BioImageYAML

/// A bioimage.io model description, format 0.5 (0.5.14): typed, validated, and writable back to
/// YAML (notes §a.2; fields in the reference's serialization order, Appendix C).
///
/// ```swift
/// let context = ValidationContext()
/// if let model = ModelDescription.validate(document, at: .root, context: context) { … }
/// for issue in context.issues { print(issue) }   // 42:9: error: inputs.0.axes.2.size: …
/// ```
public struct ModelDescription: Sendable, Codable, Hashable {
    /// The format version this type implements.
    public static let formatVersion = "0.5.14"

    /// A human-readable name (5–128 characters of `A-Za-z0-9_+-()` and space).
    public var name: String
    /// A short description (≤ 1024 characters).
    public var description: String
    /// Cover images.
    public var covers: [FileDescription]
    /// The documentation (Markdown).
    public var documentation: FileDescription?
    /// One or two characters standing for the model.
    public var idEmoji: String?
    /// The authors.
    public var authors: [Author]
    /// Extra files packaged with the model.
    public var attachments: [FileDescription]
    /// How to cite the model.
    public var cite: [CiteEntry]
    /// The licence.
    public var license: ModelLicense?
    /// The source repository.
    public var gitRepo: String?
    /// An icon.
    public var icon: ModelIcon?
    /// Ids of related resources.
    public var links: [String]
    /// Who uploaded the model.
    public var uploader: Uploader?
    /// Who maintains the model.
    public var maintainers: [Maintainer]
    /// Free tags.
    public var tags: [String]
    /// The model's version (PEP 440).
    public var version: String?
    /// A comment on this version (≤ 512 characters).
    public var versionComment: String?
    /// The zoo id.
    public var id: String?
    /// The inputs (non-empty).
    public var inputs: [InputTensorDescription]
    /// The outputs (non-empty).
    public var outputs: [OutputTensorDescription]
    /// Who packaged the model.
    public var packagedBy: [Author]
    /// The model this one derives from.
    public var parent: LinkedResource?
    /// How a consumer should run the model.
    public var runMode: RunMode?
    /// When the model was created, normalised to `YYYY-MM-DDTHH:MM:SS+00:00` (`nil` when not given).
    public var timestamp: String?
    /// The training data.
    public var trainingData: TrainingData?
    /// The weights.
    public var weights: WeightsDescription
    /// Extra configuration.
    public var config: ModelConfig

    /// Creates a description from its parts.
    public init(name: String, description: String = "", covers: [FileDescription] = [], documentation: FileDescription? = nil,
                idEmoji: String? = nil, authors: [Author] = [], attachments: [FileDescription] = [], cite: [CiteEntry] = [],
                license: ModelLicense? = nil, gitRepo: String? = nil, icon: ModelIcon? = nil, links: [String] = [],
                uploader: Uploader? = nil, maintainers: [Maintainer] = [], tags: [String] = [], version: String? = nil,
                versionComment: String? = nil, id: String? = nil, inputs: [InputTensorDescription], outputs: [OutputTensorDescription],
                packagedBy: [Author] = [], parent: LinkedResource? = nil, runMode: RunMode? = nil, timestamp: String? = nil,
                trainingData: TrainingData? = nil, weights: WeightsDescription, config: ModelConfig = ModelConfig()) {
        self.name = name
        self.description = description
        self.covers = covers
        self.documentation = documentation
        self.idEmoji = idEmoji
        self.authors = authors
        self.attachments = attachments
        self.cite = cite
        self.license = license
        self.gitRepo = gitRepo
        self.icon = icon
        self.links = links
        self.uploader = uploader
        self.maintainers = maintainers
        self.tags = tags
        self.version = version
        self.versionComment = versionComment
        self.id = id
        self.inputs = inputs
        self.outputs = outputs
        self.packagedBy = packagedBy
        self.parent = parent
        self.runMode = runMode
        self.timestamp = timestamp
        self.trainingData = trainingData
        self.weights = weights
        self.config = config
    }
}
