import BioImageRuntime
import BioImageSpec
import BioImageTensor
import Foundation

/// A test-double adapter that computes each conformance fixture's documented
/// ``ConformanceFunction`` in plain Swift instead of running its ONNX file: a known-good baseline
/// for the kit itself, and a small example of a ``RuntimeAdapter``.
///
/// It claims `onnx`, finds the fixture by the model's `name`, and reads (and hash-checks) the
/// weights file, so a missing or corrupt file fails as with a real engine.
///
/// ```swift
/// try ConformanceChecker(adapter: ConformanceFunctionAdapter(fixtures: ConformanceSuite.fixtures())).check()
/// ```
public struct ConformanceFunctionAdapter: RuntimeAdapter {
    /// The functions, by model name.
    public var functions: [String: [String: ConformanceFunction]]

    /// Creates the adapter for `fixtures`.
    public init(fixtures: [ConformanceFixture]) {
        functions = Dictionary(fixtures.map { ($0.name, $0.function) }, uniquingKeysWith: { first, _ in first })
    }

    /// `conformance-functions`.
    public var name: String { "conformance-functions" }

    /// `onnx`.
    public var weightFormats: [WeightsFormat] { [.onnx] }

    /// Reads the weights file and returns a runtime computing the model's functions.
    public func load(_ model: PreparedModel, weights: WeightsEntry, options: RuntimeOptions) throws(RuntimeError) -> any ModelRuntime {
        guard let outputs = functions[model.description.name] else {
            throw RuntimeError(.loadFailed, "'\(model.description.name)' is not a conformance fixture", model: model.displayName)
        }
        do { _ = try model.reader.contents(of: weights.source, sha256: weights.sha256) } catch {
            throw RuntimeError(.loadFailed, error.description, model: model.displayName)
        }
        return FunctionRuntime(outputs: outputs)
    }

    /// Evaluates the functions on float32 inputs.
    struct FunctionRuntime: ModelRuntime {
        var outputs: [String: ConformanceFunction]

        func run(_ inputs: [String: AnyTensor]) throws(RuntimeError) -> [String: AnyTensor] {
            var result: [String: AnyTensor] = [:]
            for (id, function) in outputs {
                result[id] = AnyTensor(try evaluate(function, inputs, output: id))
            }
            return result
        }

        func argument(_ name: String?, _ inputs: [String: AnyTensor], output: String) throws(RuntimeError) -> Tensor<Float> {
            guard let name, let tensor = inputs[name] else {
                throw RuntimeError(.missingTensor, "the function needs input '\(name ?? "?")'", tensor: output)
            }
            return tensor.converted(to: Float.self)
        }

        func evaluate(_ f: ConformanceFunction, _ inputs: [String: AnyTensor], output: String) throws(RuntimeError) -> Tensor<Float> {
            switch f.op {
            case "affine":
                let x = try argument(f.input, inputs, output: output)
                let scale = Float(f.scale ?? 1), offset = Float(f.offset ?? 0)
                return try tensor(x.shape, x.scalars.map { $0 * scale + offset }, output)
            case "sigmoid":
                let x = try argument(f.input, inputs, output: output)
                return try tensor(x.shape, x.scalars.map { 1 / (1 + Float(exp(Double(-$0)))) }, output)
            case "add":
                let names = f.inputs ?? []
                guard names.count == 2 else { throw RuntimeError(.executionFailed, "add takes two inputs, got \(names)", tensor: output) }
                let a = try argument(names[0], inputs, output: output), b = try argument(names[1], inputs, output: output)
                guard a.shape == b.shape else {
                    throw RuntimeError(.invalidSize, "add: input shapes \(a.shape) and \(b.shape) differ", tensor: output)
                }
                return try tensor(a.shape, zip(a.scalars, b.scalars).map { $0 + $1 }, output)
            case "box":
                return try box(try argument(f.input, inputs, output: output), size: f.size ?? 3, output: output)
            case "crop":
                let x = try argument(f.input, inputs, output: output)
                let border = f.border ?? 0
                var ranges = x.shape.map { 0..<$0 }
                guard x.shape.count >= 2 else { throw RuntimeError(.invalidSize, "crop needs two spatial axes", tensor: output) }
                for axis in (x.shape.count - 2)..<x.shape.count {
                    guard x.shape[axis] > 2 * border else {
                        throw RuntimeError(.invalidSize, "crop: size \(x.shape[axis]) is not larger than twice the border \(border)", tensor: output)
                    }
                    ranges[axis] = border..<(x.shape[axis] - border)
                }
                do { return try x.slice(ranges) } catch { throw RuntimeError(error, tensor: output) }
            default:
                throw RuntimeError(.executionFailed, "unknown conformance function '\(f.op)'", tensor: output)
            }
        }

        /// k×k mean over the last two axes, zero padding, same size.
        func box(_ x: Tensor<Float>, size k: Int, output: String) throws(RuntimeError) -> Tensor<Float> {
            guard x.shape.count >= 2, k > 0 else { throw RuntimeError(.invalidSize, "box needs two spatial axes and a positive size", tensor: output) }
            let h = x.shape[x.shape.count - 2], w = x.shape[x.shape.count - 1]
            guard h > 0, w > 0 else { return x }
            let planes = x.count / (h * w)
            let half = k / 2
            let scale = 1 / Float(k * k)
            var out = [Float](repeating: 0, count: x.count)
            x.withUnsafeBufferPointer { values in
                for p in 0..<planes {
                    let base = p * h * w
                    for i in 0..<h {
                        for j in 0..<w {
                            var sum: Float = 0
                            for di in max(-half, -i)...min(half, h - 1 - i) {
                                for dj in max(-half, -j)...min(half, w - 1 - j) {
                                    sum += values[base + (i + di) * w + j + dj]
                                }
                            }
                            out[base + i * w + j] = sum * scale
                        }
                    }
                }
            }
            return try tensor(x.shape, out, output)
        }

        func tensor(_ shape: [Int], _ scalars: [Float], _ output: String) throws(RuntimeError) -> Tensor<Float> {
            do { return try Tensor<Float>(shape: shape, scalars: scalars) } catch { throw RuntimeError(error, tensor: output) }
        }
    }
}
