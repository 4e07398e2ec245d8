import BioImageSpec
import BioImageYAML

/// The outcome of a model test (the reference's `test_model` summary, notes §e.6): a status and
/// one detail per check, each with its errors and warnings.
///
/// Unlike bioimageio.core, whose status for a valid model with a failing test is `valid-format`,
/// any failed detail makes the report ``Status/failed``.
///
/// ```swift
/// let report = ModelTester(registry: registry).test(contentsOf: url)
/// print(report.text)                               // one line per detail, errors indented
/// print(report.jsonValue.serialized(indent: 2))    // {"status": "passed", "details": [...]}
/// ```
public struct ModelTestReport: Sendable, Hashable {
    /// Whether a report or a detail passed.
    public enum Status: String, Sendable, Hashable {
        /// Every check passed.
        case passed
        /// At least one check failed.
        case failed
    }

    /// Where the description came from (a path or URL).
    public var source: String
    /// The model's id, when it has one.
    public var id: String?
    /// The model's name, when the description could be read.
    public var modelName: String?
    /// The resource type (`model`, or what was found instead).
    public var type: String
    /// The format version the description was validated as (e.g. `0.5.14`).
    public var formatVersion: String
    /// The checks, in the order they ran.
    public var details: [ModelTestDetail]

    /// Creates a report.
    public init(source: String, id: String? = nil, modelName: String? = nil, type: String = "model",
                formatVersion: String = "", details: [ModelTestDetail] = []) {
        self.source = source
        self.id = id
        self.modelName = modelName
        self.type = type
        self.formatVersion = formatVersion
        self.details = details
    }

    /// `passed` when every detail passed (and there is at least one), else `failed`.
    public var status: Status {
        !details.isEmpty && details.allSatisfy { $0.status == .passed } ? .passed : .failed
    }

    /// The details that failed.
    public var failedDetails: [ModelTestDetail] { details.filter { $0.status == .failed } }

    /// The report as one JSON object: `{"name", "source_name", "id", "type", "format_version",
    /// "status": "passed" | "failed", "details": [{"name", "status", "loc", "errors": [{"loc",
    /// "msg", "type"}], "warnings": [{"loc", "msg", "type", "severity"}], "saved_tensors"}]}`.
    ///
    /// Field names follow the reference's `ValidationSummary`; new fields may be added, existing
    /// ones are never renamed.
    public var jsonValue: JSONValue {
        .object([
            ("name", .string("bioimageio test")),
            ("source_name", .string(source)),
            ("id", id.map { .string($0) } ?? .null),
            ("model_name", modelName.map { .string($0) } ?? .null),
            ("type", .string(type)),
            ("format_version", .string(formatVersion)),
            ("status", .string(status.rawValue)),
            ("details", .array(details.map(\.jsonValue))),
        ])
    }

    /// The report for people: a headline, then one line per detail (`passed | name`), each error
    /// and warning indented below its detail, continuation lines indented further.
    public var text: String {
        var lines: [String] = []
        let title = modelName.map { "'\($0)'" } ?? type
        lines.append("\(source): \(status.rawValue) (\(title), format \(formatVersion.isEmpty ? "unknown" : formatVersion); "
                     + "\(details.count - failedDetails.count) of \(details.count) checks passed)")
        for detail in details {
            let loc = detail.loc.isEmpty ? "" : " [\(ModelTestDetail.dotted(detail.loc))]"
            lines.append("  \(detail.status == .passed ? "passed" : "FAILED") | \(detail.name)\(loc)")
            func field(_ entry: ModelTestEntry) -> String {
                entry.loc.isEmpty || entry.loc == detail.loc ? "" : ModelTestDetail.dotted(entry.loc) + ": "
            }
            for error in detail.errors {
                lines.append(Self.indented("error: " + field(error) + error.message, by: 6))
            }
            for warning in detail.warnings where warning.severity > .info {
                lines.append(Self.indented("\(warning.severity): " + field(warning) + warning.message, by: 6))
            }
            for path in detail.savedTensors {
                lines.append(Self.indented("saved: " + path, by: 6))
            }
        }
        return lines.joined(separator: "\n")
    }

    static func indented(_ text: String, by count: Int) -> String {
        let pad = String(repeating: " ", count: count)
        return text.split(separator: "\n", omittingEmptySubsequences: false)
            .enumerated().map { $0.offset == 0 ? pad + $0.element : pad + "  " + $0.element }
            .joined(separator: "\n")
    }
}

/// One check of a model test: its name (as the reference names it), status, location and entries.
public struct ModelTestDetail: Sendable, Hashable {
    /// One component of a location: a field name or an index.
    public typealias Location = [FieldPath.Component]

    /// The check's name, e.g. `Reproduce test outputs from test inputs (onnx)`.
    public var name: String
    /// Whether the check passed (`failed` whenever there is an error).
    public var status: ModelTestReport.Status
    /// The field the check concerns (`weights.onnx`, `type`, or empty).
    public var loc: Location
    /// What went wrong.
    public var errors: [ModelTestEntry]
    /// Observations that do not fail the check (severity info, warning or alert).
    public var warnings: [ModelTestEntry]
    /// Files written for this check (produced tensors that did not match), as paths.
    public var savedTensors: [String]

    /// Creates a detail; its status is `failed` if and only if there are errors.
    public init(name: String, loc: Location = [], errors: [ModelTestEntry] = [], warnings: [ModelTestEntry] = [],
                savedTensors: [String] = []) {
        self.name = name
        self.status = errors.isEmpty ? .passed : .failed
        self.loc = loc
        self.errors = errors
        self.warnings = warnings
        self.savedTensors = savedTensors
    }

    /// The detail as JSON (see ``ModelTestReport/jsonValue``).
    public var jsonValue: JSONValue {
        .object([
            ("name", .string(name)),
            ("status", .string(status.rawValue)),
            ("loc", Self.json(loc)),
            ("errors", .array(errors.map { $0.jsonValue(withSeverity: false) })),
            ("warnings", .array(warnings.map { $0.jsonValue(withSeverity: true) })),
            ("saved_tensors", .array(savedTensors.map { .string($0) })),
        ])
    }

    static func json(_ loc: Location) -> JSONValue {
        .array(loc.map { component in
            switch component {
            case .key(let key): return .string(key)
            case .index(let index): return .int(index)
            }
        })
    }

    static func dotted(_ loc: Location) -> String { FieldPath(loc).description }
}

/// One error or warning of a ``ModelTestDetail``.
public struct ModelTestEntry: Sendable, Hashable {
    /// The field it concerns.
    public var loc: ModelTestDetail.Location
    /// What happened; may span several lines.
    public var message: String
    /// The kind, as the reference names it: `bioimageio.core` for test results, a pydantic error
    /// type for format errors, `warning` for format warnings.
    public var type: String
    /// How serious it is (errors are always ``ValidationIssue/Severity/error``).
    public var severity: ValidationIssue.Severity

    /// Creates an entry.
    public init(loc: ModelTestDetail.Location, message: String, type: String = "bioimageio.core",
                severity: ValidationIssue.Severity = .error) {
        self.loc = loc
        self.message = message
        self.type = type
        self.severity = severity
    }

    /// Converts a validation issue.
    public init(_ issue: ValidationIssue) {
        self.init(loc: issue.path.components, message: issue.message, type: issue.type, severity: issue.severity)
    }

    func jsonValue(withSeverity: Bool) -> JSONValue {
        var fields: [(key: String, value: JSONValue)] = [
            ("loc", ModelTestDetail.json(loc)),
            ("msg", .string(message)),
            ("type", .string(type)),
        ]
        if withSeverity { fields.append(("severity", .int(severity.rawValue))) }
        return .object(fields)
    }
}
