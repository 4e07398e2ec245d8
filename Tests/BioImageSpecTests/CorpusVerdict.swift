import Foundation

/// One entry of `shared/corpus/verdicts.json`: what bioimageio.spec 0.5.14.3 says of a corpus file
/// in format-only mode.
struct CorpusVerdict: Sendable {
    /// Path relative to `corpus/`.
    var file: String
    /// `valid`, `invalid`, or `error` (YAML failure or a crash of the reference: not valid).
    var status: String
    /// The normalised locations of the reference's errors.
    var errorLocations: Set<String>
    /// The normalised locations of its warnings.
    var warningLocations: Set<String>

    /// Whether the reference accepts the file.
    var isValid: Bool { status == "valid" }

    /// Reads every entry of `verdicts.json`.
    static func load(from corpus: URL) throws -> [CorpusVerdict] {
        let data = try Data(contentsOf: corpus.appendingPathComponent("verdicts.json"))
        guard let entries = try JSONSerialization.jsonObject(with: data) as? [[String: Any]] else { return [] }
        return entries.compactMap { entry in
            guard let file = entry["file"] as? String, let status = entry["status"] as? String else { return nil }
            func locations(_ key: String) -> Set<String> {
                let issues = entry[key] as? [[String: Any]] ?? []
                return Set(issues.compactMap { ($0["loc"] as? String).map(normalize) })
            }
            return CorpusVerdict(file: file, status: status, errorLocations: locations("errors"), warningLocations: locations("warnings"))
        }
    }

    /// Discriminator tags the reference puts into locations (`inputs.0.axes.2.space.size`); our
    /// paths name fields only (`inputs.0.axes.2.size`), which is also how the reference renders them.
    /// Union member labels for plain Python types (`license.str`) are dropped for the same reason.
    static let discriminatorTags: Set<String> = [
        "str", "int", "float", "bool", "none",
        "batch", "channel", "index", "time", "space", "with_halo", "wo_halo",
        "binarize", "clip", "ensure_dtype", "fixed_zero_mean_unit_variance", "scale_linear", "scale_range",
        "scale_mean_variance", "sigmoid", "softmax", "zero_mean_unit_variance",
    ]

    /// Drops pydantic's schema labels from a dotted location, as `notes/oracle/normalize_loc.py`
    /// does: union member labels (`function-after[…]`, `constrained-int`, …) and class names.
    static func normalize(_ location: String) -> String {
        var segments: [String] = []
        var current = ""
        var depth = 0
        for character in location {
            if character == "[" { depth += 1 }
            if character == "]" { depth -= 1 }
            if character == "." && depth == 0 {
                segments.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        segments.append(current)
        let internalPrefixes = ["function-after[", "function-before[", "function-wrap[", "function-plain[", "constrained-",
                                "json-or-python[", "lax-or-strict[", "literal[", "nullable[", "chain[", "union[", "list[", "tuple["]
        let kept = segments.filter { segment in
            guard let first = segment.first else { return false }
            if internalPrefixes.contains(where: { segment.hasPrefix($0) }) { return false }
            return !first.isUppercase && !discriminatorTags.contains(segment)
        }
        return kept.joined(separator: ".")
    }
}
