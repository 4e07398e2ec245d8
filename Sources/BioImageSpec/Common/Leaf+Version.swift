import BioImageYAML
import Foundation

extension Leaf {
    /// PEP 440's version pattern as `packaging.version` writes it (matched case-insensitively,
    /// surrounding white space allowed).
    static let pep440Pattern = """
        ^\\s*v?(?:(?:[0-9]+)!)?(?:[0-9]+(?:\\.[0-9]+)*)\
        (?:[-_\\.]?(?:alpha|a|beta|b|preview|pre|c|rc)[-_\\.]?(?:[0-9]+)?)?\
        (?:(?:-(?:[0-9]+))|(?:[-_\\.]?(?:post|rev|r)[-_\\.]?(?:[0-9]+)?))?\
        (?:[-_\\.]?(?:dev)[-_\\.]?(?:[0-9]+)?)?\
        (?:\\+(?:[a-z0-9]+(?:[-_\\.][a-z0-9]+)*))?\\s*$
        """

    /// Whether `text` is a valid PEP 440 version (`packaging.version.Version(text)` succeeds).
    static func isPEP440Version(_ text: String) -> Bool {
        // `$` in Python's `re` does not match before a final newline when `\s*$` consumes it, so
        // only ASCII-only matching matters here.
        guard !text.isEmpty else { return false }
        // Fast path for the common release form `N(.N)*`, which the pattern accepts; the regular
        // expression (compiled on every call by Foundation) handles everything else.
        var digitsInGroup = 0
        var simple = true
        for byte in text.utf8 {
            if byte >= 0x30 && byte <= 0x39 { digitsInGroup += 1 } else if byte == 0x2E && digitsInGroup > 0 { digitsInGroup = 0 } else { simple = false; break }
        }
        if simple && digitsInGroup > 0 { return true }
        return text.range(of: pep440Pattern, options: [.regularExpression, .caseInsensitive]) != nil
    }

    /// A PEP 440 version from a string, int or float; returns its text as the reference keeps it
    /// (a string as written, an int's digits, a float's Python `repr`, so `1.10` gives `1.1`).
    static func version(_ node: YAMLNode, at path: FieldPath, _ context: ValidationContext) -> String? {
        guard let scalar = node.scalar, !scalar.isTimestamp, scalar.tag != .null else {
            // The union `str | int | float` reports one error per member.
            context.error("Input should be a valid string", type: "string_type", at: path.appending("str"), node: node)
            context.error("Input should be a valid integer", type: "int_type", at: path.appending("int"), node: node)
            context.error("Input should be a valid number", type: "float_type", at: path.appending("float"), node: node)
            return nil
        }
        let text: String
        switch scalar.tag {
        case .bool: text = scalar.boolValue == true ? "1" : "0"
        default: text = node.pythonText
        }
        guard isPEP440Version(text) else {
            context.valueError("Invalid version: \(pythonRepr(text))", at: path, node: node)
            return nil
        }
        return text
    }
}
