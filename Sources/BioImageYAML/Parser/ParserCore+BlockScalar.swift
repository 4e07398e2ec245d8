// Literal (`|`) and folded (`>`) block scalars with chomping and indentation indicators.

extension ParserCore {
    /// Parses a block scalar whose indicator is at `pos`. Its content must be indented more than
    /// `parentIndent`. Ends with `pos` at the first byte of the first line that is not content.
    mutating func parseBlockScalar(parentIndent: Int) throws(YAMLError) -> YAMLNode {
        let start = mark()
        let folded = s[pos] == UInt8(ascii: ">")
        pos += 1
        // Header: chomping (`-` strip, `+` keep, default clip) and indentation indicator, any order.
        var chomping = 0  // -1 strip, 0 clip, +1 keep
        var increment = 0
        for _ in 0..<2 {
            let c = peek()
            if (c == UInt8(ascii: "-") || c == UInt8(ascii: "+")) && chomping == 0 {
                chomping = c == UInt8(ascii: "-") ? -1 : 1
                pos += 1
            } else if c >= UInt8(ascii: "1") && c <= UInt8(ascii: "9") && increment == 0 {
                increment = Int(c - 48)
                pos += 1
            } else if c == UInt8(ascii: "0") {
                throw error(.syntax, "a block scalar's indentation indicator must be 1 to 9, not 0")
            }
        }
        let blanksStart = pos
        skipBlanks()
        if peek() == ParserCore.hash {
            guard pos > blanksStart else { throw error(.syntax, "a comment after a block scalar header needs a space before '#'") }
            skipComment()
        }
        guard atEnd || ParserCore.isBreak(peek()) else {
            throw error(.syntax, "unexpected \(describeCurrent()) in a block scalar header; expected '-', '+', a digit 1–9 or a comment")
        }
        let minIndent = max(parentIndent + 1, 1)
        var contentIndent: Int
        var breaks = 0  // line breaks pending before the next content line
        if !atEnd { consumeBreak() }
        if increment > 0 {
            contentIndent = minIndent + increment - 1
            breaks = skipBlockScalarBreaks(indent: contentIndent)
        } else {
            // Auto-detect: the indentation of the first non-empty line (at least minIndent).
            var maxIndent = 0
            while true {
                while pos < s.count, s[pos] == ParserCore.space { pos += 1 }
                maxIndent = max(maxIndent, indent)
                if pos < s.count, ParserCore.isBreak(s[pos]) {
                    consumeBreak()
                    breaks += 1
                } else {
                    break
                }
            }
            contentIndent = max(minIndent, maxIndent)
        }
        var out: [UInt8] = []
        var lastBreakWasContent = false
        var firstLine = true
        var previousLeadingNonSpace = false
        while indent == contentIndent && !atEnd {
            let leadingNonSpace = !ParserCore.isBlank(s[pos])
            // Join with the previous line: folded lines between two "normal" lines become a space.
            if !firstLine {
                if folded && previousLeadingNonSpace && leadingNonSpace && breaks == 1 {
                    out.append(ParserCore.space)
                } else if folded && previousLeadingNonSpace && leadingNonSpace {
                    for _ in 1..<breaks { out.append(ParserCore.lf) }
                } else {
                    for _ in 0..<breaks { out.append(ParserCore.lf) }
                }
            } else {
                for _ in 0..<breaks { out.append(ParserCore.lf) }
            }
            firstLine = false
            let contentStart = pos
            while pos < s.count, !ParserCore.isBreak(s[pos]) { pos += 1 }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: s[contentStart..<pos]))
            previousLeadingNonSpace = leadingNonSpace
            breaks = 0
            lastBreakWasContent = !atEnd
            if !atEnd { consumeBreak(); breaks = 1 }
            breaks += skipBlockScalarBreaks(indent: contentIndent)
        }
        // Chomping: `breaks` counts the final line break plus trailing empty lines.
        if firstLine {
            // No content line: clip and strip give "", keep gives the empty lines.
            if chomping == 1 { for _ in 0..<breaks { out.append(ParserCore.lf) } }
        } else if chomping == 0 {
            if lastBreakWasContent { out.append(ParserCore.lf) }
        } else if chomping == 1 {
            for _ in 0..<breaks { out.append(ParserCore.lf) }
        }
        try countNode()
        let scalar = YAMLScalar(string: String(decoding: out, as: UTF8.self), style: folded ? .folded : .literal, tag: .string)
        return YAMLNode(.scalar(scalar), mark: start)
    }

    /// Skips up to `indent` spaces on each following empty line; returns the number of line breaks.
    private mutating func skipBlockScalarBreaks(indent contentIndent: Int) -> Int {
        var breaks = 0
        while pos < s.count, s[pos] == ParserCore.space, indent < contentIndent { pos += 1 }
        while pos < s.count, ParserCore.isBreak(s[pos]) {
            consumeBreak()
            breaks += 1
            while pos < s.count, s[pos] == ParserCore.space, indent < contentIndent { pos += 1 }
        }
        return breaks
    }
}
