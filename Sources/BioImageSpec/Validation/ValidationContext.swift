import BioImageYAML
import Foundation

/// Collects the issues of one validation run.
///
/// Validators report into the context instead of throwing, so one run finds every problem (as the
/// reference does), each with its field path and the line:column of the offending node.
public final class ValidationContext {
    /// The choices of this run.
    public let options: ValidationOptions
    /// The issues found so far, in order.
    public private(set) var issues: [ValidationIssue] = []
    /// The number of errors found so far (validators compare it before and after a sub-check).
    public private(set) var errorCount = 0

    /// Creates an empty context.
    public init(options: ValidationOptions = ValidationOptions()) {
        self.options = options
    }

    /// Records an error at `path`; `node` gives the line:column.
    public func error(_ message: String, type: String = "value_error", at path: FieldPath, node: YAMLNode?) {
        append(ValidationIssue(severity: .error, path: path, message: message, type: type, mark: node?.mark.knownOrNil))
    }

    /// Records a warning (or info / alert) at `path`.
    public func warning(_ message: String, severity: ValidationIssue.Severity = .warning, at path: FieldPath, node: YAMLNode?) {
        append(ValidationIssue(severity: severity, path: path, message: message, type: "warning", mark: node?.mark.knownOrNil))
    }

    /// Records an issue as given.
    public func append(_ issue: ValidationIssue) {
        if issue.isError { errorCount += 1 }
        issues.append(issue)
    }

    /// Runs `body` and reports whether it recorded no new error.
    public func succeeds(_ body: () -> Void) -> Bool {
        let before = errorCount
        body()
        return errorCount == before
    }
}

/// Options of a validation run.
public struct ValidationOptions: Sendable {
    /// Whether to open referenced files (existence, sha256, test tensors). `false` is the
    /// reference's "format only" mode; file checks need a ``ValidationFileAccess``.
    public var performIOChecks: Bool
    /// How referenced files are reached when ``performIOChecks`` is on (supplied by the package layer).
    public var fileAccess: (any ValidationFileAccess)?

    /// Creates options; the default is format-only validation.
    public init(performIOChecks: Bool = false, fileAccess: (any ValidationFileAccess)? = nil) {
        self.performIOChecks = performIOChecks
        self.fileAccess = fileAccess
    }
}

/// The seam through which file checks reach referenced files (a folder, a zip package, a URL
/// fetcher). Implemented by ``ResourceReader``; validation itself never touches the file system.
///
/// The primitive is the file's bytes: the model io checks derive array shapes (`.npy`), image
/// dimensions (PNG, TIFF) and documentation text from ``contents(of:)``, and ``sha256(of:)``
/// hashes them by default.
public protocol ValidationFileAccess: Sendable {
    /// Whether `source` (a relative path or URL as written in the description) can be read.
    func exists(_ source: String) -> Bool
    /// The bytes of `source` (a relative path, an absolute path or an http(s) URL).
    func contents(of source: String) throws(ResourceError) -> Data
    /// The lower-case hex SHA-256 of `source`'s bytes, or `nil` when it cannot be read.
    func sha256(of source: String) -> String?
    /// Where `source` resolves to, as error messages show it (an absolute path, `package.zip/name`, a URL).
    func location(of source: String) -> String
}

extension ValidationFileAccess {
    /// The SHA-256 of ``contents(of:)``, or `nil` when it throws.
    public func sha256(of source: String) -> String? {
        guard let data = try? contents(of: source) else { return nil }
        return SHA256.hash(data: data).hexString
    }

    /// `source` itself.
    public func location(of source: String) -> String { source }
}

extension YAMLMark {
    /// The mark, or `nil` for nodes that did not come from a source text.
    var knownOrNil: YAMLMark? { isKnown ? self : nil }
}
