import BioImageYAML

/// A model description of format 0.4 (0.4.10), the legacy model format: tensors described by
/// axis letters and shapes, processing by `name`, weights with free-form `architecture` strings.
///
/// Older documents (0.3.x, 0.4.0–0.4.9) are upgraded first with ``ModelUpgrades/upgradeToV04(_:)``;
/// ``validate(_:at:context:)`` expects the upgraded document. ``FormatUpdate`` converts a valid
/// description to format 0.5.
public struct ModelDescriptionV04: Sendable, Codable, Hashable {
    /// The human-readable name (at least one character).
    public var name: String
    /// A short description.
    public var description: String
    /// Cover images (file sources).
    public var covers: [String]
    /// A one-character emoji.
    public var idEmoji: String?
    /// The authors (at least one).
    public var authors: [Author]
    /// Files attached to the description (`attachments.files`), when `attachments` is given.
    public var attachments: [String]?
    /// Citations.
    public var cite: [CiteEntry]
    /// Free configuration, as written (`nil` when absent).
    public var config: FreeValue?
    /// A download URL (deprecated).
    public var downloadURL: String?
    /// The source repository.
    public var gitRepo: String?
    /// A 1–2 character icon, or a file source.
    public var icon: String?
    /// Ids of related resources.
    public var links: [String]
    /// Who uploaded the model.
    public var uploader: Uploader?
    /// The maintainers.
    public var maintainers: [Maintainer]
    /// Where the description was loaded from (set by tools).
    public var rdfSource: String?
    /// Tags.
    public var tags: [String]
    /// The model's version, as written (a string, int or float that is a PEP 440 version).
    public var version: FreeValue?
    /// The n-th published version.
    public var versionNumber: Int?
    /// `0.4.10`.
    public var formatVersion: String
    /// `model`.
    public var type: String
    /// The bioimage.io id (lower-cased).
    public var id: String?
    /// The documentation file (Markdown).
    public var documentation: String
    /// The input tensors.
    public var inputs: [InputTensorV04]
    /// The licence (an SPDX id is expected; others are warned about).
    public var license: String
    /// The output tensors.
    public var outputs: [OutputTensorV04]
    /// Who packaged the model.
    public var packagedBy: [Author]
    /// A custom run mode.
    public var runMode: RunModeV04?
    /// Sample input files.
    public var sampleInputs: [String]
    /// Sample output files.
    public var sampleOutputs: [String]
    /// Test input files (`.npy`), one per input.
    public var testInputs: [String]
    /// Test output files (`.npy`), one per output.
    public var testOutputs: [String]
    /// The creation time, normalised to UTC (`YYYY-MM-DDTHH:MM:SS+00:00`).
    public var timestamp: String
    /// The training data, linked by id.
    public var trainingData: LinkedResource?
    /// The training data described inline (a dataset description of format 0.2), as written.
    public var inlineTrainingData: FreeValue?
    /// The weights.
    public var weights: WeightsV04

    /// The format version this type implements.
    public static let implementedFormatVersion = "0.4.10"

    /// Upgrades `document` (0.3.x or 0.4.x) and validates it as model 0.4.10, recording every
    /// problem in `context`; the description is returned only when there is no error.
    public static func load(_ document: YAMLNode, context: ValidationContext) -> ModelDescriptionV04? {
        validate(ModelUpgrades.upgradeToV04(document), at: .root, context: context)
    }

    /// Validates an upgraded model document: every field (in the reference's field order), then
    /// the model-level rules, which run only when all fields are valid and stop at the first failure.
    ///
    /// A future 0.4 patch version (`0.4.11`) is validated as 0.4.10 with the alert "future
    /// format_version … treated as …" at the root; as in the reference, that alert replaces every
    /// other warning (the reference's warning pass stops at it).
    public static func validate(_ node: YAMLNode, at path: FieldPath, context: ValidationContext) -> ModelDescriptionV04? {
        guard let version = node["format_version"]?.pythonString, isFuturePatch(version) else {
            return validateFields(node, at: path, context: context)
        }
        let scratch = ValidationContext(options: context.options)
        let model = validateFields(node, at: path, context: scratch)
        for issue in scratch.issues where issue.isError { context.append(issue) }
        context.warning("future format_version '\(version)' treated as '\(implementedFormatVersion)'", severity: .alert, at: path, node: node)
        return model
    }

    /// The field-by-field validation and the model rules.
    static func validateFields(_ node: YAMLNode, at path: FieldPath, context: ValidationContext) -> ModelDescriptionV04? {
        guard var reader = MappingReader(node, at: path, typeName: "ModelDescr", context: context) else { return nil }
        func string(_ value: YAMLNode, _ valuePath: FieldPath) -> String? { Lax.string(value, at: valuePath, context) }
        func strings(_ value: YAMLNode, _ valuePath: FieldPath) -> [String]? { ModelV04Support.stringList(value, at: valuePath, context) }
        func files(suffixes: [String]? = nil, caseSensitive: Bool = true, minCount: Int = 0) -> (YAMLNode, FieldPath) -> [String]? {
            { value, valuePath in
                Lax.list(value, at: valuePath, context, minCount: minCount) {
                    Leaf.fileSource($0, at: $1, packaged: true, suffixes: suffixes, caseSensitiveSuffix: caseSensitive, context)
                }
            }
        }

        let name = reader.required("name") { value, valuePath -> String? in
            guard let text = Lax.string(value, at: valuePath, context), Lax.checkLength(text, min: 1, at: valuePath, node: value, context) else { return nil }
            if text.unicodeScalars.count < 5 {
                context.warning("Name shorter than 5 characters.", severity: .info, at: valuePath, node: value)
            } else if text.unicodeScalars.count > 64 {
                context.warning("Name longer than 64 characters.", severity: .info, at: valuePath, node: value)
            }
            return text
        }
        let description = reader.required("description", string)
        let covers = reader.field("covers", default: [], files(suffixes: [".gif", ".jpeg", ".jpg", ".png", ".svg", ".tif", ".tiff"], caseSensitive: false))
        let idEmoji = reader.optional("id_emoji") { value, valuePath -> String? in
            guard let text = Lax.string(value, at: valuePath, context), Lax.checkLength(text, min: 1, max: 1, at: valuePath, node: value, context) else { return nil }
            return text
        }
        let authors = reader.required("authors") { value, valuePath -> [Author]? in
            if value.sequence?.isEmpty ?? value.isNull {
                context.warning("missing", at: valuePath, node: value)
            }
            guard let list = Author.validateList(value, at: valuePath, generation: .legacy, context: context) else { return nil }
            if list.isEmpty {
                context.error("List should have at least 1 item after validation, not 0", type: "too_short", at: valuePath, node: value)
                return nil
            }
            return list
        }
        let attachments = reader.optional("attachments") { attachmentFiles($0, at: $1, context) }
        let cite = reader.field("cite", default: []) { value, valuePath -> [CiteEntry]? in
            Lax.list(value, at: valuePath, context) { CiteEntry.validate($0, at: $1, generation: .legacy, context: context) }
        }
        // Defaults are validated too: an absent or empty `cite` is "missing".
        if cite?.isEmpty == true { context.warning("missing", at: path.appending("cite"), node: reader.value("cite") ?? node) }
        let config = ModelV04Support.freeMapping(&reader, "config", context)
        let downloadURL = reader.optional("download_url") { Leaf.httpURL($0, at: $1, context) }
        let gitRepo = reader.optional("git_repo", string)
        let icon = reader.optional("icon") { iconValue($0, at: $1, context) }
        let links = reader.field("links", default: [], strings)
        let uploader = reader.optional("uploader") { Uploader.validate($0, at: $1, context: context) }
        let maintainers = reader.field("maintainers", default: []) { value, valuePath in
            Lax.list(value, at: valuePath, context) { Maintainer.validate($0, at: $1, generation: .legacy, context: context) }
        }
        let rdfSource = reader.optional("rdf_source") { Leaf.fileSource($0, at: $1, context) }
        let tags = reader.field("tags", default: [], strings)
        let version = reader.optional("version") { value, valuePath in Leaf.version(value, at: valuePath, context).map { _ in FreeValue(value) } }
        let versionNumber = reader.optional("version_number") { Lax.int($0, at: $1, context) }
        let formatVersion = reader.required("format_version") { value, valuePath -> String? in
            if let text = value.pythonString, isFuturePatch(text) { return implementedFormatVersion }
            return Lax.literal(value, at: valuePath, allowed: [implementedFormatVersion], context)
        }
        let type = reader.required("type") { Lax.literal($0, at: $1, allowed: ["model"], context) }
        let id = reader.optional("id") { Leaf.resourceID($0, at: $1, lowercasing: true, context) }
        let documentation = reader.required("documentation") { Leaf.fileSource($0, at: $1, packaged: true, context) }
        let inputs = reader.required("inputs") { value, valuePath -> [InputTensorV04]? in
            let list = Lax.list(value, at: valuePath, context, minCount: 1) { InputTensorV04.validate($0, at: $1, context: context) }
            return list.flatMap { uniqueNames($0.map(\.name), at: valuePath, node: value, context) ? $0 : nil }
        }
        let license = reader.required("license") { value, valuePath -> String? in
            guard let text = Lax.string(value, at: valuePath, context) else { return nil }
            // `LicenseId | str` warns for anything but an active SPDX id (deprecated ids included).
            if Leaf.licenseKind(text) != .active { context.warning("Unknown license id '\(text)'.", at: valuePath, node: value) }
            return text
        }
        let outputs = reader.required("outputs") { value, valuePath -> [OutputTensorV04]? in
            let list = Lax.list(value, at: valuePath, context, minCount: 1) { OutputTensorV04.validate($0, at: $1, context: context) }
            return list.flatMap { uniqueNames($0.map(\.name), at: valuePath, node: value, context) ? $0 : nil }
        }
        let packagedBy = reader.field("packaged_by", default: []) { value, valuePath in
            Lax.list(value, at: valuePath, context) { Author.validate($0, at: $1, generation: .legacy, context: context) }
        }
        // A mapping `parent` is dropped by the reference (a pre-validator turns it into null).
        _ = reader.optional("parent") { value, valuePath -> Bool? in
            if value.mapping != nil { return true }
            context.error("Input should be a valid dictionary or instance of LinkedModel", type: "model_type", at: valuePath, node: value)
            return nil
        }
        let runMode = reader.optional("run_mode") { RunModeV04.validate($0, at: $1, context: context) }
        let sampleInputs = reader.field("sample_inputs", default: [], files())
        let sampleOutputs = reader.field("sample_outputs", default: [], files())
        let testInputs = reader.required("test_inputs", files(suffixes: [".npy"], minCount: 1))
        let testOutputs = reader.required("test_outputs", files(suffixes: [".npy"], minCount: 1))
        let timestamp = reader.required("timestamp") { Leaf.datetime($0, at: $1, context) }
        var inlineTrainingData: FreeValue?
        let trainingData = reader.optional("training_data") { value, valuePath -> LinkedResource?? in
            trainingDataValue(value, at: valuePath, inline: &inlineTrainingData, context)
        } ?? nil
        let weights = reader.required("weights") { WeightsV04.validate($0, at: $1, context: context) }
        reader.rejectUnknownKeys()

        guard reader.isValid, let name, let description, let covers, let authors, let cite, let links, let maintainers, let tags,
              let formatVersion, let type, let documentation, let inputs, let license, let outputs, let packagedBy,
              let sampleInputs, let sampleOutputs, let testInputs, let testOutputs, let timestamp, let weights else { return nil }
        let model = ModelDescriptionV04(
            name: name, description: description, covers: covers, idEmoji: idEmoji, authors: authors, attachments: attachments,
            cite: cite, config: config, downloadURL: downloadURL, gitRepo: gitRepo, icon: icon, links: links, uploader: uploader,
            maintainers: maintainers, rdfSource: rdfSource, tags: tags, version: version, versionNumber: versionNumber,
            formatVersion: formatVersion, type: type, id: id, documentation: documentation, inputs: inputs, license: license,
            outputs: outputs, packagedBy: packagedBy, runMode: runMode, sampleInputs: sampleInputs, sampleOutputs: sampleOutputs,
            testInputs: testInputs, testOutputs: testOutputs, timestamp: timestamp, trainingData: trainingData,
            inlineTrainingData: inlineTrainingData, weights: weights)
        guard model.checkModelRules(at: path, node: node, context) else { return nil }
        return model
    }

    /// `AttachmentsDescr`: `{files: list of file sources, …any other key}`; returns the files.
    static func attachmentFiles(_ node: YAMLNode, at path: FieldPath, _ context: ValidationContext) -> [String]? {
        guard var reader = MappingReader(node, at: path, typeName: "AttachmentsDescr", context: context) else { return nil }
        let files = reader.field("files", default: []) { value, valuePath in
            Lax.list(value, at: valuePath, context) { Leaf.fileSource($0, at: $1, packaged: true, context) }
        }
        guard reader.isValid else { return nil }
        return files
    }

    /// `LinkedDataset | DatasetDescr` (0.2): a link `{id, version_number}`, else an inline dataset
    /// description (its `type` and `format_version` default to `dataset` and `0.2.4`). Returns
    /// `.some(link)` or `.some(nil)` with `inline` set; `nil` (both members' errors) when neither fits.
    static func trainingDataValue(_ node: YAMLNode, at path: FieldPath, inline: inout FreeValue?, _ context: ValidationContext) -> LinkedResource?? {
        let (link, linkIssues) = context.trying {
            LinkedResource.validate(node, at: path, generation: .legacy, typeName: "LinkedDataset", context: $0)
        }
        if let link {
            linkIssues.forEach(context.append)
            return .some(link)
        }
        guard var mapping = node.mapping else {
            linkIssues.filter(\.isError).forEach(context.append)
            context.error("Input should be a valid dictionary or instance of DatasetDescr", type: "model_type", at: path, node: node)
            return nil
        }
        if mapping["type"] == nil { mapping["type"] = .string("dataset") }
        if mapping["format_version"] == nil { mapping["format_version"] = .string(GenericDescriptionV02.implementedFormatVersion) }
        let dataset = YAMLNode(.mapping(mapping), mark: node.mark)
        let (description, datasetIssues) = context.trying { GenericDescriptionV02.validate(dataset, at: path, context: $0) }
        if let description, description.kind == .dataset {
            datasetIssues.forEach(context.append)
            inline = FreeValue(node)
            return .some(nil)
        }
        (linkIssues + datasetIssues).filter(\.isError).forEach(context.append)
        if description != nil {
            context.error("Input should be 'dataset'", type: "literal_error", at: path.appending("type"), node: node)
        }
        return nil
    }

    /// `Annotated[str, Len(1, 2)] | FileSource` (smart union: a short string, else a file source).
    static func iconValue(_ node: YAMLNode, at path: FieldPath, _ context: ValidationContext) -> String? {
        if let text = node.pythonString, (1...2).contains(text.unicodeScalars.count) { return text }
        let (source, issues) = context.trying { Leaf.fileSource(node, at: path, $0) }
        if let source { return source }
        if node.pythonString == nil {
            context.error("Input should be a valid string", type: "string_type", at: path, node: node)
        } else {
            context.error("String should have at most 2 characters", type: "string_too_long", at: path, node: node)
        }
        for issue in issues { context.append(issue) }
        return nil
    }

    /// Whether `text` is a 0.4 version newer than 0.4.10 (treated as 0.4.10 with an alert).
    static func isFuturePatch(_ text: String) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false).map { Int($0) }
        guard parts.count == 3, let major = parts[0], let minor = parts[1], let patch = parts[2] else { return false }
        return major == 0 && (minor, patch) > (4, 10)
    }

    /// The field rule of `inputs` and `outputs`: "Duplicate tensor descriptor names".
    static func uniqueNames(_ names: [String], at path: FieldPath, node: YAMLNode, _ context: ValidationContext) -> Bool {
        guard Set(names).count == names.count else {
            context.valueError("Duplicate tensor descriptor names", at: path, node: node)
            return false
        }
        return true
    }
}
