import BioImageYAML
import Foundation

/// Validators of the leaf types every description format shares (identifiers, versions, dates,
/// hashes, URLs, file sources, licences…), with the reference's rules and messages (notes §a.1).
/// Each records its errors in the context and returns `nil` on failure.
///
/// Messages of the reference's `ValueError`s carry pydantic's `Value error, ` prefix, as the
/// reference prints them.
enum Leaf {
    /// Python's hard keywords (`keyword.kwlist`); soft keywords (`match`, `case`, `type`, `_`) are allowed.
    static let pythonKeywords: Set<String> = [
        "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
        "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in",
        "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
    ]

    /// Python's `str.isidentifier()`: a XID_Start character or `_`, then XID_Continue characters.
    static func isPythonIdentifier(_ text: String) -> Bool {
        var scalars = text.unicodeScalars.makeIterator()
        guard let first = scalars.next(), first == "_" || first.properties.isXIDStart else { return false }
        while let next = scalars.next() {
            guard next.properties.isXIDContinue else { return false }
        }
        return true
    }

    /// A Python identifier that is not a hard keyword (`Identifier`).
    static func identifier(_ node: YAMLNode, at path: FieldPath, _ context: ValidationContext) -> String? {
        guard let text = Lax.string(node, at: path, context),
              Lax.checkLength(text, min: 1, at: path, node: node, context) else { return nil }
        return checkIdentifier(text, at: path, node: node, context)
    }

    /// The identifier and keyword checks of `Identifier` on an already non-empty string.
    static func checkIdentifier(_ text: String, at path: FieldPath, node: YAMLNode, _ context: ValidationContext) -> String? {
        guard isPythonIdentifier(text) else {
            context.valueError("'\(text)' is not a valid (Python) identifier, see https://docs.python.org/3/reference/lexical_analysis.html#identifiers for details.", at: path, node: node)
            return nil
        }
        guard !pythonKeywords.contains(text) else {
            context.valueError("'\(text)' is a Python keyword and not allowed here.", at: path, node: node)
            return nil
        }
        return text
    }

    /// pydantic's `too_long` check of a collection-like value ("Value should have at most …").
    static func checkMaxItems(_ text: String, max: Int, at path: FieldPath, node: YAMLNode, _ context: ValidationContext) -> Bool {
        let count = text.unicodeScalars.count
        guard count > max else { return true }
        context.error("Value should have at most \(max) item\(max == 1 ? "" : "s") after validation, not \(count)", type: "too_long", at: path, node: node)
        return false
    }

    /// A tensor id: an identifier of at most 32 characters.
    static func tensorID(_ node: YAMLNode, at path: FieldPath, _ context: ValidationContext) -> String? {
        guard let text = identifier(node, at: path, context),
              checkMaxItems(text, max: 32, at: path, node: node, context) else { return nil }
        return text
    }

    /// The normalised form of an axis id: lower-cased, then `b`→`batch`, `t`→`time`, `i`→`index`,
    /// `c`/`s`→`channel`.
    static func normalizedAxisID(_ text: String) -> String {
        let lower = text.lowercased()
        switch lower {
        case "b": return "batch"
        case "t": return "time"
        case "i": return "index"
        case "c", "s": return "channel"
        default: return lower
        }
    }

    /// An axis id after normalisation (lower-cased; `b`→`batch`, `t`→`time`, `i`→`index`,
    /// `c`/`s`→`channel`), then an identifier of at most 16 characters.
    static func axisID(_ node: YAMLNode, at path: FieldPath, _ context: ValidationContext) -> String? {
        guard let raw = Lax.string(node, at: path, context) else { return nil }
        let text = normalizedAxisID(raw)
        guard Lax.checkLength(text, min: 1, at: path, node: node, context),
              checkMaxItems(text, max: 16, at: path, node: node, context),
              let id = checkIdentifier(text, at: path, node: node, context) else { return nil }
        return id
    }

    /// The characters a resource id may use.
    static let resourceIDAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789_-/."

    /// A resource id (`a-z0-9_-/.`, not starting or ending with `/`); `lowercasing` for 0.2/0.4.
    static func resourceID(_ node: YAMLNode, at path: FieldPath, lowercasing: Bool = false, _ context: ValidationContext) -> String? {
        guard var text = Lax.string(node, at: path, context),
              Lax.checkLength(text, min: 1, at: path, node: node, context) else { return nil }
        if lowercasing { text = text.lowercased() }
        // `a-z 0-9 _ - / .` (resourceIDAlphabet), checked on the UTF-8 bytes.
        let allowed = text.utf8.allSatisfy { b in
            (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) || b == 0x5F || b == 0x2D || b == 0x2F || b == 0x2E
        }
        guard allowed else {
            context.valueError("\(pythonRepr(text)) is not restricted to '\(resourceIDAlphabet)'", at: path, node: node)
            return nil
        }
        guard !text.hasPrefix("/"), !text.hasSuffix("/") else {
            context.error("Predicate 'ResourceId.<lambda>' failed", type: "predicate_failed", at: path, node: node)
            return nil
        }
        return text
    }

    /// A SHA-256 hex digest: white space stripped, lower-cased, exactly 64 characters.
    static func sha256(_ node: YAMLNode, at path: FieldPath, _ context: ValidationContext) -> String? {
        guard let raw = Lax.string(node, at: path, context) else { return nil }
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        guard Lax.checkLength(text, min: 64, max: 64, at: path, node: node, context) else { return nil }
        return text
    }

    /// Whether `text` is a hyphenated ORCID iD with a valid ISO 7064 MOD 11-2 check digit.
    static func isValidORCID(_ text: String) -> Bool {
        let characters = Array(text)
        guard characters.count == 19, [4, 9, 14].allSatisfy({ characters[$0] == "-" }) else { return false }
        var check = 0
        for (index, character) in characters.enumerated() where ![4, 9, 14].contains(index) {
            let digit: Int
            if character == "X" { digit = 10 }
            else if let value = character.wholeNumberValue, character.isASCII { digit = value }
            else { return false }
            check = (2 * check + digit) % 11
        }
        return check == 1
    }

    /// A hyphenated ORCID iD with a valid check digit.
    static func orcid(_ node: YAMLNode, at path: FieldPath, _ context: ValidationContext) -> String? {
        guard let text = Lax.string(node, at: path, context) else { return nil }
        guard isValidORCID(text) else {
            // The reference's message lacks the closing quote; kept verbatim.
            context.valueError("'\(text) is not a valid ORCID iD in hyphenated groups of 4 digits.", at: path, node: node)
            return nil
        }
        return text
    }

    /// The DOI prefixes removed from 0.2/0.4 data.
    static let doiPrefixes = ["https://doi.org/", "http://dx.doi.org/"]

    /// A DOI (`10.NNNN/…`); `strippingPrefixes` removes `https://doi.org/` and `http://dx.doi.org/` (0.2/0.4 data).
    static func doi(_ node: YAMLNode, at path: FieldPath, strippingPrefixes: Bool = false, _ context: ValidationContext) -> String? {
        guard var text = Lax.string(node, at: path, context) else { return nil }
        if strippingPrefixes, let prefix = doiPrefixes.first(where: { text.hasPrefix($0) }) {
            text = String(text.dropFirst(prefix.count))
        }
        guard isDOI(text) else {
            context.error("String should match pattern '^10\\.[0-9]{4}.+$'", type: "string_pattern_mismatch", at: path, node: node)
            return nil
        }
        return text
    }

    /// Python's `re.search(r"^10\.[0-9]{4}.+$", text)`: `.` does not match a newline; `$` may
    /// match before a final newline.
    static func isDOI(_ text: String) -> Bool {
        var body = Array(text.unicodeScalars)
        if body.last == "\n" { body.removeLast() }
        guard body.count >= 8, body[0] == "1", body[1] == "0", body[2] == "." else { return false }
        guard body[3...6].allSatisfy({ $0.isASCII && $0.properties.numericType != nil }) else { return false }
        return !body[7...].contains("\n")
    }

    /// The SI prefixes of `SiUnit`, in the reference's pattern order.
    static let siPrefixes = ["Q", "R", "Y", "Z", "E", "P", "T", "G", "M", "k", "h", "da", "d", "c", "m", "µ", "n", "p", "f", "a", "z", "y", "r", "q"]
    /// The SI units of `SiUnit`, in the reference's pattern order.
    static let siUnits = ["m", "g", "s", "A", "K", "mol", "cd", "Hz", "N", "Pa", "J", "W", "C", "V", "F", "Ω", "S", "Wb", "T", "H", "lm", "lx", "Bq", "Gy", "Sv", "kat", "l", "L"]

    /// The reference's `SI_UNIT_REGEX` text, as its pattern-mismatch message shows it.
    static let siUnitPattern: String = {
        let prefix = "(" + siPrefixes.joined(separator: "|") + ")?"
        let unit = "(" + siUnits.joined(separator: "|") + ")"
        let u = prefix + unit + "(\\^[+-]?[1-9]\\d*)?"
        let p = prefix + unit + "(\\^+?[1-9]\\d*)?"
        return "^" + u + "((·" + u + ")|(/" + p + "))*$"
    }()

    /// An SI unit expression (`µm`, `m/s^2`, …) or `arbitrary unit` where allowed.
    static func siUnit(_ node: YAMLNode, at path: FieldPath, allowingArbitraryUnit: Bool = false, _ context: ValidationContext) -> String? {
        guard let raw = Lax.string(node, at: path, context) else { return nil }
        if allowingArbitraryUnit, raw == "arbitrary unit" { return raw }
        let text = raw.replacingOccurrences(of: "×", with: "·").replacingOccurrences(of: "*", with: "·")
            .replacingOccurrences(of: " ", with: "·")
        guard Lax.checkLength(text, min: 1, at: path, node: node, context) else { return nil }
        guard text.range(of: siUnitPattern, options: .regularExpression) != nil, !text.hasSuffix("\n") else {
            context.error("String should match pattern '\(siUnitPattern)'", type: "string_pattern_mismatch", at: path, node: node)
            return nil
        }
        return text
    }

    /// Python's `repr()` of a string: single quotes unless the text contains one and no double quote.
    static func pythonRepr(_ text: String) -> String {
        let useDouble = text.contains("'") && !text.contains("\"")
        let quote: Character = useDouble ? "\"" : "'"
        var out = String(quote)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if Character(scalar) == quote { out += "\\\(quote)" }
                else if scalar.value < 0x20 || scalar.value == 0x7F { out += String(format: "\\x%02x", scalar.value) }
                else { out.unicodeScalars.append(scalar) }
            }
        }
        out.append(quote)
        return out
    }
}
