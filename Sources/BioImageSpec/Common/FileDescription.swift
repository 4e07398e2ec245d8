import BioImageYAML
import Foundation

/// A file reference with an optional hash (`FileDescr`: `{source, sha256}`).
public struct FileDescription: Sendable, Hashable, Codable {
    /// An http(s) URL or a path relative to the description (an absolute path when one was given).
    public var source: String
    /// The lower-case hex SHA-256 of the file, when known.
    public var sha256: String?

    /// Creates a file description.
    public init(source: String, sha256: String? = nil) {
        self.source = source
        self.sha256 = sha256
    }
}

extension Leaf {
    /// A `FileDescr` mapping (`{source, sha256}`), with the packaged-file rule (`FileDescr_package`:
    /// no reserved description file name) and the `WithSuffix` rule when `suffixes` is given.
    ///
    /// The name and suffix errors are at `path` itself, as the reference reports them.
    static func fileDescription(_ node: YAMLNode, at path: FieldPath, packaged: Bool = true, suffixes: [String]? = nil,
                                caseSensitiveSuffix: Bool = true, _ context: ValidationContext) -> FileDescription? {
        guard var reader = MappingReader(node, at: path, typeName: "FileDescr", context: context) else { return nil }
        let source = reader.required("source") { fileSourceValue($0, at: $1, context) }
        let sha = reader.optional("sha256") { sha256($0, at: $1, context) }
        reader.rejectUnknownKeys()
        guard reader.isValid, let source else { return nil }
        if packaged, isReservedDescriptionName(source.fileName) {
            // The reference prints the whole FileDescr here (`source=RelativePath('rdf.yaml') sha256=None`).
            let shownSource = source.url == nil ? "RelativePath(\(pythonRepr(source.text)))" : "HttpUrl(\(pythonRepr(source.text)))"
            let shownSha = sha.map { "Sha256(\(pythonRepr($0)))" } ?? "None"
            reportReservedName("source=\(shownSource) sha256=\(shownSha)", at: path, node: node, context)
            return nil
        }
        if let suffixes, !checkSuffix(source, suffixes: suffixes, caseSensitive: caseSensitiveSuffix, at: path, node: node, context) { return nil }
        guard let checked = checkFileHash(source: source.text, expected: sha, at: path, node: node, context) else { return nil }
        return FileDescription(source: source.text, sha256: checked)
    }

    /// The io check of a file reference (`FileDescr.validate_sha256`): with io checks on, reads
    /// `source` through ``ValidationOptions/fileAccess`` and compares its SHA-256 with `expected`.
    ///
    /// Returns the digest to keep (the stated one, or the computed one filled in when none was
    /// stated, as the reference does), or `nil` after recording an error: the reference's
    /// "SHA256 mismatch for <location>. Expected <expected>, got <actual>." or the read failure.
    /// Without io checks (or without file access) returns `expected` unchanged.
    static func checkFileHash(source: String, expected: String?, at path: FieldPath, node: YAMLNode?,
                              _ context: ValidationContext) -> String?? {
        guard context.options.performIOChecks, let access = context.options.fileAccess else { return .some(expected) }
        let data: Data
        do throws(ResourceError) {
            data = try access.contents(of: source)
        } catch {
            context.valueError(error.message, at: path, node: node)
            return nil
        }
        let actual = SHA256.hash(data: data).hexString
        if let expected, expected != actual {
            context.valueError("SHA256 mismatch for \(access.location(of: source)). Expected \(expected), got \(actual).", at: path, node: node)
            return nil
        }
        return .some(actual)
    }
}
