import BioImageRuntime
import BioImageSpec
import Foundation

/// The conformance fixtures shipped in the repository's `Fixtures/conformance` (made by
/// `Scripts/gen_conformance_fixtures.py`): small models with test tensors, each with the
/// reference's `test_model` verdict in `expected.json`.
///
/// ```swift
/// let fixtures = try ConformanceSuite.fixtures()
/// print(fixtures.map(\.name))   // ["identity", "affine", …, "fail_wrong_shape", …]
/// ```
public enum ConformanceSuite {
    /// `Fixtures/conformance` of the checkout this module was built from, found from this source
    /// file's path (symlinks resolved) by walking up to the folder holding `Package.swift` and
    /// `Fixtures`; `nil` when it cannot be found (e.g. a binary distribution).
    public static let defaultDirectory: URL? = {
        var url = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent()
        let manager = FileManager.default
        while url.pathComponents.count > 1 {
            let candidate = url.appendingPathComponent("Fixtures/conformance")
            if manager.fileExists(atPath: url.appendingPathComponent("Package.swift").path),
               manager.fileExists(atPath: candidate.appendingPathComponent("expected.json").path) {
                return candidate
            }
            url.deleteLastPathComponent()
        }
        return nil
    }()

    /// Reads the fixtures listed in `directory/expected.json` (default: ``defaultDirectory``).
    /// - Throws: ``ConformanceFailure`` when the directory or its index cannot be read.
    public static func fixtures(at directory: URL? = nil) throws(ConformanceFailure) -> [ConformanceFixture] {
        guard let directory = directory ?? defaultDirectory else {
            throw ConformanceFailure("the conformance fixtures were not found: pass their folder (Fixtures/conformance of the BioImageIO checkout)")
        }
        let index = directory.appendingPathComponent("expected.json")
        let file: IndexFile
        do {
            file = try JSONDecoder().decode(IndexFile.self, from: Data(contentsOf: index))
        } catch {
            throw ConformanceFailure("cannot read \(index.path): \(error)")
        }
        var fixtures: [ConformanceFixture] = []
        for entry in file.fixtures {
            guard let format = WeightsFormat(rawValue: entry.weight_format) else {
                throw ConformanceFailure("\(index.path): fixture '\(entry.name)' has unknown weight format '\(entry.weight_format)'")
            }
            fixtures.append(ConformanceFixture(
                name: entry.name, summary: entry.what, url: directory.appendingPathComponent(entry.name), weightFormat: format,
                format: entry.format, needsProcessing: entry.needs_processing,
                referenceStatus: entry.reference_status == "passed" ? .passed : .failed,
                referenceDetails: entry.details.map { .init(name: $0.name, status: $0.status == "passed" ? .passed : .failed) },
                function: entry.function))
        }
        return fixtures
    }

    /// The layout of `expected.json`.
    private struct IndexFile: Decodable {
        struct Entry: Decodable {
            struct Detail: Decodable {
                var name: String
                var status: String
            }
            var name: String
            var what: String
            var weight_format: String
            var format: String
            var needs_processing: Bool
            var function: [String: ConformanceFunction]
            var reference_status: String
            var details: [Detail]
        }
        var fixtures: [Entry]
    }
}
