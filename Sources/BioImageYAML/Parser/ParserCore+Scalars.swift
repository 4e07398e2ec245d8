// Plain and quoted scalars, with YAML's line folding and escapes.

extension ParserCore {
    /// Parses a plain scalar in block context.
    ///
    /// When `allowKey` is true and the first line ends in `: ` (a mapping indicator), the scalar
    /// is a mapping key: returns it with `isKey == true` and `pos` at the `:`. Otherwise reads
    /// continuation lines indented more than `parentIndent`, folds them, and moves to the next content.
    mutating func parseBlockPlainScalar(parentIndent: Int, allowKey: Bool) throws(YAMLError) -> (node: YAMLNode, isKey: Bool) {
        let start = mark()
        let b = peek()
        if !canStartPlain(b, next: peek(1), inFlow: false) {
            throw error(.syntax, "found \(describeCurrent()), which cannot start a value")
        }
        let firstStart = pos
        let (firstEnd, endedAtKey) = scanPlainLine(inFlow: false)
        if endedAtKey {
            guard allowKey else {
                throw error(.syntax, "mapping values are not allowed here (a ': ' inside a value; quote the value)")
            }
            let text = self.text(firstStart..<firstEnd)
            try countNode()
            return (YAMLNode(.scalar(YAMLScalar(plain: text)), mark: start), true)
        }
        var pieces: [UInt8] = []  // filled only for multi-line scalars
        var multiLine = false
        // Continuation lines.
        while true {
            skipBlanks()
            if peek() == ParserCore.hash || atEnd || !ParserCore.isBreak(peek()) { break }
            let save = (pos, line, lineStart)
            var breaks = 0
            while !atEnd && ParserCore.isBreak(peek()) {
                consumeBreak()
                breaks += 1
                while !atEnd && ParserCore.isBlank(peek()) { pos += 1 }
            }
            if atEnd || indent <= parentIndent || peek() == ParserCore.hash || lineStartsWithDocumentMarker() {
                (pos, line, lineStart) = save
                break
            }
            // A continuation line.
            if !multiLine {
                pieces.append(contentsOf: UnsafeBufferPointer(rebasing: s[firstStart..<firstEnd]))
                multiLine = true
            }
            if breaks == 1 { pieces.append(ParserCore.space) } else {
                for _ in 1..<breaks { pieces.append(ParserCore.lf) }
            }
            let lineContentStart = pos
            let (contentEnd, atIndicator) = scanPlainLine(inFlow: false)
            if atIndicator {
                throw error(.syntax, "mapping values are not allowed here (a ': ' in a continuation line of a multi-line value; check the indentation)")
            }
            pieces.append(contentsOf: UnsafeBufferPointer(rebasing: s[lineContentStart..<contentEnd]))
        }
        let text = multiLine ? String(decoding: pieces, as: UTF8.self) : self.text(firstStart..<firstEnd)
        try countNode()
        let node = YAMLNode(.scalar(YAMLScalar(plain: text)), mark: start)
        try finishLine()
        return (node, false)
    }

    /// Scans one line of a plain scalar from `pos`. Stops at a line break, at ` #`, at a mapping
    /// indicator (`:` before white space, or in flow context before a flow indicator) and, in flow
    /// context, at `,[]{}`. Returns the end of the content (trailing blanks excluded) and whether
    /// it stopped at a mapping indicator (then `pos` is at the `:`).
    mutating func scanPlainLine(inFlow: Bool) -> (end: Int, atIndicator: Bool) {
        var end = pos
        while pos < s.count {
            let c = s[pos]
            if ParserCore.isBreak(c) || (inFlow && ParserCore.isFlowIndicator(c)) { break }
            if c == ParserCore.colon {
                let next = peek(1)
                if ParserCore.isBlankOrEnd(next) || (inFlow && ParserCore.isFlowIndicator(next)) { return (end, true) }
            }
            if ParserCore.isBlank(c) {
                if peek(1) == ParserCore.hash { break }
                pos += 1
                continue
            }
            pos += 1
            end = pos
        }
        return (end, false)
    }

    /// Whether the line at `lineStart` begins with `---` or `...` followed by white space.
    func lineStartsWithDocumentMarker() -> Bool {
        let i = lineStart
        guard i + 3 <= s.count else { return false }
        let a = s[i]
        guard (a == ParserCore.dash || a == UInt8(ascii: ".")) && s[i + 1] == a && s[i + 2] == a else { return false }
        return i + 3 == s.count || ParserCore.isBlankOrEnd(s[i + 3])
    }

    /// Whether a plain scalar may start with `b` (followed by `next`).
    func canStartPlain(_ b: UInt8, next: UInt8, inFlow: Bool) -> Bool {
        switch b {
        case 0, ParserCore.space, ParserCore.tab, ParserCore.lf, ParserCore.cr: return false
        case UInt8(ascii: "-"), UInt8(ascii: "?"), UInt8(ascii: ":"):
            if ParserCore.isBlankOrEnd(next) { return false }
            return !(inFlow && ParserCore.isFlowIndicator(next))
        case UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"),
             UInt8(ascii: "#"), UInt8(ascii: "&"), UInt8(ascii: "*"), UInt8(ascii: "!"), UInt8(ascii: "|"),
             UInt8(ascii: ">"), UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "%"), UInt8(ascii: "@"),
             UInt8(ascii: "`"):
            return false
        default:
            return true
        }
    }

    /// Parses a single- or double-quoted scalar starting at `pos`; `pos` ends after the closing quote.
    mutating func parseQuotedScalar() throws(YAMLError) -> YAMLNode {
        let start = mark()
        let quote = s[pos]
        let double = quote == UInt8(ascii: "\"")
        pos += 1
        var out: [UInt8] = []
        var chunkStart = pos
        @inline(__always) func flush(_ end: Int) {
            if end > chunkStart { out.append(contentsOf: UnsafeBufferPointer(rebasing: s[chunkStart..<end])) }
        }
        while true {
            guard pos < s.count else {
                throw error(.syntax, "unterminated \(double ? "double" : "single")-quoted string: found the end of the input before the closing quote", at: start)
            }
            let c = s[pos]
            if c == quote {
                if !double && peek(1) == quote {
                    flush(pos + 1)  // keep one quote
                    pos += 2
                    chunkStart = pos
                    continue
                }
                flush(pos)
                pos += 1
                break
            }
            if double && c == UInt8(ascii: "\\") {
                flush(pos)
                try readEscape(into: &out)
                chunkStart = pos
                continue
            }
            if ParserCore.isBlank(c) || ParserCore.isBreak(c) {
                // White space: kept inside a line, folded across line breaks.
                let spaceStart = pos
                while pos < s.count, ParserCore.isBlank(s[pos]) { pos += 1 }
                if pos < s.count, ParserCore.isBreak(s[pos]) {
                    flush(spaceStart)
                    try foldQuotedBreaks(into: &out, start: start)
                    chunkStart = pos
                }
                continue
            }
            pos += 1
        }
        try countNode()
        let scalar = YAMLScalar(string: String(decoding: out, as: UTF8.self), style: double ? .doubleQuoted : .singleQuoted, tag: .string)
        return YAMLNode(.scalar(scalar), mark: start)
    }

    /// At a line break inside a quoted scalar: consumes it and the following blank lines and
    /// leading white space; appends a space (one break) or one newline per empty line.
    private mutating func foldQuotedBreaks(into out: inout [UInt8], start: YAMLMark) throws(YAMLError) {
        var breaks = 0
        while pos < s.count, ParserCore.isBreak(s[pos]) {
            consumeBreak()
            breaks += 1
            if lineStartsWithDocumentMarker() {
                throw error(.syntax, "a document marker inside a quoted string; the string that starts at \(start) is not closed")
            }
            while pos < s.count, ParserCore.isBlank(s[pos]) { pos += 1 }
        }
        if breaks == 1 { out.append(ParserCore.space) } else {
            for _ in 1..<breaks { out.append(ParserCore.lf) }
        }
    }

    /// Reads one escape sequence of a double-quoted scalar (at the backslash).
    private mutating func readEscape(into out: inout [UInt8]) throws(YAMLError) {
        let escapeMark = mark()
        pos += 1
        guard pos < s.count else { throw error(.syntax, "unterminated escape sequence at the end of the input", at: escapeMark) }
        let c = s[pos]
        pos += 1
        var scalar: UInt32
        switch c {
        case UInt8(ascii: "0"): scalar = 0
        case UInt8(ascii: "a"): scalar = 7
        case UInt8(ascii: "b"): scalar = 8
        case UInt8(ascii: "t"), ParserCore.tab: scalar = 9
        case UInt8(ascii: "n"): scalar = 10
        case UInt8(ascii: "v"): scalar = 11
        case UInt8(ascii: "f"): scalar = 12
        case UInt8(ascii: "r"): scalar = 13
        case UInt8(ascii: "e"): scalar = 27
        case ParserCore.space: scalar = 32
        case UInt8(ascii: "\""): scalar = 34
        case UInt8(ascii: "/"): scalar = 47
        case UInt8(ascii: "\\"): scalar = 92
        case UInt8(ascii: "N"): scalar = 0x85
        case UInt8(ascii: "_"): scalar = 0xA0
        case UInt8(ascii: "L"): scalar = 0x2028
        case UInt8(ascii: "P"): scalar = 0x2029
        case UInt8(ascii: "x"): scalar = try readHex(2, escapeMark)
        case UInt8(ascii: "u"):
            scalar = try readHex(4, escapeMark)
            if (0xD800...0xDBFF).contains(scalar), peek() == UInt8(ascii: "\\"), peek(1) == UInt8(ascii: "u") {
                let save = pos
                pos += 2
                let low = try readHex(4, escapeMark)
                if (0xDC00...0xDFFF).contains(low) {
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                } else {
                    pos = save
                }
            }
        case UInt8(ascii: "U"): scalar = try readHex(8, escapeMark)
        case ParserCore.lf, ParserCore.cr:
            // An escaped line break: joined without a space; empty lines after it are kept.
            pos -= 1
            consumeBreak()
            while pos < s.count, ParserCore.isBlank(s[pos]) { pos += 1 }
            while pos < s.count, ParserCore.isBreak(s[pos]) {
                consumeBreak()
                out.append(ParserCore.lf)
                while pos < s.count, ParserCore.isBlank(s[pos]) { pos += 1 }
            }
            return
        default:
            pos -= 1
            throw error(.syntax, "unknown escape sequence '\\\(describeCurrent().trimmingQuotes)' in a double-quoted string", at: escapeMark)
        }
        guard let unicode = Unicode.Scalar(scalar) else {
            throw error(.syntax, "escape sequence gives U+\(String(scalar, radix: 16, uppercase: true)), which is not a Unicode scalar value", at: escapeMark)
        }
        out.append(contentsOf: String(Character(unicode)).utf8)
    }

    private mutating func readHex(_ digits: Int, _ escapeMark: YAMLMark) throws(YAMLError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<digits {
            let c = peek()
            let digit: UInt32
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(c - 48)
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(c - 87)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(c - 55)
            default:
                throw error(.syntax, "expected \(digits) hexadecimal digits in an escape sequence, found \(describeCurrent())", at: escapeMark)
            }
            value = value << 4 | digit
            pos += 1
        }
        return value
    }
}

extension String {
    /// The string without one pair of surrounding single quotes (for `describeCurrent()` output).
    var trimmingQuotes: String {
        guard count >= 2, first == "'", last == "'" else { return self }
        return String(dropFirst().dropLast())
    }
}
