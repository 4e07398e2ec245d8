import BioImageYAML

/// One problem found while validating a description: where, how bad, and what.
public struct ValidationIssue: Hashable, Sendable, CustomStringConvertible {
    /// How serious an issue is, with the reference's numeric levels.
    public enum Severity: Int, Hashable, Sendable, Comparable, CustomStringConvertible {
        /// Information (20), e.g. "Name longer than 64 characters."
        case info = 20
        /// A warning (30).
        case warning = 30
        /// An alert (35), e.g. "Needs to be filled for FAIR compliance".
        case alert = 35
        /// An error (50): the description is invalid.
        case error = 50

        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rawValue < rhs.rawValue }

        public var description: String {
            switch self {
            case .info: return "info"
            case .warning: return "warning"
            case .alert: return "alert"
            case .error: return "error"
            }
        }
    }

    /// How serious the issue is.
    public var severity: Severity
    /// The field it concerns (`inputs.0.axes.2.size`; empty for the whole document).
    public var path: FieldPath
    /// What is wrong, and where possible what would be right.
    public var message: String
    /// The reference's error type (`missing`, `extra_forbidden`, `value_error`, …; `warning` for warnings).
    public var type: String
    /// The line and column of the offending node in the YAML source, when known.
    public var mark: YAMLMark?

    /// Creates an issue.
    public init(severity: Severity, path: FieldPath, message: String, type: String, mark: YAMLMark? = nil) {
        self.severity = severity
        self.path = path
        self.message = message
        self.type = type
        self.mark = mark
    }

    /// Whether this issue makes the description invalid.
    public var isError: Bool { severity == .error }

    /// `3:5: error: inputs.0.axes.2.size: message`, the compiler-like form.
    public var description: String {
        let location = mark.map { "\($0.line):\($0.column): " } ?? ""
        let field = path.components.isEmpty ? "" : "\(path): "
        return "\(location)\(severity): \(field)\(message)"
    }
}
