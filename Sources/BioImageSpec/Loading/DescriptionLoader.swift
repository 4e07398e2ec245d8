import BioImageYAML
import Foundation

/// Loads a bioimage.io resource description: checks the document, picks the format from `type`
/// and `format_version`, upgrades legacy formats, validates every field and rule, and returns the
/// typed description (when valid) together with the full ``ValidationSummary``.
///
/// ```swift
/// let loaded = try DescriptionLoader().load(contentsOf: url)
/// for issue in loaded.summary.issues { print(issue) }     // 12:5: error: inputs.0.axes.2.size: …
/// if case .model(let model)? = loaded.description { … }
/// ```
///
/// In format-only mode (the default) no referenced file is opened; with
/// ``ValidationOptions/performIOChecks`` the checks go through ``ValidationOptions/fileAccess``.
public struct DescriptionLoader: Sendable {
    /// The validation options in force.
    public var options: ValidationOptions

    /// Creates a loader.
    public init(options: ValidationOptions = ValidationOptions()) {
        self.options = options
    }

    /// Reads, parses and validates a description file.
    ///
    /// - Throws: ``YAMLError`` when the file cannot be read or is not valid YAML (the description
    ///   could not be read at all); every other problem is an issue in the summary.
    public func load(contentsOf url: URL) throws(YAMLError) -> LoadedDescription {
        load(try YAMLParser().parse(contentsOf: url))
    }

    /// Validates a parsed description document.
    public func load(_ document: YAMLNode) -> LoadedDescription {
        let context = ValidationContext(options: options)
        guard let header = DocumentHeader.read(document, context: context) else {
            return LoadedDescription(description: nil, summary: ValidationSummary(
                type: document["type"]?.string ?? "", formatVersion: document["format_version"]?.string ?? "", issues: context.issues))
        }
        let (description, formatVersion) = validate(document, as: header.format, context: context)
        return LoadedDescription(description: description, summary: ValidationSummary(
            type: header.type, formatVersion: formatVersion ?? header.formatVersion, issues: context.issues))
    }
}

/// A loaded description and its validation summary.
public struct LoadedDescription: Sendable {
    /// The typed description, or `nil` when validation found errors.
    public var description: ResourceDescription?
    /// Everything validation found.
    public var summary: ValidationSummary
}

/// The document-level check before any field validation (notes §b.0 D1): the content is a mapping
/// with string `type` and `format_version`.
struct DocumentHeader {
    var type: String
    var formatVersion: String
    var format: DescriptionFormat

    static func read(_ document: YAMLNode, context: ValidationContext) -> DocumentHeader? {
        guard let mapping = document.mapping else {
            context.error("Invalid content of type '\(pythonTypeName(document))'", type: "error", at: .root, node: document)
            return nil
        }
        var texts: [String: String] = [:]
        for key in ["type", "format_version"] {
            guard let value = mapping[key] else {
                context.error("Missing field '\(key)'", type: "error", at: [.key(key)], node: document)
                continue
            }
            guard let scalar = value.scalar, scalar.tag == .string, !scalar.isTimestamp else {
                context.error("Invalid type '\(pythonTypeName(value))'", type: "error", at: [.key(key)], node: value)
                continue
            }
            texts[key] = scalar.string
        }
        guard let type = texts["type"], let formatVersion = texts["format_version"] else { return nil }
        return DocumentHeader(type: type, formatVersion: formatVersion,
                              format: DescriptionFormat.select(type: type, formatVersion: formatVersion))
    }

    /// What Python's `type(value)` prints for the value a YAML node loads as.
    static func pythonTypeName(_ node: YAMLNode) -> String {
        switch node.content {
        case .sequence: return "<class 'list'>"
        case .mapping: return "<class 'dict'>"
        case .scalar(let scalar):
            switch scalar.tag {
            case .null: return "<class 'NoneType'>"
            case .bool: return "<class 'bool'>"
            case .int: return "<class 'int'>"
            case .float: return "<class 'float'>"
            case .string: return scalar.isTimestamp ? "<class 'datetime.datetime'>" : "<class 'str'>"
            }
        }
    }
}
