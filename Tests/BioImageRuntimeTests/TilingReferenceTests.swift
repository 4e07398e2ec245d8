import BioImageSpec
import BioImageTensor
import Foundation
import Testing

@testable import BioImageRuntime

/// Tiled and whole-sample predictions compared with bioimageio.core 0.11.0 running an ONNX 5×5 box
/// filter (`Fixtures/runtime/tiling`, made by `Scripts/gen_tiling_fixtures.py`): same outputs
/// (≤ 1e-6: ONNX Runtime's convolution sums in another order) and the same number of blocks.
@Suite("Runtime: tiling against bioimageio.core")
struct TilingReferenceTests {
    struct Case: Decodable, Sendable, CustomTestStringConvertible {
        var name = ""
        var input: String
        var pad: String
        var blockParameter: Int?
        var blocks: Int
        var outputs: [String: String]
        var testDescription: String { name }
        enum CodingKeys: String, CodingKey { case input, pad, blockParameter, blocks, outputs }
    }

    static let folder: URL = {
        var url = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent()
        while url.path != "/" {
            let manager = FileManager.default
            if manager.fileExists(atPath: url.appendingPathComponent("Package.swift").path),
               manager.fileExists(atPath: url.appendingPathComponent("Fixtures").path) { break }
            url.deleteLastPathComponent()
        }
        return url.appendingPathComponent("Fixtures/runtime/tiling")
    }()

    static let cases: [Case] = {
        guard let data = try? Data(contentsOf: folder.appendingPathComponent("index.json")),
              let index = try? JSONDecoder().decode([String: Case].self, from: data) else { return [] }
        return index.keys.sorted().compactMap { key in index[key].map { var entry = $0; entry.name = key; return entry } }
    }()

    @Test func fixturesArePresent() {
        #expect(Self.cases.count == 6)
    }

    @Test(arguments: cases)
    func matchesCore(_ fixture: Case) throws {
        let pad: Padding = fixture.pad == "reflect" ? .reflect : .symmetric
        let made = BoxFilterModels.make(outputs: [BoxFilterModels.Output(id: "out", kind: .same, halo: 4),
                                                  BoxFilterModels.Output(id: "down", kind: .downsampled(2), halo: 2)],
                                        pad: fixture.pad == "symmetric" ? nil : pad)
        let pipeline = try PredictionPipeline(model: made.model, runtime: made.runtime)
        let input = try NPY.read(contentsOf: Self.folder.appendingPathComponent(fixture.input))
        let sample = Sample(["raw": try LabeledTensor(input, axes: ["batch", "channel", "y", "x"])])
        let log = ProgressLog()
        let tiling = fixture.blockParameter.map { TilingOptions(blockParameter: $0) }
        let result = try pipeline.predict(sample, tiling: tiling) { log.append($0) }
        #expect(log.reports.last == BlockProgress(completed: fixture.blocks, total: fixture.blocks))
        for (id, file) in fixture.outputs.sorted(by: { $0.key < $1.key }) {
            let expected = try NPY.read(contentsOf: Self.folder.appendingPathComponent(file)).tensor(of: Float.self)
            let actual = try #require(result[id]).tensor.tensor(of: Float.self)
            #expect(actual.shape == expected.shape, "\(id)")
            guard actual.shape == expected.shape else { continue }
            let worst = zip(actual.scalars, expected.scalars).map { abs($0 - $1) }.max() ?? 0
            #expect(worst <= 1e-6, "\(id): max |difference| \(worst)")
        }
    }
}
