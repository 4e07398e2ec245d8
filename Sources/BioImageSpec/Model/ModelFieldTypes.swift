import BioImageYAML

/// A model's licence: an SPDX id (active or deprecated) or a custom licence file.
public enum ModelLicense: Sendable, Codable, Hashable {
    /// An SPDX licence id (`MIT`, `CC-BY-4.0`, …).
    case spdx(String)
    /// A packaged licence file.
    case file(FileDescription)

    static func validate(_ node: YAMLNode, at path: FieldPath, context: ValidationContext) -> ModelLicense? {
        guard let text = Leaf.license(node, at: path, context) else { return nil }
        if node.mapping != nil, let file = ModelSupport.wouldSucceed(context, { Leaf.fileDescription(node, at: path, packaged: true, $0) }) {
            return .file(file)
        }
        return .spdx(text)
    }
}

/// A model's icon: one or two characters (an emoji) or an image file.
public enum ModelIcon: Sendable, Codable, Hashable {
    /// One or two characters.
    case text(String)
    /// A packaged image file.
    case file(FileDescription)

    static func validate(_ node: YAMLNode, at path: FieldPath, context: ValidationContext) -> ModelIcon? {
        ModelSupport.union(context, [
            { ctx in
                guard let text = Lax.string(node, at: path, ctx),
                      Lax.checkLength(text, min: 1, max: 2, at: path, node: node, ctx) else { return nil }
                return .text(text)
            },
            { ctx in Leaf.fileDescription(node, at: path, packaged: true, ctx).map { .file($0) } },
        ])
    }
}

/// How a consumer should run the model (`run_mode`; only `deepimagej` is known).
public struct RunMode: Sendable, Codable, Hashable {
    /// The run mode's name.
    public var name: String
    /// Its arguments.
    public var kwargs: FreeValue

    /// Creates a run mode.
    public init(name: String, kwargs: FreeValue = FreeValue(.mapping([:]))) {
        self.name = name
        self.kwargs = kwargs
    }

    static func validate(_ node: YAMLNode, at path: FieldPath, context: ValidationContext) -> RunMode? {
        guard var reader = MappingReader(node, at: path, typeName: "RunMode", context: context) else { return nil }
        let name = reader.required("name") { Lax.string($0, at: $1, context) }
        let kwargs = reader.field("kwargs", default: FreeValue(.mapping([:]))) { Lax.dictionary($0, at: $1, context).map { FreeValue(.mapping($0)) } }
        reader.rejectUnknownKeys()
        guard reader.isValid, let name, let kwargs else { return nil }
        // The reference's two warnings share one field; the inner one ("Unknown run mode") hides the outer one.
        if name != "deepimagej" {
            context.warning("Unknown run mode '\(name)'.", at: path.appending("name"), node: node["name"])
        } else {
            context.warning("Run mode 'name=\(ModelSupport.pythonRepr(name)) kwargs=\(pythonDict(kwargs.node))' has limited support across consumer softwares.",
                            at: path, node: node)
        }
        return RunMode(name: name, kwargs: kwargs)
    }

    private static func pythonDict(_ node: YAMLNode) -> String {
        guard let mapping = node.mapping else { return "{}" }
        return "{" + mapping.entries.map { "\(ModelSupport.pythonRepr($0.key.string ?? "")): \($0.value.string.map(ModelSupport.pythonRepr) ?? "…")" }.joined(separator: ", ") + "}"
    }
}

/// The data a model was trained on: a link to a bioimage.io dataset, or an inline dataset description.
public enum TrainingData: Sendable, Codable, Hashable {
    /// A link by id (and version).
    case linked(LinkedResource)
    /// An inline dataset description, kept as written.
    case inline(FreeValue)

    static func validate(_ node: YAMLNode, at path: FieldPath, context: ValidationContext) -> TrainingData? {
        if let mapping = node.mapping, mapping.entries.allSatisfy({ ["id", "version", "version_number"].contains($0.key.string ?? "") }) {
            return LinkedResource.validate(node, at: path, generation: .current, typeName: "LinkedDataset", context: context).map { .linked($0) }
        }
        guard let mapping = node.mapping else {
            context.error("Input should be a valid dictionary or instance of LinkedDataset", type: "model_type", at: path, node: node)
            context.error("Input should be a valid dictionary or instance of DatasetDescr", type: "model_type", at: path, node: node)
            context.error("Input should be a valid dictionary or instance of DatasetDescr", type: "model_type", at: path, node: node)
            return nil
        }
        // An inline dataset description: validated as dataset 0.3 (or 0.2 when it declares 0.2.x),
        // kept as written.
        let isV02 = node["format_version"]?.pythonString?.hasPrefix("0.2") == true
        guard node["type"]?.pythonString == "dataset" else {
            context.error("Input should be 'dataset'", type: "literal_error", at: path.appending("type"), node: node["type"] ?? node)
            return nil
        }
        let valid = isV02 ? GenericDescriptionV02.validate(node, at: path, context: context) != nil
                          : GenericDescription.validate(node, at: path, context: context) != nil
        guard valid else { return nil }
        return .inline(FreeValue(.mapping(mapping)))
    }
}
