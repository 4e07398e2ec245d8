import Testing

@testable import BioImageYAML

@Suite("Emitter")
struct EmitterTests {
    private func roundTrip(_ node: YAMLNode) throws -> YAMLNode {
        try YAMLParser().parse(YAMLEmitter().emit(node))
    }

    @Test func blockLayoutLikeTheReference() throws {
        let root = try YAMLParser().parse("name: UNet\ninputs: [{id: raw, axes: [{type: batch}, {type: space, size: 512}]}]\ntags: [a, b]\nempty: []\nnone: {}\n")
        let expected = """
            name: UNet
            inputs:
              - id: raw
                axes:
                  - type: batch
                  - type: space
                    size: 512
            tags:
              - a
              - b
            empty: []
            none: {}

            """
        #expect(try YAMLEmitter().emit(root) == expected)
    }

    @Test(arguments: [
        "plain", "y", "yes", "-inf", "0.4.10", "a:b", "a#b", "🦈 emoji", "Beuttenmüller",
        "true", "True", "null", "~", "", "1", "0x1F", "1.5", ".inf", "1e-05", "2019-12-11", "2019-12-11T12:22:32Z",
        " leading", "trailing ", "a: b", "a #b", "- item", "? key", ": x", "[x]", "{x}", "#x", "&a", "*a", "!t", "|x", ">x",
        "'q'", "\"q\"", "%x", "@x", "`x", "---", "...", "it's", "tab\there", "cr\rhere", "nul\0x", "\u{7F}del",
        "bell\u{07}", "\u{FEFF}bom", "line\u{2028}sep", "next\u{85}line", "\u{A0}nbsp",
    ])
    func stringsReadBackAsTheSameString(text: String) throws {
        let node: YAMLNode = .mapping(["key": .string(text), text: .string("as key")])
        #expect(try roundTrip(node) == node)
    }

    @Test(arguments: [
        "one\ntwo", "one\ntwo\n", "one\ntwo\n\n\n", "\nleading break", "  indented first\nsecond",
        "trailing spaces  \nnext", "tab\tinside\nx", "only\n\n\nblank lines inside", "\n", "\n\n", " \n x",
        "crlf\r\ninside", "# hash\n- dash\n",
    ])
    func multiLineStringsReadBack(text: String) throws {
        let node: YAMLNode = .mapping(["a": .string(text), "list": .sequence([.string(text), .string(text)])])
        #expect(try roundTrip(node) == node)
        #expect(try roundTrip(.string(text)) == .string(text))
    }

    @Test func multiLineStringsUseLiteralBlocks() throws {
        #expect(try YAMLEmitter().emit(.mapping(["a": .string("x\ny")])) == "a: |-\n  x\n  y\n")
        #expect(try YAMLEmitter().emit(.mapping(["a": .string("x\ny\n")])) == "a: |\n  x\n  y\n")
    }

    @Test func quotingOnlyWhereNeeded() throws {
        let node: YAMLNode = .mapping(["a": .string("true"), "b": .string("y"), "c": .string("it's: here"), "d": .string("x\ty")])
        #expect(try YAMLEmitter().emit(node) == "a: 'true'\nb: y\nc: 'it''s: here'\nd: \"x\\ty\"\n")
    }

    @Test func nonStringScalarsKeepTheirSpelling() throws {
        let root = try YAMLParser().parse("a: 0x1F\nb: 1e-05\nc: ~\nd:\ne: .inf\nf: 0.4\n")
        #expect(try YAMLEmitter().emit(root) == "a: 0x1F\nb: 1e-05\nc: ~\nd: null\ne: .inf\nf: 0.4\n")
    }

    @Test func floatsFromCodeUsePythonSpelling() throws {
        let node: YAMLNode = .sequence([.float(1e-6), .float(0.1), .float(1e16), .float(-.infinity), .float(.nan), .float(3)])
        #expect(try YAMLEmitter().emit(node) == "- 1e-06\n- 0.1\n- 1e+16\n- -.inf\n- .nan\n- 3.0\n")
        #expect(try roundTrip(node) == node)
    }

    @Test func nestedSequencesAndVersionHeader() throws {
        var options = YAMLEmitter.Options()
        options.versionDirective = true
        let node: YAMLNode = .mapping(["shape": .sequence([.sequence([.int(1), .int(2)]), .sequence([])])])
        let text = try YAMLEmitter(options: options).emit(node)
        #expect(text == "%YAML 1.2\n---\nshape:\n  - - 1\n    - 2\n  - []\n")
        #expect(try YAMLParser().parse(text) == node)
    }

    @Test func collectionKeysAreAnError() throws {
        let node = YAMLNode.mapping(YAMLMapping([YAMLMapping.Entry(key: .sequence([.int(1)]), value: .int(2))]))
        #expect(throws: YAMLError.self) { try YAMLEmitter().emit(node) }
    }
}
