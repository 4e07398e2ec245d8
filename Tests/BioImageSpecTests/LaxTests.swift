import BioImageYAML
import Testing

@testable import BioImageSpec

/// The lax coercions against pydantic v2's documented lax-mode conversions and messages.
@Suite("Lax coercion")
struct LaxTests {
    private func node(_ yaml: String) throws -> YAMLNode {
        try #require(try YAMLParser().parse("v: \(yaml)\n")["v"])
    }

    @Test(arguments: [("512", 512), ("512.0", 512), ("'512'", 512), ("true", 1), ("0x10", 16)])
    func integers(yaml: String, expected: Int) throws {
        let context = ValidationContext()
        #expect(Lax.int(try node(yaml), at: ["v"], context) == expected)
        #expect(context.issues.isEmpty)
    }

    @Test(arguments: [
        ("1.5", "int_from_float"), ("abc", "int_parsing"), ("~", "int_type"), ("[1]", "int_type"),
        (".inf", "finite_number"), ("2019-12-11", "int_type"),
    ])
    func integerErrors(yaml: String, type: String) throws {
        let context = ValidationContext()
        #expect(Lax.int(try node(yaml), at: ["v"], context) == nil)
        #expect(context.issues.map(\.type) == [type])
        #expect(context.issues.first?.path.description == "v")
        #expect(context.issues.first?.mark?.column == 4)
    }

    @Test func strings() throws {
        let context = ValidationContext()
        #expect(Lax.string(try node("y"), at: ["v"], context) == "y")
        #expect(Lax.string(try node("1.5"), at: ["v"], context) == nil)
        #expect(Lax.string(try node("2019-12-11"), at: ["v"], context) == nil)
        #expect(context.issues.map(\.message) == ["Input should be a valid string", "Input should be a valid string"])
    }

    @Test func floatsAndBooleans() throws {
        let context = ValidationContext()
        #expect(Lax.float(try node("1"), at: ["v"], context) == 1)
        #expect(Lax.float(try node("'-inf'"), at: ["v"], allowNonFinite: true, context) == -.infinity)
        #expect(Lax.float(try node("-inf"), at: ["v"], context) == nil)  // a string to YAML, -inf to Python: not finite
        #expect(Lax.bool(try node("yes"), at: ["v"], context) == true)
        #expect(Lax.bool(try node("0"), at: ["v"], context) == false)
        #expect(context.issues.map(\.type) == ["finite_number"])
    }

    @Test func literalsListTheAlternativesLikePydantic() throws {
        let context = ValidationContext()
        #expect(Lax.literal(try node("x"), at: ["v"], allowed: ["a", "b", "c"], context) == nil)
        #expect(context.issues.first?.message == "Input should be 'a', 'b' or 'c'")
    }

    @Test func mappingReaderReportsMissingAndExtraKeys() throws {
        let root = try YAMLParser().parse("text: hello\nextra: 1\n")
        let context = ValidationContext()
        var reader = try #require(MappingReader(root, at: ["cite", 0], typeName: "CiteEntry", context: context))
        #expect(reader.required("text") { Lax.string($0, at: $1, context) } == "hello")
        #expect(reader.required("doi") { Lax.string($0, at: $1, context) } == nil)
        reader.rejectUnknownKeys()
        #expect(!reader.isValid)
        #expect(context.issues.map(\.description) == [
            "1:1: error: cite.0.doi: Field required",
            "2:1: error: cite.0.extra: Extra inputs are not permitted",
        ])
    }
}
