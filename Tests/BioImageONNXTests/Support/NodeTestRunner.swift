import BioImageTensor
import Foundation
import BioImageONNX

/// Runs the official ONNX backend node tests (`onnx-node-tests/node/<test>/`): loads `model.onnx`,
/// feeds `test_data_set_0/input_K.pb` to graph input K and compares the outputs with `output_K.pb`.
///
/// Operator helpers can run one test while iterating: `NodeTestRunner.run(named: "test_relu")`.
enum NodeTestRunner {
    /// The operators the runtime is expected to support (the list).
    static let listedOperators: Set<String> = [
        "Conv", "ConvTranspose", "MaxPool", "AveragePool", "GlobalAveragePool", "GlobalMaxPool", "BatchNormalization",
        "InstanceNormalization", "Relu", "LeakyRelu", "Elu", "Selu", "PRelu", "Sigmoid", "HardSigmoid", "Tanh", "Softmax",
        "LogSoftmax", "Clip", "Resize", "Upsample", "Concat", "Split", "Slice", "Pad", "Reshape", "Flatten", "Transpose",
        "Squeeze", "Unsqueeze", "Expand", "Tile", "Shape", "Size", "Gather", "Cast", "Constant", "ConstantOfShape",
        "Identity", "Dropout", "Add", "Sub", "Mul", "Div", "Pow", "Sqrt", "Exp", "Log", "Abs", "Neg", "Reciprocal",
        "Floor", "Ceil", "Round", "Min", "Max", "Sum", "Mean", "Equal", "Less", "Greater", "Not", "And", "Or", "Where",
        "ReduceMean", "ReduceSum", "ReduceMax", "ReduceMin", "ArgMax", "MatMul", "Gemm", "Erf", "Range",
    ]

    /// One node test: its folder and the operators its graph uses.
    struct Case: Sendable, CustomStringConvertible {
        var name: String
        var directory: URL
        var operators: [String]
        var description: String { name }
    }

    /// What happened to one test.
    enum Outcome: Sendable {
        case passed
        case failed(String)
        case skipped(String)
    }

    /// Every test whose nodes all use listed operators of the default domain, sorted by name.
    /// Tests whose model cannot be decoded are included (with no operators) so the failure shows.
    static func listedCases(in root: URL) -> [Case] {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []).sorted()
        var cases: [Case] = []
        for name in names where name.hasPrefix("test_") {
            let directory = root.appendingPathComponent(name)
            guard let data = try? Data(contentsOf: directory.appendingPathComponent("model.onnx")) else { continue }
            guard let model = try? ModelProto(serialized: [UInt8](data)), let graph = model.graph else {
                cases.append(Case(name: name, directory: directory, operators: []))
                continue
            }
            let listed = !graph.nodes.isEmpty && graph.nodes.allSatisfy {
                ($0.domain.isEmpty || $0.domain == "ai.onnx") && listedOperators.contains($0.opType)
            }
            if listed { cases.append(Case(name: name, directory: directory, operators: Array(Set(graph.nodes.map(\.opType))).sorted())) }
        }
        return cases
    }

    /// The listed cases selected by `filter`: comma-separated operator names (`Conv,Relu`, matching a
    /// test that uses the operator) or test-name prefixes (`test_conv_`); `nil` or empty selects all.
    static func selectedCases(in root: URL, filter: String? = ProcessInfo.processInfo.environment["ONNX_NODE_TESTS"]) -> [Case] {
        let all = listedCases(in: root)
        let entries = (filter ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !entries.isEmpty else { return all }
        return all.filter { test in entries.contains { test.operators.contains($0) || test.name.hasPrefix($0) || test.name == $0 } }
    }

    /// Runs the test called `name` from the shared node tests (skipped when they are absent).
    static func run(named name: String) -> Outcome {
        guard let root = ONNXTestPaths.nodeTests else { return .skipped("../shared/onnx-node-tests is absent") }
        return run(Case(name: name, directory: root.appendingPathComponent(name), operators: []))
    }

    /// Loads, runs and compares one test (skip list not consulted).
    static func run(_ test: Case, rtol: Double = 1e-3, atol: Double = 1e-7) -> Outcome {
        let modelData: Data
        do { modelData = try Data(contentsOf: test.directory.appendingPathComponent("model.onnx")) } catch {
            return .failed("cannot read model.onnx: \(error.localizedDescription)")
        }
        let graph: GraphProto
        do {
            guard let decoded = try ModelProto(serialized: [UInt8](modelData)).graph else { return .failed("the model has no graph") }
            graph = decoded
        } catch { return .failed("decoding model.onnx: \(error)") }
        let dataSet = test.directory.appendingPathComponent("test_data_set_0")
        let inputs: [AnyTensor], expected: [AnyTensor]
        do {
            inputs = try tensors(in: dataSet, prefix: "input_")
            expected = try tensors(in: dataSet, prefix: "output_")
        } catch { return .failed("reading test data: \(error)") }
        let initialized = Set(graph.initializers.map(\.name))
        let inputNames = graph.inputs.map(\.name).filter { !initialized.contains($0) }
        guard inputs.count <= graph.inputs.count else {
            return .failed("\(inputs.count) input files for \(graph.inputs.count) graph inputs")
        }
        guard expected.count == graph.outputs.count else {
            return .failed("\(expected.count) output files for \(graph.outputs.count) graph outputs")
        }
        let model: ONNXModel
        do { model = try ONNXModel(data: modelData) } catch { return .failed("load: \(error)") }
        var feed: [String: AnyTensor] = [:]
        for (index, tensor) in inputs.enumerated() {
            feed[index < inputNames.count ? inputNames[index] : graph.inputs[index].name] = tensor
        }
        let outputs: [String: AnyTensor]
        do { outputs = try model.run(feed, threads: 2) } catch { return .failed("run: \(error)") }
        var problems: [String] = []
        for (index, output) in graph.outputs.enumerated() {
            guard let actual = outputs[output.name] else { problems.append("output '\(output.name)' missing"); continue }
            if let mismatch = TensorComparison.mismatch(actual, expected[index], rtol: rtol, atol: atol) {
                problems.append("output '\(output.name)': \(mismatch)")
            }
        }
        return problems.isEmpty ? .passed : .failed(problems.joined(separator: "; "))
    }

    /// The tensors `<prefix>0.pb`, `<prefix>1.pb`, … of a data set folder, in order.
    static func tensors(in folder: URL, prefix: String) throws -> [AnyTensor] {
        var result: [AnyTensor] = []
        while true {
            let url = folder.appendingPathComponent("\(prefix)\(result.count).pb")
            guard let data = FileManager.default.contents(atPath: url.path) else { return result }
            result.append(try TensorProto(serialized: [UInt8](data)).tensor())
        }
    }
}
