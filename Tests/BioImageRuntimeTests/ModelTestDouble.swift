import BioImageRuntime
import BioImageSpec
import BioImageTensor
import Foundation

/// The conformance fixtures (`Fixtures/conformance`, made by `Scripts/gen_conformance_fixtures.py`)
/// and the reference's verdicts on them (`expected.json`).
struct ModelTestFixtureFile: Decodable {
    struct Fixture: Decodable {
        struct Detail: Decodable {
            struct Entry: Decodable { var msg: String }
            var name: String
            var status: String
            var errors: [Entry]
            var warnings: [Entry]
        }
        var name: String
        var format: String
        var needs_processing: Bool
        var function: [String: ModelTestFunction]
        var reference_status: String
        var details: [Detail]
    }
    var fixtures: [Fixture]

    /// The repository root, found from this file's path (`Tests/BioImageRuntimeTests/…`).
    static let repositoryRoot: URL = {
        var url = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url
    }()

    static let directory = repositoryRoot.appendingPathComponent("Fixtures/conformance")

    static func load() throws -> ModelTestFixtureFile {
        try JSONDecoder().decode(ModelTestFixtureFile.self, from: Data(contentsOf: directory.appendingPathComponent("expected.json")))
    }

    static let names: [String] = (try? load().fixtures.map(\.name)) ?? []
}

/// What one output of a fixture network computes (the `function` entries of expected.json).
struct ModelTestFunction: Decodable, Sendable {
    var op: String
    var input: String?
    var inputs: [String]?
    var scale: Float?
    var offset: Float?
    var size: Int?
    var border: Int?
}

/// A test-double runtime: computes each fixture's function in plain Swift on float32 tensors
/// (NCHW, or CHW without batch), registered for `onnx`. It reads the weights file (hash-checked)
/// so a missing or corrupt file still fails as a real adapter would.
struct ModelTestFunctionAdapter: RuntimeAdapter {
    var functions: [String: ModelTestFunction]
    var name: String { "function-double" }
    var weightFormats: [WeightsFormat] { [.onnx] }

    func load(_ model: PreparedModel, weights: WeightsEntry, options: RuntimeOptions) throws(RuntimeError) -> any ModelRuntime {
        do { _ = try model.reader.contents(of: weights.source, sha256: weights.sha256) } catch {
            throw RuntimeError(.loadFailed, error.description)
        }
        return ModelTestFunctionRuntime(functions: functions)
    }
}

struct ModelTestFunctionRuntime: ModelRuntime {
    var functions: [String: ModelTestFunction]

    func run(_ inputs: [String: AnyTensor]) throws(RuntimeError) -> [String: AnyTensor] {
        var outputs: [String: AnyTensor] = [:]
        for (id, function) in functions {
            outputs[id] = AnyTensor(try Self.evaluate(function, inputs: inputs, output: id))
        }
        return outputs
    }

    static func argument(_ name: String?, _ inputs: [String: AnyTensor], output: String) throws(RuntimeError) -> Tensor<Float> {
        guard let name, let tensor = inputs[name] else { throw RuntimeError(.missingTensor, "no input '\(name ?? "?")'", tensor: output) }
        return tensor.converted(to: Float.self)
    }

    static func evaluate(_ f: ModelTestFunction, inputs: [String: AnyTensor], output: String) throws(RuntimeError) -> Tensor<Float> {
        switch f.op {
        case "affine":
            let x = try argument(f.input, inputs, output: output)
            let scale = f.scale ?? 1, offset = f.offset ?? 0
            return make(x.shape, x.scalars.map { $0 * scale + offset })
        case "sigmoid":
            let x = try argument(f.input, inputs, output: output)
            return make(x.shape, x.scalars.map { 1 / (1 + exp(-$0)) })
        case "add":
            let names = f.inputs ?? []
            guard names.count == 2 else { throw RuntimeError(.executionFailed, "add needs two inputs", tensor: output) }
            let a = try argument(names[0], inputs, output: output), b = try argument(names[1], inputs, output: output)
            guard a.shape == b.shape else { throw RuntimeError(.invalidSize, "add: shapes \(a.shape) and \(b.shape)", tensor: output) }
            return make(a.shape, zip(a.scalars, b.scalars).map { $0 + $1 })
        case "box":
            return try box(try argument(f.input, inputs, output: output), size: f.size ?? 3, output: output)
        case "crop":
            let x = try argument(f.input, inputs, output: output)
            let border = f.border ?? 0
            var ranges = x.shape.map { 0..<$0 }
            for axis in [x.shape.count - 2, x.shape.count - 1] {
                guard x.shape[axis] > 2 * border else { throw RuntimeError(.invalidSize, "crop: too small", tensor: output) }
                ranges[axis] = border..<(x.shape[axis] - border)
            }
            return try wrapped(output) { () throws(TensorError) in try x.slice(ranges) }
        default:
            throw RuntimeError(.executionFailed, "unknown op '\(f.op)'", tensor: output)
        }
    }

    /// k×k mean over the last two axes with zero padding ("same"), dividing by k² everywhere,
    /// as the fixture's ONNX Conv (constant weights 1/k², pads k/2) does.
    static func box(_ x: Tensor<Float>, size k: Int, output: String) throws(RuntimeError) -> Tensor<Float> {
        guard x.shape.count >= 2 else { throw RuntimeError(.invalidSize, "box: rank < 2", tensor: output) }
        let h = x.shape[x.shape.count - 2], w = x.shape[x.shape.count - 1]
        let planes = x.count / max(h * w, 1)
        let half = k / 2
        var out = [Float](repeating: 0, count: x.count)
        let values = x.scalars
        for p in 0..<planes {
            let base = p * h * w
            for i in 0..<h {
                for j in 0..<w {
                    var sum: Float = 0
                    for di in -half...half where i + di >= 0 && i + di < h {
                        for dj in -half...half where j + dj >= 0 && j + dj < w {
                            sum += values[base + (i + di) * w + j + dj]
                        }
                    }
                    out[base + i * w + j] = sum / Float(k * k)
                }
            }
        }
        return make(x.shape, out)
    }

    static func make(_ shape: [Int], _ scalars: [Float]) -> Tensor<Float> {
        (try? Tensor<Float>(shape: shape, scalars: scalars)) ?? Tensor<Float>(scalars)
    }

    static func wrapped<T>(_ output: String, _ body: () throws(TensorError) -> T) throws(RuntimeError) -> T {
        do { return try body() } catch { throw RuntimeError(error, tensor: output) }
    }
}

extension ModelTestFixtureFile.Fixture {
    /// A tester whose registry holds the double for this fixture's function.
    func tester(options: ModelTester.Options = ModelTester.Options()) -> ModelTester {
        ModelTester(registry: RuntimeRegistry([ModelTestFunctionAdapter(functions: function)]), options: options)
    }

    var url: URL { ModelTestFixtureFile.directory.appendingPathComponent(name) }
}

/// Whether the processing layer really runs steps (the tester's dev build uses a pass-through stub):
/// a `binarize` postprocessing must turn 0.7 into `true`.
let modelTestProcessingIsImplemented: Bool = {
    let url = ModelTestFixtureFile.directory.appendingPathComponent("uint8_processing")
    guard let model = try? PreparedModel(contentsOf: url, performIOChecks: false),
          let plan = try? ProcessingPlan(model: model),
          let raw = try? LabeledTensor(Tensor<UInt8>(shape: [1, 1, 1, 2], scalars: [10, 200]), axes: ["batch", "channel", "y", "x"]),
          let statistics = try? plan.inputStatistics(for: Sample(["raw": raw])),
          let tensor = try? LabeledTensor(Tensor<Float>(shape: [1, 1, 1, 1], scalars: [0.7]), axes: ["batch", "channel", "y", "x"]),
          let all = try? plan.outputStatistics(for: Sample(["mask": tensor]), adding: statistics),
          let processed = try? plan.postprocess(Sample(["mask": tensor]), statistics: all) else { return false }
    return processed["mask"]?.dtype == .bool
}()
