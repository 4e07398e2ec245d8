import BioImageYAML

/// How an input is padded for halos and tiling (`pad`), numpy's modes.
public enum Padding: Sendable, Codable, Hashable {
    /// Pad with a constant value.
    case constant(value: Double)
    /// Repeat the border value.
    case edge
    /// Mirror without repeating the border value.
    case reflect
    /// Mirror including the border value.
    case symmetric

    /// The `mode` tag.
    public var mode: String {
        switch self {
        case .constant: return "constant"
        case .edge: return "edge"
        case .reflect: return "reflect"
        case .symmetric: return "symmetric"
        }
    }

    /// Validates a padding: a plain union of the four modes (each member reporting its own errors).
    static func validate(_ node: YAMLNode, at path: FieldPath, context: ValidationContext) -> Padding? {
        func member(_ mode: String, _ ctx: ValidationContext) -> Padding? {
            guard var reader = MappingReader(node, at: path, typeName: mode.capitalized + "Padding", context: ctx) else { return nil }
            let tag = reader.required("mode") { Lax.literal($0, at: $1, allowed: [mode], ctx) }
            var value: Double? = 0
            if mode == "constant" { value = reader.field("value", default: 0.0) { Lax.float($0, at: $1, ctx) } }
            reader.rejectUnknownKeys()
            guard reader.isValid, tag != nil, let value else { return nil }
            switch mode {
            case "constant": return .constant(value: value)
            case "edge": return .edge
            case "reflect": return .reflect
            default: return .symmetric
            }
        }
        return ModelSupport.union(context, ["constant", "edge", "reflect", "symmetric"].map { mode in { member(mode, $0) } })
    }
}
