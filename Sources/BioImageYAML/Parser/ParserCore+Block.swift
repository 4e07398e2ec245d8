// Block context: nodes, block mappings and block sequences, decided by indentation.
//
// Post-condition of every `parse…` function here: `pos` is at the first content byte of the next
// line that holds content (comments and blank lines skipped), or at the end of the input.

extension ParserCore {
    /// Parses the node that starts at `pos`.
    ///
    /// - Parameters:
    ///   - parentIndent: the indentation of the enclosing block collection (-1 at the root).
    ///   - allowBlockCollection: whether a block mapping or sequence may start here (true at the
    ///     start of a line or after `- `; false after `key: `, where only a scalar, a flow
    ///     collection or a block scalar may follow on the same line).
    mutating func parseNode(parentIndent: Int, allowBlockCollection: Bool) throws(YAMLError) -> YAMLNode {
        let start = mark()
        let column = indent
        let b = peek()

        // Node properties: an anchor (tags are not supported).
        if b == UInt8(ascii: "&") {
            let name = try scanAnchorName()
            skipBlanks()
            let before = nodeCount
            var node: YAMLNode
            if atEnd || ParserCore.isBreak(peek()) || peek() == ParserCore.hash {
                try skipToContent(blockContext: true)
                if !atEnd && !atDocumentMarker && (indent > parentIndent || (indent == parentIndent && atSequenceEntry)) {
                    node = try parseNode(parentIndent: indent == parentIndent ? parentIndent - 1 : parentIndent, allowBlockCollection: true)
                } else {
                    try countNode()
                    node = YAMLNode(.scalar(YAMLScalar(string: "", style: .plain, tag: .null)), mark: start)
                }
            } else {
                node = try parseNode(parentIndent: parentIndent, allowBlockCollection: false)
            }
            node.mark = start
            anchors[name] = (node, nodeCount - before)
            return node
        }
        if b == UInt8(ascii: "!") {
            throw error(.unsupported, "tags ('!…') are not supported in description files")
        }
        if b == UInt8(ascii: "*") {
            let node = try parseAlias()
            skipBlanks()
            if peek() == ParserCore.colon && ParserCore.isBlankOrEnd(peek(1)) {
                guard allowBlockCollection else {
                    throw error(.syntax, "mapping values are not allowed here")
                }
                return try parseBlockMapping(indent: column, firstKey: node)
            }
            try finishLine()
            return node
        }
        if atSequenceEntry {
            guard allowBlockCollection else {
                throw error(.syntax, "a block sequence may not start on the same line as its key; put '- ' on the next line")
            }
            return try parseBlockSequence(indent: column)
        }
        if b == UInt8(ascii: "?") && ParserCore.isBlankOrEnd(peek(1)) {
            throw error(.unsupported, "explicit mapping keys ('? ') are not supported")
        }
        if b == UInt8(ascii: "|") || b == UInt8(ascii: ">") {
            let node = try parseBlockScalar(parentIndent: parentIndent)
            try skipToContent(blockContext: true)
            return node
        }
        if b == UInt8(ascii: "[") || b == UInt8(ascii: "{") {
            let node = try parseFlowCollection()
            skipBlanks()
            if peek() == ParserCore.colon && ParserCore.isBlankOrEnd(peek(1)) {
                throw error(.unsupported, "flow collections as mapping keys are not supported", at: start)
            }
            try finishLine()
            return node
        }
        if b == UInt8(ascii: "'") || b == UInt8(ascii: "\"") {
            let startLine = line
            let node = try parseQuotedScalar()
            skipBlanks()
            if peek() == ParserCore.colon && ParserCore.isBlankOrEnd(peek(1)) {
                guard allowBlockCollection else {
                    throw error(.syntax, "mapping values are not allowed here")
                }
                guard line == startLine else {
                    throw error(.syntax, "a mapping key must be on a single line", at: start)
                }
                return try parseBlockMapping(indent: column, firstKey: node)
            }
            try finishLine()
            return node
        }
        // A plain scalar, or the first key of a block mapping.
        let (node, isKey) = try parseBlockPlainScalar(parentIndent: parentIndent, allowKey: allowBlockCollection)
        if isKey {
            return try parseBlockMapping(indent: column, firstKey: node)
        }
        return node
    }

    /// Whether `pos` is at a block sequence entry indicator (`-` followed by white space or the end).
    var atSequenceEntry: Bool {
        peek() == ParserCore.dash && ParserCore.isBlankOrEnd(peek(1))
    }

    /// Parses a block mapping whose first key was just read; `pos` is at that key's `:`.
    mutating func parseBlockMapping(indent mappingIndent: Int, firstKey: YAMLNode) throws(YAMLError) -> YAMLNode {
        try enterCollection()
        defer { leaveCollection() }
        let start = firstKey.mark
        var entries: [YAMLMapping.Entry] = []
        var seen = KeySet()
        var key = firstKey
        while true {
            // At the ':' after `key`.
            pos += 1
            if let first = seen.insert(key) {
                throw error(.duplicateKey, "duplicate key \(describeKey(key)) in this mapping; the first one is at line \(first.line)", at: key.mark)
            }
            let value = try parseMappingValue(mappingIndent: mappingIndent)
            entries.append(YAMLMapping.Entry(key: key, value: value))
            if atEnd || atDocumentMarker || indent < mappingIndent { break }
            if indent > mappingIndent {
                throw error(.syntax, "bad indentation of a mapping entry: expected column \(mappingIndent + 1), found column \(indent + 1)")
            }
            key = try parseBlockKey()
        }
        try countNode()
        return YAMLNode(.mapping(YAMLMapping(entries)), mark: start)
    }

    /// Reads the next implicit key of a block mapping (at the mapping's indentation) up to its `:`.
    private mutating func parseBlockKey() throws(YAMLError) -> YAMLNode {
        let start = mark()
        let b = peek()
        if atSequenceEntry {
            throw error(.syntax, "expected a mapping key, found a sequence entry '- ' at the same indentation")
        }
        if b == UInt8(ascii: "?") && ParserCore.isBlankOrEnd(peek(1)) {
            throw error(.unsupported, "explicit mapping keys ('? ') are not supported")
        }
        var key: YAMLNode
        if b == UInt8(ascii: "*") {
            key = try parseAlias()
        } else if b == UInt8(ascii: "&") {
            let name = try scanAnchorName()
            skipBlanks()
            let before = nodeCount
            key = try parseBlockKey()
            key.mark = start
            anchors[name] = (key, nodeCount - before)
            return key
        } else if b == UInt8(ascii: "'") || b == UInt8(ascii: "\"") {
            let startLine = line
            key = try parseQuotedScalar()
            guard line == startLine else { throw error(.syntax, "a mapping key must be on a single line", at: start) }
        } else if b == UInt8(ascii: "[") || b == UInt8(ascii: "{") {
            throw error(.unsupported, "flow collections as mapping keys are not supported")
        } else {
            let (node, isKey) = try parseBlockPlainScalar(parentIndent: indent - 1, allowKey: true)
            guard isKey else {
                throw error(.syntax, "could not find expected ':' after the mapping key \(describeKey(node))", at: start)
            }
            return node
        }
        skipBlanks()
        guard peek() == ParserCore.colon && ParserCore.isBlankOrEnd(peek(1)) else {
            throw error(.syntax, "could not find expected ':' after the mapping key \(describeKey(key))")
        }
        return key
    }

    /// Parses the value after `key:`: on the same line, on the following lines (more indented, or
    /// an indentless sequence at the key's indentation), or nothing (null).
    private mutating func parseMappingValue(mappingIndent: Int) throws(YAMLError) -> YAMLNode {
        skipBlanks()
        if atEnd || ParserCore.isBreak(peek()) || peek() == ParserCore.hash {
            let emptyMark = mark()
            try skipToContent(blockContext: true)
            if !atEnd && !atDocumentMarker {
                if indent > mappingIndent {
                    return try parseNode(parentIndent: mappingIndent, allowBlockCollection: true)
                }
                if indent == mappingIndent && atSequenceEntry {
                    return try parseBlockSequence(indent: mappingIndent)
                }
            }
            try countNode()
            return YAMLNode(.scalar(YAMLScalar(string: "", style: .plain, tag: .null)), mark: emptyMark)
        }
        return try parseNode(parentIndent: mappingIndent, allowBlockCollection: false)
    }

    /// Parses a block sequence whose first `-` is at `pos`, at column `sequenceIndent`.
    mutating func parseBlockSequence(indent sequenceIndent: Int) throws(YAMLError) -> YAMLNode {
        try enterCollection()
        defer { leaveCollection() }
        let start = mark()
        var items: [YAMLNode] = []
        while true {
            let entryMark = mark()
            pos += 1
            skipBlanks()
            if atEnd || ParserCore.isBreak(peek()) || peek() == ParserCore.hash {
                try skipToContent(blockContext: true)
                if !atEnd && !atDocumentMarker && indent > sequenceIndent {
                    items.append(try parseNode(parentIndent: sequenceIndent, allowBlockCollection: true))
                } else {
                    try countNode()
                    items.append(YAMLNode(.scalar(YAMLScalar(string: "", style: .plain, tag: .null)), mark: entryMark))
                }
            } else {
                items.append(try parseNode(parentIndent: sequenceIndent, allowBlockCollection: true))
            }
            if atEnd || atDocumentMarker || indent < sequenceIndent { break }
            if indent > sequenceIndent {
                throw error(.syntax, "bad indentation of a sequence entry: expected column \(sequenceIndent + 1), found column \(indent + 1)")
            }
            guard atSequenceEntry else { break }
        }
        try countNode()
        return YAMLNode(.sequence(items), mark: start)
    }

    /// Reads `&name` and returns the name; `pos` ends after it.
    mutating func scanAnchorName() throws(YAMLError) -> String {
        pos += 1
        let start = pos
        while !atEnd, !ParserCore.isBlankOrEnd(peek()), !ParserCore.isFlowIndicator(peek()) { pos += 1 }
        guard pos > start else { throw error(.syntax, "an anchor needs a name after '&'") }
        return text(start..<pos)
    }

    /// Reads `*name` and returns a copy of the anchored node, counting its size against the limit.
    mutating func parseAlias() throws(YAMLError) -> YAMLNode {
        let start = mark()
        pos += 1
        let nameStart = pos
        while !atEnd, !ParserCore.isBlankOrEnd(peek()), !ParserCore.isFlowIndicator(peek()) { pos += 1 }
        guard pos > nameStart else { throw error(.syntax, "an alias needs a name after '*'", at: start) }
        let name = text(nameStart..<pos)
        guard let anchored = anchors[name] else {
            throw error(.undefinedAlias, "alias '*\(name)' refers to an anchor '&\(name)' that is not defined before it", at: start)
        }
        nodeCount += anchored.size
        if nodeCount > options.maxAliasExpansion { throw error(.aliasExpansion, "document expands to more than \(options.maxAliasExpansion) nodes (aliases expanded); refusing to build it", at: start) }
        var node = anchored.node
        node.mark = start
        return node
    }

    /// A key as it appears in messages: `"name"`, or its kind for collections.
    func describeKey(_ key: YAMLNode) -> String {
        if let text = key.string { return "\"\(text)\"" }
        return key.kindDescription
    }
}

/// The keys of one mapping, compared by value the way the reference loader compares them.
///
/// Description mappings are small, so keys are compared linearly up to a few dozen entries (no
/// hashing), and through a dictionary beyond that, keeping large mappings linear overall.
struct KeySet {
    private var small: [(identity: YAMLScalar.KeyIdentity, mark: YAMLMark)] = []
    private var large: [YAMLScalar.KeyIdentity: YAMLMark]? = nil
    private var others: [YAMLNode: YAMLMark] = [:]
    private static let linearLimit = 24

    /// Adds `key`; returns the mark of an earlier equal key instead when there is one.
    mutating func insert(_ key: YAMLNode) -> YAMLMark? {
        guard case .scalar(let scalar) = key.content else {
            if let first = others[key] { return first }
            others[key] = key.mark
            return nil
        }
        guard let identity = scalar.keyIdentity else { return nil }
        if large == nil {
            for entry in small where entry.identity == identity { return entry.mark }
            small.append((identity, key.mark))
            if small.count > KeySet.linearLimit {
                large = Dictionary(small.map { ($0.identity, $0.mark) }, uniquingKeysWith: { first, _ in first })
                small = []
            }
            return nil
        }
        if let first = large?[identity] { return first }
        large?[identity] = key.mark
        return nil
    }
}
