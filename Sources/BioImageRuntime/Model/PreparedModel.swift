import BioImageSpec
import BioImageYAML
import Foundation

/// A model ready for the runtime layer: its description in format 0.5, the format it was written
/// in, and the reader its files (weights, test tensors) come from.
///
/// Models of format 0.4 (and older) are updated to 0.5 on load, as ``DescriptionUpdate`` does;
/// ``sourceFormat`` keeps the original so the few runtime rules that differ for 0.4 (no halo
/// padding, float32 outputs, zero mismatched elements in tests) can apply.
///
/// ```swift
/// let model = try PreparedModel(contentsOf: URL(fileURLWithPath: "unet.zip"))
/// print(model.description.inputs.map(\.id))
/// ```
public struct PreparedModel: Sendable {
    /// The format the description was written in.
    public enum SourceFormat: Sendable, Hashable {
        /// Format 0.5.x, used as is.
        case v05
        /// Format 0.4.x (or 0.3.x), updated to 0.5; the original description is kept.
        case v04(ModelDescriptionV04)
    }

    /// The description, in format 0.5.
    public var description: ModelDescription
    /// The format the description was written in.
    public var sourceFormat: SourceFormat
    /// Reads the package's files.
    public var reader: ResourceReader
    /// The validation summary of loading (warnings included; never errors).
    public var summary: ValidationSummary

    /// Wraps an already validated description.
    public init(description: ModelDescription, sourceFormat: SourceFormat = .v05, reader: ResourceReader,
                summary: ValidationSummary = ValidationSummary(type: "model", formatVersion: ModelDescription.formatVersion, issues: [])) {
        self.description = description
        self.sourceFormat = sourceFormat
        self.reader = reader
        self.summary = summary
    }

    /// Loads the model of a package (description file, folder or zip) through `reader`.
    ///
    /// - Parameter performIOChecks: check that referenced files exist and match their SHA-256
    ///   (bioimageio.core's `test_model` forces this on).
    /// - Throws: ``LoadError`` when the package cannot be read, is not a valid model, or a 0.4
    ///   model cannot be updated; it carries the validation summary.
    public init(reader: ResourceReader, performIOChecks: Bool = true) throws(LoadError) {
        let loaded: LoadedDescription
        do {
            loaded = try DescriptionLoader(options: ValidationOptions(performIOChecks: performIOChecks)).load(package: reader)
        } catch {
            throw LoadError(message: error.description, summary: nil)
        }
        guard let description = loaded.description else {
            throw LoadError(message: "the description is invalid (\(loaded.summary.errors.count) errors)", summary: loaded.summary)
        }
        switch description {
        case .model(let model):
            self.init(description: model, reader: reader, summary: loaded.summary)
        case .modelV04(let old):
            let context = ValidationContext()
            let converted: YAMLNode
            do { converted = try FormatUpdate.converted(old) } catch {
                throw LoadError(message: "the 0.4 description cannot be updated to 0.5: \(error.message) (at \(error.path))", summary: loaded.summary)
            }
            guard let model = ModelDescription.validate(converted, context: context) else {
                let errors = context.issues.filter(\.isError).map(\.description).joined(separator: "; ")
                throw LoadError(message: "the 0.4 description updated to 0.5 is invalid: \(errors)", summary: loaded.summary)
            }
            self.init(description: model, sourceFormat: .v04(old), reader: reader, summary: loaded.summary)
        case .resource, .resourceV02:
            throw LoadError(message: "expected a model, found type '\(loaded.summary.type)'", summary: loaded.summary)
        }
    }

    /// Opens `url` (a description file, a package folder or a `.zip`) and loads its model.
    public init(contentsOf url: URL, performIOChecks: Bool = true) throws(LoadError) {
        let reader: ResourceReader
        do { reader = try ResourceReader(contentsOf: url) } catch {
            throw LoadError(message: error.description, summary: nil)
        }
        try self.init(reader: reader, performIOChecks: performIOChecks)
    }

    /// Whether the description was written in format 0.4 or older.
    public var isLegacyFormat: Bool {
        if case .v04 = sourceFormat { return true }
        return false
    }

    /// The model's id, or its name when it has none (used to label errors).
    public var displayName: String { description.id ?? description.name }

    /// Why a package could not be prepared, with the validation summary when there is one.
    public struct LoadError: Error, Sendable, CustomStringConvertible {
        /// What went wrong.
        public var message: String
        /// The validation summary, when the description could be parsed.
        public var summary: ValidationSummary?
        /// The message.
        public var description: String { message }
    }
}
