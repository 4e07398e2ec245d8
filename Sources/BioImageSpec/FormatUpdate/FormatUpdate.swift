import BioImageYAML

/// Updates model descriptions of format 0.3/0.4 to format 0.5 (0.5.14) the way bioimageio.spec's
/// `update_format` does (notes §c.3): names, axes, sizes and halos converted, processing steps
/// translated (with the complement-axis rule), weights given default library versions, the
/// architecture string parsed, dropped fields dropped, and the 0.5 validator's normalisations
/// applied (`ensure_dtype` steps, `config.bioimageio.reproducibility_tolerance`).
///
/// The result is written like the reference's output (`exclude_defaults`): keys in the 0.5 field
/// order and fields equal to their defaults left out, ready for ``YAMLEmitter``.
///
/// ```swift
/// let context = ValidationContext()
/// if let updated = FormatUpdate.updateToV05(document, context: context) {
///     print(try YAMLEmitter().emit(updated))
/// }
/// ```
public enum FormatUpdate {
    /// The format version updates produce.
    public static let targetFormatVersion = "0.5.14"

    /// Updates a raw model document of format 0.3.x or 0.4.x to 0.5.14.
    ///
    /// The document is upgraded and validated as 0.4 first; its issues go to `context`. Returns
    /// `nil` when it is invalid or cannot be converted (the reason is recorded as an error).
    /// Documents that are not models of format 0.3/0.4 are returned unchanged.
    public static func updateToV05(_ node: YAMLNode, context: ValidationContext = ValidationContext()) -> YAMLNode? {
        guard let mapping = node.mapping, mapping["type"]?.pythonString == "model",
              let version = mapping["format_version"]?.pythonString,
              version.hasPrefix("0.3.") || version.hasPrefix("0.4.") || version == "0.3" || version == "0.4" else { return node }
        guard let model = ModelDescriptionV04.load(node, context: context) else { return nil }
        do {
            return try converted(model)
        } catch {
            context.valueError(error.message, at: error.path, node: node)
            return nil
        }
    }

    /// Why a valid 0.4 description cannot be converted (the reference raises the same errors).
    public struct Failure: Error, Sendable, Hashable {
        /// The reference's message, e.g. "Expected none or a single complement axis, …".
        public var message: String
        /// Where in the 0.4 description the problem is.
        public var path: FieldPath
    }

    /// Converts a validated 0.4 description to the 0.5 document.
    ///
    /// - Throws: ``Failure`` for the few valid 0.4 descriptions the reference cannot convert either
    ///   (an output axis with a halo and a fixed size; more than one complement axis; list-valued
    ///   fixed normalisation without a complement axis).
    public static func converted(_ model: ModelDescriptionV04) throws(Failure) -> YAMLNode {
        var out = YAMLMapping()
        out["name"] = .string(String(model.name.map { allowedNameCharacters.contains($0) ? $0 : " " }))
        if !model.description.isEmpty { out["description"] = .string(model.description) }
        if !model.covers.isEmpty { out["covers"] = .sequence(model.covers.map(fileNode)) }
        if !model.documentation.isEmpty { out["documentation"] = fileNode(model.documentation) }
        if let emoji = model.idEmoji { out["id_emoji"] = .string(emoji) }
        if !model.authors.isEmpty { out["authors"] = .sequence(model.authors.map(authorNode)) }
        if let files = model.attachments, !files.isEmpty { out["attachments"] = .sequence(files.map(fileNode)) }
        if !model.cite.isEmpty { out["cite"] = .sequence(model.cite.map(citeNode)) }
        out["license"] = .string(model.license)
        if let repo = model.gitRepo { out["git_repo"] = .string(normalizedURL(repo)) }
        if let icon = model.icon, !icon.isEmpty { out["icon"] = fileNode(icon) }
        if !model.links.isEmpty { out["links"] = .sequence(model.links.map { .string($0) }) }
        if let uploader = model.uploader {
            var node = YAMLMapping()
            node["email"] = .string(uploader.email)
            if let name = uploader.name { node["name"] = .string(name) }
            out["uploader"] = .mapping(node)
        }
        if !model.maintainers.isEmpty { out["maintainers"] = .sequence(model.maintainers.map(maintainerNode)) }
        if !model.tags.isEmpty { out["tags"] = .sequence(model.tags.map { .string($0) }) }
        if let version = model.version { out["version"] = plain(version.node) }
        out["format_version"] = .string(targetFormatVersion)
        out["type"] = .string("model")
        if let id = model.id { out["id"] = .string(id) }
        out["inputs"] = .sequence(try inputNodes(model))
        out["outputs"] = .sequence(try outputNodes(model))
        if !model.packagedBy.isEmpty { out["packaged_by"] = .sequence(model.packagedBy.map(authorNode)) }
        if let runMode = model.runMode {
            var node = YAMLMapping()
            node["name"] = .string(runMode.name)
            if let kwargs = runMode.kwargs, let mapping = kwargs.node.mapping, !mapping.isEmpty { node["kwargs"] = plain(kwargs.node) }
            out["run_mode"] = .mapping(node)
        }
        out["timestamp"] = .string(model.timestamp)
        if let data = model.trainingData {
            let id = data.id + (data.versionNumber.map { "/\($0)" } ?? "")
            out["training_data"] = .mapping(["id": .string(id)])
        } else if let inline = model.inlineTrainingData {
            // The reference keeps the inline 0.2 dataset; it is written as given.
            out["training_data"] = plain(inline.node)
        }
        out["weights"] = try weightsNode(model.weights)
        if let config = model.config.flatMap({ configNode($0.node) }) { out["config"] = config }
        return .mapping(out)
    }

    /// The characters a 0.5 name may use; others become spaces.
    static let allowedNameCharacters = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_+- ()")

    /// A URL as pydantic's `HttpUrl` writes it (`https://host` → `https://host/`); other text unchanged.
    static func normalizedURL(_ text: String) -> String {
        if case .success(let url) = Leaf.parseHTTPURL(text) { return url.text }
        return text
    }

    /// A file source as the 0.5 `FileSource` writes it: a normalised URL or a normalised path (`./a.py` → `a.py`).
    static func normalizedSource(_ text: String) -> String {
        if case .success(let url) = Leaf.parseHTTPURL(text) { return url.text }
        return Leaf.purePathText(text)
    }

    /// `{source: …}`.
    static func fileNode(_ source: String) -> YAMLNode { .mapping(["source": .string(source)]) }

    /// A 0.5 `Author` (fields in its order; `Constantin Pape` as GitHub user becomes `constantinpape`).
    static func authorNode(_ author: Author) -> YAMLNode {
        personNode(affiliation: author.affiliation, email: author.email, orcid: author.orcid, name: author.name, githubUser: author.githubUser)
    }

    /// A 0.5 `Maintainer`.
    static func maintainerNode(_ maintainer: Maintainer) -> YAMLNode {
        personNode(affiliation: maintainer.affiliation, email: maintainer.email, orcid: maintainer.orcid,
                   name: maintainer.name, githubUser: maintainer.githubUser)
    }

    static func personNode(affiliation: String?, email: String?, orcid: String?, name: String?, githubUser: String?) -> YAMLNode {
        var node = YAMLMapping()
        if let affiliation { node["affiliation"] = .string(affiliation) }
        if let email { node["email"] = .string(email) }
        if let orcid { node["orcid"] = .string(orcid) }
        if let name { node["name"] = .string(name) }
        if let githubUser { node["github_user"] = .string(githubUser == "Constantin Pape" ? "constantinpape" : githubUser) }
        return .mapping(node)
    }

    /// A 0.5 `CiteEntry`.
    static func citeNode(_ cite: CiteEntry) -> YAMLNode {
        var node = YAMLMapping()
        node["text"] = .string(cite.text)
        if let doi = cite.doi { node["doi"] = .string(doi) }
        if let url = cite.url { node["url"] = .string(normalizedURL(url)) }
        return .mapping(node)
    }

    /// The 0.5 `Config`: `bioimageio` first (its known fields in order, then its other keys, then
    /// `reproducibility_tolerance`, which is always written), `stardist`, then the other keys.
    static func configNode(_ node: YAMLNode) -> YAMLNode? {
        guard let mapping = node.mapping else { return plain(node) }
        var out = YAMLMapping()
        if let bioimageio = mapping["bioimageio"] {
            if let entries = bioimageio.mapping, !entries.isEmpty {
                var config = YAMLMapping()
                for key in bioimageioConfigFields { if let value = entries[key], !value.isNull { config[key] = plain(value) } }
                for entry in entries.entries where !bioimageioConfigFields.contains(entry.key.string ?? "") {
                    config.entries.append(.init(key: entry.key, value: plain(entry.value)))
                }
                if config["reproducibility_tolerance"] == nil { config["reproducibility_tolerance"] = defaultReproducibilityTolerance }
                out["bioimageio"] = .mapping(config)
            } else if bioimageio.mapping == nil {
                out["bioimageio"] = plain(bioimageio)
            }
        }
        if let stardist = mapping["stardist"], !stardist.isNull { out["stardist"] = plain(stardist) }
        for entry in mapping.entries where !["bioimageio", "stardist"].contains(entry.key.string ?? "") {
            out.entries.append(.init(key: entry.key, value: plain(entry.value)))
        }
        return out.isEmpty ? nil : .mapping(out)
    }

    /// The declared fields of the 0.5 `BioimageioConfig`, in order.
    static let bioimageioConfigFields = [
        "reproducibility_tolerance", "funded_by", "architecture_type", "architecture_description", "modality", "target_structure",
        "task", "new_version", "out_of_scope_use", "bias_risks_limitations", "model_parameter_count", "training", "inference_time",
        "memory_requirements_inference", "memory_requirements_training", "evaluations", "environmental_impact",
    ]

    /// The default tolerances (continuous, then discrete), as the reference always writes them.
    static let defaultReproducibilityTolerance: YAMLNode = .sequence([
        .mapping(["relative_tolerance": .float(0.001), "absolute_tolerance": .float(0.001), "mismatched_elements_per_million": .int(100)]),
        .mapping(["relative_tolerance": .int(0), "absolute_tolerance": .int(0), "mismatched_elements_per_million": .int(1000)]),
    ])

    /// A copy of a free value without source marks, with date scalars kept as text.
    static func plain(_ node: YAMLNode) -> YAMLNode {
        switch node.content {
        case .scalar(let scalar): return YAMLNode(.scalar(scalar))
        case .sequence(let items): return .sequence(items.map(plain))
        case .mapping(let mapping):
            return .mapping(YAMLMapping(mapping.entries.map { .init(key: plain($0.key), value: plain($0.value)) }))
        }
    }
}
