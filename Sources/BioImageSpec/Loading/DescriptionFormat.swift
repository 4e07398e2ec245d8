import BioImageYAML

/// Which description format a document is validated as, chosen from its `type` and
/// `format_version` the way the reference chooses its description class (notes §b.0 D2).
public enum DescriptionFormat: Hashable, Sendable {
    /// Model 0.5 (0.5.14); also any unknown model version.
    case model
    /// Model 0.4 (0.4.10); 0.3.x models are upgraded to it first.
    case modelV04
    /// A non-model resource at format 0.3 (0.3.4); `type` is `application`, `dataset`,
    /// `notebook`, or anything else (generic, including a missing or non-string type).
    case resource(type: String?)
    /// A non-model resource at format 0.2 (0.2.4).
    case resourceV02(type: String?)

    /// The resource types that have their own description classes.
    static let knownTypes: Set<String> = ["generic", "application", "dataset", "notebook", "model"]

    /// Chooses the format for a document whose `type` and `format_version` were read as text.
    ///
    /// The version's `major.minor` decides (`0.4.9` → `0.4`, `0` → `0.0`, `0.3.0.` → `0.3.0`);
    /// an unknown version falls back to the latest format of the type, as the reference does.
    public static func select(type: String?, formatVersion: String) -> DescriptionFormat {
        let typ = type.flatMap { knownTypes.contains($0) ? $0 : nil }
        let dots = formatVersion.filter { $0 == "." }.count
        let majorMinor: String
        if dots == 1 {
            majorMinor = formatVersion
        } else if dots == 0 {
            majorMinor = formatVersion + ".0"
        } else if let last = formatVersion.lastIndex(of: ".") {
            majorMinor = String(formatVersion[..<last])
        } else {
            majorMinor = formatVersion
        }
        if typ == "model" {
            switch majorMinor {
            case "0.3", "0.4": return .modelV04
            default: return .model
            }
        }
        let resourceType = typ == "generic" ? "generic" : (typ ?? type)
        switch majorMinor {
        case "0.2": return .resourceV02(type: resourceType)
        default: return .resource(type: resourceType)
        }
    }
}
