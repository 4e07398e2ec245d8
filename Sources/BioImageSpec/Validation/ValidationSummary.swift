import BioImageYAML

/// The result of validating a description: a status and every issue found.
public struct ValidationSummary: Sendable, Hashable {
    /// The overall outcome, named as in the reference's summary.
    public enum Status: String, Sendable, Hashable {
        /// The format is valid (no errors; warnings possible).
        case validFormat = "valid-format"
        /// At least one error.
        case failed
        /// The format is valid and all model tests passed.
        case passed
    }

    /// The resource type as declared (`model`, `dataset`, …).
    public var type: String
    /// The format version the description was validated as (e.g. `0.5.14`).
    public var formatVersion: String
    /// Every issue, in the order found.
    public var issues: [ValidationIssue]

    /// Creates a summary.
    public init(type: String, formatVersion: String, issues: [ValidationIssue]) {
        self.type = type
        self.formatVersion = formatVersion
        self.issues = issues
    }

    /// `failed` when any issue is an error, else `validFormat`.
    public var status: Status { errors.isEmpty ? .validFormat : .failed }

    /// The issues that make the description invalid.
    public var errors: [ValidationIssue] { issues.filter(\.isError) }

    /// The warnings, alerts and infos.
    public var warnings: [ValidationIssue] { issues.filter { !$0.isError } }

    /// The summary as the JSON object `bioimageio validate-format --json` prints, a contract
    /// external tools rely on: `{"status", "type", "format_version", "errors": [{"loc", "line",
    /// "column", "msg", "type"}], "warnings": [same, plus "severity"]}`. Unknown positions are null.
    public var jsonValue: JSONValue {
        func entry(_ issue: ValidationIssue, withSeverity: Bool) -> JSONValue {
            var fields: [(key: String, value: JSONValue)] = [
                ("loc", .string(issue.path.description)),
                ("line", issue.mark.map { .int($0.line) } ?? .null),
                ("column", issue.mark.map { .int($0.column) } ?? .null),
                ("msg", .string(issue.message)),
                ("type", .string(issue.type)),
            ]
            if withSeverity { fields.append(("severity", .int(issue.severity.rawValue))) }
            return .object(fields)
        }
        return .object([
            ("status", .string(status.rawValue)),
            ("type", .string(type)),
            ("format_version", .string(formatVersion)),
            ("errors", .array(errors.map { entry($0, withSeverity: false) })),
            ("warnings", .array(warnings.map { entry($0, withSeverity: true) })),
        ])
    }
}
