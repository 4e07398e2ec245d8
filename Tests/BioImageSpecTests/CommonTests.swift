import BioImageYAML
import Foundation
import Testing

@testable import BioImageSpec

/// Hand-derived checks of the shared helpers; each expectation cites the rule it comes from
/// (`shared/notes/bioimageio-reference.md`, or the standard named in the comment).
@Suite("Common helpers")
struct CommonTests {
    private func node(_ yaml: String) throws -> YAMLNode {
        try YAMLParser().parse(yaml)
    }

    // Notes §a.1 LicenseId: SPDX list 3.27.0 with 667 active and 32 deprecated ids.
    @Test func spdxList() {
        #expect(SPDXLicenseList.version == "3.27.0")
        #expect(SPDXLicenseList.activeIDs.count == 667)
        #expect(SPDXLicenseList.deprecatedIDs.count == 32)
        #expect(Leaf.licenseKind("MIT") == .active)
        #expect(Leaf.licenseKind("GPL-2.0") == .deprecated)
        #expect(Leaf.licenseKind("MIT OR Apache-2.0") == .unknown)
        #expect(Leaf.licenseKind("mit") == .unknown) // exact, case-sensitive
    }

    // ORCID's own documented example iD 0000-0002-1825-0097 (ISO 7064 MOD 11-2 check digit 7).
    @Test func orcidCheckDigit() {
        #expect(Leaf.isValidORCID("0000-0002-1825-0097"))
        #expect(!Leaf.isValidORCID("0000-0002-1825-0098"))
        #expect(!Leaf.isValidORCID("0000000218250097"))
    }

    // Notes §a.1 FileDescr_package: `rdf.yaml`, `bioimageio.yaml`, `model.yaml` or `*.<one of them>`.
    @Test(arguments: [("rdf.yaml", true), ("my.bioimageio.yaml", true), ("model.yaml", true), ("x.model.yaml", true),
                      ("rdf.yml", false), ("xrdf.yaml", false), ("README.md", false)])
    func reservedNames(name: String, reserved: Bool) {
        #expect(Leaf.isReservedDescriptionName(name) == reserved)
    }

    // Notes §b.7: only the last suffix counts; for URLs the text after the last `.` of the path;
    // Zenodo `/content` is ignored. Python's PurePath gives no suffix for `.bashrc` or `name.`.
    @Test(arguments: [("a.tar.gz", ".gz"), ("dir.v1/README", nil), (".bashrc", nil), ("name.", nil), ("x/cover.PNG", ".PNG"),
                      ("https://zenodo.org/api/records/1/files/README.md/content", ".md"), ("https://a.com/docs", nil)])
    func lastSuffix(source: String, suffix: String?) throws {
        let context = ValidationContext()
        let value = try #require(Leaf.fileSourceValue(.string(source), at: ["v"], context))
        #expect(value.lastSuffix == suffix)
    }

    // Python's `str.isidentifier()` (XID_Start/XID_Continue) and `keyword.kwlist`.
    @Test func identifiers() {
        #expect(Leaf.isPythonIdentifier("µm"))
        #expect(Leaf.isPythonIdentifier("_"))
        #expect(!Leaf.isPythonIdentifier("1x"))
        #expect(!Leaf.isPythonIdentifier("a-b"))
        #expect(!Leaf.isPythonIdentifier(""))
        #expect(Leaf.pythonKeywords.contains("await"))
        #expect(!Leaf.pythonKeywords.contains("match"))
    }

    // ISO 8601: 12:22:32 at +02:00 is 10:22:32 UTC; 24:00 is midnight of the next day; an
    // ordinal date 2019-032 is 1 February.
    @Test(arguments: [("2019-12-11T12:22:32+02:00", "2019-12-11T10:22:32+00:00"),
                      ("2019-12-31T24:00:00", "2020-01-01T00:00:00+00:00"),
                      ("2019-032", "2019-02-01T00:00:00+00:00"),
                      ("2020-01-01T00:30:00+01:00", "2019-12-31T23:30:00+00:00")])
    func isoDates(text: String, utc: String) throws {
        #expect(try ISODateParser.parse(text).get() == utc)
    }

    // Notes §a.1 Datetime: unquoted YAML date-times arrive as UTC date-times.
    @Test func yamlTimestamp() throws {
        let context = ValidationContext()
        let value = try #require(try node("t: 2019-12-11 12:22:32 +02:00")["t"])
        #expect(Leaf.datetime(value, at: ["t"], context) == "2019-12-11T10:22:32+00:00")
    }

    // Notes §c.1 last bullet: string authors → {name}; 0.2.2 → 0.2.3 removes slashes from names;
    // 0.2.3 → 0.2.4 moves the nickname; DOI and GitHub prefixes are stripped.
    @Test func upgradeV02() throws {
        let document = try node("""
            format_version: 0.2.2
            name: a/b
            description: d
            authors: ["J/D", {name: "x\\\\y", github_user: "https://github.com/jd"}]
            cite: [{text: t, doi: "https://doi.org/10.1234/x"}]
            config: {bioimageio: {nickname: nick, nickname_icon: "🐟"}}
            """)
        let upgraded = GenericUpgrades.upgrade(document)
        #expect(upgraded["format_version"]?.string == "0.2.4")
        #expect(upgraded["name"]?.string == "ab")
        #expect(upgraded["authors"]?[0]?["name"]?.string == "JD")
        #expect(upgraded["authors"]?[1]?["name"]?.string == "xy")
        #expect(upgraded["authors"]?[1]?["github_user"]?.string == "jd")
        #expect(upgraded["cite"]?[0]?["doi"]?.string == "10.1234/x")
        #expect(upgraded["id"]?.string == "nick")
        #expect(upgraded["id_emoji"]?.string == "🐟")
        // Untouched nodes keep their line.
        #expect(upgraded["description"]?.mark.line == 3)
    }

    // Notes §f.1 (0.2 → 0.3 upgrades): attachments.files → [{source}], download_url and
    // rdf_source dropped, disallowed name characters → spaces, plain documentation wrapped.
    @Test func upgradeToV03() throws {
        let document = try node("""
            type: dataset
            format_version: 0.2.4
            name: "a/b: c"
            documentation: README.md
            covers: [c.png]
            icon: "🦈"
            attachments: {files: [x.txt]}
            download_url: https://a.com/x
            rdf_source: rdf.yaml
            """)
        let upgraded = GenericUpgrades.upgradeWithinV03(document)
        #expect(upgraded["format_version"]?.string == "0.3.4")
        #expect(upgraded["name"]?.string == "a b  c")
        #expect(upgraded["documentation"]?["source"]?.string == "README.md")
        #expect(upgraded["covers"]?[0]?["source"]?.string == "c.png")
        #expect(upgraded["icon"]?.string == "🦈")
        #expect(upgraded["attachments"]?[0]?["source"]?.string == "x.txt")
        #expect(upgraded["download_url"] == nil)
        #expect(upgraded["rdf_source"] == nil)
    }

    // A 0.3.4 document is not rewritten (plain strings are errors there, notes §b.0 D3).
    @Test func noWrappingAt034() throws {
        let document = try node("format_version: 0.3.4\ndocumentation: README.md\n")
        #expect(GenericUpgrades.upgradeWithinV03(document)["documentation"]?.string == "README.md")
    }

    // Notes §f.1: a valid dataset gives a typed description; `version_number` moves to `version`.
    @Test func typedDataset() throws {
        let document = try node("""
            type: dataset
            format_version: 0.3.4
            name: Nuclei data
            version_number: 3
            source: https://a.com/data
            """)
        let context = ValidationContext()
        let description = try #require(GenericDescription.validate(document, context: context))
        #expect(description.kind == .dataset)
        #expect(description.metadata.version == "3")
        #expect(description.source == "https://a.com/data")
        let encoded = try JSONEncoder().encode(description)
        #expect(try JSONDecoder().decode(GenericDescription.self, from: encoded) == description)
    }

    // Bad input never crashes: odd shapes everywhere give errors, not traps.
    @Test(arguments: ["[]", "5", "{name: [], description: {}, authors: {}, cite: 5, covers: [[]], license: [], icon: [], badges: 5}"])
    func oddShapes(yaml: String) throws {
        let document = try node(yaml)
        let context = ValidationContext()
        #expect(GenericDescription.validate(document, context: context) == nil)
        #expect(GenericDescriptionV02.validate(document, context: context) == nil)
        #expect(context.errorCount > 0)
    }
}
