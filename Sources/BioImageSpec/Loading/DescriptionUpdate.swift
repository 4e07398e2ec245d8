import BioImageYAML

/// Updates a description to the newest format we implement, as bioimageio.spec's `update_format`
/// does: model 0.3/0.4 → 0.5.14 (``FormatUpdate``), model 0.5.x → 0.5.14, and dataset,
/// application, notebook and generic 0.2/0.3 → 0.3.4.
///
/// ```swift
/// let update = DescriptionUpdate.toLatest(document)
/// if let updated = update.document { try YAMLEmitter().emit(updated) }
/// for issue in update.summary.errors { print(issue) }
/// ```
public enum DescriptionUpdate {
    /// The updated document (only when the source and the result are valid) and every issue found.
    public struct Result: Sendable {
        /// The description in the newest format, ready for ``YAMLEmitter``; `nil` when invalid.
        public var document: YAMLNode?
        /// The issues of the source and of the updated description.
        public var summary: ValidationSummary
    }

    /// Validates `document`, updates it to the newest format and validates the result.
    public static func toLatest(_ document: YAMLNode, options: ValidationOptions = ValidationOptions()) -> Result {
        let context = ValidationContext(options: options)
        guard let header = DocumentHeader.read(document, context: context) else {
            return Result(document: nil, summary: ValidationSummary(type: document["type"]?.string ?? "", formatVersion: "", issues: context.issues))
        }
        var updated: YAMLNode?
        var formatVersion = header.formatVersion
        switch header.format {
        case .modelV04:
            if let converted = FormatUpdate.updateToV05(document, context: context) {
                // The converted document must also be a valid 0.5 description (the reference re-validates).
                updated = ModelDescription.validate(converted, context: context) != nil ? converted : nil
            }
            formatVersion = ModelDescription.formatVersion
        case .model:
            updated = ModelDescription.validate(document, context: context)?.yamlNode
            formatVersion = ModelDescription.formatVersion
        case .resource, .resourceV02:
            // Update once, then validate that very document (the 0.2 dataset rebuild validates too).
            let latest = GenericDescription.updatedDocument(document, options: options)
            updated = GenericDescription.validate(updated: latest, context: context) != nil ? latest : nil
            formatVersion = GenericDescription.implementedFormatVersion
        }
        return Result(document: updated, summary: ValidationSummary(type: header.type, formatVersion: formatVersion, issues: context.issues))
    }
}
