// The stream level: byte-order mark, encoding check, directives, `---`, `...` and the rule that a
// file holds exactly one document.

extension ParserCore {
    /// Parses the whole input as one document.
    mutating func parseStream() throws(YAMLError) -> YAMLNode {
        if s.count >= 3, s[0] == 0xEF, s[1] == 0xBB, s[2] == 0xBF {
            pos = 3
            lineStart = 3
        }
        try validateEncoding(from: pos)
        try skipToContent(blockContext: true)
        var explicitStart = false
        var sawDirective = false
        while !atEnd, pos == lineStart, peek() == UInt8(ascii: "%") {
            try parseDirective()
            sawDirective = true
            try skipToContent(blockContext: true)
        }
        if atDocumentMarker && peek() == ParserCore.dash {
            pos += 3
            explicitStart = true
            skipBlanks()
            if peek() == ParserCore.hash { skipComment() }
            if atEnd || ParserCore.isBreak(peek()) { try skipToContent(blockContext: true) }
        } else if sawDirective {
            throw error(.syntax, "expected '---' after the directives")
        }
        let root: YAMLNode
        if atEnd || atDocumentMarker {
            root = YAMLNode(.scalar(YAMLScalar(string: "", style: .plain, tag: .null)), mark: mark())
        } else if explicitStart && pos != lineStart {
            // Content on the `---` line itself: a scalar, flow collection or block scalar.
            root = try parseNode(parentIndent: -1, allowBlockCollection: false)
        } else {
            root = try parseNode(parentIndent: -1, allowBlockCollection: true)
        }
        if atDocumentMarker && peek() == UInt8(ascii: ".") {
            pos += 3
            skipBlanks()
            if peek() == ParserCore.hash { skipComment() }
            guard atEnd || ParserCore.isBreak(peek()) else {
                throw error(.syntax, "unexpected \(describeCurrent()) after the document end marker '...'")
            }
            try skipToContent(blockContext: true)
        }
        guard atEnd else {
            if atDocumentMarker || peek() == UInt8(ascii: "%") {
                throw error(.multipleDocuments, "a second document starts here; a description file holds exactly one YAML document")
            }
            if indent > 0 {
                throw error(.syntax, "bad indentation: this line is indented more than the structure it would belong to")
            }
            throw error(.syntax, "unexpected \(describeCurrent()); expected a mapping key at this indentation or the end of the document")
        }
        return root
    }

    /// Parses one `%` directive line: `%YAML 1.x` is accepted, `%TAG` is not supported, and
    /// reserved directives are ignored as YAML prescribes.
    private mutating func parseDirective() throws(YAMLError) {
        let start = mark()
        pos += 1
        let nameStart = pos
        while !atEnd, !ParserCore.isBlankOrEnd(peek()) { pos += 1 }
        let name = text(nameStart..<pos)
        skipBlanks()
        let argumentStart = pos
        while !atEnd, !ParserCore.isBlankOrEnd(peek()) { pos += 1 }
        let argument = text(argumentStart..<pos)
        switch name {
        case "YAML":
            let parts = argument.split(separator: ".", omittingEmptySubsequences: false)
            guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy({ $0.isASCII && $0.isNumber }) }) else {
                throw error(.syntax, "malformed %YAML directive '\(argument)'; expected a version such as 1.2", at: start)
            }
            guard parts[0] == "1" else {
                throw error(.unsupported, "YAML version \(argument) is not supported; this parser reads YAML 1.x", at: start)
            }
        case "TAG":
            throw error(.unsupported, "%TAG directives are not supported", at: start)
        default:
            break
        }
        skipBlanks()
        if peek() == ParserCore.hash { skipComment() }
        guard atEnd || ParserCore.isBreak(peek()) else {
            throw error(.syntax, "unexpected \(describeCurrent()) in a directive")
        }
    }

    /// Checks that the input is UTF-8 and contains only characters YAML allows (printable
    /// characters, tab and line breaks), reporting the first offending byte's line and column.
    private mutating func validateEncoding(from start: Int) throws(YAMLError) {
        var i = start
        var badAt = -1
        var message = ""
        let n = s.count
        scan: while i < n {
            let b = s[i]
            if b < 0x80 {
                if b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D || b == 0x7F {
                    badAt = i
                    message = "control character U+\(hex(UInt32(b))) is not allowed in YAML"
                    break scan
                }
                i += 1
                continue
            }
            var scalar: UInt32
            var length: Int
            if b & 0xE0 == 0xC0 { scalar = UInt32(b & 0x1F); length = 2 }
            else if b & 0xF0 == 0xE0 { scalar = UInt32(b & 0x0F); length = 3 }
            else if b & 0xF8 == 0xF0 { scalar = UInt32(b & 0x07); length = 4 }
            else { badAt = i; message = "invalid UTF-8 byte 0x\(hex(UInt32(b)))"; break scan }
            guard i + length <= n else { badAt = i; message = "truncated UTF-8 sequence"; break scan }
            for k in 1..<length {
                let c = s[i + k]
                guard c & 0xC0 == 0x80 else { badAt = i; message = "invalid UTF-8 sequence"; break scan }
                scalar = scalar << 6 | UInt32(c & 0x3F)
            }
            let minimum: UInt32 = length == 2 ? 0x80 : length == 3 ? 0x800 : 0x10000
            if scalar < minimum || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) {
                badAt = i
                message = "invalid UTF-8 sequence"
                break scan
            }
            if (0x80...0x9F).contains(scalar) && scalar != 0x85 || scalar == 0xFFFE || scalar == 0xFFFF {
                badAt = i
                message = "non-printable character U+\(hex(scalar)) is not allowed in YAML"
                break scan
            }
            i += length
        }
        guard badAt >= 0 else { return }
        // Move line tracking to the offending byte for an exact mark.
        while pos < badAt {
            if ParserCore.isBreak(s[pos]) { consumeBreak() } else { pos += 1 }
        }
        pos = badAt
        throw error(.encoding, message)
    }

    private func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
