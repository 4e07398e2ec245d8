// Flow context: `[ … ]` and `{ … }`, nested, spanning lines, with trailing commas.

extension ParserCore {
    /// Parses a flow sequence or mapping whose opening bracket is at `pos`; `pos` ends after the
    /// closing bracket.
    mutating func parseFlowCollection() throws(YAMLError) -> YAMLNode {
        try enterCollection()
        defer { leaveCollection() }
        let start = mark()
        let isMapping = s[pos] == UInt8(ascii: "{")
        let close = isMapping ? UInt8(ascii: "}") : UInt8(ascii: "]")
        let kind = isMapping ? "flow mapping" : "flow sequence"
        pos += 1
        var items: [YAMLNode] = []
        var entries: [YAMLMapping.Entry] = []
        var seen = KeySet()
        while true {
            try skipFlowSpace(start: start, kind: kind)
            if peek() == close { pos += 1; break }
            if peek() == ParserCore.comma {
                throw error(.syntax, "unexpected ',' in a \(kind): an entry is missing before it")
            }
            if peek() == UInt8(ascii: "?") && ParserCore.isBlankOrEnd(peek(1)) {
                throw error(.unsupported, "explicit mapping keys ('? ') are not supported")
            }
            let entryMark = mark()
            let keyOrItem = try parseFlowNode(start: start, kind: kind)
            try skipFlowSpace(start: start, kind: kind)
            var value: YAMLNode? = nil
            if peek() == ParserCore.colon {
                pos += 1
                try skipFlowSpace(start: start, kind: kind)
                if peek() == ParserCore.comma || peek() == close {
                    try countNode()
                    value = YAMLNode(.scalar(YAMLScalar(string: "", style: .plain, tag: .null)), mark: mark())
                } else {
                    value = try parseFlowNode(start: start, kind: kind)
                }
                try skipFlowSpace(start: start, kind: kind)
            }
            if isMapping {
                if let first = seen.insert(keyOrItem) {
                    throw error(.duplicateKey, "duplicate key \(describeKey(keyOrItem)) in this mapping; the first one is at \(first)", at: keyOrItem.mark)
                }
                let entryValue: YAMLNode
                if let value { entryValue = value } else {
                    try countNode()
                    entryValue = YAMLNode(.scalar(YAMLScalar(string: "", style: .plain, tag: .null)), mark: keyOrItem.mark)
                }
                entries.append(YAMLMapping.Entry(key: keyOrItem, value: entryValue))
            } else if let value {
                // `[key: value]` is a sequence holding a single-pair mapping.
                try countNode()
                items.append(YAMLNode(.mapping(YAMLMapping([YAMLMapping.Entry(key: keyOrItem, value: value)])), mark: entryMark))
            } else {
                items.append(keyOrItem)
            }
            if peek() == ParserCore.comma { pos += 1; continue }
            if peek() == close { pos += 1; break }
            throw error(.syntax, "expected ',' or '\(Character(Unicode.Scalar(close)))' in the \(kind) that starts at \(start), found \(describeCurrent())")
        }
        try countNode()
        return isMapping
            ? YAMLNode(.mapping(YAMLMapping(entries)), mark: start)
            : YAMLNode(.sequence(items), mark: start)
    }

    /// Parses one node inside a flow collection.
    private mutating func parseFlowNode(start: YAMLMark, kind: String) throws(YAMLError) -> YAMLNode {
        let b = peek()
        switch b {
        case UInt8(ascii: "["), UInt8(ascii: "{"):
            return try parseFlowCollection()
        case UInt8(ascii: "'"), UInt8(ascii: "\""):
            return try parseQuotedScalar()
        case UInt8(ascii: "*"):
            return try parseAlias()
        case UInt8(ascii: "&"):
            let anchorMark = mark()
            let name = try scanAnchorName()
            try skipFlowSpace(start: start, kind: kind)
            let before = nodeCount
            var node: YAMLNode
            if peek() == ParserCore.comma || peek() == UInt8(ascii: "]") || peek() == UInt8(ascii: "}") {
                try countNode()
                node = YAMLNode(.scalar(YAMLScalar(string: "", style: .plain, tag: .null)), mark: anchorMark)
            } else {
                node = try parseFlowNode(start: start, kind: kind)
            }
            node.mark = anchorMark
            anchors[name] = (node, nodeCount - before)
            return node
        case UInt8(ascii: "!"):
            throw error(.unsupported, "tags ('!…') are not supported in description files")
        default:
            return try parseFlowPlainScalar(start: start, kind: kind)
        }
    }

    /// Parses a plain scalar inside a flow collection; it ends at `,`, `[`, `]`, `{`, `}`, at `: `
    /// (or `:` before a flow indicator) and at ` #`, and folds across lines.
    private mutating func parseFlowPlainScalar(start: YAMLMark, kind: String) throws(YAMLError) -> YAMLNode {
        let nodeMark = mark()
        guard canStartPlain(peek(), next: peek(1), inFlow: true) else {
            throw error(.syntax, "found \(describeCurrent()), which cannot start a value in a \(kind)")
        }
        var out: [UInt8] = []
        var pendingBreaks = 0
        while true {
            // One line of the scalar.
            let lineContentStart = pos
            let (contentEnd, _) = scanPlainLine(inFlow: true)
            if contentEnd > lineContentStart {
                if pendingBreaks == 1 { out.append(ParserCore.space) } else if pendingBreaks > 1 {
                    for _ in 1..<pendingBreaks { out.append(ParserCore.lf) }
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: s[lineContentStart..<contentEnd]))
            }
            skipBlanks()
            guard !atEnd, ParserCore.isBreak(peek()) else { break }
            // The scalar may continue on the next line.
            let save = (pos, line, lineStart)
            var breaks = 0
            while !atEnd && (ParserCore.isBreak(peek()) || ParserCore.isBlank(peek())) {
                if ParserCore.isBreak(peek()) { consumeBreak(); breaks += 1 } else { pos += 1 }
            }
            let c = peek()
            if atEnd || c == ParserCore.hash || ParserCore.isFlowIndicator(c) || lineStartsWithDocumentMarker()
                || (c == ParserCore.colon && (ParserCore.isBlankOrEnd(peek(1)) || ParserCore.isFlowIndicator(peek(1))))
            {
                (pos, line, lineStart) = save
                break
            }
            pendingBreaks = breaks
        }
        try countNode()
        return YAMLNode(.scalar(YAMLScalar(plain: String(decoding: out, as: UTF8.self))), mark: nodeMark)
    }

    /// Skips white space, line breaks and comments inside a flow collection.
    private mutating func skipFlowSpace(start: YAMLMark, kind: String) throws(YAMLError) {
        while pos < s.count {
            let c = s[pos]
            if ParserCore.isBlank(c) {
                pos += 1
            } else if ParserCore.isBreak(c) {
                consumeBreak()
                if lineStartsWithDocumentMarker() {
                    throw error(.syntax, "a document marker inside the \(kind) that starts at \(start); it is not closed")
                }
            } else if c == ParserCore.hash {
                skipComment()
            } else {
                return
            }
        }
        throw error(.syntax, "unterminated \(kind): found the end of the input before its closing bracket", at: start)
    }
}
