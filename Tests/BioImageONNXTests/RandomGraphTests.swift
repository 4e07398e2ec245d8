import BioImageTensor
import Foundation
import Testing
@testable import BioImageONNX

/// Random small convolutional networks (`Fixtures/onnx/random/`, made by
/// `Scripts/gen_onnx_random_graphs.py`) must reproduce onnxruntime's output within atol 1e-4,
/// rtol 1e-3. On a mismatch the test runs the graph's `debug.onnx` (every node output exposed) and
/// names the first node whose output shape or sums diverge from onnxruntime's trace.
@Suite struct RandomGraphTests {
    /// One node of a graph's onnxruntime trace.
    struct TraceEntry: Decodable {
        var op: String
        var output: String
        var shape: [Int]
        var sum: Double
        var absSum: Double

        enum CodingKeys: String, CodingKey {
            case op, output, shape, sum
            case absSum = "abs_sum"
        }
    }

    /// The graph folders listed in the manifest (empty when the fixtures are absent).
    static let graphs: [String] = {
        guard let folder = ONNXTestPaths.fixtures?.appendingPathComponent("random/manifest.json"),
              let data = try? Data(contentsOf: folder),
              let entries = try? JSONSerialization.jsonObject(with: data) as? [[String: Any]] else { return [] }
        return entries.compactMap { $0["name"] as? String }
    }()

    @Test func fixturesArePresent() {
        #expect(Self.graphs.count >= 20, "Fixtures/onnx/random/manifest.json lists \(Self.graphs.count) graphs")
    }

    @Test func diagnosisNamesTheFirstDivergingNode() throws {
        // A perturbed input makes the very first node (a Conv) differ from onnxruntime's trace.
        guard let first = Self.graphs.first else { return }
        let folder = try #require(ONNXTestPaths.fixtures).appendingPathComponent("random/\(first)")
        let input = try NPY.read(contentsOf: folder.appendingPathComponent("input.npy")).converted(to: Float.self)
        let report = Self.diagnose(folder, input: AnyTensor(input + 1))
        #expect(report.contains("first divergence at node 0 "), "\(report)")
    }

    @Test(arguments: graphs)
    func matchesOnnxRuntime(_ graph: String) throws {
        let folder = try #require(ONNXTestPaths.fixtures).appendingPathComponent("random/\(graph)")
        let input = try NPY.read(contentsOf: folder.appendingPathComponent("input.npy"))
        let expected = try NPY.read(contentsOf: folder.appendingPathComponent("output.npy"))
        let model: ONNXModel
        do { model = try ONNXModel(contentsOf: folder.appendingPathComponent("model.onnx")) } catch {
            Issue.record("\(graph): loading failed: \(error)")
            return
        }
        let outputs: [String: AnyTensor]
        do { outputs = try model.run(["input": input], threads: 2) } catch {
            Issue.record("\(graph): running failed: \(error)")
            return
        }
        let name = try #require(model.outputs.first?.name)
        let actual = try #require(outputs[name], "\(graph): output '\(name)' missing")
        guard let mismatch = TensorComparison.mismatch(actual, expected, rtol: 1e-3, atol: 1e-4) else { return }
        Issue.record("\(graph): output differs from onnxruntime: \(mismatch); \(Self.diagnose(folder, input: input))")
    }

    /// Names the first node whose output diverges from onnxruntime's trace.
    static func diagnose(_ folder: URL, input: AnyTensor) -> String {
        guard let data = try? Data(contentsOf: folder.appendingPathComponent("trace.json")),
              let trace = try? JSONDecoder().decode([TraceEntry].self, from: data) else { return "no trace.json" }
        let outputs: [String: AnyTensor]
        do { outputs = try ONNXModel(contentsOf: folder.appendingPathComponent("debug.onnx")).run(["input": input], threads: 2) } catch {
            return "debug.onnx failed: \(error)"
        }
        for (index, entry) in trace.enumerated() {
            guard let value = outputs[entry.output] else { return "node \(index) '\(entry.output)' (\(entry.op)): no output" }
            guard value.shape == entry.shape else {
                return "first divergence at node \(index) '\(entry.output)' (\(entry.op)): shape \(value.shape), onnxruntime \(entry.shape)"
            }
            let scalars = value.converted(to: Double.self).scalars
            let sum = scalars.reduce(0, +), absSum = scalars.reduce(0) { $0 + abs($1) }
            let tolerance = 1e-3 * entry.absSum + 1e-4 * Double(scalars.count)
            if abs(sum - entry.sum) > tolerance || abs(absSum - entry.absSum) > tolerance {
                return "first divergence at node \(index) '\(entry.output)' (\(entry.op)): sum \(sum) / |x| sum \(absSum), onnxruntime \(entry.sum) / \(entry.absSum)"
            }
        }
        return "every node's sums match onnxruntime's trace"
    }
}
