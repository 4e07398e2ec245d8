import BioImageSpec
import BioImageTensor
import Foundation

extension ModelTester {
    /// "Reproduce test outputs from test inputs (<format>)": runs the test inputs and compares each
    /// output with its test tensor under ``TestTolerance/select(for:outputID:weightFormat:decimal:)``.
    func reproduce(_ model: PreparedModel, runtime: any ModelRuntime, format: WeightsFormat) -> ModelTestDetail {
        let loc: ModelTestDetail.Location = [.key("weights"), .key(format.rawValue)]
        let name = "Reproduce test outputs from test inputs (\(format.rawValue))"
        var errors: [ModelTestEntry] = []
        var warnings: [ModelTestEntry] = []
        var saved: [String] = []
        func fail(_ message: String) { errors.append(ModelTestEntry(loc: loc, message: message)) }
        do {
            let inputs = try Self.testInputs(of: model)
            let expected = try Self.testOutputs(of: model)
            let plan = try ProcessingPlan(model: model)
            let results = try PredictionPipeline(model: model, runtime: runtime, processing: plan).forward(inputs)
            guard results.members.count == expected.members.count else {
                fail("Expected \(expected.members.count) outputs, but got \(results.members.count)")
                return ModelTestDetail(name: name, loc: loc, errors: errors)
            }
            for output in model.description.outputs {
                guard let wanted = expected[output.id] else { continue }
                guard let actual = results[output.id] else {
                    fail("Output tensors for test case may not be None (the runtime returned no output '\(output.id)')")
                    continue
                }
                guard actual.axes == wanted.axes else {
                    fail("Output '\(output.id)' has dims \(Self.tuple(actual.axes)), but expected \(Self.tuple(wanted.axes))")
                    continue
                }
                guard actual.shape == wanted.shape else {
                    fail("Output '\(output.id)' has shape \(Self.sizes(actual)), but expected \(Self.sizes(wanted))")
                    continue
                }
                let tolerance = TestTolerance.select(for: model, outputID: output.id, weightFormat: format, decimal: options.decimal)
                let comparison = try OutputComparison(outputID: output.id, axes: actual.axes, actual: actual.tensor,
                                                      expected: wanted.tensor, tolerance: tolerance)
                var message = comparison.message
                if comparison.passes {
                    warnings.append(ModelTestEntry(loc: loc, message: message,
                                                   severity: comparison.mismatchedCount > 0 ? .warning : .info))
                } else {
                    if let path = saveArtifact(actual.tensor, name: "actual_output_\(output.id)_\(format.rawValue)") {
                        saved.append(path)
                        message += "\n Saved (intermediate) outputs to ['\(path)']."
                    }
                    errors.append(ModelTestEntry(loc: loc, message: message))
                }
            }
        } catch {
            fail(error.description)
        }
        return ModelTestDetail(name: name, loc: loc, errors: errors, warnings: warnings, savedTensors: saved)
    }

    /// Writes a produced tensor to the artifacts directory; `nil` when there is none or writing failed.
    func saveArtifact(_ tensor: AnyTensor, name: String) -> String? {
        guard let directory = options.artifactsDirectory else { return nil }
        let safe = String(name.map { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" ? $0 : "_" })
        let url = directory.appendingPathComponent(safe + ".npy")
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try NPY.write(tensor, to: url)
        } catch {
            return nil
        }
        return url.path
    }

    /// The test inputs, labelled with the described axes.
    static func testInputs(of model: PreparedModel) throws(RuntimeError) -> Sample {
        var sample = Sample()
        for input in model.description.inputs {
            guard let file = input.testTensor else {
                if input.optional { continue }
                throw RuntimeError(.missingTensor, "input '\(input.id)' has no test tensor", tensor: input.id)
            }
            sample[input.id] = try testTensor(file, axes: input.axes, id: input.id, reader: model.reader)
        }
        return sample
    }

    /// The test outputs, labelled with the described axes.
    static func testOutputs(of model: PreparedModel) throws(RuntimeError) -> Sample {
        var sample = Sample()
        for output in model.description.outputs {
            guard let file = output.testTensor else {
                throw RuntimeError(.missingTensor, "output '\(output.id)' has no test tensor", tensor: output.id)
            }
            sample[output.id] = try testTensor(file, axes: output.axes, id: output.id, reader: model.reader)
        }
        return sample
    }

    /// Reads one `.npy` test tensor (hash-checked) and names its dimensions: in the described
    /// order; a missing leading batch dimension is inserted, extra leading size-1 dimensions dropped.
    static func testTensor(_ file: FileDescription, axes: [Axis], id: String, reader: ResourceReader) throws(RuntimeError) -> LabeledTensor {
        let data: Data
        do { data = try reader.contents(of: file.source, sha256: file.sha256) } catch {
            throw RuntimeError(.resource, "cannot read test tensor '\(file.source)': \(error.description)", tensor: id)
        }
        var tensor: AnyTensor
        do { tensor = try NPY.decode(data) } catch {
            throw RuntimeError(.resource, "test tensor '\(file.source)' is not a valid .npy file: \(error.description)", tensor: id)
        }
        let ids = axes.map(\.id)
        while tensor.shape.count > ids.count, tensor.shape.first == 1 {
            tensor = try wrap(tensor: id) { () throws(TensorError) in try tensor.squeezed(axes: [0]) }
        }
        if tensor.shape.count + 1 == ids.count, case .batch = axes.first {
            tensor = try wrap(tensor: id) { () throws(TensorError) in try tensor.expandingDimensions(at: 0) }
        }
        guard tensor.shape.count == ids.count else {
            throw RuntimeError(.axisMismatch, "test tensor '\(file.source)' has shape \(tensor.shape), but the description has \(ids.count) axes \(ids)",
                               tensor: id)
        }
        return try LabeledTensor(tensor, axes: ids)
    }

    /// Python's tuple repr of axis ids: `('batch', 'channel', 'y', 'x')`.
    static func tuple(_ axes: [String]) -> String {
        "(" + axes.map { "'\($0)'" }.joined(separator: ", ") + (axes.count == 1 ? ",)" : ")")
    }

    /// Python's dict repr of a tensor's sizes: `{'batch': 1, 'y': 12}`.
    static func sizes(_ tensor: LabeledTensor) -> String { dictionary(zip(tensor.axes, tensor.shape).map { ($0, "\($1)") }) }

    /// `{'a': v, …}` in the given order.
    static func dictionary(_ pairs: [(String, String)]) -> String {
        "{" + pairs.map { "'\($0.0)': \($0.1)" }.joined(separator: ", ") + "}"
    }
}
