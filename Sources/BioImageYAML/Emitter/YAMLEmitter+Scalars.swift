// Choosing how to write a scalar so that it reads back with the same tag and content.

extension YAMLEmitter {
    /// Writes a scalar value (after `key:` or `-`, or as the whole document when `parentIndent` is -1).
    func writeScalarValue(_ scalar: YAMLScalar, parentIndent: Int, to out: inout String, leadingSpace: Bool) throws(YAMLError) {
        if leadingSpace { out += " " }
        if scalar.tag != .string {
            out += try nonStringText(scalar)
            return
        }
        let text = scalar.string
        if YAMLEmitter.canBePlain(text) {
            out += text
        } else if let block = literalBlock(text, parentIndent: parentIndent) {
            out += block
        } else if YAMLEmitter.canBeSingleQuoted(text) {
            out += "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
        } else {
            out += YAMLEmitter.doubleQuoted(text)
        }
    }

    /// A mapping key on one line.
    func keyText(_ scalar: YAMLScalar, at mark: YAMLMark) throws(YAMLError) -> String {
        if scalar.tag != .string { return try nonStringText(scalar) }
        let text = scalar.string
        if YAMLEmitter.canBePlain(text) { return text }
        if YAMLEmitter.canBeSingleQuoted(text) { return "'" + text.replacingOccurrences(of: "'", with: "''") + "'" }
        return YAMLEmitter.doubleQuoted(text)
    }

    /// The plain text of a null, bool, int or float scalar: its own text when that reads back
    /// with the same tag, else the canonical spelling.
    private func nonStringText(_ scalar: YAMLScalar) throws(YAMLError) -> String {
        if !scalar.string.isEmpty && YAMLScalar.resolve(plain: scalar.string) == scalar.tag { return scalar.string }
        switch scalar.tag {
        case .null: return "null"
        case .bool: return scalar.boolValue == true ? "true" : "false"
        default:
            throw YAMLError(.emitting, "the \(scalar.tag.rawValue) scalar '\(scalar.string)' does not read back as \(scalar.tag.rawValue) in YAML 1.2")
        }
    }

    /// Whether `text` can be written unquoted and read back as the same string.
    static func canBePlain(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else { return false }
        guard YAMLScalar.resolve(plain: text) == .string, !YAMLScalar.looksLikeTimestamp(text) else { return false }
        if first == " " || last == " " || last == ":" { return false }
        let scalars = Array(text.unicodeScalars.prefix(2))
        switch first {
        case "-", "?", ":":
            if scalars.count < 2 || scalars[1] == " " { return false }
        case ",", "[", "]", "{", "}", "#", "&", "*", "!", "|", ">", "'", "\"", "%", "@", "`":
            return false
        default:
            break
        }
        if text.hasPrefix("---") || text.hasPrefix("...") { return false }
        var previous: Unicode.Scalar = " "
        for scalar in text.unicodeScalars {
            if !isPrintable(scalar) || isLineBreakOrTab(scalar) || scalar == "\u{FEFF}" { return false }
            if scalar == "#" && previous == " " { return false }
            if previous == ":" && scalar == " " { return false }
            previous = scalar
        }
        return true
    }

    /// Whether `text` fits in single quotes: printable characters, no tabs and no line breaks.
    static func canBeSingleQuoted(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { scalar in
            isPrintable(scalar) && !isLineBreakOrTab(scalar) && scalar != "\u{FEFF}"
        }
    }

    /// Line breaks of every kind YAML knows, and the tab.
    static func isLineBreakOrTab(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\n" || scalar == "\r" || scalar == "\t" || scalar == "\u{85}" || scalar == "\u{2028}" || scalar == "\u{2029}"
    }

    /// A literal block scalar (`|`, `|-` or `|+`) for multi-line text, or `nil` when the text
    /// cannot be written as one (no line with content, carriage returns, non-printable characters).
    func literalBlock(_ text: String, parentIndent: Int) -> String? {
        guard text.contains("\n") else { return nil }
        let allowed = text.unicodeScalars.allSatisfy { scalar in
            scalar == "\n" || scalar == "\t" || (YAMLEmitter.isPrintable(scalar) && !YAMLEmitter.isLineBreakOrTab(scalar) && scalar != "\u{FEFF}")
        }
        guard allowed else { return nil }
        var body = Substring(text)
        var trailing = 0
        while body.last == "\n" {
            body = body.dropLast()
            trailing += 1
        }
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false)
        guard let firstContent = lines.first(where: { !$0.isEmpty }) else { return nil }
        // A line of only spaces before the first content line would change the detected indentation.
        if lines.prefix(while: { $0 != firstContent }).contains(where: { $0.contains(" ") || $0.contains("\t") }) { return nil }
        // Content sits two columns past the parent; an explicit indicator of 2 says so when the
        // first line starts with white space (PyYAML's rule: content indent = parent + indicator).
        let pad = String(repeating: " ", count: max(parentIndent + 2, 2))
        let indicator = firstContent.first == " " || firstContent.first == "\t" ? "2" : ""
        let chomping = trailing == 0 ? "-" : trailing == 1 ? "" : "+"
        var out = "|" + indicator + chomping
        for line in lines {
            out += "\n"
            if !line.isEmpty { out += pad + line }
        }
        if trailing > 1 { out += String(repeating: "\n", count: trailing - 1) }
        return out
    }

    /// A double-quoted string with YAML escapes for everything that is not printable.
    static func doubleQuoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\0": out += "\\0"
            case "\u{07}": out += "\\a"
            case "\u{08}": out += "\\b"
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\u{0B}": out += "\\v"
            case "\u{0C}": out += "\\f"
            case "\r": out += "\\r"
            case "\u{1B}": out += "\\e"
            case "\u{85}": out += "\\N"
            case "\u{2028}": out += "\\L"
            case "\u{2029}": out += "\\P"
            default:
                if isPrintable(scalar) && scalar != "\u{FEFF}" {
                    out.unicodeScalars.append(scalar)
                } else {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    if scalar.value <= 0xFF { out += "\\x" + String(repeating: "0", count: 2 - hex.count) + hex }
                    else if scalar.value <= 0xFFFF { out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex }
                    else { out += "\\U" + String(repeating: "0", count: 8 - hex.count) + hex }
                }
            }
        }
        return out + "\""
    }

    /// YAML's printable set (tab excluded here; callers decide about tabs and line breaks).
    static func isPrintable(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20...0x7E, 0x85, 0xA0...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
        case 0x0A, 0x0D, 0x09: return true
        default: return false
        }
    }
}
