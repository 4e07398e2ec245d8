import BioImageYAML

/// A validated bioimage.io resource description of any type and format.
public enum ResourceDescription: Sendable, Hashable {
    /// A model, format 0.5 (the current format).
    case model(ModelDescription)
    /// A model, format 0.4 (0.3.x models are upgraded to it); ``FormatUpdate`` converts it to 0.5.
    case modelV04(ModelDescriptionV04)
    /// A dataset, application, notebook or generic resource, format 0.3.
    case resource(GenericDescription)
    /// A dataset, application, notebook or generic resource, format 0.2.
    case resourceV02(GenericDescriptionV02)
}

extension DescriptionLoader {
    /// Validates `document` as `format`; returns the description (when valid) and the format
    /// version it was validated as.
    func validate(_ document: YAMLNode, as format: DescriptionFormat, context: ValidationContext) -> (ResourceDescription?, String?) {
        switch format {
        case .model:
            return (ModelDescription.validate(document, context: context).map(ResourceDescription.model), ModelDescription.formatVersion)
        case .modelV04:
            return (ModelDescriptionV04.load(document, context: context).map(ResourceDescription.modelV04), ModelDescriptionV04.implementedFormatVersion)
        case .resource:
            return (GenericDescription.validate(document, context: context).map(ResourceDescription.resource), GenericDescription.implementedFormatVersion)
        case .resourceV02:
            return (GenericDescriptionV02.validate(document, context: context).map(ResourceDescription.resourceV02), GenericDescriptionV02.implementedFormatVersion)
        }
    }
}
