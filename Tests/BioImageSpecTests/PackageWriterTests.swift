import Foundation
import Testing
import BioImageYAML
@testable import BioImageSpec

/// PackageWriter: the reference's naming rules (notes §g.3, verified there with the oracle), and
/// corpus packages written by us that re-open with every hash verified and validate with io checks.
@Suite("Package writer")
struct PackageWriterTests {
    /// A reader over a temporary folder holding `files`.
    static func folder(_ files: [String: Data]) throws -> (URL, ResourceReader) {
        let folder = try PackageFixtures.temporaryFolder()
        for (name, data) in files {
            let url = folder.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url)
        }
        return (folder, ResourceReader(root: .folder(folder), descriptionName: "rdf.yaml"))
    }

    @Test("flat names, the _2…_19 clash rule, one copy per source, reserved name (notes §g.3.4)")
    func naming() throws {
        var files: [String: Data] = ["a/t.npy": Data([1]), "b/t.npy": Data([2]), "c/x.tar.gz": Data([3]), "d/x.tar.gz": Data([4])]
        for i in 0..<20 { files["n\(i)/m.npy"] = Data([UInt8(i)]) }
        let (folder, reader) = try Self.folder(files)
        defer { try? FileManager.default.removeItem(at: folder) }
        var packer = PackageWriter.Packer(reader: reader, descriptionName: "rdf.yaml", localFilesOnly: false)
        #expect(try packer.package("a/t.npy").name == "t.npy")
        #expect(try packer.package("b/t.npy").name == "t_2.npy")      // oracle: a/t.npy, b/t.npy → t.npy, t_2.npy
        #expect(try packer.package("a/t.npy").name == "t.npy")        // the same source is stored once
        #expect(try packer.package("c/x.tar.gz").name == "x.tar.gz")
        #expect(try packer.package("d/x.tar.gz").name == "x_2.tar.gz") // the part before the first dot gets the suffix
        #expect(packer.files.map(\.name) == ["t.npy", "t_2.npy", "x.tar.gz", "x_2.tar.gz"])
        for i in 0..<19 { _ = try packer.package("n\(i)/m.npy") }
        do { _ = try packer.package("n19/m.npy"); Issue.record("no error") } catch {
            #expect(error.message == "Too many file name clashes for m.npy")
        }
        do { _ = try packer.package("sub/rdf.yaml"); Issue.record("no error") } catch {
            #expect(error.message == "Reserved file name 'rdf.yaml' not allowed for a file to be packaged")
        }
        var local = PackageWriter.Packer(reader: reader, descriptionName: "rdf.yaml", localFilesOnly: true)
        #expect(try local.package("https://h.org/w.onnx").name == "https://h.org/w.onnx")
    }

    @Test("weights_priority_order keeps the first present format without its parent; none present is an error")
    func weightsPriority() throws {
        let node = try YAMLParser().parse("weights:\n  torchscript:\n    source: a.pt\n    parent: onnx\n  onnx:\n    source: a.onnx\n")
        let kept = try PackageWriter.selectWeights(node, order: ["keras_hdf5", "torchscript", "onnx"])
        #expect(kept["weights"]?.mapping?.stringKeys == ["torchscript"])
        #expect(kept["weights"]?["torchscript"]?["parent"] == nil)
        do { _ = try PackageWriter.selectWeights(node, order: ["keras_hdf5"]); Issue.record("no error") } catch {
            #expect(error.message == "None of the weight formats in `weights_priority_order` (['keras_hdf5']) is present in the given model.")
        }
    }

    /// Writes `package` with `writer`, re-opens the zip, and checks that every hash verifies and the
    /// description validates with io checks; returns the member names.
    static func roundTrip(_ name: String, _ writer: PackageWriter) throws -> [String]? {
        guard let folder = PackageFixtures.folder(name) else { return nil }
        let out = try PackageFixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let zip = out.appendingPathComponent("\(name).zip")
        try writer.write(try ResourceReader(folder: folder), to: zip)
        let reader = try ResourceReader(contentsOf: zip)
        let report = try reader.verifyReferencedFiles()
        #expect(!report.entries.isEmpty && report.allVerified, "\(report.entries.filter { $0.status != .verified })")
        let loaded = try DescriptionLoader(options: ValidationOptions(performIOChecks: true)).load(package: reader)
        #expect(loaded.summary.status != .failed, "\(loaded.summary.issues.filter(\.isError))")
        let archive = try ZipArchive(contentsOf: zip)
        return archive.entries.map(\.name)
    }

    @Test("the package the reference can write (tiktorch__dummy_tensorflow): same members, same order")
    func sameMembersAsReference() throws {
        guard let members = try Self.roundTrip("tiktorch__dummy_tensorflow", PackageWriter()) else { return }
        let reference = PackageFixtures.referenceMembers("tiktorch__dummy_tensorflow")
        #expect(members == reference)
    }

    @Test("nuclei broad 0.5 with onnx weights only: re-opens with all hashes verified, valid with io checks")
    func nucleiBroad() throws {
        guard let members = try Self.roundTrip("spec__unet2d_nuclei_broad", PackageWriter(weightsPriorityOrder: ["onnx"], performIOChecks: false)) else { return }
        #expect(members.last == "bioimageio.yaml")
        #expect(Set(members) == ["README.md", "cover0.png", "test_input.npy", "test_input.png", "test_output.npy", "test_output.png", "weights.onnx", "bioimageio.yaml"])
    }

    @Test("an invalid description is not packaged and nothing is written")
    func invalidNotWritten() throws {
        guard let folder = PackageFixtures.folder("tiktorch__unet2d_onnx") else { return }
        let out = try PackageFixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let zip = out.appendingPathComponent("x.zip")
        do { try PackageWriter().write(try ResourceReader(folder: folder), to: zip); Issue.record("no error") } catch {
            #expect(error.code == .invalidDescription)
            #expect(error.message.hasPrefix("Resource description is invalid:\n- type: Missing field 'type'"))
        }
        do { try PackageWriter().writeFolder(try ResourceReader(folder: folder), to: out.appendingPathComponent("f")) } catch {}
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).isEmpty)
    }

    @Test("save as folder: the same files as the zip")
    func saveAsFolder() throws {
        guard let folder = PackageFixtures.folder("tiktorch__dummy_tensorflow") else { return }
        let out = try PackageFixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let target = out.appendingPathComponent("pkg")
        try PackageWriter().writeFolder(try ResourceReader(folder: folder), to: target)
        let names = try FileManager.default.contentsOfDirectory(atPath: target.path).sorted()
        #expect(names == (PackageFixtures.referenceMembers("tiktorch__dummy_tensorflow") ?? names).sorted())
        #expect(try ResourceReader(folder: target).verifyReferencedFiles().allVerified)
    }
}

extension PackageFixtures {
    /// The member names of the reference's package of `name` (from the manifest), if it wrote one.
    static func referenceMembers(_ name: String) -> [String]? {
        let url = SpecTestPaths.repositoryRoot.appendingPathComponent("Fixtures/packages/manifest.json")
        guard let data = try? Data(contentsOf: url), let list = (try? JSONSerialization.jsonObject(with: data)) as? [[String: Any]],
              let item = list.first(where: { $0["name"] as? String == name }),
              let members = (item["reference_package"] as? [String: Any])?["members"] as? [[String: Any]] else { return nil }
        return members.compactMap { $0["name"] as? String }
    }
}
