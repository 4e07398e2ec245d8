import Testing

@testable import BioImageYAML

/// Parses `text` and returns the tree as compact JSON (Python `json.dumps` layout), the form the
/// expectations below are written in; each expectation is what ruyaml (YAML 1.2) gives.
private func json(_ text: String) throws -> String {
    try JSONValue(YAMLParser().parse(text)).serialized(indent: nil)
}

private func parseError(_ text: String) -> YAMLError? {
    do {
        _ = try YAMLParser().parse(text)
        return nil
    } catch {
        return error
    }
}

@Suite("Parser: structure")
struct ParserStructureTests {
    @Test func blockMappingKeepsKeyOrder() throws {
        #expect(try json("b: 1\na: 2\nc: 3\n") == #"{"b": 1, "a": 2, "c": 3}"#)
    }

    @Test func indentedAndIndentlessSequences() throws {
        #expect(try json("a:\n  - 1\n  - 2\nb:\n- x\n- y\n") == #"{"a": [1, 2], "b": ["x", "y"]}"#)
    }

    @Test func compactNestedForms() throws {
        let text = """
            inputs:
              - id: raw
                axes:
                  - type: batch
                  - {type: space, id: y, size: 512}
              - - nested
                - list
            """
        #expect(try json(text) == #"{"inputs": [{"id": "raw", "axes": [{"type": "batch"}, {"type": "space", "id": "y", "size": 512}]}, ["nested", "list"]]}"#)
    }

    @Test func flowCollectionsSpanningLinesWithTrailingCommas() throws {
        let text = "a: [1, [2, 3], {k: v, }, ]\nb: { x: 1,\n  y: [a,\n    b], }\n"
        #expect(try json(text) == #"{"a": [1, [2, 3], {"k": "v"}], "b": {"x": 1, "y": ["a", "b"]}}"#)
    }

    @Test func flowPairsAndEmptyValues() throws {
        #expect(try json("a: [k: v, x]\nb: {k, m: }\nc:\nd: []\ne: {}\n") == #"{"a": [{"k": "v"}, "x"], "b": {"k": null, "m": null}, "c": null, "d": [], "e": {}}"#)
    }

    @Test func emptyDocumentsAreNull() throws {
        #expect(try json("") == "null")
        #expect(try json("# only a comment\n\n") == "null")
        #expect(try json("%YAML 1.2\n---\n") == "null")
    }

    @Test func directiveMarkersAndDocumentEnd() throws {
        #expect(try json("%YAML 1.2\n---\na: 1\n...\n") == #"{"a": 1}"#)
        #expect(try json("--- [1, 2]\n") == "[1, 2]")
    }

    @Test func commentsEverywhere() throws {
        let text = "# head\na: 1 # tail\n# between\nb: # empty value\n  - x # item\n  # inside\n  - y\nc: 'q' # after quote\nd: a#b\n"
        #expect(try json(text) == #"{"a": 1, "b": ["x", "y"], "c": "q", "d": "a#b"}"#)
    }

    @Test func crlfAndBOM() throws {
        #expect(try json("\u{FEFF}a: 1\r\nb:\r\n  - x\r\n  - 'y\r\n    z'\r\n") == #"{"a": 1, "b": ["x", "y z"]}"#)
    }

    @Test func anchorsAndAliases() throws {
        #expect(try json("a: &x bcyx\nb: *x\nc: [&s [2, 3], *s]\nd: &m\n  k: v\ne: *m\n") == #"{"a": "bcyx", "b": "bcyx", "c": [[2, 3], [2, 3]], "d": {"k": "v"}, "e": {"k": "v"}}"#)
    }

    @Test func keysWithSpecialCharacters() throws {
        #expect(try json("0.3.2: a\nweights:{source: b\n'y': c\nhttps://x.org/a: d\n_conceptdoi: e\n") == #"{"0.3.2": "a", "weights:{source": "b", "y": "c", "https://x.org/a": "d", "_conceptdoi": "e"}"#)
    }

    @Test func marksPointAtNodes() throws {
        let root = try YAMLParser().parse("a:\n  b: [1, 🦈, x]\n")
        let b = try #require(root["a"]?["b"])
        #expect(b.mark == YAMLMark(offset: 8, line: 2, column: 6))
        #expect(b[2]?.mark == YAMLMark(offset: 18, line: 2, column: 13))  // the emoji is 4 bytes, 1 column
        #expect(root["a"]?.mapping?.keyNode("b")?.mark.column == 3)
    }
}

@Suite("Parser: scalars")
struct ParserScalarTests {
    @Test(arguments: [
        ("~", "null"), ("null", "null"), ("Null", "null"), ("NULL", "null"), ("", "null"),
        ("true", "true"), ("True", "true"), ("FALSE", "false"),
        ("y", #""y""#), ("yes", #""yes""#), ("no", #""no""#), ("on", #""on""#), ("off", #""off""#), ("nULL", #""nULL""#),
        ("0123", "123"), ("0o17", "15"), ("0x1F", "31"), ("0b11", "3"), ("1_000", "1000"), ("+12", "12"), ("-0", "0"),
        ("1.5", "1.5"), ("1e-05", "1e-05"), ("1e3", "1000.0"), ("1.", "1.0"), (".5", "0.5"), ("1.0e-4", "0.0001"),
        (".inf", "Infinity"), ("-.inf", "-Infinity"), ("+.INF", "Infinity"), (".nan", "NaN"), (".NaN", "NaN"),
        ("inf", #""inf""#), ("-inf", #""-inf""#), ("nan", #""nan""#), ("-.5", "-0.5"), ("+.5e+3", "500.0"), (".5e3", #"".5e3""#), ("-.nan", #""-.nan""#),
        ("0.4", "0.4"), ("0.4.10", #""0.4.10""#), ("12:30", #""12:30""#), ("2019-12-11", #""2019-12-11""#),
        ("123456789012345678901234567890", "123456789012345678901234567890"), ("-0x_ff", "-255"),
    ])
    func coreSchemaResolution(text: String, expected: String) throws {
        #expect(try json("v: \(text)\n") == #"{"v": \#(expected)}"#)
    }

    @Test func originalTextIsKept() throws {
        let root = try YAMLParser().parse("format_version: 0.4\nn: 0x1F\n")
        #expect(root["format_version"]?.string == "0.4")
        #expect(root["format_version"]?.scalar?.tag == .float)
        #expect(root["n"]?.string == "0x1F")
        #expect(root["n"]?.int == 31)
    }

    @Test func quotedScalarsAreStrings() throws {
        #expect(try json("a: 'true'\nb: \"1\"\nc: 'it''s'\nd: ''\n") == #"{"a": "true", "b": "1", "c": "it's", "d": ""}"#)
    }

    @Test func doubleQuotedEscapes() throws {
        let text = #"a: "\n\t\"\\\/\0\x41\u00e9\U0001F988\e\ \N\_\L\P\a\b\v\f\r""# + "\n"
        let value = try #require(try YAMLParser().parse(text)["a"]?.string)
        #expect(value == "\n\t\"\\/\0Aé🦈\u{1B} \u{85}\u{A0}\u{2028}\u{2029}\u{07}\u{08}\u{0B}\u{0C}\r")
    }

    @Test func surrogatePairEscapesCombine() throws {
        #expect(try YAMLParser().parse(#"a: "\uD83E\uDD88""#)["a"]?.string == "🦈")
    }

    @Test func quotedFoldingAndEscapedLineBreaks() throws {
        // Folding: one break → space, an empty line → newline, trailing/leading blanks dropped.
        #expect(try YAMLParser().parse("a: 'one  \n   two\n\n  three'\n")["a"]?.string == "one two\nthree")
        #expect(try YAMLParser().parse("a: \"one \\\n   two\"\n")["a"]?.string == "one two")
        #expect(try YAMLParser().parse("a: \"x\\\n\n  y\"\n")["a"]?.string == "x\ny")
    }

    @Test func multiLinePlainScalarsFold() throws {
        let text = "description: A long\n  description that\n\n  continues\nnext: 1\n"
        #expect(try json(text) == #"{"description": "A long description that\ncontinues", "next": 1}"#)
    }

    @Test func plainScalarsStopAtCommentsAndMayContainIndicators() throws {
        #expect(try json("a: b: c\n".replacingOccurrences(of: "b: c", with: "b:c")) == #"{"a": "b:c"}"#)
        #expect(try json("a: x # c\n  # more\nb: -1\nc: -x\nd: :x\n") == #"{"a": "x", "b": -1, "c": "-x", "d": ":x"}"#)
    }

    @Test(arguments: [
        ("a: |\n  line1\n  line2\n", "line1\nline2\n"),
        ("a: |-\n  line1\n  line2\n", "line1\nline2"),
        ("a: |+\n  line1\n\n\nb: 1\n", "line1\n\n\n"),
        ("a: >\n  one\n  two\n\n  three\n", "one two\nthree\n"),
        ("a: >-\n  one\n    more\n  two\n", "one\n  more\ntwo"),
        ("a: > # comment\n  folded\n  text\n", "folded text\n"),
        ("a: |2\n    indented\n  base\n", "  indented\nbase\n"),
        ("a: |\n\n  after blank\n", "\nafter blank\n"),
        ("a: |\n  x\n\n", "x\n"),
        ("a: |-\n", ""),
        ("a: |\n  # not a comment\n  text\n", "# not a comment\ntext\n"),
        ("- |\n  item\n- >-\n  next\n", nil),
    ] as [(String, String?)])
    func blockScalars(text: String, expected: String?) throws {
        let root = try YAMLParser().parse(text)
        if let expected {
            #expect(root["a"]?.string == expected)
        } else {
            #expect(root.sequence?.map(\.string) == ["item\n", "next"])
        }
    }
}

@Suite("Parser: errors")
struct ParserErrorTests {
    @Test(arguments: [
        ("a: 1\na: 2\n", YAMLError.Code.duplicateKey, 2, 1),
        ("a: {x: 1, x: 2}\n", .duplicateKey, 1, 11),
        ("1: a\ntrue: b\n", .duplicateKey, 2, 1),     // Python: True == 1
        ("0x1: a\n1.0: b\n", .duplicateKey, 2, 1),    // 0x1 == 1 == 1.0
        ("{0.5: a, .5: b}", .duplicateKey, 1, 10),
        ("a: 'open\n", .syntax, 1, 4),
        ("a: \"open\n", .syntax, 1, 4),
        ("a: [1, 2\n", .syntax, 1, 4),
        ("a: {x: 1\n", .syntax, 1, 4),
        ("a:\n\tb: 1\n", .tabIndentation, 2, 1),
        ("? a\n: b\n", .unsupported, 1, 1),
        ("a: !!str 5\n", .unsupported, 1, 4),
        ("a: *nope\n", .undefinedAlias, 1, 4),
        ("a: 1\n---\nb: 2\n", .multipleDocuments, 2, 1),
        ("a: [%s]\n", .syntax, 1, 5),
        ("a: b: c\n", .syntax, 1, 5),
        ("a: x\n  eps: 1\n", .syntax, 2, 6),
        ("a:\n  b: 1\n c: 2\n", .syntax, 3, 2),
        ("- a\nb: 1\n", .syntax, 2, 1),
        ("a: \"\\q\"\n", .syntax, 1, 5),
        ("a:\n  - b\n  c: 1\n", .syntax, 3, 3),
        ("%TAG ! tag:x,2000:\n---\na: 1\n", .unsupported, 1, 1),
        ("%YAML 2.0\n---\n", .unsupported, 1, 1),
        ("a: \u{01}\n", .encoding, 1, 4),
    ] as [(String, YAMLError.Code, Int, Int)])
    func reportsWhereAndWhat(text: String, code: YAMLError.Code, line: Int, column: Int) throws {
        let error = try #require(parseError(text))
        #expect(error.code == code, "\(error)")
        #expect(error.mark.line == line, "\(error)")
        #expect(error.mark.column == column, "\(error)")
        #expect(!error.message.isEmpty && !error.message.contains("\n"))
    }

    @Test func keysThatDifferAsValuesAreNotDuplicates() throws {
        // A plain date is a date to the reference, a quoted one a string; two NaNs never compare equal.
        #expect(try YAMLParser().parse("2019-12-11: a\n'2019-12-11': b\n.nan: c\n.NaN: d\n").mapping?.count == 4)
    }

    @Test func invalidUTF8IsAnError() throws {
        let error = try #require(throws: YAMLError.self) { try YAMLParser().parse([0x61, 0x3A, 0x20, 0xC3, 0x28, 0x0A]) }
        #expect(error.code == .encoding)
        #expect(error.mark.line == 1 && error.mark.column == 4)
    }

    @Test func snippetShowsTheLineWithACaret() throws {
        let error = try #require(parseError("first: 1\nsecond: [oops\n"))
        #expect(error.snippet == "  2 | second: [oops\n    |         ^")
        #expect(error.inFile("rdf.yaml").diagnostic.hasPrefix("rdf.yaml:2:9: "))
    }
}

@Suite("Scalars: timestamps")
struct TimestampTests {
    // Expected values: whether ruyaml 0.91.0 (`typ="safe"`) loads `v: <text>` as a date or datetime.
    @Test(arguments: [
        ("2019-12-11", true), ("2019-1-1", false), ("2019-12-11T12:22:32Z", true), ("2019-12-11 12:22:32", true),
        ("2019-12-11t1:22:32.5+01:00", true), ("2019-12-11T12:22:32 -5", true), ("2019-12-11T12:22", false),
        ("2019-12-1", false), ("20191211", false), ("2019-12-11T12:22:32.123456Z", true),
        ("2019-12-11  12:22:32 Z", true), ("2019-12-11T12:22:32+0100", false),
    ])
    func plainTimestampsAreRecognised(text: String, isTimestamp: Bool) throws {
        #expect(try YAMLParser().parse("v: \(text)\n")["v"]?.scalar?.isTimestamp == isTimestamp)
        #expect(try YAMLParser().parse("v: '\(text)'\n")["v"]?.scalar?.isTimestamp == false)
    }
}
