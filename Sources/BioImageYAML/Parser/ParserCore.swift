/// The parser's state and its low-level reading primitives: position, line tracking, marks,
/// white space, comments and errors. The grammar lives in the `ParserCore+*.swift` extensions.
///
/// The input buffer is only valid during `YAMLParser.parse(_:)`; the core never escapes it.
struct ParserCore {
    let s: UnsafeBufferPointer<UInt8>
    let options: YAMLParser.Options
    /// Current byte offset.
    var pos = 0
    /// Current line (1-based) and the byte offset where it starts.
    var line = 1
    var lineStart = 0
    /// Nodes built so far, counting alias expansions in full.
    var nodeCount = 0
    /// Current collection nesting.
    var depth = 0
    /// Anchors defined so far: the node and the number of nodes it expands to.
    var anchors: [String: (node: YAMLNode, size: Int)] = [:]
    /// Column cache, so marks on long lines cost O(1) amortised.
    private var columnCacheOffset = -1
    private var columnCacheColumn = 0

    init(_ s: UnsafeBufferPointer<UInt8>, options: YAMLParser.Options) {
        self.s = s
        self.options = options
    }

    // MARK: Bytes

    static let space = UInt8(ascii: " "), tab = UInt8(ascii: "\t"), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
    static let hash = UInt8(ascii: "#"), colon = UInt8(ascii: ":"), dash = UInt8(ascii: "-"), comma = UInt8(ascii: ",")

    var atEnd: Bool { pos >= s.count }

    /// The byte at `pos + k`, or 0 past the end (the input never contains NUL: validation rejects it).
    @inline(__always) func peek(_ k: Int = 0) -> UInt8 {
        let i = pos + k
        return i < s.count ? s[i] : 0
    }

    @inline(__always) static func isBreak(_ b: UInt8) -> Bool { b == lf || b == cr }
    @inline(__always) static func isBlank(_ b: UInt8) -> Bool { b == space || b == tab }
    /// Space, tab, line break or end of input.
    @inline(__always) static func isBlankOrEnd(_ b: UInt8) -> Bool { b == space || b == tab || b == lf || b == cr || b == 0 }
    @inline(__always) static func isFlowIndicator(_ b: UInt8) -> Bool {
        b == comma || b == UInt8(ascii: "[") || b == UInt8(ascii: "]") || b == UInt8(ascii: "{") || b == UInt8(ascii: "}")
    }

    /// Byte column of `pos` on the current line (0-based); equals the character column in indentation.
    var indent: Int { pos - lineStart }

    /// Consumes one line break (`\n`, `\r\n` or `\r`) at `pos`, updating the line count.
    @inline(__always) mutating func consumeBreak() {
        if s[pos] == ParserCore.cr, pos + 1 < s.count, s[pos + 1] == ParserCore.lf { pos += 2 } else { pos += 1 }
        line += 1
        lineStart = pos
    }

    /// Whether `pos` is at the start of a line that begins with the document marker `---` or `...`.
    var atDocumentMarker: Bool {
        guard pos == lineStart, pos + 2 < s.count || pos + 3 <= s.count else { return false }
        let a = peek(0), b = peek(1), c = peek(2)
        guard (a == ParserCore.dash && b == a && c == a) || (a == UInt8(ascii: ".") && b == a && c == a) else { return false }
        return ParserCore.isBlankOrEnd(peek(3))
    }

    // MARK: Marks and errors

    /// The mark of the current position.
    mutating func mark() -> YAMLMark { mark(at: pos) }

    /// The mark of an offset on the current line.
    mutating func mark(at offset: Int) -> YAMLMark {
        var column: Int
        var from: Int
        if columnCacheOffset >= lineStart && columnCacheOffset <= offset {
            column = columnCacheColumn
            from = columnCacheOffset
        } else {
            column = 1
            from = lineStart
        }
        while from < offset {
            if s[from] & 0xC0 != 0x80 { column += 1 }
            from += 1
        }
        columnCacheOffset = offset
        columnCacheColumn = column
        return YAMLMark(offset: offset, line: line, column: column)
    }

    /// An error at `mark` with a snippet of its source line.
    func error(_ code: YAMLError.Code, _ message: String, at mark: YAMLMark) -> YAMLError {
        YAMLError(code, message, at: mark, snippet: snippet(for: mark))
    }

    /// An error at the current position.
    mutating func error(_ code: YAMLError.Code, _ message: String) -> YAMLError {
        let here = mark()
        return error(code, message, at: here)
    }

    /// The source line of `mark` (cut to 120 characters around the column) and a caret line.
    func snippet(for mark: YAMLMark) -> String {
        guard mark.isKnown, mark.offset <= s.count else { return "" }
        var start = min(mark.offset, s.count)
        while start > 0, !ParserCore.isBreak(s[start - 1]) { start -= 1 }
        var end = min(mark.offset, s.count)
        while end < s.count, !ParserCore.isBreak(s[end]) { end += 1 }
        var text = Array(String(decoding: UnsafeBufferPointer(rebasing: s[start..<end]), as: UTF8.self).unicodeScalars)
        var caret = mark.column - 1
        if text.count > 120 {
            let from = max(0, min(caret - 60, text.count - 120))
            text = Array(text[from..<min(text.count, from + 120)])
            caret -= from
        }
        let lineText = String(String.UnicodeScalarView(text.map { $0 == "\t" ? " " : $0 }))
        let gutter = String(mark.line)
        let pad = String(repeating: " ", count: gutter.count)
        return "  \(gutter) | \(lineText)\n  \(pad) | \(String(repeating: " ", count: max(0, caret)))^"
    }

    /// A short, printable description of the character at `pos` for messages.
    func describeCurrent() -> String {
        guard !atEnd else { return "end of input" }
        let b = s[pos]
        if b == ParserCore.tab { return "a tab" }
        if ParserCore.isBreak(b) { return "a line break" }
        var end = pos + 1
        while end < s.count, s[end] & 0xC0 == 0x80 { end += 1 }
        return "'" + String(decoding: UnsafeBufferPointer(rebasing: s[pos..<end]), as: UTF8.self) + "'"
    }

    // MARK: White space and comments

    /// Skips spaces and tabs on the current line.
    @inline(__always) mutating func skipBlanks() {
        while pos < s.count, ParserCore.isBlank(s[pos]) { pos += 1 }
    }

    /// Skips a comment (from `#` to the end of the line, not the break itself).
    @inline(__always) mutating func skipComment() {
        while pos < s.count, !ParserCore.isBreak(s[pos]) { pos += 1 }
    }

    /// Skips blank lines, comment lines and leading indentation until the next content byte or the
    /// end. In block context a tab in the indentation of a content line is an error.
    mutating func skipToContent(blockContext: Bool) throws(YAMLError) {
        // Whether `pos` is still in the leading white space of its line (bounded look-back).
        var inIndentation = pos == lineStart || (pos - lineStart < 1024 && onlyBlanksBefore(pos))
        var tabOffset = -1
        while pos < s.count {
            let b = s[pos]
            if b == ParserCore.space {
                pos += 1
            } else if b == ParserCore.tab {
                if inIndentation && tabOffset < 0 { tabOffset = pos }
                pos += 1
            } else if ParserCore.isBreak(b) {
                consumeBreak()
                inIndentation = true
                tabOffset = -1
            } else if b == ParserCore.hash && (pos == lineStart || ParserCore.isBlank(s[pos - 1])) {
                skipComment()
            } else {
                if tabOffset >= 0 && blockContext {
                    let tabMark = mark(at: tabOffset)
                    throw error(.tabIndentation, "tab character used for indentation; YAML indentation must be spaces", at: tabMark)
                }
                return
            }
        }
    }

    /// Whether everything between the line start and `offset` is spaces or tabs.
    private func onlyBlanksBefore(_ offset: Int) -> Bool {
        var i = lineStart
        while i < offset {
            if !ParserCore.isBlank(s[i]) { return false }
            i += 1
        }
        return true
    }

    /// After a node that ended on its line: skips blanks and a comment, requires the end of the
    /// line (or input), then moves to the next content.
    mutating func finishLine() throws(YAMLError) {
        skipBlanks()
        if peek() == ParserCore.hash { skipComment() }
        if !atEnd {
            guard ParserCore.isBreak(s[pos]) else {
                throw error(.syntax, "unexpected \(describeCurrent()) after a value; expected the end of the line")
            }
        }
        try skipToContent(blockContext: true)
    }

    // MARK: Node bookkeeping

    /// Counts one built node against the expansion limit.
    @inline(__always) mutating func countNode() throws(YAMLError) {
        nodeCount += 1
        if nodeCount > options.maxAliasExpansion { throw tooManyNodes() }
    }

    mutating func tooManyNodes() -> YAMLError {
        error(.aliasExpansion, "document expands to more than \(options.maxAliasExpansion) nodes (aliases expanded); refusing to build it")
    }

    /// Enters a collection, enforcing the nesting limit.
    mutating func enterCollection() throws(YAMLError) {
        depth += 1
        if depth > options.maxDepth {
            throw error(.nestingTooDeep, "collections nested deeper than \(options.maxDepth) levels")
        }
    }

    mutating func leaveCollection() { depth -= 1 }

    /// Text of a byte range (the input is validated UTF-8).
    func text(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: s[range]), as: UTF8.self)
    }
}
