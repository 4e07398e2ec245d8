import BioImageYAML

/// A description node that can be validated from YAML: the pydantic-model equivalent.
///
/// `validate` checks every field (recording all problems in `context`, never stopping at the first)
/// and returns the typed value only when the node is valid.
protocol ValidatableNode {
    /// Validates `node` found at `path`; `nil` when any error was recorded for it.
    static func validate(_ node: YAMLNode, at path: FieldPath, context: ValidationContext) -> Self?
}
